// Billable seconds of an answered call, from its duration in milliseconds.

import { ceilDiv } from "./integer";
import { MAX_DURATION_MS, type Rate } from "./rate";

/**
 * The rules:
 * - a started second counts: the duration is rounded up to whole seconds (1 ms is 1 s,
 *   1000 ms is 1 s, 1001 ms is 2 s);
 * - 0 ms (or less) is 0 billable seconds: the call costs its connect fee only;
 * - else the first increment is billed whole, then whole next increments:
 *   seconds <= first: first; else first + ceil((seconds - first) / next) * next.
 * So with 30/6: 1 ms to 30 s bill 30 s, 31 s bills 36 s; with 60/60: 61 s bills 120 s.
 * Durations above MAX_DURATION_MS (24.8 days) are billed as MAX_DURATION_MS, which keeps the
 * cost's arithmetic exact (rate.ts); dialog timeouts end calls long before.
 */
export function billableSeconds(rate: Rate, durationMs: number): number {
  if (durationMs <= 0) return 0;
  const seconds = ceilDiv(durationMs > MAX_DURATION_MS ? MAX_DURATION_MS : durationMs, 1000);
  const first = rate.firstIncrement;
  if (seconds <= first) return first;
  const next = rate.nextIncrement;
  return first + ceilDiv(seconds - first, next) * next;
}
