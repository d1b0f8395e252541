// @ts-check
// The billing parts of the deployment config: the `billing` section (numbering plan, rate
// plans, CDR database), the accounts' billing fields and the per-account fraud limits. Money
// is written as decimal strings ("10.00") and validated into whole minor units (1/10000 of
// the currency unit, src/billing/money.ts); the validated config keeps the field names.
import { isAbsolute, resolve } from "node:path";
import { isIntIn, isObject } from "./config-checks.mjs";
import { formatMoney, parseMoney } from "./money.mjs";
import { FieldProblem, timeOfDay, weekdays } from "./rate-csv.mjs";

/** @typedef {import("./config-checks.mjs").Problems} Problems */
/**
 * @typedef {{ countryCode: string, internationalPrefix: string, nationalPrefix: string }} NumberingPlan
 * @typedef {{ database: "sqlite" } | { database: "postgres", url: string }} CdrDatabase
 * @typedef {{ numbering: NumberingPlan, utcOffsetMinutes: number, ratePlans: Record<string, string>, defaultPlan: string, maxCallSeconds: number, cdr: CdrDatabase }} BillingConfig
 *   ratePlans: plan name -> absolute path of its CSV file
 * @typedef {{ warning: number, critical: number }} Thresholds money in minor units, or counts
 * @typedef {{ weekdays: number[], fromSecond: number, untilSecond: number, warning: number, critical: number }} PrefixCallWindow
 * @typedef {{ highCostPrefixes: string[], maxConcurrentCalls: number, spendPerHour: Thresholds, prefixCallsPerMinute: Thresholds, prefixCallWindows: PrefixCallWindow[] }} FraudAccountLimits
 * @typedef {{ ratePlan: string | null, prepaidBalance: number | null, allowHighCost: boolean, maxConcurrentCalls: number, spendPerHour: Thresholds }} AccountBilling
 *   ratePlan: the account's or billing.defaultPlan (null without billing); prepaidBalance:
 *   initial balance in minor units, null for postpaid; the limits: the account's or fraud's
 */

/**
 * High-cost destinations refused unless an account has allowHighCost: the E.164 prefixes
 * most abused for International Revenue Share Fraud (IRSF) and premium-rate fraud, whose
 * calls cost a multiple of ordinary ones and are rarely placed by a normal customer:
 * - ITU global services: 870 Inmarsat, 881 global mobile satellite (Iridium, Globalstar,
 *   Thuraya...), 882 and 883 international networks, 979 International Premium Rate Service;
 * - remote islands and territories with very high termination rates that IRSF reports keep
 *   listing: 247 Ascension, 290 Saint Helena, 246 Diego Garcia, 500 Falkland Islands,
 *   672 Australian external territories (Antarctica, Norfolk Island), 674 Nauru,
 *   677 Solomon Islands, 678 Vanuatu, 682 Cook Islands, 683 Niue, 686 Kiribati, 688 Tuvalu,
 *   690 Tokelau, 691 Micronesia, 692 Marshall Islands;
 * - African destinations with the same profile: 232 Sierra Leone, 239 Sao Tome and Principe,
 *   245 Guinea-Bissau, 252 Somalia, 269 Comoros.
 * A starting point: operators add or remove prefixes for their customers (fraud.highCostPrefixes).
 */
export const DEFAULT_HIGH_COST_PREFIXES = Object.freeze([
  "870", "881", "882", "883", "979",
  "247", "290", "246", "500", "672", "674", "677", "678", "682", "683", "686", "688", "690", "691", "692",
  "232", "239", "245", "252", "269",
]);
/** Defaults of the per-account fraud limits (fraud.*, overridden per account). */
export const FRAUD_ACCOUNT_DEFAULTS = Object.freeze({
  maxConcurrentCalls: 10,
  spendPerHour: Object.freeze({ warning: 200000, critical: 500000 }), // 20.00, 50.00
  prefixCallsPerMinute: Object.freeze({ warning: 20, critical: 30 }),
});
/**
 * Limits of the billing fields. Spend thresholds and call counts land in htable integers
 * (C int): at most 1e9 minor units (100000.00).
 */
