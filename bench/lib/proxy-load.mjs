// @ts-check
// Part 1 and 2 of the bench: the same SIPp load through the TypeScript routes and their
// native twin. Each measurement starts its proxy afresh (own Redis and run directory), so no
// state carries over from one to the next.
import { healthProblems } from "../../test/support/kamailio.mjs";
import { cpuSeconds, kamailioMainPid, machineSeconds, redisPid, selfCpuSeconds, treeCpuSeconds } from "./cpu.mjs";
import { startProxy, VARIANTS } from "./proxies.mjs";
import { QUIET } from "./report.mjs";
import { placeCalls, startGateway } from "./sipp-load.mjs";

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
/**
 * The dialog module's CRITICAL line for a reply to a dialog already ended (a 200 OK the gateway
 * retransmitted because an ACK came late, arriving after the BYE): counted
 * (measureLoad's lateReplies), not a fault of the proxy.
 */
const LATE_REPLY = /CRITICAL: .*dialog \[dlg_hash\.c:\d+\]: next_state_dlg\(\): bogus event/;
/**
 * Time after the last call before the CPU is read: past tm's wait timer (5 s), which ends the
 * last transactions (their cleanup, in topos and dialog too, is about 8% of a call's CPU),
 * and the CDR writer's last run (every 100 ms). Kamailio idles at about 0.2% of a CPU.
 */
const SETTLE_MS = 5500;

/**
 * Runs `body` with a fresh proxy of `variant` and the gateway; stops both, and fails on Lua
 * errors or crashes in the proxy's log.
 * @template T @param {"ts" | "native"} variant @param {{ workers: number, memoryManager?: string }} options
 * @param {(proxy: Awaited<ReturnType<typeof startProxy>>, gatewayPid: number) => Promise<T>} body
 */
async function withProxy(variant, options, body) {
  const proxy = await startProxy(variant, options);
  const gateway = await startGateway();
  try {
    return await body(proxy, gateway.pid);
  } finally {
    await gateway.stop();
    await proxy.stop();
    const problems = healthProblems(proxy.log()).filter((line) => !LATE_REPLY.test(line));
    if (problems.length > 0) throw new Error(`${variant} proxy logged errors:\n${problems.slice(0, 10).join("\n")}`);
  }
}

/**
 * CPU seconds so far: Kamailio (its main process and all its children), its Redis, the bench
 * itself with SIPp (the gateway, and this process with the callers it has reaped), and the
 * whole machine.
 * @param {number} kamailio @param {number | undefined} redis @param {number} gateway
 */
function cpuSnapshot(kamailio, redis, gateway) {
  return { kamailio: treeCpuSeconds(kamailio).seconds, redis: redis ? cpuSeconds([redis]) : 0, load: cpuSeconds([gateway]) + selfCpuSeconds(), machine: machineSeconds() };
}

/**
 * One measured load: warm-up calls, then `rate` calls/s for `durationS` seconds; Kamailio's
 * CPU (all its processes) and Redis's CPU from just before the load to tm's wait timer after
 * it. othersBusy: the share of the machine's CPU that none of these nor SIPp used meanwhile
 * (other work on the machine: a figure measured while it is high is less reliable).
 * @param {"ts" | "native"} variant
 * @param {{ rate: number, durationS: number, pauseMs: number, workers: number, memoryManager?: string, settleMs?: number }} options
 *   settleMs: wait after the load before the CPU is read (default: past tm's wait timer)
 */
export function measureLoad(variant, { rate, durationS, pauseMs, workers, memoryManager, settleMs = SETTLE_MS }) {
  return withProxy(variant, { workers, memoryManager }, async (proxy, gatewayPid) => {
    const main = kamailioMainPid(proxy.runDir);
    const redis = redisPid(proxy.redis.port);
    if (redis === undefined) throw new Error(`no redis-server found on port ${proxy.redis.port}`);
    const warmup = await placeCalls({ rate, calls: Math.max(10, Math.round(rate / 2)), pauseMs, timeoutMs: 30000 });
    if (warmup.failed > 0) throw new Error(`${variant}: ${warmup.failed} warm-up calls failed:\n${warmup.output}`);
    await sleep(500);
    const calls = Math.round(rate * durationS);
    let before = cpuSnapshot(main, redis, gatewayPid);
    const load = await placeCalls({
      rate, calls, pauseMs, timeoutMs: durationS * 1000 * 3 + 30000,
      onStart: () => (before = cpuSnapshot(main, redis, gatewayPid)),
    });
    await sleep(settleMs);
    const after = cpuSnapshot(main, redis, gatewayPid);
    const kamailioCpuS = after.kamailio - before.kamailio;
    const redisCpuS = after.redis - before.redis;
    const machineTotal = after.machine.total - before.machine.total;
    const others = after.machine.busy - before.machine.busy - kamailioCpuS - redisCpuS - (after.load - before.load);
    return {
      variant,
      rate,
      calls,
      ...load,
      kamailioProcesses: treeCpuSeconds(main).processes,
      kamailioCpuS: Number(kamailioCpuS.toFixed(2)),
      redisCpuS: Number(redisCpuS.toFixed(2)),
      cpuUsPerCall: Math.round((kamailioCpuS / calls) * 1e6),
      redisCpuUsPerCall: Math.round((redisCpuS / calls) * 1e6),
      machineBusy: Number(((after.machine.busy - before.machine.busy) / machineTotal).toFixed(3)),
      othersBusy: Number((Math.max(0, others) / machineTotal).toFixed(3)),
      lateReplies: proxy.log().split("\n").filter((line) => LATE_REPLY.test(line)).length,
    };
  });
}

