// @ts-check
// npm run bench: what the TypeScript routing costs next to its native kamailio.cfg twin, what
// its own logic costs, and whether any TSTL lualib helper runs per message (issue 7).
// Runs inside a network namespace (scripts/in-netns.sh, as npm run bench does). Prints tables
// and writes bench/results/latest.json. Options (defaults in DEFAULTS): see --help.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { healthProblems, root } from "../test/support/kamailio.mjs";
import { lualibReachability } from "../scripts/lib/lua-reachability.mjs";
import { writeDeck } from "./lib/deck.mjs";
import { microBenchmarks } from "./lib/micro.mjs";
import { mtreeDecks } from "./lib/mtree.mjs";
import { BILLED_NUMBERS, billedCalls, cdrs, parityProblems, PROBE_COUNT } from "./lib/parity.mjs";
import { startProxy, VARIANTS } from "./lib/proxies.mjs";
import { capacity, perCallRounds } from "./lib/proxy-load.mjs";
import { summarise, table, targets } from "./lib/report.mjs";

const DEFAULTS = {
  parts: "parity,cpu,capacity,micro,mtree,audit",
  rounds: 3,
  rate: 150,
  duration: 8,
  pauseMs: 1000,
  workers: 4,
  memoryManagers: "qm,tlsf",
  capacityStart: 200,
  capacityStep: 100,
  capacitySteps: 5,
  capacityDuration: 4,
  decks: "1000,100000,1000000",
  microSeconds: 0.3,
  out: "bench/results/latest.json",
};

const HELP = `npm run bench [-- OPTIONS]   (root: runs in its own network namespace)
  --parts LIST            ${DEFAULTS.parts}
  --rounds N              rounds of the per-call CPU comparison, each TS then native (${DEFAULTS.rounds})
  --rate N                calls/s of those rounds (${DEFAULTS.rate})
  --duration S            seconds of load per round (${DEFAULTS.duration})
  --pause-ms MS           call duration after the answer (${DEFAULTS.pauseMs})
  --workers N             Kamailio UDP workers (${DEFAULTS.workers})
  --memory-managers LIST  Kamailio -X/-x memory managers to compare under (${DEFAULTS.memoryManagers})
  --capacity-start N, --capacity-step N, --capacity-steps N, --capacity-duration S
                          capacity: rates tried (${DEFAULTS.capacityStart}, +${DEFAULTS.capacityStep}, at most ${DEFAULTS.capacitySteps} steps of ${DEFAULTS.capacityDuration} s)
  --decks LIST            deck sizes of the micro-benchmarks and mtree (${DEFAULTS.decks})
  --micro-seconds S       minimum time of each micro-benchmark run (${DEFAULTS.microSeconds})
  --out FILE              JSON results (${DEFAULTS.out})`;

/** The options: --name value pairs over DEFAULTS (kebab-case names). @param {string[]} argv */
function parseOptions(argv) {
  /** @type {Record<string, string | number>} */
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--help") {
      console.log(HELP);
      process.exit(0);
    }
    const name = argv[i].replace(/^--/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(name in DEFAULTS) || argv[i + 1] === undefined) throw new Error(`unknown option or missing value: ${argv[i]}\n${HELP}`);
    const value = argv[++i];
    options[name] = typeof DEFAULTS[/** @type {keyof DEFAULTS} */ (name)] === "number" ? Number(value) : value;
  }
  return /** @type {typeof DEFAULTS} */ (options);
}

/** What the figures come from. */
function machine() {
  const first = (/** @type {string} */ cmd, /** @type {string[]} */ args) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n")[0];
    } catch (e) {
      return String(/** @type {{ stdout?: string }} */ (e).stdout ?? "").trim().split("\n")[0] || "unknown";
    }
  };
  return {
    nproc: availableParallelism(),
    cpuModel: readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "unknown",
    memoryMb: Math.round(Number(readFileSync("/proc/meminfo", "utf8").match(/^MemTotal:\s+(\d+)/m)?.[1] ?? 0) / 1024),
    kernel: first("uname", ["-r"]),
    kamailio: first("kamailio", ["-v"]),
    sipp: first("sipp", ["-v"]).trim() || first("sh", ["-c", "sipp -v 2>&1 | grep -m1 SIPp"]),
    lua51: first("sh", ["-c", "lua5.1 -v 2>&1"]),
    luajit: first("luajit", ["-v"]),
    node: process.version,
  };
}

const log = (/** @type {string} */ line) => console.log(line);
const options = parseOptions(process.argv.slice(2));
const parts = new Set(options.parts.split(","));
const memoryManagers = options.memoryManagers.split(",");
const startedAt = new Date();
/** @type {Record<string, unknown>} */
const results = {
  command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim().replace(/ --$/, ""),
  startedAt: startedAt.toISOString(),
  machine: machine(),
  options,
};
log(`kamailio-ts bench on ${results.machine.nproc} × ${results.machine.cpuModel}`);

