// @ts-check
// The operator commands of `npm run ctl` (scripts/ctl.mjs), over Kamailio's RPC (kamcmd):
// each returns plain data (the --json output) and a text rendering of it.
import { isIP } from "node:net";
import { RpcError, rpc } from "./kamcmd.mjs";

/** @typedef {import("./kamcmd.mjs").RpcValue} RpcValue */

/** A command given something it cannot work with (exit status 2 in scripts/ctl.mjs). */
export class UsageError extends Error {}

/** htable of banned source IPs (src/routes/screen.ts BANS_TABLE). */
export const BANS_TABLE = "ipban";
/** htables of counters per reason (src/routes/audit.ts): key = reason code, value = count. */
export const REFUSALS_TABLE = "refusals";
export const WARNINGS_TABLE = "warnings";
/** Bans whose expiry is looked up one by one (htable.get each); beyond, addresses only. */
export const BAN_EXPIRY_LOOKUPS = 100;

/** @param {RpcValue | undefined} value */
const asObject = (value) => (value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {});
/** @param {RpcValue | undefined} value */
const asArray = (value) => (Array.isArray(value) ? value : []);
/** @param {RpcValue | undefined} value */
const asNumber = (value) => (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : null);

/**
 * Items of an htable (htable.dump: one struct per hash slot in use, its items in `slot`).
 * @param {string} socket @param {string} table @returns {{ name: string, value: string, type: string }[]}
 */
export function htableItems(socket, table) {
  return rpc(socket, "htable.dump", table).flatMap((slot) =>
    asArray(asObject(slot).slot).map((item) => {
      const { name, value, type } = asObject(item);
      return { name: String(name ?? ""), value: String(value ?? ""), type: String(type ?? "") };
    }),
  );
}

/** Names of the htables Kamailio defines. @param {string} socket */
const htableNames = (socket) => rpc(socket, "htable.listTables").map((t) => String(asObject(t).name ?? ""));

/** @param {number} seconds */
function duration(seconds) {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [d > 0 ? `${d}d` : "", d + h > 0 ? `${h}h` : "", d + h + m > 0 ? `${m}m` : "", `${s}s`].filter(Boolean).join(" ");
}

/** @param {number | null} bytes */
const mib = (bytes) => (bytes === null ? "?" : `${(bytes / 1048576).toFixed(1)} MiB`);

/**
 * Kamailio's state: version, uptime, processes, shared memory, active dialogs (when the
 * dialog module is loaded, else null), refusal and warning counters per reason (when their
 * htable exists, else null).
 * @param {string} socket
 */
export function status(socket) {
  const uptime = asObject(rpc(socket, "core.uptime")[0]);
  const processes = rpc(socket, "core.psx").map((p) => {
    const { IDX, PID, DSC } = asObject(p);
    return { index: asNumber(IDX), pid: asNumber(PID), description: String(DSC ?? "") };
  });
  const shm = asObject(rpc(socket, "core.shmmem")[0]);
  const modules = new Set(rpc(socket, "core.modules").map(String));
  let dialogs = null;
  if (modules.has("dialog")) {
    const d = asObject(rpc(socket, "dlg.stats_active")[0]);
    dialogs = { active: asNumber(d.all), starting: asNumber(d.starting), connecting: asNumber(d.connecting), answering: asNumber(d.answering), ongoing: asNumber(d.ongoing) };
  }
  const tables = htableNames(socket);
  /** Counts by reason, or null when Kamailio has no such htable. @param {string} table @returns {Record<string, number> | null} */
  const countsByReason = (table) =>
    tables.includes(table)
      ? Object.fromEntries(htableItems(socket, table).sort((a, b) => a.name.localeCompare(b.name)).map((i) => [i.name, asNumber(i.value) ?? 0]))
      : null;
  return {
    version: String(rpc(socket, "core.version")[0] ?? "").trim(),
    uptime: { seconds: asNumber(uptime.uptime), since: String(uptime.up_since ?? "") },
    processes: { count: processes.length, list: processes },
    sharedMemory: { total: asNumber(shm.total), used: asNumber(shm.real_used), free: asNumber(shm.free), maxUsed: asNumber(shm.max_used) },
    dialogs,
    refusals: countsByReason(REFUSALS_TABLE),
    warnings: countsByReason(WARNINGS_TABLE),
  };
}

