// @ts-check
// The embedded Redis that holds the proxy's shared state: topology hiding (topos_redis, db 0),
// dialogs (dialog over db_redis, db 1), the CDR queue and prepaid balances (ndb_redis, db 2).
// One redis-server per run, on a unix socket in the run directory and on a free loopback TCP
// port (db_redis connects over TCP only), appending to disk so calls survive a restart of
// Kamailio (and of Redis itself).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { freeLoopbackPort } from "./ports.mjs";
import { join } from "node:path";

/** Redis databases by use (kamailio.cfg and scripts/lib/kamailio-run.mjs name them too). */
export const REDIS_DB = Object.freeze({ topos: 0, dialog: 1, state: 2 });

/**
 * db_redis reads a table's schema version from the `version` table before the dialog module
 * uses it: the versions of Kamailio 5.6's schema (/usr/share/kamailio/db_redis/kamailio).
 */
const DIALOG_TABLE_VERSIONS = { dialog: 7, dialog_vars: 1 };


/** Runs redis-cli against the socket; returns stdout. @param {string} socket @param {string[]} args */
export function redisCli(socket, ...args) {
  const r = spawnSync("redis-cli", ["-s", socket, ...args], { encoding: "utf8", timeout: 10000 });
  if (r.status !== 0 || r.stdout.startsWith("ERR")) throw new Error(`redis-cli ${args.join(" ")}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Starts redis-server and resolves once its socket exists. `stop()` ends it; `start()` starts
 * it again on the same socket, port and data directory (the AOF brings the data back), as
 * when an operator restarts Redis under running proxies.
 * @param {{ runDir: string, dataDir: string, stdio?: "inherit" | "ignore" }} options
 */
export async function startRedis({ runDir, dataDir, stdio = "ignore" }) {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  const socket = join(runDir, "redis.sock");
  const port = await freeLoopbackPort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--unixsocket", socket, "--unixsocketperm", "700", "--dir", dataDir, "--appendonly", "yes", "--save", "", "--loglevel", "warning"];
  /** @type {number | null} */
  let exitCode = null;
  /** @type {Promise<number>} */
  let exited = Promise.resolve(0);
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let child;
  async function start() {
    if (child !== undefined && exitCode === null) return;
    exitCode = null;
    const server = spawn("redis-server", args, { stdio });
    child = server;
    exited = new Promise((resolve) => server.on("exit", (code) => resolve((exitCode = code ?? 1))));
    for (let i = 0; i < 100 && !existsSync(socket); i++) {
      if (exitCode !== null) throw new Error(`redis-server exited with ${exitCode} before listening on ${socket}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!existsSync(socket)) throw new Error(`redis-server did not listen on ${socket} within 5 s`);
  }
  await start();
  for (const [table, version] of Object.entries(DIALOG_TABLE_VERSIONS)) {
    redisCli(socket, "-n", String(REDIS_DB.dialog), "HSET", `version:entry::${table}`, "table_name", table, "table_version", String(version));
  }
  return {
    socket,
    port,
    /** Resolves with the exit code once the server (as last started) has exited. */
    get exited() {
      return exited;
    },
    start,
    async stop() {
      if (exitCode !== null || child === undefined) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
