// @ts-check
// Part 3: the bundle's own logic under both Lua interpreters app_lua can be built with
// (bench/micro/rating.lua), per deck size.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "../../test/support/kamailio.mjs";

export const INTERPRETERS = ["lua5.1", "luajit"];

/**
 * Runs bench/micro/rating.lua with each interpreter on each deck; returns its JSON results.
 * @param {{ decks: { size: number, deck: string, numbers: string }[], seconds: number, log: (line: string) => void }} options
 */
export function microBenchmarks({ decks, seconds, log }) {
  const results = [];
  for (const lua of INTERPRETERS) {
    for (const { size, deck, numbers } of decks) {
      const r = spawnSync(lua, [join(root, "bench/micro/rating.lua"), deck, numbers, String(seconds)], { encoding: "utf8", timeout: 600_000 });
      if (r.status !== 0) throw new Error(`${lua} bench/micro/rating.lua (${size} prefixes) failed: ${r.stderr || r.error?.message}`);
      const result = { lua, ...JSON.parse(r.stdout) };
      results.push(result);
      log(`  ${lua.padEnd(6)} ${String(size).padStart(7)} prefixes: ${result.rating.perSecond.toLocaleString("en")} ratings/s (${result.rating.usPerCall.toFixed(2)} µs), deck ${Math.round(result.memoryKb / 1024)} MB`);
    }
  }
  return results;
}
