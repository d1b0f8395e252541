// Rate plans from CSV (scripts/lib/rate-csv.mjs): every mistake named by file, line and
// column; CSV quoting, CRLF, BOM and blank lines; the order of a prefix's rates; and what
// start-up and the database do with them (scripts/lib/billing-data.mjs, subscriber-db.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, testConfig } from "../support/kamailio.mjs";
import { loadBillingData, policyRows } from "../../scripts/lib/billing-data.mjs";
import { validateDeploymentConfig } from "../../scripts/lib/deployment-config.mjs";
import { PLAN_LIMITS, RatePlanError, loadRatePlan, parseRatePlan } from "../../scripts/lib/rate-csv.mjs";
import { prepareDatabase, query, sqlite, writeAccountsAndBilling } from "../../scripts/lib/subscriber-db.mjs";

const HEADER = "prefix,destination,connect_fee,price,unit_seconds,first_increment,next_increment,tiers,max_cost,weekdays,time_from,time_until";
const GOOD = "86,China,,0.05,1,1,1,,,,,";

/** The problems of a plan: the header, then these rows (line 2 on). */
const problemsOf = (...rows) => parseRatePlan([HEADER, ...rows, ""].join("\n"), { plan: "p", file: "rates/p.csv" }).problems;
const entriesOf = (text) => {
  const { entries, problems } = parseRatePlan(text, { plan: "p", file: "rates/p.csv" });
  assert.deepEqual(problems, []);
  return entries;
};
const tempDir = () => mkdtempSync(join(tmpdir(), "kts-rates-"));

test("the sample plan rates the brief's call: 8613545769997 at 0.05 per second, 1/1, no connect fee", () => {
  const entries = loadRatePlan(join(root, "kamailio/rates/default.csv"), { plan: "default" });
  const china = entries.find((e) => e.prefix === "86");
  assert.deepEqual(china, { plan: "default", prefix: "86", destination: "China", rates: [{ id: "default:86:1", connectFee: 0, price: 500, unitSeconds: 1, firstIncrement: 1, nextIncrement: 1 }] });
  // No longer prefix of 8613545769997 is in the plan: 86 is its longest match.
  assert.deepEqual(entries.filter((e) => "8613545769997".startsWith(e.prefix)).map((e) => e.prefix), ["86"]);
  const byPrefix = Object.fromEntries(entries.map((e) => [e.prefix, e.rates]));
  assert.deepEqual([byPrefix["447"][0].unitSeconds, byPrefix["447"][0].firstIncrement, byPrefix["447"][0].nextIncrement], [60, 60, 60]);
  assert.deepEqual([byPrefix["44"][0].firstIncrement, byPrefix["44"][0].nextIncrement], [30, 6]);
  assert.deepEqual(byPrefix["49"][0].tiers, [{ fromSecond: 60, price: 300 }, { fromSecond: 600, price: 200 }]);
  assert.deepEqual(byPrefix["33"].map((r) => r.windows), [[{ weekdays: [1, 2, 3, 4, 5], fromSecond: 28800, untilSecond: 72000 }], undefined]);
});

