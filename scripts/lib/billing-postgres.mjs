// @ts-check
// Rate plans and account policy in PostgreSQL (when billing.cdr.database is "postgres"): the
// tables that mtree (mtrees) and htable (account_policy) load, created from Kamailio's
// PostgreSQL schema (Debian's kamailio-postgres-modules ships it), so every node of a cluster
// loads one copy. Written like the SQLite ones (scripts/lib/subscriber-db.mjs), in one
// transaction: the rows replaced (COPY for the plans); a node loading meanwhile gets the old
// rows or the new ones, never a mix. The credentials stay in each node's SQLite: auth_db reads
// them at every request, and a node that loses PostgreSQL keeps authenticating its callers.
import { readFileSync } from "node:fs";
import { BILLING_TABLES, policyRowsSql, prepareDatabase } from "./subscriber-db.mjs";
import { postgresUrl, psql } from "./postgres.mjs";

const SCHEMA_DIR = "/usr/share/kamailio/postgres";
/** Two nodes starting at once take turns (pg_advisory_xact_lock key). */
const WRITE_LOCK = 7305;

/**
 * A part of a Kamailio create script made idempotent: tables created when missing, version
 * rows inserted once.
 * @param {string} sql
 */
const idempotent = (sql) =>
  sql
    .replaceAll("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
    .replace(/(INSERT INTO version \([^)]*\) values \([^)]*\));/g, "$1 ON CONFLICT (table_name) DO NOTHING;");

/** One table's CREATE and version row from a schema file. @param {string} file @param {string} table */
function schemaPart(file, table) {
  const match = new RegExp(`CREATE TABLE ${table} \\([^;]*\\);\\s*INSERT INTO version[^;]*'${table}'[^;]*;`).exec(readFileSync(`${SCHEMA_DIR}/${file}`, "utf8"));
  if (!match) throw new Error(`${SCHEMA_DIR}/${file}: not as expected`);
  return match[0];
}

/**
 * The tables, created when missing: version, mtrees and htable's as account_policy. Their text
 * columns are TEXT, not Kamailio's VARCHAR(64/128): a plan's encoded rates and
 * "<64-character user>::spend_crit" are longer (SQLite never checks).
 */
export function billingSchemaPostgresSql() {
  const wide = (/** @type {string} */ sql) => sql.replace(/VARCHAR\(\d+\)/g, "TEXT");
  return [
    readFileSync(`${SCHEMA_DIR}/standard-create.sql`, "utf8"),
    wide(schemaPart("mtree-create.sql", "mtrees")),
    wide(schemaPart("htable-create.sql", "htable")).replaceAll("htable", BILLING_TABLES.policy),
  ].map(idempotent).join("\n");
}

/** A value in COPY's text format. @param {string} value */
const copyText = (value) => value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c);

/**
 * Creates the tables when missing and replaces their rows, in one transaction.
 * @param {string} url @param {import("./billing-data.mjs").BillingData} billingData
 */
export function writeBillingToPostgres(url, { mtrees, policy }) {
  const rows = mtrees.map((row) => `${row.map(copyText).join("\t")}\n`).join("");
  psql(url, `BEGIN;
SELECT pg_advisory_xact_lock(${WRITE_LOCK});
${billingSchemaPostgresSql()}
DELETE FROM ${BILLING_TABLES.mtrees};
COPY ${BILLING_TABLES.mtrees} (tname, tprefix, tvalue) FROM STDIN;
${rows}\\.
${policyRowsSql(policy)}
COMMIT;
`);
}

/** Billing rows for a SQLite database whose plans and policy are in PostgreSQL. */
const NO_BILLING_ROWS = Object.freeze({ mtrees: [], policy: [], prefixes: {} });

/**
 * Writes the accounts and billing rows where the config's Kamailio reads them: the SQLite
 * database `file` (created when missing) has the credentials, and the plans and policy unless
 * they are in PostgreSQL (billing.cdr). Returns `file`.
 * @param {{ config: import("./deployment-config.mjs").DeploymentConfig, file: string, billingData: import("./billing-data.mjs").BillingData }} options
 */
export function prepareAccounts({ config, file, billingData }) {
  const url = postgresUrl(config);
  if (url === null) return prepareDatabase({ file, accounts: config.accounts, billingData });
  prepareDatabase({ file, accounts: config.accounts, billingData: NO_BILLING_ROWS });
  writeBillingToPostgres(url, billingData);
  return file;
}
