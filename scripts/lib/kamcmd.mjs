// @ts-check
// Kamailio's RPC over the ctl module's binrpc socket, through kamcmd (Debian package kamailio), with
// kamcmd's printed replies parsed back into values.
//
// kamcmd prints one record a line, indented with tabs by depth: a struct member as
// "name: value", an array item or a top-level value as the bare value, "{" / "[" opening a
// struct / array (after "name: " for a member), "}" / "]" closing it; numbers as decimals,
// strings raw. A fault is printed as "error: CODE - TEXT", and kamcmd still exits 0.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/** A fault answered by Kamailio, or kamcmd unable to reach it. */
export class RpcError extends Error {
  /** @param {string} message @param {{ code?: number, command: string }} details */
  constructor(message, { code, command }) {
    super(message);
    this.name = "RpcError";
    /** Kamailio's fault code (e.g. 500), undefined when Kamailio was not reached. */
    this.code = code;
    this.command = command;
  }
}

/**
 * @typedef {string | RpcValue[] | { [name: string]: RpcValue }} RpcValue
 * Strings for every scalar (kamcmd prints 5 and "5" alike), arrays, structs as objects.
 */

/** The -s argument for a ctl socket path ("unix:" added to a bare path, made absolute). @param {string} socket */
export const ctlAddress = (socket) => (/^(unix|unixs|unixd|tcp|udp):/.test(socket) ? socket : `unix:${resolve(socket)}`);

/**
 * Runs one RPC command; returns kamcmd's printed reply.
 * @param {string} socket ctl socket path (or a kamcmd address, e.g. "unix:/run/kamailio/ctl")
 * @param {string} method e.g. "core.uptime"
 * @param {(string | number)[]} params strings are always sent as strings ("s:" prefix), numbers as ints
 */
export function kamcmdText(socket, method, ...params) {
  const args = params.map((p) => (typeof p === "number" ? String(Math.trunc(p)) : `s:${p}`));
  const command = [method, ...params].join(" ");
  const r = spawnSync("kamcmd", ["-s", ctlAddress(socket), method, ...args], { encoding: "utf8", timeout: 10000 });
  if (r.error) {
    const why = /** @type {NodeJS.ErrnoException} */ (r.error).code === "ENOENT" ? "kamcmd is not installed (Debian package kamailio)" : r.error.message;
    throw new RpcError(`kamcmd ${command}: ${why}`, { command });
  }
  if (r.status !== 0) {
    throw new RpcError(`kamcmd ${command}: cannot reach Kamailio at ${ctlAddress(socket)}: ${(r.stderr || r.stdout).trim()}`, { command });
  }
  const fault = /^error: (\d+) - (.*)\n?$/.exec(r.stdout);
  if (fault) throw new RpcError(`${command}: ${fault[2]} (${fault[1]})`, { code: Number(fault[1]), command });
  return r.stdout;
}

/**
 * Runs one RPC command; returns its reply's top-level values, parsed (see parseKamcmdReply).
 * @param {string} socket @param {string} method @param {(string | number)[]} params
 */
export const rpc = (socket, method, ...params) => parseKamcmdReply(kamcmdText(socket, method, ...params));

/**
 * kamcmd's printed reply as values: its top-level values in order. A struct becomes an object
 * when its members have distinct names, else (kamcmd also prints unnamed structs inside
 * structs, e.g. htable.dump's slot items) an array of its values. A line inside a struct that
 * is no "name: value" continues the previous string (a value with a newline in it).
 * @param {string} text @returns {RpcValue[]}
 */
export function parseKamcmdReply(text) {
  /** @typedef {{ kind: "top" | "struct" | "array", entries: { name?: string, value: RpcValue }[] }} Container */
  /** @type {Container[]} */
  const stack = [{ kind: "top", entries: [] }];
  /** @type {{ name?: string, value: RpcValue } | undefined} */
  let lastString;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/^\t+/, "");
    const current = stack[stack.length - 1];
    if ((line === "}" && current.kind === "struct") || (line === "]" && current.kind === "array")) {
      const done = /** @type {Container} */ (stack.pop());
      const parent = stack[stack.length - 1];
      parent.entries[parent.entries.length - 1].value = containerValue(done);
      lastString = undefined;
      continue;
    }
    let name;
    let value = line;
    if (current.kind === "struct") {
      const member = /^([^:\s][^:]*): (.*)$/.exec(line);
      if (member) {
        [, name, value] = member;
      } else if (line !== "{" && line !== "[" && lastString !== undefined) {
        lastString.value = `${lastString.value}\n${raw}`;
        continue;
      }
    }
    /** @type {{ name?: string, value: RpcValue }} */
    const entry = { name, value };
    current.entries.push(entry);
    lastString = undefined;
    if (value === "{" || value === "[") {
      stack.push({ kind: value === "{" ? "struct" : "array", entries: [] });
    } else {
      lastString = entry;
    }
  }
  // An unterminated container (a cut reply) keeps what was read.
  while (stack.length > 1) {
    const done = /** @type {Container} */ (stack.pop());
    const parent = stack[stack.length - 1];
    parent.entries[parent.entries.length - 1].value = containerValue(done);
  }
  return stack[0].entries.map((e) => e.value);
}

/** @param {{ kind: string, entries: { name?: string, value: RpcValue }[] }} container @returns {RpcValue} */
function containerValue({ kind, entries }) {
  const names = entries.map((e) => e.name);
  if (kind === "struct" && names.every((n) => n !== undefined) && new Set(names).size === names.length) {
    return Object.fromEntries(entries.map((e) => [e.name, e.value]));
  }
  return entries.map((e) => (e.name === undefined ? e.value : { [e.name]: e.value }));
}
