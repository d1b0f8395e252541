// @ts-check
// PostgreSQL for CDRs and prepaid balances (billing.cdr.database "postgres"): their tables created through psql,
// and, for tests and trials, a throwaway server: initdb in a directory owned by the postgres
// user (PostgreSQL refuses to run as root), on a free loopback port, trust authentication.
import { spawn, spawnSync } from "node:child_process";
import { chownSync, mkdirSync, mkdtempSync } from "node:fs";
import { freeLoopbackPort } from "./ports.mjs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cdrTableSql } from "./cdr-db.mjs";
import { BALANCE_TABLES_SQL } from "./balance-db.mjs";

const BIN = "/usr/lib/postgresql/15/bin";

/** Runs psql against a database URL; returns stdout (unaligned, tuples only). @param {string} url @param {string} sql */
export function psql(url, sql) {
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-F", "\t"], { input: sql, encoding: "utf8", timeout: 30000 });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/**
 * The PostgreSQL database of a deployment config, or null: with billing.cdr on PostgreSQL, it
 * holds the CDRs, the prepaid balances, the rate plans and the account policy.
 * @param {import("./deployment-config.mjs").DeploymentConfig} config
 */
export const postgresUrl = (config) => (config.billing?.cdr?.database === "postgres" ? config.billing.cdr.url : null);

/** Creates the CDR and balance tables in the PostgreSQL database of `url` when missing. @param {string} url */
export const prepareCdrTable = (url) => psql(url, cdrTableSql("postgres") + BALANCE_TABLES_SQL);


/** Runs a PostgreSQL binary as the postgres user. @param {string} bin @param {string[]} args */
function asPostgres(bin, args) {
  const r = spawnSync("runuser", ["-u", "postgres", "--", join(BIN, bin), ...args], { encoding: "utf8", timeout: 60000 });
  if (r.status !== 0) throw new Error(`${bin}: ${r.stderr || r.stdout || r.error?.message}`);
}

/**
 * Starts a throwaway PostgreSQL 15 with a database `kamailio_ts` holding the CDR and balance tables;
 * resolves with its URL, `stop()`, and `start()`, which starts it again on the same data
 * directory and port (the rows written before are still there), as when an operator restarts
 * the database under running proxies.
 */
export async function startPostgres() {
  const dir = mkdtempSync(join(tmpdir(), "kts-postgres-"));
  const data = join(dir, "data");
  mkdirSync(data);
  const { uid, gid } = userIds("postgres");
  chownSync(dir, uid, gid);
  chownSync(data, uid, gid);
  asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "kamailio", "--no-sync"]);
  const port = await freeLoopbackPort();
  const admin = `postgres://kamailio@127.0.0.1:${port}/postgres`;
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let child;
  /** @type {Promise<unknown>} */
  let exited = Promise.resolve();
  async function start() {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) return;
    const server = spawn("runuser", ["-u", "postgres", "--", join(BIN, "postgres"), "-D", data, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${dir}`, "-c", "fsync=off"], { stdio: "ignore" });
    child = server;
    exited = new Promise((resolve) => server.on("exit", resolve));
    for (let i = 0; ; i++) {
      if (spawnSync("psql", [admin, "-X", "-c", "SELECT 1"], { encoding: "utf8" }).status === 0) break;
      if (i > 100) throw new Error("PostgreSQL did not accept connections within 10 s");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await start();
  psql(admin, "CREATE DATABASE kamailio_ts;");
  const url = `postgres://kamailio@127.0.0.1:${port}/kamailio_ts`;
  prepareCdrTable(url);
  return {
    url,
    start,
    /** Stops the server, cutting open connections (pg_ctl's fast shutdown), as an outage would. */
    async stop() {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      asPostgres("pg_ctl", ["stop", "-D", data, "-m", "fast", "-w", "-t", "20"]);
      await exited;
    },
  };
}

/** uid and gid of a system user. @param {string} name */
function userIds(name) {
  const uid = Number(spawnSync("id", ["-u", name], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", name], { encoding: "utf8" }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`no system user ${name} (install postgresql)`);
  return { uid, gid };
}
