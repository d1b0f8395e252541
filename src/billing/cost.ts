// Cost of an answered call from its rate and duration, rounded once.

import { divRoundHalfUp } from "./integer";
import { billableSeconds } from "./increments";
import type { Money } from "./money";
import type { Rate } from "./rate";

/**
 * Cost of `seconds` billable seconds: connect fee + the exact sum over the tiers of
 * seconds-in-tier * price / unitSeconds, kept as one integer numerator over unitSeconds and
 * rounded once, half up, to the minor unit (1/10000 of the currency unit); then capped at
 * maxCost. Per-increment rounding is never applied: at 0.0005 per minute, 90 s in 1/1
 * increments costs 0.00075, rounded to 0.0008, where rounding each second would give 0.
 */
export function costOfSeconds(rate: Rate, seconds: number): Money {
  let numerator = 0;
  let from = 0;
  let price = rate.price;
  const tiers = rate.tiers;
  if (tiers !== undefined) {
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i];
      if (tier.fromSecond >= seconds) break;
      numerator = numerator + (tier.fromSecond - from) * price;
      from = tier.fromSecond;
      price = tier.price;
    }
  }
  numerator = numerator + (seconds - from) * price;
  const total = rate.connectFee + divRoundHalfUp(numerator, rate.unitSeconds);
  const cap = rate.maxCost;
  return cap !== undefined && total > cap ? cap : total;
}

/**
 * Cost of an answered call of `durationMs` milliseconds (answer to end): its billable
 * seconds by the rate's increments (increments.ts), then costOfSeconds.
 */
export function callCost(rate: Rate, durationMs: number): Money {
  return costOfSeconds(rate, billableSeconds(rate, durationMs));
}
