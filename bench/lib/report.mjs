// @ts-check
// The bench's summary: figures per part, the targets met or not, and the tables printed.

/** @param {number[]} values */
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round3 = (/** @type {number} */ x) => Number(x.toFixed(3));
/** Share of the machine's CPU that other work may take for a round to count as quiet. */
export const QUIET = 0.1;

/**
 * Per-call CPU rounds summarised: the TS/native ratio of each round (the two measurements of a
 * round run back to back), min, median and max; each variant's medians.
 * @param {{ round: number, variant: string, cpuUsPerCall: number, redisCpuUsPerCall: number, failed: number, machineBusy: number, othersBusy: number, inviteTo100: { meanMs: number, p99Ms: number }, inviteTo200: { meanMs: number, p50Ms: number, p99Ms: number } }[]} rounds
 */
export function summarise(rounds) {
  const of = (/** @type {string} */ variant) => rounds.filter((r) => r.variant === variant);
  const pairs = of("ts").map((ts) => ({ ts, native: /** @type {typeof ts} */ (of("native").find((n) => n.round === ts.round)) }));
  const ratios = pairs.map((p) => p.ts.cpuUsPerCall / p.native.cpuUsPerCall);
  // Rounds in which other work on the machine stayed under QUIET (both measurements).
  const quiet = pairs.filter((p) => p.ts.othersBusy <= QUIET && p.native.othersBusy <= QUIET).map((p) => p.ts.cpuUsPerCall / p.native.cpuUsPerCall);
  const variant = (/** @type {string} */ v) => ({
    cpuUsPerCall: median(of(v).map((r) => r.cpuUsPerCall)),
    redisCpuUsPerCall: median(of(v).map((r) => r.redisCpuUsPerCall)),
    inviteTo100MeanMs: round3(median(of(v).map((r) => r.inviteTo100.meanMs))),
    inviteTo100P99Ms: median(of(v).map((r) => r.inviteTo100.p99Ms)),
    inviteTo200MeanMs: round3(median(of(v).map((r) => r.inviteTo200.meanMs))),
    inviteTo200P99Ms: median(of(v).map((r) => r.inviteTo200.p99Ms)),
    failedCalls: of(v).reduce((s, r) => s + r.failed, 0),
    machineBusyMax: Math.max(...of(v).map((r) => r.machineBusy)),
    othersBusyMax: Math.max(...of(v).map((r) => r.othersBusy)),
  });
  return {
    cpuRatio: { min: round3(Math.min(...ratios)), median: round3(median(ratios)), max: round3(Math.max(...ratios)), rounds: ratios.map(round3) },
    cpuRatioQuietRounds: { median: quiet.length > 0 ? round3(median(quiet)) : null, rounds: quiet.map(round3) },
    ts: variant("ts"),
    native: variant("native"),
  };
}

/**
 * @typedef {{ lua: string, prefixes: number, memoryKb: number, probesPerMatch: number, rating: { perSecond: number, usPerCall: number }, prefixMatch: { usPerCall: number }, rateAndCost: { usPerCall: number }, decodeAndCost: { usPerCall: number }, cachedDecodeAndCost: { usPerCall: number }, fraud: { usPerCall: number }, auditLine: { usPerCall: number } }} MicroResult
 * @typedef {{ prefixes: number, shmKb: number, pkgAllProcessesKb: number, copies: number, workers: number, treeMemsizeKb: number, startS: number }} MtreeResult
 */

/**
 * The targets against the figures: { target, value, met } each (met null when the part
 * did not run).
 * @param {any} results
 */
