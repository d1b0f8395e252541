// @ts-check
// Rate plans from CSV files (format in README.md, "Rate plans"): read, validated row by row with
// an error naming the file, the line and the column, and grouped per prefix into the entries
// that become mtree values (rate-value.mjs). The range checks are those of src/billing/rate.ts
// rateProblem (the limits below are its constants; test/static/rate-value.test.mjs checks).
import { readFileSync, statSync } from "node:fs";
import { formatMoney, parseMoney } from "./money.mjs";

/** @typedef {import("./rate-value.mjs").Rate} Rate @typedef {import("./rate-value.mjs").RateEntry} RateEntry */

/** src/billing/rate.ts: MAX_PRICE (minor units), MAX_INCREMENT (seconds), MAX_DURATION_MS. */
export const RATE_LIMITS = Object.freeze({ maxPrice: 1e9, maxIncrement: 86400, maxDurationMs: 2147483647 });
/** What one plan file may hold: 2M rows (a 1M-row deck loads in seconds), 256 MiB. */
export const PLAN_LIMITS = Object.freeze({ maxRows: 2_000_000, maxBytes: 256 * 1024 * 1024, ratesPerPrefix: 32, tiersPerRate: 16, destinationLength: 64 });
/** Problems reported per file before its reading stops. */
const MAX_PROBLEMS = 50;

/** The columns, in the order of the documentation; `required` ones must be in the header. */
export const RATE_COLUMNS = Object.freeze([
  { name: "prefix", required: true },
  { name: "destination", required: true },
  { name: "connect_fee", required: false },
  { name: "price", required: true },
  { name: "unit_seconds", required: true },
  { name: "first_increment", required: true },
  { name: "next_increment", required: true },
  { name: "tiers", required: false },
  { name: "max_cost", required: false },
  { name: "weekdays", required: false },
  { name: "time_from", required: false },
  { name: "time_until", required: false },
]);

