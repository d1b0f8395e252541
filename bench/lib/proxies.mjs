// @ts-check
// The two proxies the bench compares, started with the project's own test support
// (test/support/kamailio.mjs: its Redis, SQLite accounts, run directory and RPC):
// - "ts": kamailio/kamailio.cfg as shipped, routing in the Lua bundle (lua-out/kamailio.lua);
// - "native": the same cfg with app_lua and `cfgengine "lua"` taken out and the native twin's
//   routes (bench/native/kamailio.cfg) appended: same modules, parameters and defines.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root, startKamailio, testConfig } from "../../test/support/kamailio.mjs";
import { PARITY_ACCOUNTS, PARITY_CALL_RATE } from "./parity.mjs";

export const NATIVE_ROUTES = join(root, "bench/native/kamailio.cfg");

/**
 * Lines of kamailio/kamailio.cfg that make it run the Lua, and name Lua functions as the
 * modules' event callbacks; the native twin drops them (its event_route blocks take over).
 */
const LUA_LINES = [
  /^loadmodule "app_lua\.so"$/,
  /^modparam\("app_lua", "load", LUA_BUNDLE\)$/,
  /^modparam\("dialog", "event_callback", "ksr_dialog_event"\)$/,
  /^modparam\("xhttp", "event_callback", "ksr_xhttp_event"\)$/,
  /^cfgengine "lua"$/,
];

/**
 * The native twin's whole cfg: the project's cfg without its Lua lines, then the twin's routes
 * (rtimer's route=ksr_route_cdr_writer names a route block of the twin).
 * Throws when a Lua line is not found (the project's cfg changed: update LUA_LINES).
 */
export function nativeCfgText() {
  const lines = readFileSync(join(root, "kamailio/kamailio.cfg"), "utf8").split("\n");
  for (const pattern of LUA_LINES) {
    if (!lines.some((l) => pattern.test(l))) throw new Error(`kamailio/kamailio.cfg has no line matching ${pattern}: update bench/lib/proxies.mjs`);
  }
  const modules = lines.filter((l) => !LUA_LINES.some((p) => p.test(l))).join("\n");
  return `${modules}\n####### bench: the native twin's routes (bench/native/kamailio.cfg) #########\n${readFileSync(NATIVE_ROUTES, "utf8")}`;
}

/** The proxies, in the order the bench alternates them. */
export const VARIANTS = /** @type {const} */ (["ts", "native"]);

/**
 * The deployment config of the bench: the project's default (kamailio/deployment.json: its
 * trusted 127.0.0.1, gateway 127.0.0.1:5080, rate plan kamailio/rates/default.csv), UDP only, with `workers` worker processes, and
 * for the parity probes accounts and a call rate of 1 a minute (the load comes from the
 * trusted peer, which neither limits nor bills).
 * @param {{ workers: number }} options
 */
export function benchConfig({ workers }) {
  const base = testConfig();
  return {
    ...base,
    listen: ["udp:127.0.0.1:5060"],
    accounts: PARITY_ACCOUNTS,
    fraud: { callRate: PARITY_CALL_RATE },
    kamailio: { ...base.kamailio, workers, sharedMemoryMb: 256, privateMemoryMb: 16 },
  };
}

/**
 * Starts one proxy. @param {"ts" | "native"} variant
 * @param {{ workers: number, memoryManager?: string }} options memoryManager: Kamailio's -X
 *   and -x (private and shared memory), e.g. "tlsf"; default: Kamailio's own (qm)
 */
export function startProxy(variant, { workers, memoryManager }) {
  return startKamailio({
    config: benchConfig({ workers }),
    ...(variant === "native" ? { cfgText: nativeCfgText() } : {}),
    args: memoryManager ? ["-X", memoryManager, "-x", memoryManager] : [],
  });
}