export function targets(results) {
  /** @type {{ target: string, value: string, met: boolean | null }[]} */
  const list = [];
  for (const [memoryManager, { summary }] of Object.entries(results.perCall ?? {})) {
    const r = summary.cpuRatio;
    const quiet = summary.cpuRatioQuietRounds;
    const quietText = quiet.median === null ? "no quiet round" : `quiet rounds ${quiet.median}`;
    list.push({ target: `per-call CPU ratio TS/native (median) <= 1.05, memory manager ${memoryManager}`, value: `${r.median} (min ${r.min}, max ${r.max}; ${quietText})`, met: r.median <= 1.05 });
  }
  for (const [memoryManager, c] of Object.entries(results.capacity ?? {})) {
    const { ts, native } = c.highest;
    const ratio = native > 0 ? round3(ts / native) : NaN;
    const capped = c.reachedStepLimit.length > 0 ? `; ${c.reachedStepLimit.join(", ")} passed every step: raise --capacity-steps` : "";
    // Native's capacity not found: the ratio is no measure (TS's alone not found: a lower bound).
    const met = c.reachedStepLimit.includes("native") ? null : ratio >= 0.95;
    list.push({ target: `capacity ratio TS/native >= 0.95, memory manager ${memoryManager}`, value: `${ratio} (${ts} vs ${native} calls/s${capped})`, met });
  }
  /** @type {MicroResult[]} */
  const micro = results.micro ?? [];
  const at = (/** @type {string} */ lua, /** @type {number} */ prefixes) => micro.find((m) => m.lua === lua && m.prefixes === prefixes);
  for (const [lua, goal] of /** @type {[string, number][]} */ ([["lua5.1", 1e6], ["luajit", 5e6]])) {
    const m = at(lua, 100000);
    if (m) list.push({ target: `rating, 100k prefixes, ${lua}: >= ${goal.toLocaleString("en")} ratings/s`, value: `${m.rating.perSecond.toLocaleString("en")}/s`, met: m.rating.perSecond >= goal });
    const small = at(lua, 1000);
    const large = at(lua, 1000000);
    if (small && large) {
      const slower = round3(large.rating.usPerCall / small.rating.usPerCall);
      list.push({ target: `rating, 1M prefixes within 1.5x the time of 1k, ${lua}`, value: `${slower}x`, met: slower <= 1.5 });
    }
  }
  const luaMillion = at("lua5.1", 1000000);
  const workers = results.options.workers;
  if (luaMillion) {
    list.push({ target: `memory of a 1M deck across ${workers} workers <= 2x one copy: Lua table per worker`, value: `${workers}x (${workers} x ${Math.round(luaMillion.memoryKb / 1024)} MB)`, met: workers <= 2 });
  }
  /** @type {MtreeResult | undefined} */
  const mtreeMillion = results.mtree?.decks.find((/** @type {MtreeResult} */ d) => d.prefixes === 1000000);
  if (mtreeMillion) {
    list.push({ target: `memory of a 1M deck across ${mtreeMillion.workers} workers <= 2x one copy: mtree (shared memory)`, value: `${mtreeMillion.copies}x (${Math.round(mtreeMillion.shmKb / 1024)} MB once)`, met: mtreeMillion.copies <= 2 });
  }
  if (results.audit) {
    list.push({ target: "no TSTL lualib helper reachable from the per-message routes", value: results.audit.reachedFromRoutes.length === 0 ? `none (${results.audit.lualibHelpersPresent.length} in the bundle)` : results.audit.reachedFromRoutes.map((/** @type {{ path: string }} */ r) => r.path).join("; "), met: results.audit.reachedFromRoutes.length === 0 });
  }
  return list;
}

