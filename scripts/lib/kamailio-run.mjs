// @ts-check
// Turns a validated deployment config into what Kamailio runs with: the dispatcher and
// permissions lists and the regex groups file in the run directory, and the command line (listen sockets, aliases,
// the cfg defines that kamailio/kamailio.cfg reads).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { REDIS_DB } from "./redis.mjs";
import { clusterRun, renderDmqPeers, replicatedHtable } from "./cluster-run.mjs";

/** @typedef {import("./deployment-config.mjs").DeploymentConfig} DeploymentConfig */

/** Dispatcher set of the carrier gateways (src/routes/relay.ts uses the same number). */
const GATEWAY_SET = 1;
/** Dispatcher set of the gateways for 800 numbers (src/routes/toll-free.ts). */
const TOLL_FREE_SET = 2;
/** permissions address group of the trusted peers (src/routes/auth.ts). */
const TRUSTED_GROUP = 1;

/**
 * dispatcher list_file: "setid destination flags priority attributes"; set 2 only when the
 * config has toll-free gateways (without it, 800 numbers go to set 1 like any call).
 * @param {DeploymentConfig} config
 */
export function renderDispatcherList(config) {
  const line = (/** @type {number} */ set) => (/** @type {import("./deployment-config.mjs").Gateway} */ g) => `${set} ${g.uri} 0 ${g.priority} name=${g.name}\n`;
  return [...config.gateways.map(line(GATEWAY_SET)), ...config.tollFreeGateways.map(line(TOLL_FREE_SET))].join("");
}

/** permissions address_file: "group address mask port tag". @param {DeploymentConfig} config */
export function renderAddressList(config) {
  return config.trusted.map((t) => `${TRUSTED_GROUP} ${t.address} ${t.mask} ${t.port} trusted\n`).join("") + renderDmqPeers(config);
}

/** A PCRE pattern matching `text` literally: every character but a letter or digit escaped. @param {string} text */
export const pcreLiteral = (text) => text.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`);

/**
 * regex module groups file (modparam "file"): group 0 (src/routes/screen.ts matches the
 * User-Agent against it) is the config's scanner User-Agents, one case-insensitive literal per
 * line; the module joins a group's lines into one alternation, "((line1)|(line2)...)". An empty
 * list gives a pattern that matches nothing. Lines must stay under the module's 500 characters
 * (the config allows 64-character entries, at most 128 escaped).
 * @param {DeploymentConfig} config
 */
export function renderScannerGroups(config) {
  const lines = config.fraud.scannerUserAgents.map((ua) => `(?i)${pcreLiteral(ua)}\n`);
  return `# kamailio-ts: rendered from the deployment config's fraud.scannerUserAgents\n[0]\n${lines.length > 0 ? lines.join("") : "(?!)\n"}`;
}

/** log2 of the hash slots of the auth-failure and ban htables (kamailio.cfg documents them). */
export const BAN_HTABLE_SIZES = Object.freeze({ failures: 12, bans: 10 });

/**
 * The htable definitions of auth-failure banning (kamailio.cfg's AUTH_FAILURES_HTABLE and
 * BANS_HTABLE): failure counters expire findtime seconds after an address's first failure,
 * bans bantime seconds after the ban, never when bantime < 0 (autoexpire=0: until lifted).
 * @param {DeploymentConfig} config
 */
export function renderBanTables(config) {
  const { findtime, bantime } = config.fraud.authFailures;
  return {
    failures: replicatedHtable(config, `authfail=>size=${BAN_HTABLE_SIZES.failures};autoexpire=${findtime};updateexpire=0;`),
    bans: replicatedHtable(config, `ipban=>size=${BAN_HTABLE_SIZES.bans};autoexpire=${bantime < 0 ? 0 : bantime};updateexpire=0;`),
  };
}

/** A cfg define holding a string, for KSR.kx.get_def (which returns it with its quotes). @param {string} value */
const stringDefine = (value) => JSON.stringify(value);

/**
 * Where the CDR writer puts CDRs (sqlops connection "cdr") and where htable and mtree load the
 * account policy and rate plans (DB_URL): the SQLite database by default, or PostgreSQL
 * (billing.cdr), which also loads db_postgres and keeps the prepaid balances.
 * @param {DeploymentConfig} config @param {string} databaseFile
 * @returns {Record<string, string | number>}
 */
function cdrDatabaseDefines(config, databaseFile) {
  const cdr = config.billing?.cdr;
  if (cdr?.database === "postgres") return { CDR_SQLCON: stringDefine(`cdr=>${cdr.url}`), CDR_POSTGRES: 1, DB_URL: stringDefine(cdr.url) };
  return { CDR_SQLCON: stringDefine(`cdr=>sqlite:///${resolve(databaseFile)}`) };
}

/** The billing section's call-time settings (src/routes/billing.ts reads them). @param {DeploymentConfig} config */
function billingDefines(config) {
  const billing = config.billing;
  const numbering = billing?.numbering ?? { countryCode: "86", internationalPrefix: "00", nationalPrefix: "0" };
  return {
    MAX_CALL_SECONDS: billing?.maxCallSeconds ?? 14400,
    COUNTRY_CODE: stringDefine(numbering.countryCode),
    INTERNATIONAL_PREFIX: stringDefine(numbering.internationalPrefix),
    NATIONAL_PREFIX: stringDefine(numbering.nationalPrefix),
    UTC_OFFSET_SECONDS: (billing?.utcOffsetMinutes ?? 480) * 60,
    DEFAULT_RATE_PLAN: stringDefine(billing?.defaultPlan ?? "default"),
    // Account limits when an account has no row of its own in the accounts htable.
    MAX_CONCURRENT_CALLS: config.fraud.maxConcurrentCalls,
    SPEND_WARNING: config.fraud.spendPerHour.warning,
    SPEND_CRITICAL: config.fraud.spendPerHour.critical,
  };
}

