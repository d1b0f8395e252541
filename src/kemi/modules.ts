import { USED_KSR_MODULES } from "./used-modules.generated";

/**
 * Fails the Lua load, and so Kamailio's start, when kamailio.cfg lacks a module that the
 * routes call: otherwise the first call would fail at run time, per message. KSR functions
 * cannot be called while the script loads, so the message travels in the Lua error,
 * which app_lua logs as "error from Lua: ...".
 */
export function assertKsrModulesLoaded(): void {
  const ksr = KSR as unknown as LuaTable<string, unknown>;
  const missing: string[] = [];
  for (const [module, file] of USED_KSR_MODULES) {
    if (ksr.get(module) === undefined) missing.push(`loadmodule "${file}" (for KSR.${module})`);
  }
  if (missing.length > 0) {
    error(`kamailio-ts: kamailio.cfg is missing ${table.concat(missing, ", ")}`, 0);
  }
}
