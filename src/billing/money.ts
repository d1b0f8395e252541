// Money is a whole number of minor units: 1 minor unit = 1/10000 of the currency unit, so
// 0.05 is 500 and 6.00 is 60000. Amounts are integers, never fractions of a minor unit:
// rating rounds once, to the minor unit, at the end (cost.ts).

import { floorDiv, floorMod } from "./integer";

/** An amount in minor units (an integer, 1/10000 of the currency unit). */
export type Money = number;

/** Minor units in one currency unit: the scale of every Money value. */
export const MINOR_PER_UNIT = 10000;

/** Digits after the decimal point that MINOR_PER_UNIT represents. */
const SCALE_DIGITS = 4;
/** At most 11 integer digits: 10^11 units are 10^15 minor units, well below 2^53. */
const MAX_INTEGER_DIGITS = 11;

/**
 * A decimal amount ("6", "0.05", "1.2345") in minor units, read digit by digit with no
 * float: undefined for a sign, an exponent, more than 4 decimals or 11 integer digits.
 */
export function parseMoney(text: string): Money | undefined {
  const [units, decimals] = string.match(text, "^(%d+)%.?(%d*)$");
  if (units === undefined || decimals === undefined) return undefined;
  if (units.length > MAX_INTEGER_DIGITS || decimals.length > SCALE_DIGITS) return undefined;
  if (decimals === "" && string.sub(text, -1) === ".") return undefined;
  const padded = decimals + string.rep("0", SCALE_DIGITS - decimals.length);
  return (tonumber(units) ?? 0) * MINOR_PER_UNIT + (tonumber(padded) ?? 0);
}

/**
 * Minor units as a decimal amount with 2 to 4 decimals (trailing zeros beyond the second
 * dropped): 60000 is "6.00", 500 is "0.05", 5 is "0.0005", -12345 is "-1.2345".
 */
export function formatMoney(amount: Money): string {
  const sign = amount < 0 ? "-" : "";
  const magnitude = amount < 0 ? -amount : amount;
  const units = floorDiv(magnitude, MINOR_PER_UNIT);
  const fraction = magnitude - units * MINOR_PER_UNIT;
  if (floorMod(fraction, 100) === 0) return string.format("%s%d.%02d", sign, units, fraction / 100); // exact: a multiple of 100
  if (floorMod(fraction, 10) === 0) return string.format("%s%d.%03d", sign, units, fraction / 10);
  return string.format("%s%d.%04d", sign, units, fraction);
}