if (parts.has("parity")) {
  log(`\nParity: ${PROBE_COUNT} probes and ${BILLED_NUMBERS.length} calls, same replies and CDRs from both proxies`);
  /** @type {Record<string, { problems: string[], cdrs: string[] }>} */
  const parity = {};
  for (const variant of VARIANTS) {
    const proxy = await startProxy(variant, { workers: options.workers });
    try {
      const callProblem = await billedCalls(proxy);
      const problems = [...(callProblem === null ? [] : [callProblem]), ...(await parityProblems(proxy))];
      parity[variant] = { problems, cdrs: await cdrs(proxy) };
    } finally {
      await proxy.stop();
    }
    // a route that fails at run time (a cfg assignment, a transformation, a Lua error) logs it
    const proxyLog = proxy.log();
    parity[variant].problems.push(...[...healthProblems(proxyLog), ...proxyLog.split("\n").filter((line) => / ERROR: /.test(line))].slice(0, 5));
    log(`  ${variant.padEnd(6)} ${parity[variant].problems.length === 0 ? "replies ok" : parity[variant].problems.join("\n         ")}; ${parity[variant].cdrs.length} CDRs`);
  }
  results.parity = parity;
  if (VARIANTS.some((v) => parity[v].problems.length > 0)) throw new Error("the proxies do not answer alike: fix bench/native/kamailio.cfg first");
  if (JSON.stringify(parity.ts.cdrs) !== JSON.stringify(parity.native.cdrs)) {
    throw new Error(`the proxies do not bill alike: fix bench/native/kamailio.cfg first\nts:\n${parity.ts.cdrs.join("\n")}\nnative:\n${parity.native.cdrs.join("\n")}`);
  }
  log("  CDRs alike");
}

if (parts.has("cpu")) {
  /** @type {Record<string, unknown>} */
  const perCall = {};
  for (const memoryManager of memoryManagers) {
    log(`\nPer-call CPU, memory manager ${memoryManager}: ${options.rounds} rounds of ${options.rate} calls/s for ${options.duration} s`);
    const rounds = await perCallRounds({ rounds: options.rounds, rate: options.rate, durationS: options.duration, pauseMs: options.pauseMs, workers: options.workers, memoryManager, log });
    perCall[memoryManager] = { rounds, summary: summarise(rounds) };
  }
  results.perCall = perCall;
}

if (parts.has("capacity")) {
  /** @type {Record<string, unknown>} */
  const byManager = {};
  for (const memoryManager of memoryManagers) {
    log(`\nCapacity, memory manager ${memoryManager}: from ${options.capacityStart} calls/s by ${options.capacityStep}, ${options.capacityDuration} s a step`);
    byManager[memoryManager] = await capacity({
      startRate: options.capacityStart, stepRate: options.capacityStep, maxSteps: options.capacitySteps, durationS: options.capacityDuration,
      pauseMs: options.pauseMs, workers: options.workers, memoryManager, log,
    });
  }
  results.capacity = byManager;
}

const deckSizes = options.decks.split(",").map(Number);
const deckDir = mkdtempSync(join(tmpdir(), "kts-bench-decks-"));
const decks = parts.has("micro") || parts.has("mtree") ? deckSizes.map((size) => writeDeck(size, deckDir)) : [];
if (parts.has("micro")) {
  log(`\nLogic micro-benchmarks (bench/micro/rating.lua)`);
  results.micro = microBenchmarks({ decks, seconds: options.microSeconds, log });
}
if (parts.has("mtree")) {
  log(`\nmtree: the same decks in shared memory (${options.workers} workers)`);
  results.mtree = await mtreeDecks({ decks, workers: options.workers, dir: deckDir, log });
}

if (parts.has("audit")) {
  const audit = lualibReachability(readFileSync(join(root, "lua-out/kamailio.lua"), "utf8"));
  results.audit = { entries: audit.entries, lualibHelpersPresent: audit.present, reachedFromRoutes: audit.reached, namesReachable: audit.reachable.size };
  log(`\nGenerated code: lualib helpers in lua-out/kamailio.lua: ${audit.present.join(", ") || "none"}; reached from ${audit.entries.join(", ")}: ${audit.reached.map((r) => r.path).join("; ") || "none"}`);
}

results.finishedAt = new Date().toISOString();
results.targets = targets(results);
log(`\n${table(results)}`);
const out = resolve(root, options.out);
mkdirSync(join(out, ".."), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
log(`\n${options.out} written (${Math.round((Date.now() - startedAt.getTime()) / 1000)} s)`);