export const BILLING_LIMITS = Object.freeze({
  highCostPrefixes: 10000,
  maxConcurrentCalls: 100000,
  spendMinor: 1e9,
  prefixCallsPerMinute: 1000000,
  maxCallSeconds: 86400,
  utcOffsetMinutes: [-720, 840],
});
/** The mtree tree of fraud.highCostPrefixes: no rate plan may take its name. */
export const HIGH_COST_TREE = "highcost";

const E164_PREFIX = /^[1-9]\d{0,14}$/;
const PLAN_NAME = /^[a-z0-9_-]{1,32}$/;
const POSTGRES_URL = /^postgres:\/\/[^:@/\s]+(:[^@/\s]*)?@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?\/[A-Za-z0-9_]+$/;

/**
 * A money amount from 1 minor unit to `max`, or undefined (and a problem) when it is not.
 * @param {unknown} value @param {string} field @param {Problems} problems @param {number} [max]
 */
function amount(value, field, problems, max = BILLING_LIMITS.spendMinor, min = 1) {
  const minor = parseMoney(value);
  if (minor === undefined || minor < min || minor > max) {
    problems.add(field, `must be a decimal amount string from ${formatMoney(min)} to ${formatMoney(max)} with at most 4 decimals, e.g. "20.00" (got ${JSON.stringify(value)})`);
    return undefined;
  }
  return minor;
}

/**
 * { warning, critical } with critical >= warning; each missing one from `defaults`.
 * @param {unknown} value @param {string} field @param {Problems} problems @param {Thresholds} defaults
 * @param {(v: unknown, f: string) => number | undefined} read
 * @returns {Thresholds}
 */
function thresholds(value, field, problems, defaults, read) {
  if (value === undefined) return { ...defaults };
  if (!isObject(value)) {
    problems.add(field, "must be an object like { \"warning\": ..., \"critical\": ... }");
    return { ...defaults };
  }
  const t = /** @type {Record<string, unknown>} */ (value);
  problems.unknownKeys(t, field, ["warning", "critical"]);
  const warning = t.warning === undefined ? defaults.warning : read(t.warning, `${field}.warning`);
  const critical = t.critical === undefined ? defaults.critical : read(t.critical, `${field}.critical`);
  if (warning === undefined || critical === undefined) return { ...defaults };
  if (critical < warning) problems.add(`${field}.critical`, `must be at least warning (${JSON.stringify(t.warning ?? "default")}) (got ${JSON.stringify(t.critical ?? "default")})`);
  return { warning, critical };
}

/** @param {Problems} problems */
const spendReader = (problems) => (/** @type {unknown} */ v, /** @type {string} */ f) => amount(v, f, problems);

/** @param {Problems} problems @param {number} max */
const countReader = (problems, max) => (/** @type {unknown} */ v, /** @type {string} */ f) => {
  if (isIntIn(v, 1, max)) return /** @type {number} */ (v);
  problems.add(f, `must be an integer from 1 to ${max} (got ${JSON.stringify(v)})`);
  return undefined;
};

/** The fraud fields this file validates (deployment-config.mjs allows them in `fraud`). */
export const FRAUD_ACCOUNT_FIELDS = Object.freeze(["highCostPrefixes", "maxConcurrentCalls", "spendPerHour", "prefixCallsPerMinute", "prefixCallWindows"]);

/** At most this many time windows of the destination call rate. */
const MAX_PREFIX_CALL_WINDOWS = 16;

/**
 * fraud.prefixCallWindows: the destination call-rate levels by local time (OpenSIPS
 * fraud_detection's time-of-day rules), e.g. lower levels at night:
 * [{ "weekdays": "1-5", "from": "20:00", "until": "08:00", "warning": 5, "critical": 10 }].
 * The first window holding a call's start (billing.utcOffsetMinutes) gives its levels; outside
 * every window, prefixCallsPerMinute's. weekdays optional (every day); until < from wraps past
 * midnight; from = until: the whole day.
 * @param {unknown} value @param {Problems} problems
 * @returns {PrefixCallWindow[]}
 */
