// @ts-check
// Starts the real Kamailio with the project's cfg and Lua bundle for a test, waits until its
// RPC answers, and stops it (also when the test fails). Run inside the test network namespace.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, openSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBillingData } from "../../scripts/lib/billing-data.mjs";
import { validateDeploymentConfig } from "../../scripts/lib/deployment-config.mjs";
import { prepareKamailioRun } from "../../scripts/lib/kamailio-run.mjs";
import { startRedis } from "../../scripts/lib/redis.mjs";
import { prepareAccounts } from "../../scripts/lib/billing-postgres.mjs";
import { openConfiguredBalances } from "../../scripts/lib/balances.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The default deployment config with two workers, for tests. */
export function testConfig(overrides = {}) {
  const base = JSON.parse(readFileSync(join(root, "kamailio/deployment.json"), "utf8"));
  return { ...base, kamailio: { ...base.kamailio, workers: 2, sharedMemoryMb: 64, privateMemoryMb: 8 }, ...overrides };
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts Kamailio and waits until its RPC answers; throws, with its log, when it exits first
 * (e.g. its port is taken), unless `expectStartFailure` (then await `exited`).
 * @param {{ config?: object, defines?: Record<string, string | number>, cfgText?: string, args?: string[], redis?: Awaited<ReturnType<typeof startRedis>>, expectStartFailure?: boolean, readyTimeoutMs?: number }} [options]
 *   cfgText: run this instead of kamailio/kamailio.cfg (e.g. a copy missing a module);
 *   args: more command-line options (e.g. the bench's memory manager, -X tlsf);
 *   readyTimeoutMs: how long start-up may take (default 10 s; the bench loads big decks);
 *   redis: share this Redis (e.g. to restart Kamailio with its state); else one is started
 *   for this Kamailio and stopped with it
 */
export async function startKamailio(options = {}) {
  const runDir = mkdtempSync(join(tmpdir(), "kts-kamailio-"));
  // Relative rate plan paths are those of kamailio/deployment.json, which testConfig() copies.
  const config = validateDeploymentConfig(options.config ?? testConfig(), "test config", { baseDir: join(root, "kamailio") });
  const ownRedis = options.redis === undefined;
  const redis = options.redis ?? (await startRedis({ runDir, dataDir: join(runDir, "redis") }));
  let databaseFile, run;
  try {
    databaseFile = prepareAccounts({ config, file: join(runDir, "kamailio.sqlite"), billingData: loadBillingData(config) });
    openConfiguredBalances(config, redis.socket);
    run = prepareKamailioRun({ root, config, runDir, redisSocket: redis.socket, redisPort: redis.port, databaseFile, defines: options.defines });
  } catch (error) {
    // A Redis left running would keep the test runner alive after the failure.
    if (ownRedis) await redis.stop();
    throw error;
  }
  if (options.cfgText !== undefined) {
    const cfgFile = join(runDir, "kamailio.cfg");
    writeFileSync(cfgFile, options.cfgText);
    run.args[run.args.indexOf("-f") + 1] = cfgFile;
  }
  run.args.push(...(options.args ?? []));
  const logFile = join(runDir, "kamailio.log");
  const logFd = openSync(logFile, "w");
  const child = spawn(run.command, run.args, { stdio: ["ignore", logFd, logFd] });
  closeSync(logFd);
  /** @type {number | null} */
  let exitCode = null;
  const exited = new Promise((resolve) =>
    child.on("exit", async (code, signal) => {
      exitCode = code ?? (signal ? 128 : 0);
      if (ownRedis) await redis.stop();
      resolve(exitCode);
    }),
  );
  const log = () => readFileSync(logFile, "utf8");

  const kamailio = {
    runDir,
    databaseFile,
    log,
    /** Resolves with the exit code once Kamailio has exited. */
    exited,
    /** Calls an RPC command through kamcmd; returns its stdout, faults ("error: CODE - TEXT") included. @param {string[]} command */
    rpcRaw(...command) {
      const r = spawnSync("kamcmd", ["-s", `unix:${run.ctlSocket}`, ...command], { encoding: "utf8", timeout: 10000 });
      if (r.status !== 0) throw new Error(`kamcmd ${command.join(" ")} failed: ${r.stderr || r.stdout}`);
      return r.stdout;
    },
    /** Calls an RPC command through kamcmd; returns its stdout, throws on a fault (kamcmd exits 0 on those). @param {string[]} command */
    rpc(...command) {
      const out = kamailio.rpcRaw(...command);
      if (/^error: \d+ - /.test(out)) throw new Error(`kamcmd ${command.join(" ")}: ${out.trim()}`);
      return out;
    },
    redis,
    async stop() {
      if (exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
    /**
     * Kills Kamailio as a crash of its node would: SIGKILL to the main process and every one of
     * its processes at once, no shutdown. Resolves once all of them are gone (at most 5 s).
     */
    async kill() {
      if (exitCode !== null || child.pid === undefined) return;
      const pids = [child.pid, ...descendants(child.pid)];
      for (const pid of pids) process.kill(pid, "SIGKILL");
      await exited;
      for (let i = 0; i < 50 && pids.some(running); i++) await sleep(100);
      if (pids.some(running)) throw new Error(`Kamailio processes outlived SIGKILL: ${pids.filter(running).join(" ")}`);
    },
  };

  // Ready when the RPC answers; a start-up failure ends the process instead.
  const readyTimeoutMs = options.readyTimeoutMs ?? 10000;
  for (const deadline = Date.now() + readyTimeoutMs; Date.now() < deadline; ) {
    if (exitCode !== null) {
      if (options.expectStartFailure) return kamailio;
      throw new Error(`Kamailio exited with ${exitCode} while starting:\n${log()}`);
    }
    try {
      kamailio.rpc("core.uptime");
      return kamailio;
    } catch {
      await sleep(100);
    }
  }
  await kamailio.stop();
  throw new Error(`Kamailio did not start within ${readyTimeoutMs / 1000} s:\n${log()}`);
}

/** Fields of /proc/PID/stat after the command name: [state, ppid, ...]; undefined when gone. @param {number} pid */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Whether a process exists and is not a zombie. @param {number} pid */
const running = (pid) => {
  const state = procStat(pid)?.[0];
  return state !== undefined && state !== "Z";
};

/** Every process below `pid` (children, their children...). @param {number} pid @returns {number[]} */
function descendants(pid) {
  const parents = new Map(readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map((p) => [Number(p), Number(procStat(Number(p))?.[1])]));
  const below = (/** @type {number} */ parent) => [...parents].filter(([, ppid]) => ppid === parent).flatMap(([p]) => [p, ...below(p)]);
  return below(pid);
}

/**
 * Log lines that must never appear in a healthy run: Lua errors and crashes. Two CRITICALs are
 * no fault: at shutdown the TCP workers may log "receive_fd(): EOF" as their peers go away, and
 * the dialog module logs a retransmitted 200 OK of an INVITE that reaches it after the call's
 * BYE ("bogus event 3 in state 5": 2xx reply to a deleted dialog; tm relays it as it should).
 */
export function healthProblems(/** @type {string} */ log) {
  return log
    .split("\n")
    .filter((line) => /app_lua.*(error from Lua|ERROR)|CRITICAL|segfault|core dumped/i.test(line))
    .filter((line) => !/CRITICAL: <core> \[core\/pass_fd\.c:\d+\]: receive_fd\(\): EOF on \d+/.test(line))
    .filter((line) => !/CRITICAL: .* dialog \[dlg_hash\.c:\d+\]: next_state_dlg\(\): bogus event 3 in state 5 /.test(line));
}