export class RatePlanError extends Error {
  /** @param {string[]} problems "file:line: column: message" lines */
  constructor(problems) {
    super(`rate plans not loaded:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

const PREFIX = /^[1-9]\d{0,14}$/;
const SECONDS = /^\d{1,6}$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKDAYS = /^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/;
const CONTROL = /[\x00-\x1f\x7f]/;

/** A value for a message: quoted, cut to 40 characters. @param {string} value */
const shown = (value) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);

/** A problem with one column's value: the row reader adds the file and the line. */
export class FieldProblem extends Error {
  /** @param {string} column @param {string} message */
  constructor(column, message) {
    super(`${column}: ${message}`);
  }
}

/** @param {string} value @param {string} column @param {number} max minor units */
function money(value, column, max) {
  const amount = parseMoney(value);
  if (amount === undefined) throw new FieldProblem(column, `must be a decimal amount with at most 4 decimals, e.g. 0.05 (got ${shown(value)})`);
  if (amount > max) throw new FieldProblem(column, `must be at most ${formatMoney(max)} (got ${shown(value)})`);
  return amount;
}

/** @param {string} value @param {string} column */
function increment(value, column) {
  const seconds = SECONDS.test(value) ? Number(value) : 0;
  if (seconds < 1 || seconds > RATE_LIMITS.maxIncrement) throw new FieldProblem(column, `must be whole seconds from 1 to ${RATE_LIMITS.maxIncrement} (got ${shown(value)})`);
  return seconds;
}

/** "60:0.04;600:0.03": from_second strictly increasing. @param {string} value */
function tiers(value) {
  const parts = value.split(";");
  if (parts.length > PLAN_LIMITS.tiersPerRate) throw new FieldProblem("tiers", `must have at most ${PLAN_LIMITS.tiersPerRate} tiers (got ${parts.length})`);
  let previous = 0;
  return parts.map((part, i) => {
    const match = /^(\d{1,10}):(.*)$/.exec(part);
    if (!match) throw new FieldProblem("tiers", `must be "from_second:price" pairs separated by ";", e.g. "60:0.04;600:0.03" (got ${shown(value)})`);
    const fromSecond = Number(match[1]);
    if (fromSecond <= previous || fromSecond > RATE_LIMITS.maxDurationMs) {
      throw new FieldProblem("tiers", `tier ${i + 1}: from_second must be whole seconds above ${previous}${i > 0 ? " (the tier before)" : ""} (got ${shown(part)})`);
    }
    previous = fromSecond;
    return { fromSecond, price: money(match[2], `tiers: tier ${i + 1}: price`, RATE_LIMITS.maxPrice) };
  });
}

/** "1-5", "6,7", "1-3,5": ISO weekdays, sorted. @param {string} value */
export function weekdays(value) {
  const hint = `must be ISO weekdays 1 (Monday) to 7 (Sunday), single or ascending ranges separated by ",", e.g. "1-5" or "6,7" (got ${shown(value)})`;
  if (!WEEKDAYS.test(value)) throw new FieldProblem("weekdays", hint);
  /** @type {Set<number>} */
  const days = new Set();
  for (const part of value.split(",")) {
    const [from, until = from] = part.split("-").map(Number);
    if (until < from) throw new FieldProblem("weekdays", hint);
    for (let day = from; day <= until; day++) {
      if (days.has(day)) throw new FieldProblem("weekdays", `lists day ${day} twice (got ${shown(value)})`);
      days.add(day);
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** "HH:MM" as seconds of the day; "24:00" (86400) only for time_until. @param {string} value @param {"time_from" | "time_until"} column */
export function timeOfDay(value, column) {
  const endOfDay = column === "time_until";
  if (endOfDay && value === "24:00") return 86400;
  const match = TIME.exec(value);
  if (!match) throw new FieldProblem(column, `must be a time HH:MM from 00:00 to ${endOfDay ? "24:00" : "23:59"} (got ${shown(value)})`);
  return Number(match[1]) * 3600 + Number(match[2]) * 60;
}

/** @typedef {Record<string, number>} ColumnIndex each column's position in the header, -1 when absent */

/** The value of a column ("" when the header lacks it). @param {string[]} fields @param {number} index */
const valueAt = (fields, index) => (index < 0 ? "" : fields[index]);

/**
 * One data row as a rate without id, its prefix, destination and window key ("" without
 * window). Throws a FieldProblem naming the column.
 * @param {string[]} fields @param {ColumnIndex} at
 */
function readRow(fields, at) {
  const prefix = fields[at.prefix];
  if (!PREFIX.test(prefix)) throw new FieldProblem("prefix", `must be 1 to 15 digits of an E.164 number, country code first, not starting with 0, e.g. 8613 (got ${shown(prefix)})`);
  const destination = fields[at.destination];
  if (destination === "" || destination.length > PLAN_LIMITS.destinationLength * 2 || [...destination].length > PLAN_LIMITS.destinationLength || CONTROL.test(destination)) {
    throw new FieldProblem("destination", `must be 1 to ${PLAN_LIMITS.destinationLength} characters without control characters (got ${shown(destination)})`);
  }
  const connectFee = valueAt(fields, at.connect_fee);
  /** @type {Rate} */
  const rate = {
    id: "",
    connectFee: connectFee === "" ? 0 : money(connectFee, "connect_fee", RATE_LIMITS.maxPrice),
    price: money(fields[at.price], "price", RATE_LIMITS.maxPrice),
    unitSeconds: increment(fields[at.unit_seconds], "unit_seconds"),
    firstIncrement: increment(fields[at.first_increment], "first_increment"),
    nextIncrement: increment(fields[at.next_increment], "next_increment"),
  };
  const tierText = valueAt(fields, at.tiers);
  if (tierText !== "") rate.tiers = tiers(tierText);
  const maxCost = valueAt(fields, at.max_cost);
  if (maxCost !== "") rate.maxCost = money(maxCost, "max_cost", RATE_LIMITS.maxPrice * RATE_LIMITS.maxIncrement);
  const dayText = valueAt(fields, at.weekdays);
  const fromText = valueAt(fields, at.time_from);
  const untilText = valueAt(fields, at.time_until);
  if (dayText === "" && fromText === "" && untilText === "") return { prefix, destination, rate, window: "" };
  const days = dayText === "" ? undefined : weekdays(dayText);
  if ((fromText === "") !== (untilText === "")) {
    throw new FieldProblem(fromText === "" ? "time_from" : "time_until", "must be set when the other of time_from and time_until is: both or neither");
  }
  const from = fromText === "" ? 0 : timeOfDay(fromText, "time_from");
  const until = untilText === "" ? 0 : timeOfDay(untilText, "time_until");
  if (fromText !== "" && from === until) throw new FieldProblem("time_until", `must differ from time_from (got ${shown(untilText)}); leave both empty for the whole day`);
  rate.windows = [days === undefined ? { fromSecond: from, untilSecond: until } : { weekdays: days, fromSecond: from, untilSecond: until }];
  return { prefix, destination, rate, window: `${days?.join("") ?? ""}/${from}-${until}` };
}

/**
 * The records of a CSV text (RFC 4180: "," separated, quoted fields with "" for a quote and
 * line breaks inside, LF or CRLF, a leading BOM); blank lines are skipped. `visit` gets each
 * record's first line number and fields; `problem` a malformed record (then its line is
 * skipped). Stops when `visit` or `problem` returns false.
 * @param {string} text
 * @param {(line: number, fields: string[]) => boolean} visit
 * @param {(line: number, message: string) => boolean} problem
 */
export function forEachCsvRecord(text, visit, problem) {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const raw = text.charCodeAt(end - 1) === 13 && end > pos ? text.slice(pos, end - 1) : text.slice(pos, end);
    if (!raw.includes('"')) {
      pos = end + 1;
      line++;
      if (raw !== "" && !visit(line - 1, raw.split(","))) return;
      continue;
    }
    const record = quotedRecord(text, pos);
    if ("error" in record) {
      if (!problem(line, record.error)) return;
      pos = end + 1;
      line++;
      continue;
    }
    if (!visit(line, record.fields)) return;
    line += record.lines;
    pos = record.next;
  }
}

/**
 * One record with quoted fields, from `pos`: its fields, the position after it and the lines
 * it spans, or an error.
 * @param {string} text @param {number} pos
 * @returns {{ fields: string[], next: number, lines: number } | { error: string }}
 */
function quotedRecord(text, pos) {
  const fields = [];
  let lines = 1;
  let i = pos;
  for (;;) {
    let value;
    if (text[i] === '"') {
      value = "";
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) return { error: "a quoted field is never closed (a missing '\"')" };
        value += text.slice(i, close);
        if (text[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      lines += value.split("\n").length - 1;
      if (i < text.length && text[i] !== "," && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")) {
        return { error: "a quoted field must end at its closing quote (write a quote inside it as \"\")" };
      }
    } else {
      const match = /[,\n"]/g;
      match.lastIndex = i;
      const found = match.exec(text);
      const stop = found ? found.index : text.length;
      if (found?.[0] === '"') return { error: "a quote inside an unquoted field (quote the whole field, a quote inside as \"\")" };
      value = text.slice(i, text[stop - 1] === "\r" && text[stop] !== "," ? stop - 1 : stop);
      i = stop;
    }
    fields.push(value);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text[i] === "\r") i++;
    return { fields, next: i + 1, lines };
  }
}

/**
 * @typedef {{ destination: string, line: number, windowed: { rate: Rate, window: string, line: number }[] | null, fallback: Rate | null, fallbackLine: number }} PrefixGroup
 *   a prefix's rows: with a window in file order, and the one without
 */

/**
 * Reads a plan's CSV text into its entries, one per prefix in the order of their first row;
 * a prefix's rows with a window (weekdays and/or times) keep their order and its row without
 * window comes last (selectRate takes the first that holds). Rate ids: "<plan>:<prefix>:<n>".
 * @param {string} text @param {{ plan: string, file: string }} source `file` as errors name it
 * @returns {{ entries: RateEntry[], problems: string[] }}
 */
export function parseRatePlan(text, { plan, file }) {
  /** @type {string[]} */
  const problems = [];
  const report = (/** @type {number} */ line, /** @type {string} */ message) => {
    problems.push(`${file}:${line}: ${message}`);
    if (problems.length < MAX_PROBLEMS) return true;
    problems.push(`${file}: reading stopped after ${MAX_PROBLEMS} problems`);
    return false;
  };
  /** @type {Map<string, PrefixGroup>} */
  const groups = new Map();
  /** @type {ColumnIndex | null} */
  let at = null;
  let columns = 0;
  let rows = 0;
  forEachCsvRecord(
    text,
    (line, fields) => {
      if (at === null) {
        // A bad header gives every row's columns the wrong names: report it alone.
        for (const message of headerProblems(fields)) if (!report(line, `header: ${message}`)) break;
        at = Object.fromEntries(RATE_COLUMNS.map((c) => [c.name, fields.indexOf(c.name)]));
        columns = fields.length;
        return problems.length === 0;
      }
      if (++rows > PLAN_LIMITS.maxRows) return report(line, `more than ${PLAN_LIMITS.maxRows} rate rows`) && false;
      if (fields.length !== columns) return report(line, `has ${fields.length} fields where the header has ${columns}`);
      let read;
      try {
        read = readRow(fields, at);
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        return report(line, error.message);
      }
      const problem = addRow(groups, read, line);
      return problem === null || report(line, problem);
    },
    report,
  );
  if (at === null) report(1, "header: missing: the first line must name the columns, e.g. prefix,destination,price,unit_seconds,first_increment,next_increment");
  else if (rows === 0 && problems.length === 0) report(2, "no rate rows: a plan needs at least one");
  if (problems.length > 0) return { entries: [], problems };
  /** @type {RateEntry[]} */
  const entries = [];
  for (const [prefix, group] of groups) {
    const rates = group.windowed === null ? [] : group.windowed.map((w) => w.rate);
    if (group.fallback !== null) rates.push(group.fallback);
    rates.forEach((rate, i) => (rate.id = `${plan}:${prefix}:${i + 1}`));
    entries.push({ plan, prefix, destination: group.destination, rates });
  }
  return { entries, problems };
}

/** @param {string[]} names */
function headerProblems(names) {
  const known = RATE_COLUMNS.map((c) => c.name);
  const problems = [];
  names.forEach((name, i) => {
    if (!known.includes(name)) problems.push(`unknown column ${shown(name)} (columns: ${known.join(", ")})`);
    else if (names.indexOf(name) !== i) problems.push(`column ${shown(name)} appears twice`);
  });
  for (const column of RATE_COLUMNS) {
    if (column.required && !names.includes(column.name)) problems.push(`missing column "${column.name}"`);
  }
  return problems;
}

/**
 * Adds a valid row to its prefix's group (one destination per prefix, one rate per window),
 * or says why it cannot.
 * @param {Map<string, PrefixGroup>} groups @param {ReturnType<typeof readRow>} read @param {number} line
 * @returns {string | null}
 */
function addRow(groups, { prefix, destination, rate, window }, line) {
  const group = groups.get(prefix);
  if (group === undefined) {
    groups.set(prefix, window === ""
      ? { destination, line, windowed: null, fallback: rate, fallbackLine: line }
      : { destination, line, windowed: [{ rate, window, line }], fallback: null, fallbackLine: 0 });
    return null;
  }
  if (group.destination !== destination) {
    return `destination: prefix ${prefix} is ${shown(group.destination)} on line ${group.line} (got ${shown(destination)}): one destination per prefix`;
  }
  if (window === "") {
    if (group.fallback !== null) return `prefix: ${prefix} already has a rate without weekdays or times on line ${group.fallbackLine}`;
    group.fallback = rate;
    group.fallbackLine = line;
    return null;
  }
  const windowed = group.windowed ?? (group.windowed = []);
  const same = windowed.find((w) => w.window === window);
  if (same) return `prefix: ${prefix} already has a rate for these weekdays and times on line ${same.line}`;
  if (windowed.length + (group.fallback === null ? 0 : 1) >= PLAN_LIMITS.ratesPerPrefix) return `prefix: ${prefix} has more than ${PLAN_LIMITS.ratesPerPrefix} rates`;
  windowed.push({ rate, window, line });
  return null;
}

/**
 * Reads and validates a plan file. Throws RatePlanError naming the file (as `display`), the
 * line and the column.
 * @param {string} path @param {{ plan: string, display?: string }} options
 * @returns {RateEntry[]}
 */
export function loadRatePlan(path, { plan, display = path }) {
  let text;
  try {
    const size = statSync(path).size;
    if (size > PLAN_LIMITS.maxBytes) throw new RatePlanError([`${display}: ${Math.ceil(size / 1048576)} MiB, more than the ${PLAN_LIMITS.maxBytes / 1048576} MiB a plan file may have`]);
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof RatePlanError) throw error;
    throw new RatePlanError([`${display}: cannot read the file: ${/** @type {Error} */ (error).message}`]);
  }
  const { entries, problems } = parseRatePlan(text, { plan, file: display });
  if (problems.length > 0) throw new RatePlanError(problems);
  return entries;
}
