// Prepaid calls: how much of a balance a call reserves when it starts, and how long that
// lets it last. The reservation is settled when the call ends (routes/billing.ts).

import { floorDiv } from "./integer";
import type { Money } from "./money";
import { costOfSeconds } from "./cost";
import type { Rate } from "./rate";

/**
 * The most billable seconds, at most `maxSeconds`, that `funds` pay for at `rate`: a whole
 * first increment and whole next increments (cost is non-decreasing in seconds, so a binary
 * search over the number of next increments finds it in O(log n) costs). 0 when the funds do
 * not pay the first increment (connect fee included) or maxSeconds is shorter than it.
 */
export function affordableSeconds(rate: Rate, funds: Money, maxSeconds: number): number {
  const first = rate.firstIncrement;
  if (maxSeconds < first || costOfSeconds(rate, first) > funds) return 0;
  const next = rate.nextIncrement;
  let low = 0; // next increments known affordable
  let high = floorDiv(maxSeconds - first, next); // most that fit in maxSeconds
  while (low < high) {
    const middle = low + math.ceil((high - low) / 2);
    if (costOfSeconds(rate, first + middle * next) <= funds) low = middle;
    else high = middle - 1;
  }
  return first + low * next;
}

/**
 * What a new prepaid call asks to reserve: the cost of its longest possible call
 * (maxSeconds, as billed), and the least it needs to start: its first increment.
 */
export function reservationWanted(rate: Rate, maxSeconds: number): LuaMultiReturn<[Money, Money]> {
  const first = rate.firstIncrement;
  const next = rate.nextIncrement;
  const longest = maxSeconds <= first ? first : first + floorDiv(maxSeconds - first, next) * next;
  return $multi(costOfSeconds(rate, longest), costOfSeconds(rate, first));
}