/**
 * Part 1: `rounds` rounds, each measuring every variant once, in the order ts, native.
 * @param {{ rounds: number, rate: number, durationS: number, pauseMs: number, workers: number, memoryManager?: string, log: (line: string) => void }} options
 */
export async function perCallRounds({ rounds, log, ...load }) {
  const results = [];
  for (let round = 1; round <= rounds; round++) {
    for (const variant of VARIANTS) {
      const r = await measureLoad(variant, load);
      results.push({ round, ...r });
      log(`  round ${round} ${variant.padEnd(6)} ${r.successful}/${r.calls} calls ok, ${r.failed} failed, ${r.cpuUsPerCall} µs CPU/call, INVITE->100 mean ${r.inviteTo100.meanMs} ms, machine ${Math.round(r.machineBusy * 100)}% busy (${Math.round(r.othersBusy * 100)}% by others)`);
    }
  }
  return results;
}

/**
 * Part 2: the highest rate each variant carries with every call successful and placed in full
 * (SIPp falls behind a rate that the machine cannot carry: such a step counts as failed too).
 * Steps go up from `startRate` by `stepRate`, at most `maxSteps`, each `durationS` long; a
 * variant stops at its first failed step (tried twice when other work was busy), then tries
 * once halfway between its last good rate and the failed one.
 * @param {{ startRate: number, stepRate: number, maxSteps: number, durationS: number, pauseMs: number, workers: number, memoryManager?: string, log: (line: string) => void }} options
 */
export async function capacity({ startRate, stepRate, maxSteps, durationS, pauseMs, workers, memoryManager, log }) {
  /** @type {Record<string, { rate: number, ok: boolean, failed: number, achievedRate: number, cpuUsPerCall: number, machineBusy: number, othersBusy: number }[]>} */
  const steps = { ts: [], native: [] };
  /**
   * One step; a step failed while other work took more than QUIET of the machine is tried once
   * more (capacity is what the proxy carries, not what is left to it).
   * @param {"ts" | "native"} variant @param {number} rate
   */
  const step = async (variant, rate, retry = true) => {
    const r = await measureLoad(variant, { rate, durationS, pauseMs, workers, memoryManager, settleMs: 500 });
    const ok = r.exitCode === 0 && r.failed === 0 && r.successful === r.calls && r.placedRate >= rate * 0.95;
    steps[variant].push({ rate, ok, failed: r.failed, achievedRate: r.placedRate, cpuUsPerCall: r.cpuUsPerCall, machineBusy: r.machineBusy, othersBusy: r.othersBusy });
    log(`  ${variant.padEnd(6)} ${rate} calls/s: ${ok ? "ok" : "FAILED"} (${r.failed} failed, ${r.placedRate} calls/s placed, machine ${Math.round(r.machineBusy * 100)}% busy, ${Math.round(r.othersBusy * 100)}% by others)`);
    if (!ok && retry && r.othersBusy > QUIET) return step(variant, rate, false);
    return ok;
  };
  /** @type {Map<string, number>} variant -> the rate it failed at */
  const failedAt = new Map();
  for (let i = 0; i < maxSteps && failedAt.size < VARIANTS.length; i++) {
    const rate = startRate + i * stepRate;
    for (const variant of VARIANTS) if (!failedAt.has(variant) && !(await step(variant, rate))) failedAt.set(variant, rate);
  }
  for (const [variant, rate] of failedAt) if (rate > startRate) await step(variant, rate - Math.round(stepRate / 2));
  /** @param {string} v */
  const highest = (v) => steps[v].filter((s) => s.ok).reduce((m, s) => Math.max(m, s.rate), 0);
  return { steps, highest: { ts: highest("ts"), native: highest("native") }, reachedStepLimit: VARIANTS.filter((v) => !failedAt.has(v)) };
}