test("each mistake names the file, the line and the column", () => {
  const cases = [
    ["86,China,,0,05,1,1,1,,,,,", /^rates\/p\.csv:2: has 13 fields where the header has 12$/],
    ['86,China,,"0,05",1,1,1,,,,,', /^rates\/p\.csv:2: price: must be a decimal amount with at most 4 decimals, e\.g\. 0\.05 \(got "0,05"\)$/],
    ["86,China,,0.00001,1,1,1,,,,,", /^rates\/p\.csv:2: price: must be a decimal amount/],
    ["86,China,,100000.0001,1,1,1,,,,,", /^rates\/p\.csv:2: price: must be at most 100000\.00 \(got "100000\.0001"\)$/],
    ["86,China,,,1,1,1,,,,,", /^rates\/p\.csv:2: price: must be a decimal amount/],
    ["86,China,-1,0.05,1,1,1,,,,,", /^rates\/p\.csv:2: connect_fee: must be a decimal amount/],
    ["+86,China,,0.05,1,1,1,,,,,", /^rates\/p\.csv:2: prefix: must be 1 to 15 digits of an E\.164 number/],
    ["086,China,,0.05,1,1,1,,,,,", /^rates\/p\.csv:2: prefix: .*not starting with 0/],
    [",China,,0.05,1,1,1,,,,,", /^rates\/p\.csv:2: prefix: /],
    ["1234567890123456,China,,0.05,1,1,1,,,,,", /^rates\/p\.csv:2: prefix: /],
    ["86,,,0.05,1,1,1,,,,,", /^rates\/p\.csv:2: destination: must be 1 to 64 characters without control characters/],
    [`86,${"x".repeat(65)},,0.05,1,1,1,,,,,`, /^rates\/p\.csv:2: destination: /],
    ['86,"China\nMobile",,0.05,1,1,1,,,,,', /^rates\/p\.csv:2: destination: .*\(got "China\\nMobile"\)$/],
    ["86,China,,0.05,0,1,1,,,,,", /^rates\/p\.csv:2: unit_seconds: must be whole seconds from 1 to 86400 \(got "0"\)$/],
    ["86,China,,0.05,1,86401,1,,,,,", /^rates\/p\.csv:2: first_increment: /],
    ["86,China,,0.05,1,1,1.5,,,,,", /^rates\/p\.csv:2: next_increment: /],
    ["86,China,,0.05,1,1,1,60,,,,", /^rates\/p\.csv:2: tiers: must be "from_second:price" pairs/],
    ["86,China,,0.05,1,1,1,60:0.04;30:0.03,,,,", /^rates\/p\.csv:2: tiers: tier 2: from_second must be whole seconds above 60 \(the tier before\) \(got "30:0\.03"\)$/],
    ["86,China,,0.05,1,1,1,0:0.04,,,,", /^rates\/p\.csv:2: tiers: tier 1: from_second must be whole seconds above 0/],
    ["86,China,,0.05,1,1,1,60:x,,,,", /^rates\/p\.csv:2: tiers: tier 1: price: must be a decimal amount/],
    ["86,China,,0.05,1,1,1,,8640000000.0001,,,", /^rates\/p\.csv:2: max_cost: must be at most 8640000000\.00/],
    ["86,China,,0.05,1,1,1,,,1-8,,", /^rates\/p\.csv:2: weekdays: must be ISO weekdays 1 \(Monday\) to 7 \(Sunday\)/],
    ["86,China,,0.05,1,1,1,,,5-1,,", /^rates\/p\.csv:2: weekdays: must be ISO weekdays/],
    ['86,China,,0.05,1,1,1,,,"1-5,3",,', /^rates\/p\.csv:2: weekdays: lists day 3 twice/],
    ["86,China,,0.05,1,1,1,,,Mon,,", /^rates\/p\.csv:2: weekdays: /],
    ["86,China,,0.05,1,1,1,,,,8:00,20:00", /^rates\/p\.csv:2: time_from: must be a time HH:MM from 00:00 to 23:59 \(got "8:00"\)$/],
    ["86,China,,0.05,1,1,1,,,,24:00,06:00", /^rates\/p\.csv:2: time_from: /],
    ["86,China,,0.05,1,1,1,,,,08:00,24:01", /^rates\/p\.csv:2: time_until: must be a time HH:MM from 00:00 to 24:00/],
    ["86,China,,0.05,1,1,1,,,,08:00,", /^rates\/p\.csv:2: time_until: must be set when the other of time_from and time_until is: both or neither$/],
    ["86,China,,0.05,1,1,1,,,,,08:00", /^rates\/p\.csv:2: time_from: must be set when the other/],
    ["86,China,,0.05,1,1,1,,,,08:00,08:00", /^rates\/p\.csv:2: time_until: must differ from time_from/],
    ['86,"Chi"na,,0.05,1,1,1,,,,,', /^rates\/p\.csv:2: a quoted field must end at its closing quote/],
    ['86,Chi"na,,0.05,1,1,1,,,,,', /^rates\/p\.csv:2: a quote inside an unquoted field/],
  ];
  for (const [row, expected] of cases) {
    const problems = problemsOf(GOOD.replace("86,", "1,"), row);
    assert.equal(problems.length, 1, `${JSON.stringify(row)}: ${problems.join("; ")}`);
    assert.match(problems[0], new RegExp(expected.source.replace(":2:", ":3:")), JSON.stringify(row));
  }
});