/** @param {ReturnType<typeof status>} s */
export function statusText(s) {
  const { total, used, maxUsed } = s.sharedMemory;
  const share = total && used !== null ? ` (${Math.round((used / total) * 100)}%)` : "";
  const d = s.dialogs;
  /** @param {Record<string, number> | null} counts @param {string} table */
  const perReason = (counts, table) => {
    if (counts === null) return `not counted (no htable "${table}")`;
    const entries = Object.entries(counts);
    return entries.length === 0 ? "none" : entries.map(([reason, n]) => `${reason} ${n}`).join(", ");
  };
  return [
    `${s.version}, up ${s.uptime.seconds === null ? "?" : duration(s.uptime.seconds)} (since ${s.uptime.since})`,
    `processes       ${s.processes.count}`,
    `shared memory   ${mib(used)} used of ${mib(total)}${share}, peak ${mib(maxUsed)}`,
    `active dialogs  ${d === null ? "not counted (the dialog module is not loaded)" : `${d.active} (starting ${d.starting}, connecting ${d.connecting}, answering ${d.answering}, ongoing ${d.ongoing})`}`,
    `refusals        ${perReason(s.refusals, REFUSALS_TABLE)}`,
    `warnings        ${perReason(s.warnings, WARNINGS_TABLE)}`,
  ].join("\n");
}

/**
 * The banned source IPs (htable ipban), sorted, each with its expiry as Kamailio reports it
 * (local time; "never" for bans until lifted) while there are at most BAN_EXPIRY_LOOKUPS.
 * @param {string} socket
 */
export function bans(socket) {
  const addresses = htableItems(socket, BANS_TABLE).map((i) => i.name).sort();
  const withExpiry = addresses.length <= BAN_EXPIRY_LOOKUPS;
  return {
    count: addresses.length,
    bans: addresses.map((address) => ({ address, expires: withExpiry ? banExpiry(socket, address) : null })),
  };
}

/** @param {string} socket @param {string} address */
function banExpiry(socket, address) {
  try {
    const expire = String(asObject(asObject(rpc(socket, "htable.get", BANS_TABLE, address)[0]).item).expire ?? "");
    return expire === "NEVER" ? "never" : expire;
  } catch (error) {
    if (error instanceof RpcError && error.code !== undefined) return null; // lifted meanwhile
    throw error;
  }
}

/** @param {ReturnType<typeof bans>} b */
export const bansText = (b) =>
  b.count === 0 ? "no banned addresses" : [...b.bans.map((x) => (x.expires === null ? x.address : `${x.address}  until ${x.expires}`)), `${b.count} banned`].join("\n");

/**
 * The key an address has in the ban table: as Kamailio prints source IPs ($si), IPv6
 * compressed and lower case, without brackets. Throws on anything that is no IP address.
 * @param {string} text
 */
export function banKey(text) {
  const bare = text.trim().replace(/^\[(.*)\]$/, "$1");
  const version = isIP(bare);
  if (version === 0) throw new UsageError(`not an IP address: ${JSON.stringify(text)}`);
  // Node's URL parser compresses IPv6 as inet_ntop does (IPv4-mapped ones excepted: kept as typed).
  if (version === 6 && !bare.includes(".")) return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return bare.toLowerCase();
}

/**
 * Lifts the ban of one address (htable.delete ipban ADDRESS); `wasBanned` false when it was
 * not banned.
 * @param {string} socket @param {string} address
 */
export function unban(socket, address) {
  const key = banKey(address);
  try {
    rpc(socket, "htable.delete", BANS_TABLE, key);
    return { address: key, wasBanned: true };
  } catch (error) {
    if (error instanceof RpcError && error.code === 404) return { address: key, wasBanned: false };
    throw error;
  }
}

/** @param {ReturnType<typeof unban>} u */
export const unbanText = (u) => (u.wasBanned ? `${u.address} unbanned` : `${u.address} was not banned`);

/**
 * What `ctl reload` can reload, by name, in this order; `reload` with no name reloads them all.
 * Another reloadable part (the rates) adds an entry here.
 * @type {Record<string, { describe: string, reload: (socket: string) => string }>}
 */
export const RELOADABLE = {
  lua: {
    describe: "the Lua routes (app_lua.reload: every Kamailio process loads the file again before its next message)",
    reload(socket) {
      rpc(socket, "app_lua.reload");
      return "reloaded";
    },
  },
  rates: {
    describe: "the rate plans and account policy as the database holds them (mtree.reload, htable.reload accounts); npm run rates:load writes them from the CSV files first",
    reload(socket) {
      rpc(socket, "mtree.reload");
      rpc(socket, "htable.reload", "accounts");
      return "reloaded from the database";
    },
  },
};

/**
 * Reloads the named parts (all when none is named).
 * @param {string} socket @param {string[]} names
 */
export function reload(socket, names) {
  const unknown = names.filter((n) => !Object.hasOwn(RELOADABLE, n));
  if (unknown.length > 0) throw new UsageError(`cannot reload ${unknown.join(", ")}: one of ${Object.keys(RELOADABLE).join(", ")}`);
  const chosen = names.length > 0 ? names : Object.keys(RELOADABLE);
  return { reloaded: chosen.map((name) => ({ name, result: RELOADABLE[name].reload(socket) })) };
}

/** @param {ReturnType<typeof reload>} r */
export const reloadText = (r) => r.reloaded.map((x) => `${x.name}: ${x.result}`).join("\n");
