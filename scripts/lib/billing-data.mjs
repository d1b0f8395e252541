// @ts-check
// What Kamailio reads for billing from the SQLite database, built from a validated deployment
// config: the mtree rows (one tree per rate plan, value = rate-value.mjs's encoding, plus the
// `highcost` tree of fraud.highCostPrefixes) and the `accounts` htable rows of each enabled
// account's policy. Every plan file is read and validated first: one bad file and nothing is
// built (RatePlanError naming file, line and column).
import { relative, sep } from "node:path";
import { HIGH_COST_TREE } from "./billing-config.mjs";
import { RatePlanError, loadRatePlan } from "./rate-csv.mjs";
import { encodeRateEntry } from "./rate-value.mjs";

/** @typedef {import("./deployment-config.mjs").DeploymentConfig} DeploymentConfig */
/**
 * @typedef {[tname: string, tprefix: string, tvalue: string]} MtreeRow
 * @typedef {[keyName: string, valueType: 0 | 1, keyValue: string]} PolicyRow htable value_type 0 string, 1 integer
 * @typedef {{ mtrees: MtreeRow[], policy: PolicyRow[], prefixes: Record<string, number> }} BillingData
 *   prefixes: the number of prefixes of each tree
 */

/** The htable (kamailio.cfg) of the account policy, and its key suffixes ("<user>::plan"). */
export const POLICY_HTABLE = "accounts";
export const POLICY_KEYS = Object.freeze({
  plan: "plan",
  prepaid: "prepaid",
  highCost: "highcost",
  maxCalls: "maxcalls",
  spendWarning: "spend_warn",
  spendCritical: "spend_crit",
});

/**
 * Private memory (MB) Kamailio needs to load the mtree rows: db_sqlite cannot fetch in steps,
 * so mtree's load (at start and on mtree.reload) holds the whole table at once in the private
 * memory of one process. Measured with Kamailio 5.6.3 and 43-byte values: 20k rows load with
 * -M 16 and 30k do not; 50k with 32; 100k with 64 and not 48: about 4 MB plus 480 bytes and
 * the row's own bytes per row.
 * @param {MtreeRow[]} rows
 */
export function privateMemoryNeededMb(rows) {
  let bytes = 4 * 1048576;
  for (const [tname, tprefix, tvalue] of rows) bytes += 480 + tname.length + tprefix.length + tvalue.length;
  return Math.ceil(bytes / 1048576);
}

/** A path as messages show it: relative to the working directory when inside it. @param {string} path */
export function displayPath(path) {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith(`..${sep}`) || rel === ".." ? path : rel;
}

/**
 * The account policy rows: for each enabled account, its plan (string; none without a billing
 * section), prepaid and highcost (integer 1 or 0), maxcalls, spend_warn and spend_crit
 * (integers, spend in minor units).
 * @param {DeploymentConfig["accounts"]} accounts
 * @returns {PolicyRow[]}
 */
export function policyRows(accounts) {
  /** @type {PolicyRow[]} */
  const rows = [];
  for (const a of accounts) {
    if (!a.enabled) continue;
    const key = (/** @type {string} */ suffix) => `${a.username}::${suffix}`;
    if (a.ratePlan !== null) rows.push([key(POLICY_KEYS.plan), 0, a.ratePlan]);
    rows.push(
      [key(POLICY_KEYS.prepaid), 1, a.prepaidBalance === null ? "0" : "1"],
      [key(POLICY_KEYS.highCost), 1, a.allowHighCost ? "1" : "0"],
      [key(POLICY_KEYS.maxCalls), 1, String(a.maxConcurrentCalls)],
      [key(POLICY_KEYS.spendWarning), 1, String(a.spendPerHour.warning)],
      [key(POLICY_KEYS.spendCritical), 1, String(a.spendPerHour.critical)],
    );
  }
  return rows;
}

/**
 * Reads and validates every rate plan of the config, then builds all rows. Throws
 * RatePlanError with the problems of every bad plan.
 * @param {DeploymentConfig} config
 * @returns {BillingData}
 */
export function loadBillingData(config) {
  /** @type {MtreeRow[]} */
  const mtrees = [];
  /** @type {Record<string, number>} */
  const prefixes = {};
  /** @type {string[]} */
  const problems = [];
  for (const [plan, path] of Object.entries(config.billing?.ratePlans ?? {})) {
    try {
      const entries = loadRatePlan(path, { plan, display: displayPath(path) });
      for (const entry of entries) mtrees.push([plan, entry.prefix, encodeRateEntry(entry)]);
      prefixes[plan] = entries.length;
    } catch (error) {
      if (!(error instanceof RatePlanError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new RatePlanError(problems);
  for (const prefix of config.fraud.highCostPrefixes) mtrees.push([HIGH_COST_TREE, prefix, "1"]);
  prefixes[HIGH_COST_TREE] = config.fraud.highCostPrefixes.length;
  const neededMb = privateMemoryNeededMb(mtrees);
  if (neededMb > config.kamailio.privateMemoryMb) {
    throw new RatePlanError([
      `kamailio.privateMemoryMb: ${config.kamailio.privateMemoryMb} MB cannot hold the ${mtrees.length} prefixes of the rate plans and ` +
        `fraud.highCostPrefixes, which Kamailio's db_sqlite reads all at once when mtree loads them: set it to at least ${neededMb}`,
    ]);
  }
  return { mtrees, policy: policyRows(config.accounts), prefixes };
}