test("rows that clash: a second destination, the same window twice, too many rates", () => {
  assert.deepEqual(problemsOf(GOOD, "86,China Mobile,,0.04,1,1,1,,,,,"), [
    'rates/p.csv:3: destination: prefix 86 is "China" on line 2 (got "China Mobile"): one destination per prefix',
  ]);
  assert.deepEqual(problemsOf(GOOD, "86,China,,0.04,1,1,1,,,,,"), ["rates/p.csv:3: prefix: 86 already has a rate without weekdays or times on line 2"]);
  assert.deepEqual(problemsOf("86,China,,0.05,1,1,1,,,1-5,,", '86,China,,0.04,1,1,1,,,"1,2,3,4,5",,'), [
    "rates/p.csv:3: prefix: 86 already has a rate for these weekdays and times on line 2",
  ]);
  assert.deepEqual(problemsOf("86,China,,0.05,1,1,1,,,,08:00,20:00", "86,China,,0.04,1,1,1,,,6,08:00,20:00"), []);
  const many = Array.from({ length: PLAN_LIMITS.ratesPerPrefix + 1 }, (_, i) => `86,China,,0.05,1,1,1,,,,00:${String(i).padStart(2, "0")},23:59`);
  assert.deepEqual(problemsOf(...many), [`rates/p.csv:${PLAN_LIMITS.ratesPerPrefix + 2}: prefix: 86 has more than ${PLAN_LIMITS.ratesPerPrefix} rates`]);
});

test("the header: required columns, unknown or repeated ones, optional ones left out", () => {
  const parse = (text) => parseRatePlan(text, { plan: "p", file: "p.csv" }).problems;
  assert.deepEqual(parse(""), ["p.csv:1: header: missing: the first line must name the columns, e.g. prefix,destination,price,unit_seconds,first_increment,next_increment"]);
  assert.deepEqual(parse(`${HEADER}\n\n`), ["p.csv:2: no rate rows: a plan needs at least one"]);
  assert.deepEqual(parse("prefix,destination,price,unit_second,first_increment,next_increment,price\n86,China,0.05,1,1,1,0.05\n"), [
    'p.csv:1: header: unknown column "unit_second" (columns: prefix, destination, connect_fee, price, unit_seconds, first_increment, next_increment, tiers, max_cost, weekdays, time_from, time_until)',
    'p.csv:1: header: column "price" appears twice',
    'p.csv:1: header: missing column "unit_seconds"',
  ]);
  const minimal = entriesOf("next_increment,first_increment,unit_seconds,price,destination,prefix\n1,1,1,0.05,China,86\n");
  assert.deepEqual(minimal[0].rates, [{ id: "p:86:1", connectFee: 0, price: 500, unitSeconds: 1, firstIncrement: 1, nextIncrement: 1 }]);
});

test("CSV as spreadsheets write it: BOM, CRLF, quotes, blank lines, no final newline; line numbers stay right", () => {
  const text = `\uFEFF${HEADER}\r\n\r\n"86","China ""CN""",,0.05,1,1,1,,,,,\r\n"44","United\r\nKingdom",,0.05,1,1,1,,,,,\r\n33,France,,x,1,1,1,,,,,`;
  assert.deepEqual(parseRatePlan(text, { plan: "p", file: "f.csv" }).problems, [
    'f.csv:4: destination: must be 1 to 64 characters without control characters (got "United\\r\\nKingdom")',
    'f.csv:6: price: must be a decimal amount with at most 4 decimals, e.g. 0.05 (got "x")',
  ]);
  const entries = entriesOf(`\uFEFF${HEADER}\r\n"86","China ""CN"", Mobile",,0.05,1,1,1,,,,,\r\n\r\n1,NANP,,0.01,60,60,60,,,,,`);
  assert.deepEqual(entries.map((e) => [e.prefix, e.destination]), [["86", 'China "CN", Mobile'], ["1", "NANP"]]);
  const unterminated = parseRatePlan(`${HEADER}\n${GOOD}\n"44,UK,,0.05,1,1,1,,,,,\n`, { plan: "p", file: "f.csv" }).problems;
  assert.deepEqual(unterminated, ["f.csv:3: a quoted field is never closed (a missing '\"')"]);
});

