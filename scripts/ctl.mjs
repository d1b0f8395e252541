#!/usr/bin/env node
// @ts-check
// `npm run ctl -- <command> [--json] [--socket PATH]`: operator commands over the running
// Kamailio's RPC (kamcmd on the ctl socket, default var/run/kamailio_ctl as `npm start` runs it).
//   status         uptime, processes, shared memory, active dialogs, refusals and warnings per reason
//   bans           banned source IPs (htable ipban)
//   unban <ip>     lifts a ban (htable.delete ipban <ip>)
//   reload [part]  reloads the Lua routes (app_lua.reload), or the named parts
//   cdrs           CDR summary for a period (--from, --until; default the last 24 hours): calls,
//                  answered, minutes, revenue per account and destination, from the SQLite
//                  database (--database, default var/kamailio.sqlite) or PostgreSQL (--postgres URL)
//   balances [acct] prepaid balances: what each account has left, from Redis (--redis SOCKET,
//                  default var/run/redis.sock) or, with PostgreSQL CDRs, PostgreSQL (--postgres
//                  URL, which also shows what calls in progress hold)
// --json prints the data as JSON. Exit status: 0 done, 1 Kamailio failed or unreachable, 2 bad usage.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RELOADABLE, UsageError, bans, bansText, reload, reloadText, status, statusText, unban, unbanText } from "./lib/ctl-commands.mjs";
import { RpcError } from "./lib/kamcmd.mjs";
import { cdrSummary, cdrSummaryText } from "./lib/cdr-summary.mjs";
import { balanceReport, balanceReportText } from "./lib/balance-report.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `usage: npm run ctl -- <command> [--json] [--socket PATH]
commands:
  status         uptime, processes, shared memory, active dialogs, refusals and warnings per reason
  bans           banned source IPs
  unban <ip>     lift the ban of <ip>
  reload [part]  reload ${Object.keys(RELOADABLE).join(", ")} (all when none is named)
  cdrs           CDR summary: [--from TIME] [--until TIME] (ISO 8601; default the last 24 hours)
                 [--database FILE | --postgres URL] (default var/kamailio.sqlite)
  balances [acct] prepaid balances: [--redis SOCKET | --postgres URL] (default var/run/redis.sock)`;

/** @type {Record<string, { args: (n: number) => boolean, run: (socket: string, args: string[]) => unknown, text: (data: any) => string }>} */
const COMMANDS = {
  status: { args: (n) => n === 0, run: (socket) => status(socket), text: statusText },
  bans: { args: (n) => n === 0, run: (socket) => bans(socket), text: bansText },
  unban: { args: (n) => n === 1, run: (socket, [ip]) => unban(socket, ip), text: unbanText },
  reload: { args: () => true, run: (socket, names) => reload(socket, names), text: reloadText },
  cdrs: { args: (n) => n === 0, run: () => cdrs(), text: cdrSummaryText },
  balances: { args: (n) => n <= 1, run: (_socket, [account]) => balances(account), text: balanceReportText },
};

/** A time option as Unix milliseconds. @param {string} name @param {number} fallback */
function timeOption(name, fallback) {
  const text = cdrOptions[name];
  if (text === undefined) return fallback;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) usage(`--${name}: not a time, e.g. 2026-11-23T00:00:00Z (got "${text}")`);
  return ms;
}

function cdrs() {
  const untilMs = timeOption("until", Date.now());
  const fromMs = timeOption("from", untilMs - 24 * 3600 * 1000);
  const source = cdrOptions.postgres !== undefined ? { postgres: cdrOptions.postgres } : { sqlite: resolve(cdrOptions.database ?? join(root, "var/kamailio.sqlite")) };
  return cdrSummary(source, { fromMs, untilMs });
}

/** @param {string | undefined} account */
function balances(account) {
  const source = cdrOptions.postgres !== undefined ? { postgres: cdrOptions.postgres } : { redis: resolve(cdrOptions.redis ?? join(root, "var/run/redis.sock")) };
  return balanceReport(source, account);
}

function usage(/** @type {string} */ problem) {
  console.error(`kamailio-ts ctl: ${problem}\n${USAGE}`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let json = false;
let socket = join(root, "var/run/kamailio_ctl");
/** Options of the cdrs and balances commands. @type {Record<string, string>} */
const cdrOptions = {};
const CDR_OPTIONS = ["--from", "--until", "--database", "--postgres", "--redis"];
/** @type {string[]} */
const words = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--json") json = true;
  else if (argv[i] === "--socket") {
    if (argv[i + 1] === undefined) usage("--socket needs a path");
    socket = resolve(argv[++i]);
  } else if (CDR_OPTIONS.includes(argv[i])) {
    if (argv[i + 1] === undefined) usage(`${argv[i]} needs a value`);
    cdrOptions[argv[i].slice(2)] = argv[++i];
  } else if (argv[i] === "--help" || argv[i] === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (argv[i].startsWith("--")) usage(`unknown option ${argv[i]}`);
  else words.push(argv[i]);
}
const [name, ...args] = words;
if (name === undefined) usage("no command");
const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
if (command === undefined) usage(`unknown command ${name}`);
else if (!command.args(args.length)) usage(`wrong arguments for ${name}`);
else {
  try {
    const data = command.run(socket, args);
    console.log(json ? JSON.stringify(data, null, 2) : command.text(data));
  } catch (error) {
    if (error instanceof RpcError) {
      console.error(`kamailio-ts ctl: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof UsageError) usage(error.message);
    throw error;
  }
}
