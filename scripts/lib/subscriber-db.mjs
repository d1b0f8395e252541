// @ts-check
// The embedded SQLite database that auth_db, mtree and htable read (and the CDRs, by default): created once with
// Kamailio's own schema (Debian's kamailio-sqlite-modules ships it), in WAL mode (set at
// creation: the journal mode parameter of db_sqlite races between workers). On every start
// its subscriber table is synchronised with the deployment config's accounts, and the billing
// tables (mtrees: rate plans and high-cost prefixes; account_policy: the accounts htable) are
// replaced, all in one transaction. Older databases get the billing tables on their next start.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cdrTableSql } from "./cdr-db.mjs";

const SCHEMA_DIR = "/usr/share/kamailio/db_sqlite";
const SCHEMA_FILES = ["standard-create.sql", "auth_db-create.sql"];
/** The mtree table of the rate plans (kamailio.cfg: mtree db_table) and the htable table of the account policy (dbtable). */
export const BILLING_TABLES = Object.freeze({ mtrees: "mtrees", policy: "account_policy" });
/** How long the sqlite3 command waits for a lock held by another writer (ms). */
const BUSY_TIMEOUT_MS = 10000;
/** Rows per INSERT statement: one statement for many rows parses faster. */
const ROWS_PER_INSERT = 500;

/** An SQL string literal: quotes doubled, so no value can end the literal. @param {string} value */
export const sqlString = (value) => `'${value.replaceAll("'", "''")}'`;

/**
 * SQL that makes the subscriber table hold the config's enabled accounts: enabled ones are
 * inserted or get their password updated, disabled ones are removed. Accounts added to the
 * database by hand, and not named in the config, are left as they are.
 * @param {import("./deployment-config.mjs").Account[]} accounts
 */
export function accountsSql(accounts) {
  return accounts
    .map((a) =>
      a.enabled
        ? `INSERT INTO subscriber (username, domain, password) VALUES (${sqlString(a.username)}, '', ${sqlString(a.password)}) ` +
          `ON CONFLICT (username, domain) DO UPDATE SET password = excluded.password;`
        : `DELETE FROM subscriber WHERE username = ${sqlString(a.username)} AND domain = '';`,
    )
    .join("\n");
}

/**
 * The billing tables with Kamailio's schema, created when missing: mtree's `mtrees`, and
 * htable's table (key_name, key_type, value_type, key_value, expires) as `account_policy`.
 */
export function billingSchemaSql() {
  const read = (/** @type {string} */ f) => readFileSync(`${SCHEMA_DIR}/${f}`, "utf8");
  const mtrees = /CREATE TABLE mtrees \([^;]*\);\s*INSERT INTO version[^;]*'mtrees'[^;]*;/.exec(read("mtree-create.sql"));
  const htable = /CREATE TABLE htable \([^;]*\);\s*INSERT INTO version[^;]*'htable'[^;]*;/.exec(read("htable-create.sql"));
  if (!mtrees || !htable) throw new Error(`${SCHEMA_DIR}: mtree-create.sql or htable-create.sql not as expected`);
  const idempotent = (/** @type {string} */ sql) => sql.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS").replace("INSERT INTO", "INSERT OR IGNORE INTO");
  return `${idempotent(mtrees[0])}\n${idempotent(htable[0].replaceAll("htable", BILLING_TABLES.policy))}`;
}

/** sqlite3's ".import --ascii" separators: no value can hold them (control characters never pass validation). */
const UNIT_SEPARATOR = "\x1f";
const RECORD_SEPARATOR = "\x1e";

/**
 * SQL (with sqlite3 dot-commands) replacing every row of the billing tables; run it inside a
 * transaction. The mtree rows come from `rowsFile` (writeMtreeRows): sqlite3 imports them
 * unparsed into a temporary table, then copies them in the order of the table's unique index
 * (tname, tprefix, tvalue), appending to its b-tree: a 1M-row deck is written in seconds,
 * where SQL INSERTs in file order took six times longer.
 * @param {string} rowsFile @param {import("./billing-data.mjs").PolicyRow[]} policy
 */