/**
 * fraud.prefixCallsPerMinute when the config has none: new calls a minute of one account to one
 * destination prefix past which a warning line is logged, and past which the call gets 403
 * (kamailio.cfg's own defaults are the same).
 */
/**
 * Writes the run directory and returns the Kamailio command line.
 * @param {{ root: string, config: DeploymentConfig, runDir: string, redisSocket: string, redisPort: number, databaseFile: string, luaBundle?: string, defines?: Record<string, string | number> }} options
 *   redisSocket, redisPort: the Redis of the shared state (scripts/lib/redis.mjs);
 *   databaseFile: the SQLite database of accounts (scripts/lib/subscriber-db.mjs)
 */
export function prepareKamailioRun({ root, config, runDir, redisSocket, redisPort, databaseFile, luaBundle, defines = {} }) {
  const dir = resolve(runDir);
  mkdirSync(dir, { recursive: true });
  const dispatcherList = join(dir, "dispatcher.list");
  const addressList = join(dir, "address.list");
  writeFileSync(dispatcherList, renderDispatcherList(config));
  writeFileSync(addressList, renderAddressList(config));
  const regexGroups = join(dir, "regex.groups");
  writeFileSync(regexGroups, renderScannerGroups(config));
  const ctlSocket = join(dir, "kamailio_ctl");
  const k = config.kamailio;
  const banTables = renderBanTables(config);
  const prefixRate = config.fraud.prefixCallsPerMinute;
  const clusterNode = clusterRun(config);
  /** @type {Record<string, string | number>} */
  const allDefines = {
    LUA_BUNDLE: JSON.stringify(resolve(luaBundle ?? join(root, "lua-out/kamailio.lua"))),
    CTL_SOCKET: JSON.stringify(`unix:${ctlSocket}`),
    DISPATCHER_LIST: JSON.stringify(dispatcherList),
    ADDRESS_FILE: JSON.stringify(addressList),
    REGEX_GROUPS_FILE: JSON.stringify(regexGroups),
    REDIS_SERVER: JSON.stringify(`name=topos;unix=${resolve(redisSocket)};db=${REDIS_DB.topos}`),
    STATE_REDIS_SERVER: JSON.stringify(`name=state;unix=${resolve(redisSocket)};db=${REDIS_DB.state}`),
    DIALOG_DB_URL: JSON.stringify(`redis://127.0.0.1:${redisPort}/${REDIS_DB.dialog}`),
    // db_sqlite takes what follows "sqlite://" as the path: an absolute one adds its own "/".
    DB_URL: JSON.stringify(`sqlite:///${resolve(databaseFile)}`),
    // auth_db reads the credentials at every request: from this node's SQLite in every mode.
    AUTH_DB_URL: JSON.stringify(`sqlite:///${resolve(databaseFile)}`),
    ...cdrDatabaseDefines(config, databaseFile),
    ...billingDefines(config),
    WORKERS: k.workers,
    LOG_LEVEL: k.logLevel,
    GATEWAY_TIMEOUT_MS: k.gatewayTimeoutMs,
    AUTH_MAXRETRY: config.fraud.authFailures.maxretry,
    AUTH_FAILURES_HTABLE: JSON.stringify(banTables.failures),
    BANS_HTABLE: JSON.stringify(banTables.bans),
    CALL_RATE_LIMIT: config.fraud.callRate.callsPerMinute,
    CALL_RATE_BAN: config.fraud.callRate.banCallsPerMinute,
    // fraud.failMode: 1 lets new calls through when a fraud check cannot be made (src/routes/settings.ts).
    FRAUD_FAIL_OPEN: config.fraud.failMode === "open" ? 1 : 0,
    PREFIX_RATE_WARNING: prefixRate.warning,
    PREFIX_RATE_CRITICAL: prefixRate.critical,
    // fraud.prefixCallWindows: "<weekday digits>,<from s>,<until s>,<warning>,<critical>;..." (src/fraud/destination.ts)
    PREFIX_RATE_WINDOWS: JSON.stringify(
      config.fraud.prefixCallWindows.map((w) => [w.weekdays.join(""), w.fromSecond, w.untilSecond, w.warning, w.critical].join(",")).join(";"),
    ),
    CALL_RATE_HTABLE: JSON.stringify(replicatedHtable(config, "callrate=>size=12;autoexpire=60;updateexpire=0;")),
    DESTINATION_RATE_HTABLE: JSON.stringify(replicatedHtable(config, "destrate=>size=12;autoexpire=60;updateexpire=0;")),
    ...clusterNode.defines,
    ...defines,
  };
  const args = [
    "-f", join(root, "kamailio/kamailio.cfg"),
    "-DD", "-E",
    "-w", dir, "-Y", dir,
    "-m", String(k.sharedMemoryMb), "-M", String(k.privateMemoryMb),
    // TLSF memory managers (O(1) allocation): the default, qm, spent a third of the CPU in
    // qm_malloc under load; tlsf halves the CPU per call (README "Benchmarks").
    "-x", "tlsf", "-X", "tlsf",
    ...config.listen.flatMap((l) => ["-l", `${l.proto}:${l.address}:${l.port}`]),
    ...clusterNode.args,
    // Aliases carry our ports: a bare host would make every port of it "myself", so a gateway
    // on the same host (127.0.0.1:5080) could never be routed to.
    ...config.domains.flatMap((d) => [...new Set(config.listen.map((l) => l.port))].map((port) => `--alias=${d}:${port}`)),
    ...Object.entries(allDefines).flatMap(([name, value]) => ["-A", `${name}=${value}`]),
  ];
  return { command: "kamailio", args, ctlSocket };
}
