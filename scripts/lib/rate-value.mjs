// @ts-check
// The mtree value of a prefix: the loader's side of src/billing/deck.ts (decodeRateEntry),
// which documents the format. One short line per prefix, stored once in shared memory:
//   <plan>|<prefix>|<destination>|<rate>[|<rate>...]
//   rate = connectFee,price,unitSeconds,firstIncrement,nextIncrement[,maxCost[,weekdays[,from,until[,tiers]]]]
// e.g. "default|86|China|0,500,1,1,1" (0.05 per second, 1/1 increments, no connect fee).

/**
 * The shape of src/billing/rate.ts's Rate, money in minor units.
 * @typedef {{ fromSecond: number, price: number }} RateTier
 * @typedef {{ weekdays?: number[], fromSecond: number, untilSecond: number }} RateWindow
 * @typedef {{ id: string, connectFee: number, price: number, unitSeconds: number, firstIncrement: number, nextIncrement: number, tiers?: RateTier[], maxCost?: number, windows?: RateWindow[] }} Rate
 * @typedef {{ plan: string, prefix: string, destination: string, rates: Rate[] }} RateEntry
 */

/** "%" and "|" of a destination name as %25 and %7C: nothing else needs escaping. @param {string} text */
export const escapeText = (text) => text.replace(/[%|]/g, (c) => (c === "%" ? "%25" : "%7C"));

/** @param {Rate} rate */
function encodeRate(rate) {
  const window = rate.windows?.[0];
  const timed = window !== undefined && (window.fromSecond !== 0 || window.untilSecond !== 0);
  const fields = [
    rate.connectFee,
    rate.price,
    rate.unitSeconds,
    rate.firstIncrement,
    rate.nextIncrement,
    rate.maxCost ?? "",
    window?.weekdays?.join("") ?? "",
    timed ? window.fromSecond / 60 : "",
    timed ? window.untilSecond / 60 : "",
    rate.tiers?.map((t) => `${t.fromSecond}:${t.price}`).join(";") ?? "",
  ].map(String);
  while (fields.length > 5 && fields[fields.length - 1] === "") fields.pop();
  return fields.join(",");
}

/**
 * The mtree value of an entry. Its rates must be what the CSV loader makes (at most one
 * window each, windows on whole minutes): the decoder gives the ids back from the order.
 * @param {RateEntry} entry
 */
export function encodeRateEntry(entry) {
  return [entry.plan, entry.prefix, escapeText(entry.destination), ...entry.rates.map(encodeRate)].join("|");
}
