// @ts-check
// The embedded SQLite database that auth_db reads: created once with Kamailio's own schema
// (Debian's kamailio-sqlite-modules ships it), in WAL mode (set at creation: the journal mode
// parameter of db_sqlite races between workers), and its subscriber table synchronised with
// the deployment config's accounts on every start.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { cdrTableSql } from "./cdr-db.mjs";

const SCHEMA_DIR = "/usr/share/kamailio/db_sqlite";
const SCHEMA_FILES = ["standard-create.sql", "auth_db-create.sql"];

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

/** Runs SQL on the database with the sqlite3 command. @param {string} file @param {string} sql */
function sqlite(file, sql) {
  const r = spawnSync("sqlite3", ["-bail", file], { input: sql, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`sqlite3 ${file}: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/**
 * Creates the database when missing, then synchronises the accounts.
 * @param {{ file: string, accounts: import("./deployment-config.mjs").Account[] }} options
 */
export function prepareDatabase({ file, accounts }) {
  // A fresh checkout has no var/ yet.
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) {
    const schema = SCHEMA_FILES.map((f) => readFileSync(`${SCHEMA_DIR}/${f}`, "utf8")).join("\n");
    sqlite(file, `PRAGMA journal_mode = WAL;\nBEGIN;\n${schema}\nCOMMIT;`);
  }
  sqlite(file, `BEGIN;\n${cdrTableSql("sqlite")}
CREATE TABLE IF NOT EXISTS mtrees (id INTEGER PRIMARY KEY NOT NULL, tname VARCHAR(128) DEFAULT '' NOT NULL, tprefix VARCHAR(32) DEFAULT '' NOT NULL, tvalue VARCHAR(128) DEFAULT '' NOT NULL, CONSTRAINT mtrees_tname_tprefix_tvalue_idx UNIQUE (tname, tprefix, tvalue));
CREATE TABLE IF NOT EXISTS account_policy (id INTEGER PRIMARY KEY NOT NULL, key_name VARCHAR(64) DEFAULT '' NOT NULL, key_type INTEGER DEFAULT 0 NOT NULL, value_type INTEGER DEFAULT 0 NOT NULL, key_value VARCHAR(128) DEFAULT '' NOT NULL, expires INTEGER DEFAULT 0 NOT NULL);\n${accountsSql(accounts)}\nCOMMIT;`);
  return file;
}

/** Rows of a query as tab-separated lines (tests, diagnostics). @param {string} file @param {string} sql */
export const query = (file, sql) => sqlite(file, `.mode tabs\n${sql}`);