test("a prefix's rows with windows are tried in file order, its row without window last", () => {
  const entries = entriesOf([HEADER, "33,France,,0.02,60,60,60,,,,,", "33,France,,0.05,60,60,60,,,1-5,08:00,20:00", GOOD, "33,France,,0.01,60,60,60,,,,22:00,06:00", ""].join("\n"));
  assert.deepEqual(entries.map((e) => e.prefix), ["33", "86"]);
  assert.deepEqual(entries[0].rates.map((r) => [r.id, r.price]), [["p:33:1", 500], ["p:33:2", 100], ["p:33:3", 200]]);
});

test("reading stops after 50 problems; a file too large is refused before it is read", () => {
  const problems = problemsOf(...Array.from({ length: 80 }, () => "86,China,,x,1,1,1,,,,,"));
  assert.equal(problems.length, 51);
  assert.equal(problems[50], "rates/p.csv: reading stopped after 50 problems");
  const dir = tempDir();
  const huge = join(dir, "huge.csv");
  writeFileSync(huge, "");
  truncateSync(huge, PLAN_LIMITS.maxBytes + 1); // sparse: nothing is written
  assert.throws(() => loadRatePlan(huge, { plan: "p", display: "huge.csv" }), (e) => e instanceof RatePlanError && /^huge\.csv: 257 MiB, more than the 256 MiB a plan file may have$/.test(e.problems[0]));
  assert.throws(() => loadRatePlan(join(dir, "none.csv"), { plan: "p", display: "none.csv" }), (e) => /^none\.csv: cannot read the file: ENOENT/.test(e.problems[0]));
});

/** A config with two plans in `dir` (gold written from `goldRows`) and accounts. */
function billingConfig(dir, goldRows, extra = {}) {
  writeFileSync(join(dir, "gold.csv"), [HEADER, ...goldRows, ""].join("\n"));
  const base = testConfig();
  return validateDeploymentConfig({ ...base, billing: { ...base.billing, ratePlans: { default: join(root, "kamailio/rates/default.csv"), gold: "gold.csv" } }, ...extra }, join(dir, "deployment.json"));
}

test("npm start refuses a bad plan with its file, line and column, and starts nothing", () => {
  const dir = tempDir();
  const config = { ...testConfig(), billing: { ...testConfig().billing, ratePlans: { default: "bad.csv" } } };
  writeFileSync(join(dir, "deployment.json"), JSON.stringify(config));
  writeFileSync(join(dir, "bad.csv"), `${HEADER}\n${GOOD}\n44,UK,,0.05,1,0,1,,,,,\n`);
  const r = spawnSync("node", [join(root, "scripts/start.mjs"), "--config", join(dir, "deployment.json")], { cwd: dir, encoding: "utf8", timeout: 30000 });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr, 'kamailio-ts: rate plans not loaded:\n  - bad.csv:3: first_increment: must be whole seconds from 1 to 86400 (got "0")\n');
});

