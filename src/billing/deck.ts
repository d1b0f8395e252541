// A destination's rates as the loader stores them in Kamailio's mtree (shared memory, one copy
// for every worker): one string per prefix, decoded here (once per worker: rate-cache.ts).
//
// The value (written by scripts/lib/rate-value.mjs, documented in README.md, "Rate plans"):
//   <plan>|<prefix>|<destination>|<rate>[|<rate>...]
//   rate = connectFee,price,unitSeconds,firstIncrement,nextIncrement[,maxCost[,weekdays[,from,until[,tiers]]]]
// Money in minor units; weekdays as ISO digits ("12345"); from/until in minutes of the day
// (until 1440 = midnight at the end of the day); tiers "fromSecond:price;..."; empty or
// dropped trailing fields are absent. The destination has "%" and "|" escaped as %25, %7C.
// Rates come in the order selectRate tries them (windowed first, the fallback last).

import type { Rate, RateTier, RateWindow } from "./rate";
import { rateProblem } from "./rate";

/** The rates of the longest prefix that matched a dialled number. */
export interface RateEntry {
  /** The rate plan (mtree tree name) the entry was loaded for. */
  plan: string;
  /** The matched prefix: E.164 digits, country code first. */
  prefix: string;
  destination: string;
  /** selectRate's order; each id is "<plan>:<prefix>:<position from 1>". */
  rates: Rate[];
}

const ENTRY_SEPARATOR = "|";
const RATE_SEPARATOR = ",";
const TIER_SEPARATOR = ";";
const TIER_PRICE_SEPARATOR = ":";
/** Longer digit runs could lose precision as Lua numbers (doubles): no valid field has them. */
const MAX_NUMBER_DIGITS = 15;
const MINUTES_PER_DAY = 1440;
/** string.byte of "1" and "7": ISO weekday digits. */
const DIGIT_ONE = 49;
const DIGIT_SEVEN = 55;

/** A whole number written in decimal digits only, or undefined. */
function wholeNumber(text: string): number | undefined {
  if (text.length > MAX_NUMBER_DIGITS || string.find(text, "^%d+$")[0] === undefined) return undefined;
  return tonumber(text);
}

function hexByte(hex: string): string {
  return string.char(tonumber(hex, 16) ?? 0);
}

/** The destination as written in the CSV: %XX escapes decoded. */
function unescapeText(text: string): string {
  if (string.find(text, "%", 1, true)[0] === undefined) return text;
  const [decoded] = string.gsub(text, "%%(%x%x)", hexByte);
  return decoded;
}

/** Tiers "60:400;600:300", or undefined when malformed. */
function decodeTiers(text: string): RateTier[] | undefined {
  const tiers: RateTier[] = [];
  let start = 1;
  while (true) {
    const [stop] = string.find(text, TIER_SEPARATOR, start, true);
    const last = stop === undefined ? text.length : stop - 1;
    const [colon] = string.find(text, TIER_PRICE_SEPARATOR, start, true);
    if (colon === undefined || colon > last) return undefined;
    const fromSecond = wholeNumber(string.sub(text, start, colon - 1));
    const price = wholeNumber(string.sub(text, colon + 1, last));
    if (fromSecond === undefined || price === undefined) return undefined;
    tiers[tiers.length] = { fromSecond, price };
    if (stop === undefined) break;
    start = stop + 1;
  }
  return tiers;
}

/** The window of fields 7-9 (weekdays, from and until minutes, not all empty), or undefined when malformed. */
function decodeWindow(weekdayText: string, fromText: string, untilText: string): RateWindow | undefined {
  let fromSecond = 0;
  let untilSecond = 0;
  if (fromText !== "" || untilText !== "") {
    const fromMinute = wholeNumber(fromText);
    const untilMinute = wholeNumber(untilText);
    if (fromMinute === undefined || untilMinute === undefined || fromMinute >= MINUTES_PER_DAY || untilMinute > MINUTES_PER_DAY) return undefined;
    fromSecond = fromMinute * 60;
    untilSecond = untilMinute * 60;
  }
  if (weekdayText === "") return { fromSecond, untilSecond };
  const weekdays: number[] = [];
  for (let i = 1; i <= weekdayText.length; i++) {
    const digit = string.byte(weekdayText, i);
    if (digit < DIGIT_ONE || digit > DIGIT_SEVEN) return undefined;
    weekdays[weekdays.length] = digit - DIGIT_ONE + 1;
  }
  return { weekdays, fromSecond, untilSecond };
}

