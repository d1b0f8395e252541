// @ts-check
// The CDR summary of `npm run ctl -- cdrs`: calls, answered calls, minutes and revenue for a
// period, in total, per account and per destination, read from the CDR table (SQLite file or
// PostgreSQL URL). Amounts stay integers (minor units, 1/10000) until they are printed.
import { spawnSync } from "node:child_process";
import { psql } from "./postgres.mjs";

/**
 * @typedef {{ calls: number, answered: number, billableSeconds: number, revenue: number }} Totals
 * @typedef {{ from: string, until: string, total: Totals, byAccount: Record<string, Totals>, byDestination: Record<string, Totals> }} CdrSummary
 */

/** SQL of the totals of the CDRs started in [fromMs, untilMs), grouped by `groupBy` (or none). */
function totalsSql(/** @type {number} */ fromMs, /** @type {number} */ untilMs, /** @type {string | null} */ groupBy) {
  const key = groupBy === null ? "''" : groupBy;
  return `SELECT ${key} AS k, count(*) AS calls, sum(CASE WHEN sip_code = 200 THEN 1 ELSE 0 END) AS answered, ` +
    `coalesce(sum(billable_seconds), 0) AS billable, coalesce(sum(cost), 0) AS revenue FROM cdr ` +
    `WHERE start_ms >= ${Math.trunc(fromMs)} AND start_ms < ${Math.trunc(untilMs)}` +
    (groupBy === null ? "" : ` GROUP BY ${groupBy} ORDER BY ${groupBy}`);
}

/** Rows of a query as [key, calls, answered, billable, revenue] from SQLite or PostgreSQL. */
function rows(/** @type {{ sqlite?: string, postgres?: string }} */ source, /** @type {string} */ sql) {
  let text;
  if (source.postgres !== undefined) text = psql(source.postgres, `${sql};`);
  else {
    const r = spawnSync("sqlite3", ["-readonly", "-separator", "\t", String(source.sqlite), `${sql};`], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`sqlite3 ${source.sqlite}: ${r.stderr || r.error?.message}`);
    text = r.stdout;
  }
  return text.split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
}

/** @param {string[]} row @returns {Totals} */
const totals = (row) => ({ calls: Number(row[1]), answered: Number(row[2]), billableSeconds: Number(row[3]), revenue: Number(row[4]) });

/**
 * @param {{ sqlite?: string, postgres?: string }} source
 * @param {{ fromMs: number, untilMs: number }} period
 * @returns {CdrSummary}
 */
export function cdrSummary(source, { fromMs, untilMs }) {
  const grouped = (/** @type {string} */ column) =>
    Object.fromEntries(rows(source, totalsSql(fromMs, untilMs, column)).map((row) => [row[0], totals(row)]));
  return {
    from: new Date(fromMs).toISOString(),
    until: new Date(untilMs).toISOString(),
    total: totals(rows(source, totalsSql(fromMs, untilMs, null))[0] ?? ["", "0", "0", "0", "0"]),
    byAccount: grouped("account"),
    byDestination: grouped("destination"),
  };
}

/** Minor units as a decimal amount with 2 decimals or more (as the billing line prints them). */
export function formatAmount(/** @type {number} */ minor) {
  const text = (minor / 10000).toFixed(4).replace(/(\.\d\d\d?)0+$/, "$1").replace(/(\.\d\d)0$/, "$1");
  return text;
}

/** @param {CdrSummary} s */
export function cdrSummaryText(s) {
  const line = (/** @type {string} */ name, /** @type {Totals} */ t) =>
    `${name.padEnd(24)} ${String(t.calls).padStart(7)} ${String(t.answered).padStart(8)} ${(t.billableSeconds / 60).toFixed(1).padStart(9)} ${formatAmount(t.revenue).padStart(12)}`;
  const header = `${"".padEnd(24)} ${"calls".padStart(7)} ${"answered".padStart(8)} ${"minutes".padStart(9)} ${"revenue".padStart(12)}`;
  return [
    `CDRs started from ${s.from} until ${s.until}`,
    header,
    line("total", s.total),
    "by account (\"\" = trusted peers)",
    ...Object.entries(s.byAccount).map(([k, t]) => line(`  "${k}"`, t)),
    "by destination",
    ...Object.entries(s.byDestination).map(([k, t]) => line(`  ${k === "" ? "(no rate)" : k}`, t)),
  ].join("\n");
}