function prefixCallWindows(value, problems) {
  if (value === undefined) return [];
  const field = "fraud.prefixCallWindows";
  const list = problems.asList(value, field);
  if (list.length > MAX_PREFIX_CALL_WINDOWS) problems.add(field, `must have at most ${MAX_PREFIX_CALL_WINDOWS} windows (got ${list.length})`);
  /** @type {PrefixCallWindow[]} */
  const windows = [];
  list.forEach((w, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(w)) {
      problems.add(at, 'must be an object like { "from": "20:00", "until": "08:00", "warning": 5, "critical": 10 }');
      return;
    }
    const o = /** @type {Record<string, unknown>} */ (w);
    problems.unknownKeys(o, at, ["weekdays", "from", "until", "warning", "critical"]);
    const read = (/** @type {() => unknown} */ f, /** @type {string} */ name) => {
      try {
        return f();
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        problems.add(`${at}.${name}`, error.message.replace(/^\w+: /, ""));
        return undefined;
      }
    };
    const days = o.weekdays === undefined ? [1, 2, 3, 4, 5, 6, 7] : typeof o.weekdays === "string" ? read(() => weekdays(o.weekdays), "weekdays") : undefined;
    if (o.weekdays !== undefined && typeof o.weekdays !== "string") problems.add(`${at}.weekdays`, 'must be a string like "1-5" or "6,7"');
    const from = typeof o.from === "string" ? read(() => timeOfDay(o.from, "time_from"), "from") : undefined;
    const until = typeof o.until === "string" ? read(() => timeOfDay(o.until, "time_until"), "until") : undefined;
    if (typeof o.from !== "string") problems.add(`${at}.from`, 'must be a time "HH:MM"');
    if (typeof o.until !== "string") problems.add(`${at}.until`, 'must be a time "HH:MM"');
    const levels = thresholds({ warning: o.warning, critical: o.critical }, at, problems, { warning: 0, critical: 0 }, countReader(problems, BILLING_LIMITS.prefixCallsPerMinute));
    if (o.warning === undefined) problems.add(`${at}.warning`, "is required");
    if (o.critical === undefined) problems.add(`${at}.critical`, "is required");
    if (Array.isArray(days) && typeof from === "number" && typeof until === "number") {
      windows.push({ weekdays: /** @type {number[]} */ (days), fromSecond: from, untilSecond: until, ...levels });
    }
  });
  return windows;
}

/**
 * fraud.highCostPrefixes, maxConcurrentCalls, spendPerHour, prefixCallsPerMinute.
 * @param {Record<string, unknown>} f the fraud object ({} when absent) @param {Problems} problems
 * @returns {FraudAccountLimits}
 */
export function fraudAccountLimits(f, problems) {
  let highCostPrefixes = [...DEFAULT_HIGH_COST_PREFIXES];
  if (f.highCostPrefixes !== undefined) {
    const list = problems.asList(f.highCostPrefixes, "fraud.highCostPrefixes");
    if (list.length > BILLING_LIMITS.highCostPrefixes) problems.add("fraud.highCostPrefixes", `must have at most ${BILLING_LIMITS.highCostPrefixes} entries (got ${list.length})`);
    const seen = new Set();
    list.forEach((prefix, i) => {
      if (typeof prefix !== "string" || !E164_PREFIX.test(prefix)) {
        problems.add(`fraud.highCostPrefixes[${i}]`, `must be 1 to 15 digits of E.164, country code first, not starting with 0, e.g. "881" (got ${JSON.stringify(prefix)})`);
      } else if (seen.has(prefix)) problems.add(`fraud.highCostPrefixes[${i}]`, `"${prefix}" is listed more than once`);
      else seen.add(prefix);
    });
    highCostPrefixes = /** @type {string[]} */ (list);
  }
  /** @type {number} */
  let maxConcurrentCalls = FRAUD_ACCOUNT_DEFAULTS.maxConcurrentCalls;
  if (f.maxConcurrentCalls !== undefined) maxConcurrentCalls = countReader(problems, BILLING_LIMITS.maxConcurrentCalls)(f.maxConcurrentCalls, "fraud.maxConcurrentCalls") ?? maxConcurrentCalls;
  return {
    highCostPrefixes,
    maxConcurrentCalls,
    spendPerHour: thresholds(f.spendPerHour, "fraud.spendPerHour", problems, FRAUD_ACCOUNT_DEFAULTS.spendPerHour, spendReader(problems)),
    prefixCallsPerMinute: thresholds(f.prefixCallsPerMinute, "fraud.prefixCallsPerMinute", problems, FRAUD_ACCOUNT_DEFAULTS.prefixCallsPerMinute, countReader(problems, BILLING_LIMITS.prefixCallsPerMinute)),
    prefixCallWindows: prefixCallWindows(f.prefixCallWindows, problems),
  };
}

