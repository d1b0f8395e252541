// What a destination charges: the shape of a rate and the limits that keep its arithmetic
// exact. rateProblem is for loaders (CSV, config): a rate it accepts can be rated without
// any intermediate value reaching 2^53.

import type { Money } from "./money";

/** From `fromSecond` (of billable time) on, `price` replaces the price before it. */
export interface RateTier {
  fromSecond: number;
  price: Money;
}

/**
 * A time-of-day window, in the local time of rating (windows.ts): seconds of the day, from
 * `fromSecond` included to `untilSecond` excluded (86400 = midnight at the end of the day).
 * untilSecond < fromSecond wraps past midnight (22:00 to 06:00); equal means the whole day.
 * `weekdays`: ISO numbers, 1 = Monday ... 7 = Sunday; absent means every day.
 */
export interface RateWindow {
  weekdays?: number[];
  fromSecond: number;
  untilSecond: number;
}

export interface Rate {
  id: string;
  /** Charged once for every answered call, even one of 0 ms. */
  connectFee: Money;
  /** Price of `unitSeconds` seconds of billable time, from its first second on. */
  price: Money;
  /** The unit the price is for: 1 = per second, 60 = per minute. */
  unitSeconds: number;
  /** Billing increments in seconds: 1/1, 60/60, 30/6, 60/1 are first/next. */
  firstIncrement: number;
  nextIncrement: number;
  /** Later prices by billable second, fromSecond strictly increasing and > 0. */
  tiers?: RateTier[];
  /** Most a call may cost, connect fee included; absent: no cap. */
  maxCost?: Money;
  /** When the rate applies; absent or empty: always. */
  windows?: RateWindow[];
}

/**
 * Limits of a rate and a call. The largest intermediate value is the sum of billable seconds
 * times price: (MAX_DURATION_MS / 1000 + MAX_INCREMENT) * MAX_PRICE is about 2.2e15, doubled
 * at most once in rounding: below 2^53 (9.0e15), so every integer stays exact.
 */
export const MAX_PRICE: Money = 1e9; // 100000 currency units per unit
export const MAX_INCREMENT = 86400; // seconds, also the largest unitSeconds
/** 2^31 - 1 ms (24.8 days): a longer duration is rated as this long (cost.ts). */
export const MAX_DURATION_MS = 2147483647;

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return type(value) === "number" && math.floor(value as number) === value && (value as number) >= min && (value as number) <= max;
}

/** Why a rate cannot be used ("price: ..."), or undefined when it can. */
export function rateProblem(rate: Rate): string | undefined {
  if (type(rate.id) !== "string" || rate.id === "") return "id: must be a non-empty string";
  if (!isIntegerIn(rate.connectFee, 0, MAX_PRICE)) return `connectFee: must be whole minor units from 0 to ${MAX_PRICE}`;
  if (!isIntegerIn(rate.price, 0, MAX_PRICE)) return `price: must be whole minor units from 0 to ${MAX_PRICE}`;
  if (!isIntegerIn(rate.unitSeconds, 1, MAX_INCREMENT)) return `unitSeconds: must be whole seconds from 1 to ${MAX_INCREMENT}`;
  if (!isIntegerIn(rate.firstIncrement, 1, MAX_INCREMENT)) return `firstIncrement: must be whole seconds from 1 to ${MAX_INCREMENT}`;
  if (!isIntegerIn(rate.nextIncrement, 1, MAX_INCREMENT)) return `nextIncrement: must be whole seconds from 1 to ${MAX_INCREMENT}`;
  if (rate.maxCost !== undefined && !isIntegerIn(rate.maxCost, 0, MAX_PRICE * MAX_INCREMENT)) {
    return `maxCost: must be whole minor units from 0 to ${MAX_PRICE * MAX_INCREMENT}`;
  }
  const tiers = rate.tiers;
  if (tiers !== undefined) {
    let previous = 0;
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i];
      if (!isIntegerIn(tier.fromSecond, previous + 1, MAX_DURATION_MS)) {
        return `tiers[${i}].fromSecond: must be whole seconds, above ${previous}`;
      }
      if (!isIntegerIn(tier.price, 0, MAX_PRICE)) return `tiers[${i}].price: must be whole minor units from 0 to ${MAX_PRICE}`;
      previous = tier.fromSecond;
    }
  }
  const windows = rate.windows;
  if (windows !== undefined) {
    for (let i = 0; i < windows.length; i++) {
      const window = windows[i];
      if (!isIntegerIn(window.fromSecond, 0, 86399)) return `windows[${i}].fromSecond: must be whole seconds from 0 to 86399`;
      if (!isIntegerIn(window.untilSecond, 0, 86400)) return `windows[${i}].untilSecond: must be whole seconds from 0 to 86400`;
      const weekdays = window.weekdays;
      if (weekdays !== undefined) {
        for (let d = 0; d < weekdays.length; d++) {
          if (!isIntegerIn(weekdays[d], 1, 7)) return `windows[${i}].weekdays[${d}]: must be 1 (Monday) to 7 (Sunday)`;
        }
      }
    }
  }
  return undefined;
}