export function billingRowsSql(rowsFile, policy) {
  const { mtrees } = BILLING_TABLES;
  const statements = [
    "CREATE TEMP TABLE staged_mtrees (tname TEXT, tprefix TEXT, tvalue TEXT);",
    `.import --ascii "${rowsFile}" staged_mtrees`,
    `DELETE FROM ${mtrees};`,
    `INSERT INTO ${mtrees} (tname, tprefix, tvalue) SELECT tname, tprefix, tvalue FROM staged_mtrees ORDER BY tname, tprefix, tvalue;`,
    "DROP TABLE staged_mtrees;",
  ];
  return `${statements.join("\n")}\n${policyRowsSql(policy)}`;
}

/**
 * SQL replacing the rows of the account policy table (SQLite and PostgreSQL).
 * @param {import("./billing-data.mjs").PolicyRow[]} policy
 */
export function policyRowsSql(policy) {
  const policyTable = BILLING_TABLES.policy;
  const statements = [`DELETE FROM ${policyTable};`];
  for (let i = 0; i < policy.length; i += ROWS_PER_INSERT) {
    const tuples = policy.slice(i, i + ROWS_PER_INSERT).map(([k, type, v]) => `(${sqlString(k)},0,${type},${sqlString(v)},0)`);
    statements.push(`INSERT INTO ${policyTable} (key_name, key_type, value_type, key_value, expires) VALUES\n${tuples.join(",\n")};`);
  }
  return statements.join("\n");
}

/**
 * Writes mtree rows for billingRowsSql's import.
 * @param {string} file @param {import("./billing-data.mjs").MtreeRow[]} rows
 */
function writeMtreeRows(file, rows) {
  const records = rows.map((row) => {
    if (/[\x1e\x1f]/.test(row[2])) throw new Error(`mtree value with a control character: ${JSON.stringify(row[2])}`);
    return row.join(UNIT_SEPARATOR) + RECORD_SEPARATOR;
  });
  writeFileSync(file, records.join(""));
}

/** Runs SQL on the database with the sqlite3 command. @param {string} file @param {string} sql */
export function sqlite(file, sql) {
  const r = spawnSync("sqlite3", ["-bail", "-cmd", `.timeout ${BUSY_TIMEOUT_MS}`, file], { input: sql, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`sqlite3 ${file}: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/**
 * Synchronises the accounts and replaces the billing rows, in one transaction: a failure
 * anywhere leaves the database as it was.
 * @param {string} file @param {import("./deployment-config.mjs").Account[]} accounts
 * @param {import("./billing-data.mjs").BillingData} billingData
 */
export function writeAccountsAndBilling(file, accounts, { mtrees, policy }) {
  const dir = mkdtempSync(join(tmpdir(), "kts-mtrees-"));
  try {
    const rowsFile = join(dir, "mtrees.ascii");
    writeMtreeRows(rowsFile, mtrees);
    sqlite(file, `BEGIN IMMEDIATE;\n${accountsSql(accounts)}\n${billingRowsSql(rowsFile, policy)}\nCOMMIT;`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Creates the database when missing (the billing tables when an older one lacks them), then
 * synchronises the accounts and replaces the billing rows (loadBillingData's).
 * @param {{ file: string, accounts: import("./deployment-config.mjs").Account[], billingData: import("./billing-data.mjs").BillingData }} options
 */
export function prepareDatabase({ file, accounts, billingData }) {
  // A fresh checkout has no var/ yet.
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) {
    const schema = SCHEMA_FILES.map((f) => readFileSync(`${SCHEMA_DIR}/${f}`, "utf8")).join("\n");
    sqlite(file, `PRAGMA journal_mode = WAL;\nBEGIN;\n${schema}\nCOMMIT;`);
  }
  sqlite(file, `BEGIN;\n${billingSchemaSql()}\n${cdrTableSql("sqlite")}\nCOMMIT;`);
  writeAccountsAndBilling(file, accounts, billingData);
  return file;
}

/** Rows of a query as tab-separated lines (tests, diagnostics). @param {string} file @param {string} sql */
export const query = (file, sql) => sqlite(file, `.mode tabs\n${sql}`);