/** @param {unknown} value @param {Problems} problems @returns {NumberingPlan} */
function numbering(value, problems) {
  const plan = { countryCode: "", internationalPrefix: "00", nationalPrefix: "0" };
  if (!isObject(value)) {
    problems.add("billing.numbering", 'must be an object like { "countryCode": "86", "internationalPrefix": "00", "nationalPrefix": "0" }');
    return plan;
  }
  const n = /** @type {Record<string, unknown>} */ (value);
  problems.unknownKeys(n, "billing.numbering", Object.keys(plan));
  if (typeof n.countryCode !== "string" || !/^[1-9]\d{0,2}$/.test(n.countryCode)) {
    problems.add("billing.numbering.countryCode", `must be the callers' country code, 1 to 3 digits, e.g. "86" (got ${JSON.stringify(n.countryCode)})`);
  } else plan.countryCode = n.countryCode;
  for (const key of /** @type {const} */ (["internationalPrefix", "nationalPrefix"])) {
    if (n[key] === undefined) continue;
    if (typeof n[key] !== "string" || !/^\d{0,4}$/.test(/** @type {string} */ (n[key]))) {
      problems.add(`billing.numbering.${key}`, `must be 0 to 4 digits, "" for none (got ${JSON.stringify(n[key])})`);
    } else plan[key] = /** @type {string} */ (n[key]);
  }
  if (plan.nationalPrefix !== "" && plan.nationalPrefix === plan.internationalPrefix) {
    problems.add("billing.numbering.nationalPrefix", `must differ from internationalPrefix (both "${plan.nationalPrefix}")`);
  }
  return plan;
}

/** @param {unknown} value @param {Problems} problems @returns {CdrDatabase} */
function cdr(value, problems) {
  if (value === undefined) return { database: "sqlite" };
  const c = isObject(value) ? /** @type {Record<string, unknown>} */ (value) : {};
  if (c.database === "sqlite") {
    problems.unknownKeys(c, "billing.cdr", ["database"]);
    return { database: "sqlite" };
  }
  if (c.database === "postgres") {
    problems.unknownKeys(c, "billing.cdr", ["database", "url"]);
    if (typeof c.url !== "string" || !POSTGRES_URL.test(c.url)) {
      problems.add("billing.cdr.url", 'must be "postgres://USER:PASSWORD@HOST[:PORT]/DATABASE" (no ":", "@" or "/" in the user, no "@" or "/" in the password)');
      return { database: "sqlite" };
    }
    return { database: "postgres", url: c.url };
  }
  problems.add(isObject(value) ? "billing.cdr.database" : "billing.cdr", 'must be { "database": "sqlite" } or { "database": "postgres", "url": "postgres://user:password@host:5432/db" }');
  return { database: "sqlite" };
}

/**
 * The billing section, or null when the config has none (no rate plans: nothing is rated).
 * Plan files are resolved against `baseDir` (the config file's directory).
 * @param {unknown} value @param {Problems} problems @param {string} baseDir
 * @returns {BillingConfig | null}
 */