/** One rate's comma-separated fields, or undefined when malformed or not a usable rate. */
function decodeRate(text: string, id: string): Rate | undefined {
  const fields: string[] = [];
  let start = 1;
  while (true) {
    const [stop] = string.find(text, RATE_SEPARATOR, start, true);
    fields[fields.length] = string.sub(text, start, stop === undefined ? -1 : stop - 1);
    if (stop === undefined) break;
    start = stop + 1;
  }
  const count = fields.length;
  if (count < 5 || count > 10) return undefined;
  const connectFee = wholeNumber(fields[0]);
  const price = wholeNumber(fields[1]);
  const unitSeconds = wholeNumber(fields[2]);
  const firstIncrement = wholeNumber(fields[3]);
  const nextIncrement = wholeNumber(fields[4]);
  if (connectFee === undefined || price === undefined || unitSeconds === undefined || firstIncrement === undefined || nextIncrement === undefined) {
    return undefined;
  }
  const rate: Rate = { id, connectFee, price, unitSeconds, firstIncrement, nextIncrement };
  const maxCostText = count > 5 ? fields[5] : "";
  if (maxCostText !== "") {
    rate.maxCost = wholeNumber(maxCostText);
    if (rate.maxCost === undefined) return undefined;
  }
  const weekdayText = count > 6 ? fields[6] : "";
  const fromText = count > 7 ? fields[7] : "";
  const untilText = count > 8 ? fields[8] : "";
  if (weekdayText !== "" || fromText !== "" || untilText !== "") {
    const window = decodeWindow(weekdayText, fromText, untilText);
    if (window === undefined) return undefined;
    rate.windows = [window];
  }
  const tierText = count > 9 ? fields[9] : "";
  if (tierText !== "") {
    rate.tiers = decodeTiers(tierText);
    if (rate.tiers === undefined) return undefined;
  }
  if (rateProblem(rate) !== undefined) return undefined;
  return rate;
}

/**
 * The entry of an mtree value (the loader's format above), or undefined when the value is
 * malformed or any of its rates unusable (rateProblem): never throws. Rate ids are
 * "<plan>:<prefix>:<position>", e.g. "default:86:1".
 */
export function decodeRateEntry(value: string): RateEntry | undefined {
  if (type(value) !== "string") return undefined;
  const [planEnd] = string.find(value, ENTRY_SEPARATOR, 1, true);
  if (planEnd === undefined) return undefined;
  const [prefixEnd] = string.find(value, ENTRY_SEPARATOR, planEnd + 1, true);
  if (prefixEnd === undefined) return undefined;
  const [destinationEnd] = string.find(value, ENTRY_SEPARATOR, prefixEnd + 1, true);
  if (destinationEnd === undefined) return undefined;
  const plan = string.sub(value, 1, planEnd - 1);
  const prefix = string.sub(value, planEnd + 1, prefixEnd - 1);
  if (string.find(plan, "^[%w_%-]+$")[0] === undefined || string.find(prefix, "^%d+$")[0] === undefined) return undefined;
  const rates: Rate[] = [];
  let start = destinationEnd + 1;
  while (true) {
    const [stop] = string.find(value, ENTRY_SEPARATOR, start, true);
    const rate = decodeRate(string.sub(value, start, stop === undefined ? -1 : stop - 1), `${plan}:${prefix}:${rates.length + 1}`);
    if (rate === undefined) return undefined;
    rates[rates.length] = rate;
    if (stop === undefined) break;
    start = stop + 1;
  }
  return { plan, prefix, destination: unescapeText(string.sub(value, prefixEnd + 1, destinationEnd - 1)), rates };
}
