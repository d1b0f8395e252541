// @ts-check
// Money as the loaders read it: decimal amounts ("0.05", "6", "1.2345") to whole minor units,
// 1/10000 of the currency unit, the scale of src/billing/money.ts. Same rules as its
// parseMoney (test/static/rate-value.test.mjs compares them): digits, at most one ".", at most
// 4 decimals and 11 integer digits; no sign, no exponent, no separators.

/** Minor units in one currency unit (src/billing/money.ts MINOR_PER_UNIT). */
export const MINOR_PER_UNIT = 10000;

const MONEY = /^(\d{1,11})(?:\.(\d{1,4}))?$/;

/** The amount in minor units, or undefined when `text` is not such a decimal. @param {unknown} text */
export function parseMoney(text) {
  const match = typeof text === "string" ? MONEY.exec(text) : null;
  if (!match) return undefined;
  return Number(match[1]) * MINOR_PER_UNIT + Number((match[2] ?? "").padEnd(4, "0"));
}

/** Minor units as a decimal with 2 to 4 decimals, for messages: 500 is "0.05". @param {number} minor */
export function formatMoney(minor) {
  const units = Math.floor(minor / MINOR_PER_UNIT);
  const fraction = String(minor - units * MINOR_PER_UNIT).padStart(4, "0").replace(/0{1,2}$/, "");
  return `${units}.${fraction}`;
}