export function billing(value, problems, baseDir) {
  if (value === undefined) return null;
  if (!isObject(value)) {
    problems.add("billing", 'must be an object like { "numbering": {...}, "ratePlans": { "default": "rates/default.csv" } }');
    return null;
  }
  const b = /** @type {Record<string, unknown>} */ (value);
  problems.unknownKeys(b, "billing", ["numbering", "utcOffsetMinutes", "ratePlans", "defaultPlan", "maxCallSeconds", "cdr"]);
  const [minOffset, maxOffset] = BILLING_LIMITS.utcOffsetMinutes;
  const utcOffsetMinutes = b.utcOffsetMinutes ?? 0;
  if (!isIntIn(utcOffsetMinutes, minOffset, maxOffset)) problems.add("billing.utcOffsetMinutes", `must be an integer from ${minOffset} to ${maxOffset}: minutes east of UTC of the rate windows' local time, e.g. 480 for UTC+8 (got ${JSON.stringify(b.utcOffsetMinutes)})`);
  const maxCallSeconds = b.maxCallSeconds ?? 14400;
  if (!isIntIn(maxCallSeconds, 1, BILLING_LIMITS.maxCallSeconds)) problems.add("billing.maxCallSeconds", `must be an integer from 1 to ${BILLING_LIMITS.maxCallSeconds} (got ${JSON.stringify(b.maxCallSeconds)})`);
  /** @type {Record<string, string>} */
  const ratePlans = {};
  const planNames = isObject(b.ratePlans) ? Object.keys(/** @type {object} */ (b.ratePlans)) : [];
  if (planNames.length === 0) {
    problems.add("billing.ratePlans", 'must name at least one plan and its CSV file, e.g. { "default": "rates/default.csv" }');
  } else {
    for (const [name, file] of Object.entries(/** @type {Record<string, unknown>} */ (b.ratePlans))) {
      const field = `billing.ratePlans.${name}`;
      if (!PLAN_NAME.test(name)) problems.add(field, "plan names must be 1-32 of a-z, 0-9, '_' and '-'");
      else if (name === HIGH_COST_TREE) problems.add(field, `"${HIGH_COST_TREE}" is the tree of fraud.highCostPrefixes: pick another plan name`);
      else if (typeof file !== "string" || file === "") problems.add(field, `must be the path of the plan's CSV file, relative to the config file's directory (got ${JSON.stringify(file)})`);
      else ratePlans[name] = isAbsolute(file) ? file : resolve(baseDir, file);
    }
  }
  const defaultPlan = b.defaultPlan ?? "default";
  if (planNames.length > 0 && (typeof defaultPlan !== "string" || !planNames.includes(defaultPlan))) {
    problems.add("billing.defaultPlan", `must be one of billing.ratePlans (${planNames.join(", ")}) (got ${JSON.stringify(b.defaultPlan)}${b.defaultPlan === undefined ? ': "default" when not set' : ""})`);
  }
  return {
    numbering: numbering(b.numbering, problems),
    utcOffsetMinutes: /** @type {number} */ (utcOffsetMinutes),
    ratePlans,
    defaultPlan: /** @type {string} */ (defaultPlan),
    maxCallSeconds: /** @type {number} */ (maxCallSeconds),
    cdr: cdr(b.cdr, problems),
  };
}

/** The account fields this file validates. */
export const ACCOUNT_BILLING_FIELDS = Object.freeze(["ratePlan", "prepaidBalance", "allowHighCost", "maxConcurrentCalls", "spendPerHour"]);

/**
 * An account's billing fields, defaults resolved from the billing section and fraud limits.
 * @param {Record<string, unknown>} a @param {string} field @param {Problems} problems
 * @param {BillingConfig | null} billingConfig @param {FraudAccountLimits} limits
 * @returns {AccountBilling}
 */
export function accountBilling(a, field, problems, billingConfig, limits) {
  let ratePlan = billingConfig?.defaultPlan ?? null;
  if (a.ratePlan !== undefined) {
    if (billingConfig === null) problems.add(`${field}.ratePlan`, "needs a billing section with ratePlans");
    else if (typeof a.ratePlan !== "string" || !Object.hasOwn(billingConfig.ratePlans, a.ratePlan)) {
      problems.add(`${field}.ratePlan`, `must be one of billing.ratePlans (${Object.keys(billingConfig.ratePlans).join(", ")}) (got ${JSON.stringify(a.ratePlan)})`);
    } else ratePlan = a.ratePlan;
  }
  let prepaidBalance = null;
  if (a.prepaidBalance !== undefined) {
    if (billingConfig === null) problems.add(`${field}.prepaidBalance`, "needs a billing section with ratePlans");
    prepaidBalance = amount(a.prepaidBalance, `${field}.prepaidBalance`, problems, 999999999999999, 0) ?? null;
  }
  const allowHighCost = a.allowHighCost ?? false;
  if (typeof allowHighCost !== "boolean") problems.add(`${field}.allowHighCost`, "must be true or false");
  const maxConcurrentCalls = a.maxConcurrentCalls === undefined
    ? limits.maxConcurrentCalls
    : countReader(problems, BILLING_LIMITS.maxConcurrentCalls)(a.maxConcurrentCalls, `${field}.maxConcurrentCalls`) ?? limits.maxConcurrentCalls;
  return {
    ratePlan,
    prepaidBalance,
    allowHighCost: allowHighCost === true,
    maxConcurrentCalls,
    spendPerHour: thresholds(a.spendPerHour, `${field}.spendPerHour`, problems, limits.spendPerHour, spendReader(problems)),
  };
}
