// @ts-check
// The bench's SIP load: SIPp's caller test/sipp/uac.xml through the proxy to the gateway
// test/sipp/uas.xml, at a fixed rate. No message trace (it would cost SIPp more than the
// proxy spends); SIPp's statistics file gives the call counts, its -trace_rtt file the
// response times.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../../test/support/kamailio.mjs";
import { startSipp } from "../../test/support/sipp.mjs";

export const PROXY = "127.0.0.1:5060";
/** The gateway of the deployment config (dispatcher set 1). */
export const GATEWAY = { ip: "127.0.0.1", port: 5080 };
const CALLER = { ip: "127.0.0.1", port: 5070 };
const NUMBER = "13545769997";

/**
 * test/sipp/uac.xml with a second response-time counter, INVITE to tm's 100 Trying (the
 * proxy's own request processing, before any gateway), besides its own INVITE to 200.
 */
function callerScenario(dir) {
  const text = readFileSync(join(root, "test/sipp/uac.xml"), "latin1");
  const hundred = '<recv response="100" optional="true"/>';
  if (!text.includes(hundred)) throw new Error(`test/sipp/uac.xml has no ${hundred}: update bench/lib/sipp-load.mjs`);
  const file = join(dir, "uac.xml");
  writeFileSync(file, text.replace(hundred, '<recv response="100" optional="true" rtd="2"/>'), "latin1");
  return file;
}

/** Starts the gateway (test/sipp/uas.xml); resolves once it listens. Stop it with stop(). */
export async function startGateway() {
  const gateway = startSipp(["-sf", join(root, "test/sipp/uas.xml"), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)], { timeoutMs: 3_600_000, trace: false });
  await gateway.ready();
  return gateway;
}

/** Percentile (nearest rank) of sorted numbers. @param {number[]} sorted @param {number} p */
export const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

/** Mean, median and 99th percentile of response times (ms). @param {number[]} values */
function timeStats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return { samples: sorted.length, meanMs: Number(mean.toFixed(3)), p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

/**
 * Places `calls` calls at `rate` calls/s, each ringing 50 ms (the gateway) and lasting
 * `pauseMs` after the answer. `onStart` runs just before SIPp starts (e.g. a CPU snapshot).
 * Resolves with the counts of SIPp's statistics, the response times (rtd1 INVITE to 200,
 * through the gateway, its 50 ms ring included; rtd2 INVITE to the proxy's 100 Trying) and the
 * rate the calls were placed at.
 * @param {{ rate: number, calls: number, pauseMs: number, timeoutMs: number, number?: string, onStart?: () => void }} load
 *   number: the dialled number (default the brief's 13545769997, China at 0.05 a second)
 */
export async function placeCalls({ rate, calls, pauseMs, timeoutMs, number = NUMBER, onStart }) {
  const scenarioDir = mkdtempSync(join(tmpdir(), "kts-bench-uac-"));
  const statFile = join(scenarioDir, "stat.csv");
  const args = [
    "-sf", callerScenario(scenarioDir), "-i", CALLER.ip, "-p", String(CALLER.port), PROXY, "-s", number,
    "-r", String(rate), "-m", String(calls), "-d", String(pauseMs),
    "-trace_stat", "-stf", statFile, "-fd", "3600",
    "-trace_rtt", "-rtt_freq", "1",
    "-timeout", `${Math.ceil(timeoutMs / 1000)}s`,
  ];
  onStart?.();
  const started = process.hrtime.bigint();
  const run = startSipp(args, { timeoutMs: timeoutMs + 5000, trace: false });
  const { code, output } = await run.done;
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  const stat = parseStatistics(readFileSync(statFile, "utf8"));
  const dir = run.dir;
  /** @type {Record<string, number[]>} response times by counter */
  const rtd = { 1: [], 2: [] };
  /** @type {number[]} when each 100 Trying came (ms since SIPp started): the calls' pace */
  const tryingAt = [];
  const rttFile = readdirSync(dir).find((f) => f.endsWith("_rtt.csv"));
  if (rttFile !== undefined) {
    for (const line of readFileSync(join(dir, rttFile), "utf8").split("\n").slice(1)) {
      const [at, ms, no] = line.split(";");
      if (no === undefined || rtd[no.trim()] === undefined) continue;
      rtd[no.trim()].push(Number(ms));
      if (no.trim() === "2") tryingAt.push(Number(at));
    }
  }
  const placing = Math.max(...tryingAt) - Math.min(...tryingAt);
  return {
    exitCode: code,
    elapsedS: Number(elapsedS.toFixed(2)),
    // calls/s from the first call's 100 Trying to the last one's: below `rate` when SIPp or
    // the proxy could not keep up
    placedRate: tryingAt.length > 1 && placing > 0 ? Number((((tryingAt.length - 1) * 1000) / placing).toFixed(1)) : 0,
    successful: stat["SuccessfulCall(C)"],
    failed: stat["FailedCall(C)"],
    created: stat["TotalCallCreated"],
    retransmissions: stat["Retransmissions(C)"],
    inviteTo200: timeStats(rtd[1]),
    inviteTo100: timeStats(rtd[2]),
    output: code === 0 ? "" : output.slice(-2000),
  };
}

/** The last line of SIPp's statistics file (-trace_stat), by column name, as numbers. @param {string} csv */
function parseStatistics(csv) {
  const lines = csv.trim().split("\n");
  const names = lines[0].split(";");
  const values = lines[lines.length - 1].split(";");
  /** @type {Record<string, number>} */
  const stat = {};
  names.forEach((name, i) => (stat[name] = Number(values[i])));
  return stat;
}