test("billing data: one tree per plan and highcost; the accounts' policy; the private memory Kamailio needs", () => {
  const dir = tempDir();
  const config = billingConfig(dir, ["86,China,,0.04,1,1,1,,,,,"], {
    accounts: [
      { username: "1001", password: "x", ratePlan: "gold", prepaidBalance: "10.00", allowHighCost: true, maxConcurrentCalls: 3, spendPerHour: { warning: "1.50" } },
      { username: "1002", password: "y" },
      { username: "1003", password: "z", enabled: false },
    ],
  });
  const data = loadBillingData(config);
  assert.deepEqual(data.prefixes, { default: 8, gold: 1, highcost: config.fraud.highCostPrefixes.length });
  assert.deepEqual(data.mtrees.find((r) => r[0] === "gold"), ["gold", "86", "gold|86|China|0,400,1,1,1"]);
  assert.deepEqual(data.mtrees.filter((r) => r[0] === "highcost").slice(0, 2), [["highcost", "870", "1"], ["highcost", "881", "1"]]);
  assert.deepEqual(policyRows(config.accounts), [
    ["1001::plan", 0, "gold"], ["1001::prepaid", 1, "1"], ["1001::highcost", 1, "1"], ["1001::maxcalls", 1, "3"],
    ["1001::spend_warn", 1, "15000"], ["1001::spend_crit", 1, "500000"],
    ["1002::plan", 0, "default"], ["1002::prepaid", 1, "0"], ["1002::highcost", 1, "0"], ["1002::maxcalls", 1, "10"],
    ["1002::spend_warn", 1, "200000"], ["1002::spend_crit", 1, "500000"],
  ]);

  const rows = Array.from({ length: 2000 }, (_, i) => `${1000 + i},Somewhere,,0.05,1,1,1,,,,,`);
  const small = billingConfig(dir, rows, { kamailio: { ...testConfig().kamailio, privateMemoryMb: 4 } });
  assert.throws(() => loadBillingData(small), (e) => e instanceof RatePlanError &&
    /^kamailio\.privateMemoryMb: 4 MB cannot hold the 2033 prefixes of the rate plans and fraud\.highCostPrefixes, which Kamailio's db_sqlite reads all at once when mtree loads them: set it to at least 6$/.test(e.problems[0]));
});

test("the database: billing tables created, added to an older database, replaced in one transaction", () => {
  const dir = tempDir();
  const file = join(dir, "old.sqlite");
  // A database of an earlier version: subscriber only.
  sqlite(file, "CREATE TABLE version (id INTEGER PRIMARY KEY, table_name VARCHAR(32) NOT NULL, table_version INTEGER DEFAULT 0 NOT NULL, CONSTRAINT version_table_name_idx UNIQUE (table_name));\n" +
    "CREATE TABLE subscriber (id INTEGER PRIMARY KEY, username VARCHAR(64) DEFAULT '' NOT NULL, domain VARCHAR(64) DEFAULT '' NOT NULL, password VARCHAR(64) DEFAULT '' NOT NULL, CONSTRAINT account_idx UNIQUE (username, domain));");
  const config = billingConfig(dir, ["86,\"O'Brien | 100%\",,0.04,1,1,1,,,,,"], { accounts: [{ username: "o'neil", password: "x", ratePlan: "gold" }] });
  const data = loadBillingData(config);
  prepareDatabase({ file, accounts: config.accounts, billingData: data });
  assert.equal(query(file, "SELECT tvalue FROM mtrees WHERE tname = 'gold';"), "gold|86|O'Brien %7C 100%25|0,400,1,1,1\n");
  assert.equal(query(file, "SELECT count(*) FROM mtrees;"), `${data.mtrees.length}\n`);
  assert.equal(query(file, "SELECT key_name, key_type, value_type, key_value, expires FROM account_policy WHERE key_name LIKE '%::plan';"), "o'neil::plan\t0\t0\tgold\t0\n");
  assert.equal(query(file, "SELECT table_name, table_version FROM version WHERE table_name IN ('mtrees', 'account_policy') ORDER BY 1;"), "account_policy\t2\nmtrees\t2\n");
  prepareDatabase({ file, accounts: config.accounts, billingData: data }); // again: no duplicate rows
  assert.equal(query(file, "SELECT count(*) FROM mtrees;"), `${data.mtrees.length}\n`);

  // A write that fails half-way (a row the unique index refuses) leaves every table as it was.
  const before = query(file, "SELECT * FROM mtrees; SELECT * FROM account_policy; SELECT username, password FROM subscriber;");
  const clash = { ...data, mtrees: [["gold", "1", "gold|1|x|0,1,1,1,1"], ...data.mtrees, ["gold", "1", "gold|1|x|0,1,1,1,1"]], policy: [] };
  assert.throws(() => writeAccountsAndBilling(file, [{ ...config.accounts[0], password: "changed" }], clash), /UNIQUE constraint failed/);
  assert.equal(query(file, "SELECT * FROM mtrees; SELECT * FROM account_policy; SELECT username, password FROM subscriber;"), before);
});