/** A text table: header row, then rows, columns padded. @param {string[]} header @param {(string | number)[][]} rows */
function grid(header, rows) {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (/** @type {string[]} */ r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

/** Every part's table, as Markdown. @param {any} results */
export function table(results) {
  const sections = [];
  const m = results.machine;
  sections.push(`Machine: ${m.nproc} CPUs (nproc), ${m.cpuModel}, ${m.memoryMb} MB; ${m.kamailio}; ${m.sipp}; ${m.lua51}; ${m.luajit}`);
  if (results.perCall) {
    const o = results.options;
    sections.push(`Per-call CPU (${o.rounds} rounds, ${o.rate} calls/s for ${o.duration} s, ${o.workers} workers; Kamailio = all its processes):\n` + grid(
      ["memory manager", "TS µs/call", "native µs/call", "ratio min / median / max", `ratio median, quiet rounds (others <= ${QUIET * 100}%)`, "INVITE→100 mean ms TS / native", "INVITE→200 mean ms TS / native", "failed calls TS / native", "Redis µs/call TS / native", "others' CPU max"],
      Object.entries(results.perCall).map(([mm, { summary: s }]) => [
        mm, s.ts.cpuUsPerCall, s.native.cpuUsPerCall, `${s.cpuRatio.min} / ${s.cpuRatio.median} / ${s.cpuRatio.max}`,
        s.cpuRatioQuietRounds.median === null ? "none" : `${s.cpuRatioQuietRounds.median} (${s.cpuRatioQuietRounds.rounds.length} of ${s.cpuRatio.rounds.length})`,
        `${s.ts.inviteTo100MeanMs} / ${s.native.inviteTo100MeanMs}`, `${s.ts.inviteTo200MeanMs} / ${s.native.inviteTo200MeanMs}`,
        `${s.ts.failedCalls} / ${s.native.failedCalls}`, `${s.ts.redisCpuUsPerCall} / ${s.native.redisCpuUsPerCall}`,
        `${Math.round(Math.max(s.ts.othersBusyMax, s.native.othersBusyMax) * 100)}%`,
      ]),
    ));
  }
  if (results.capacity) {
    sections.push("Capacity (highest rate with every call successful, the rate placed in full):\n" + grid(
      ["memory manager", "proxy", "calls/s", "steps (rate: ok or failed)"],
      Object.entries(results.capacity).flatMap(([mm, c]) =>
        ["ts", "native"].map((v) => [mm, v, c.highest[v], c.steps[v].map((/** @type {{ rate: number, ok: boolean }} */ s) => `${s.rate}: ${s.ok ? "ok" : "failed"}`).join(", ")]),
      ),
    ));
  }
  if (results.micro) {
    sections.push("Logic micro-benchmarks (best of 3, CPU time):\n" + grid(
      ["Lua", "prefixes", "ratings/s", "µs/rating", "prefix match µs (probes)", "rate + cost µs", "mtree value: decode + rate + cost µs (decoded once)", "fraud policy µs", "audit line µs", "deck in one Lua state"],
      results.micro.map((/** @type {MicroResult} */ r) => [
        r.lua, r.prefixes.toLocaleString("en"), r.rating.perSecond.toLocaleString("en"), r.rating.usPerCall.toFixed(2),
        `${r.prefixMatch.usPerCall.toFixed(2)} (${r.probesPerMatch})`, r.rateAndCost.usPerCall.toFixed(2), `${r.decodeAndCost.usPerCall.toFixed(2)} (${r.cachedDecodeAndCost.usPerCall.toFixed(2)})`, r.fraud.usPerCall.toFixed(3), r.auditLine.usPerCall.toFixed(2),
        `${(r.memoryKb / 1024).toFixed(1)} MB`,
      ]),
    ));
  }
  if (results.mtree) {
    const lua = (/** @type {number} */ n) => results.micro?.find((/** @type {MicroResult} */ r) => r.lua === "lua5.1" && r.prefixes === n);
    sections.push(`Deck memory across all processes (${results.options.workers} workers):\n` + grid(
      ["prefixes", "mtree shared memory", "mtree: private memory added, all processes", "mtree copies", "Lua tables: one state x workers", "mtree start (load)"],
      results.mtree.decks.map((/** @type {MtreeResult} */ d) => [
        d.prefixes.toLocaleString("en"), `${(d.shmKb / 1024).toFixed(1)} MB`, `${d.pkgAllProcessesKb} KB`, `${d.copies}x`,
        lua(d.prefixes) ? `${(lua(d.prefixes).memoryKb / 1024).toFixed(1)} MB x ${results.options.workers} = ${((lua(d.prefixes).memoryKb * results.options.workers) / 1024).toFixed(1)} MB` : "-",
        `${d.startS} s`,
      ]),
    ));
  }
  sections.push("Targets (issue 7):\n" + grid(["target", "value", "met"], results.targets.map((/** @type {{ target: string, value: string, met: boolean | null }} */ t) => [t.target, t.value, t.met === null ? "-" : t.met ? "yes" : "NO"])));
  return sections.join("\n\n");
}
