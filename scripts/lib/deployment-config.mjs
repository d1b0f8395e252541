// @ts-check
// The deployment config: what an operator sets (listen addresses, served domains, carrier
// gateways and those for 800 numbers, trusted peers, accounts, toll-fraud protection, billing,
// Kamailio sizing). Validated here, on start, with an error that names the file, the field and
// the problem; nothing starts from a config with an error.
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { dirname, resolve } from "node:path";
import { ACCOUNT_BILLING_FIELDS, FRAUD_ACCOUNT_FIELDS, accountBilling, billing, fraudAccountLimits } from "./billing-config.mjs";
import { isIntIn, isObject, Problems } from "./config-checks.mjs";
import { cluster } from "./cluster-config.mjs";

/**
 * @typedef {{ proto: "udp" | "tcp", address: string, port: number }} ListenSocket
 * @typedef {{ name: string, uri: string, priority: number }} Gateway
 * @typedef {{ address: string, mask: number, port: number }} TrustedPeer
 * @typedef {{ username: string, password: string, enabled: boolean } & import("./billing-config.mjs").AccountBilling} Account
 * @typedef {{ workers: number, sharedMemoryMb: number, privateMemoryMb: number, logLevel: number, gatewayTimeoutMs: number }} KamailioSizing
 * @typedef {{ maxretry: number, findtime: number, bantime: number }} AuthFailureBanning
 * @typedef {{ callsPerMinute: number, banCallsPerMinute: number }} CallRateLimits
 * @typedef {"closed" | "open"} FailMode
 * @typedef {{ scannerUserAgents: string[], authFailures: AuthFailureBanning, callRate: CallRateLimits, failMode: FailMode } & import("./billing-config.mjs").FraudAccountLimits} FraudConfig
 * @typedef {{ listen: ListenSocket[], domains: string[], gateways: Gateway[], tollFreeGateways: Gateway[], trusted: TrustedPeer[], accounts: Account[], fraud: FraudConfig, billing: import("./billing-config.mjs").BillingConfig | null, cluster: import("./cluster-config.mjs").ClusterConfig | null, kamailio: KamailioSizing }} DeploymentConfig
 */

export class ConfigError extends Error {
  /** @param {string} file @param {string[]} problems */
  constructor(file, problems) {
    super(`${file}: invalid deployment config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

const KAMAILIO_DEFAULTS = { workers: 4, sharedMemoryMb: 128, privateMemoryMb: 16, logLevel: 2, gatewayTimeoutMs: 5000 };
/** [min, max] of each Kamailio sizing field. */
const KAMAILIO_RANGES = {
  workers: [1, 64],
  sharedMemoryMb: [32, 65536],
  privateMemoryMb: [4, 1024],
  logLevel: [-5, 3],
  gatewayTimeoutMs: [100, 120000],
};
/**
 * User-Agent substrings of known SIP scanners and attack tools (matched case-insensitively
 * anywhere in the header): SIPVicious (svmap/svwar/svcrack announce "friendly-scanner",
 * newer ones "sipvicious"), sipcli, the VaxSIPUserAgent and PortSIP VoIP SDK builds used by
 * toll-fraud dialers, sipsak, sundayddr, iWar, SIPScan / sip-scan, and pplsip (seen in
 * honeypot logs). None is a phone or carrier equipment; each is long enough not to occur by
 * chance in a real product's User-Agent.
 */
export const DEFAULT_SCANNER_USER_AGENTS = Object.freeze([
  "friendly-scanner",
  "sipvicious",
  "sipcli",
  "VaxSIPUserAgent",
  "PortSIP VoIP SDK",
  "sipsak",
  "sundayddr",
  "iWar",
  "SIPScan",
  "sip-scan",
  "pplsip",
]);
/** Limits of fraud.scannerUserAgents (each entry is one line of the regex module's groups file). */
export const SCANNER_UA_LIMITS = Object.freeze({ maxEntries: 64, maxLength: 64 });
/** fraud.authFailures defaults: fail2ban's (maxretry 5, findtime 600 s, bantime 600 s). */
export const AUTH_FAILURE_DEFAULTS = Object.freeze({ maxretry: 5, findtime: 600, bantime: 600 });
/** Upper limits of fraud.authFailures: maxretry, and findtime and bantime in seconds (a year). */
export const AUTH_FAILURE_LIMITS = Object.freeze({ maxretry: 100000, seconds: 31536000 });
/** fraud.callRate defaults: the brief's 100 new calls a minute, and twice that bans. */
export const CALL_RATE_DEFAULTS = Object.freeze({ callsPerMinute: 100, banCallsPerMinute: 200 });
/** Upper limit of fraud.callRate's counts (new calls a minute). */
export const CALL_RATE_MAX = 1000000;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** SIP user part characters that need no escaping, as digest usernames. */
const USERNAME = /^[A-Za-z0-9_.!~*'()&=+$,;?\/-]{1,64}$/;
const SIP_URI = /^sips?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:(\d{1,5}))?(;transport=(udp|tcp|tls))?$/;

/** @param {string} host */
const isHost = (host) => isIP(host.replace(/^\[(.*)\]$/, "$1")) !== 0 || HOST.test(host);

/** @param {unknown} entry @param {string} field @param {Problems} problems @returns {ListenSocket | null} */
function listenSocket(entry, field, problems) {
  const match = typeof entry === "string" ? /^(udp|tcp):(\[[0-9A-Fa-f:.]+\]|[0-9.]+):(\d{1,5})$/.exec(entry) : null;
  if (!match || isIP(match[2].replace(/^\[(.*)\]$/, "$1")) === 0 || !isIntIn(Number(match[3]), 1, 65535)) {
    problems.add(field, `must be "udp|tcp:IP:PORT", e.g. "udp:127.0.0.1:5060" (got ${JSON.stringify(entry)})`);
    return null;
  }
  return { proto: /** @type {"udp" | "tcp"} */ (match[1]), address: match[2], port: Number(match[3]) };
}

/** @param {unknown} entry @param {string} field @param {Problems} problems @returns {Gateway | null} */
function gateway(entry, field, problems) {
  if (!isObject(entry)) {
    problems.add(field, 'must be an object like { "name": "carrier-a", "uri": "sip:127.0.0.1:5080" }');
    return null;
  }
  const g = /** @type {Record<string, unknown>} */ (entry);
  problems.unknownKeys(g, field, ["name", "uri", "priority"]);
  const before = problems.list.length;
  if (typeof g.name !== "string" || !NAME.test(g.name)) problems.add(`${field}.name`, "must be 1-64 letters, digits, '.', '_' or '-'");
  const uri = typeof g.uri === "string" ? SIP_URI.exec(g.uri) : null;
  if (!uri || !isHost(uri[1]) || (uri[3] !== undefined && !isIntIn(Number(uri[3]), 1, 65535))) {
    problems.add(`${field}.uri`, `must be a SIP URI of the gateway, e.g. "sip:192.0.2.10:5060" (got ${JSON.stringify(g.uri)})`);
  }
  const priority = g.priority ?? 0;
  if (!isIntIn(priority, 0, 1000)) problems.add(`${field}.priority`, "must be an integer from 0 to 1000 (higher is tried first)");
  if (problems.list.length > before) return null;
  return { name: /** @type {string} */ (g.name), uri: /** @type {string} */ (g.uri), priority: /** @type {number} */ (priority) };
}

/** @param {unknown} entry @param {string} field @param {Problems} problems @returns {TrustedPeer | null} */
function trustedPeer(entry, field, problems) {
  const peer = isObject(entry) ? /** @type {Record<string, unknown>} */ (entry) : { cidr: entry };
  if (isObject(entry)) problems.unknownKeys(peer, field, ["cidr", "port"]);
  const match = typeof peer.cidr === "string" ? /^([^/]+)(?:\/(\d{1,3}))?$/.exec(peer.cidr) : null;
  const family = match ? isIP(match[1]) : 0;
  const maxMask = family === 6 ? 128 : 32;
  const mask = match?.[2] === undefined ? maxMask : Number(match[2]);
  if (!match || family === 0 || !isIntIn(mask, 0, maxMask)) {
    problems.add(isObject(entry) ? `${field}.cidr` : field, `must be an IP address or CIDR, e.g. "127.0.0.1/32" (got ${JSON.stringify(peer.cidr)})`);
    return null;
  }
  const port = peer.port ?? 0;
  if (!isIntIn(port, 0, 65535)) {
    problems.add(`${field}.port`, "must be a port from 1 to 65535, or 0 for any port");
    return null;
  }
  return { address: match[1], mask, port: /** @type {number} */ (port) };
}

/**
 * @param {unknown} entry @param {string} field @param {Problems} problems
 * @param {import("./billing-config.mjs").BillingConfig | null} billingConfig @param {FraudConfig} fraudConfig
 * @returns {Account | null}
 */
function account(entry, field, problems, billingConfig, fraudConfig) {
  if (!isObject(entry)) {
    problems.add(field, 'must be an object like { "username": "1001", "password": "..." }');
    return null;
  }
  const a = /** @type {Record<string, unknown>} */ (entry);
  problems.unknownKeys(a, field, ["username", "password", "enabled", ...ACCOUNT_BILLING_FIELDS]);
  const before = problems.list.length;
  if (typeof a.username !== "string" || !USERNAME.test(a.username)) problems.add(`${field}.username`, "must be 1-64 characters of a SIP user part (letters, digits, - _ . ! ~ * ' ( ) & = + $ , ; ? /)");
  if (typeof a.password !== "string" || a.password.length === 0 || a.password.length > 64 || /[\x00-\x1f\x7f]/.test(a.password)) {
    problems.add(`${field}.password`, "must be 1-64 printable characters");
  }
  const enabled = a.enabled ?? true;
  if (typeof enabled !== "boolean") problems.add(`${field}.enabled`, "must be true or false");
  const billingFields = accountBilling(a, field, problems, billingConfig, fraudConfig);
  if (problems.list.length > before) return null;
  return { username: /** @type {string} */ (a.username), password: /** @type {string} */ (a.password), enabled: /** @type {boolean} */ (enabled), ...billingFields };
}

/** @param {unknown} value @param {Problems} problems @returns {AuthFailureBanning} */
function authFailures(value, problems) {
  const result = { ...AUTH_FAILURE_DEFAULTS };
  if (value === undefined) return result;
  if (!isObject(value)) {
    problems.add("fraud.authFailures", 'must be an object like { "maxretry": 5, "findtime": 600, "bantime": 600 }');
    return result;
  }
  const a = /** @type {Record<string, unknown>} */ (value);
  problems.unknownKeys(a, "fraud.authFailures", ["maxretry", "findtime", "bantime"]);
  const { maxretry, seconds } = AUTH_FAILURE_LIMITS;
  if (a.maxretry !== undefined) {
    if (!isIntIn(a.maxretry, 1, maxretry)) problems.add("fraud.authFailures.maxretry", `must be an integer from 1 to ${maxretry}: failed authentications allowed within findtime, one more bans (got ${JSON.stringify(a.maxretry)})`);
    else result.maxretry = /** @type {number} */ (a.maxretry);
  }
  if (a.findtime !== undefined) {
    if (!isIntIn(a.findtime, 1, seconds)) problems.add("fraud.authFailures.findtime", `must be an integer from 1 to ${seconds} (seconds) (got ${JSON.stringify(a.findtime)})`);
    else result.findtime = /** @type {number} */ (a.findtime);
  }
  if (a.bantime !== undefined) {
    if (!Number.isInteger(a.bantime) || a.bantime === 0 || /** @type {number} */ (a.bantime) > seconds || /** @type {number} */ (a.bantime) < -seconds) {
      problems.add("fraud.authFailures.bantime", `must be an integer from 1 to ${seconds} (seconds), or negative for a ban until lifted (got ${JSON.stringify(a.bantime)})`);
    } else result.bantime = /** @type {number} */ (a.bantime);
  }
  return result;
}

/**
 * fraud.callRate: banCallsPerMinute defaults to twice callsPerMinute (200 with the default 100)
 * and may not be below it.
 * @param {unknown} value @param {Problems} problems @returns {CallRateLimits}
 */
function callRate(value, problems) {
  if (value === undefined) return { ...CALL_RATE_DEFAULTS };
  if (!isObject(value)) {
    problems.add("fraud.callRate", 'must be an object like { "callsPerMinute": 100, "banCallsPerMinute": 200 }');
    return { ...CALL_RATE_DEFAULTS };
  }
  const r = /** @type {Record<string, unknown>} */ (value);
  problems.unknownKeys(r, "fraud.callRate", ["callsPerMinute", "banCallsPerMinute"]);
  let callsPerMinute = CALL_RATE_DEFAULTS.callsPerMinute;
  if (r.callsPerMinute !== undefined) {
    if (!isIntIn(r.callsPerMinute, 1, CALL_RATE_MAX)) problems.add("fraud.callRate.callsPerMinute", `must be an integer from 1 to ${CALL_RATE_MAX}: new calls a minute per source IP or account, more get 503 (got ${JSON.stringify(r.callsPerMinute)})`);
    else callsPerMinute = /** @type {number} */ (r.callsPerMinute);
  }
  if (r.banCallsPerMinute === undefined) return { callsPerMinute, banCallsPerMinute: Math.min(2 * callsPerMinute, CALL_RATE_MAX) };
  if (!isIntIn(r.banCallsPerMinute, 1, CALL_RATE_MAX)) {
    problems.add("fraud.callRate.banCallsPerMinute", `must be an integer from 1 to ${CALL_RATE_MAX}: new calls a minute past which the source IP is banned (got ${JSON.stringify(r.banCallsPerMinute)})`);
    return { callsPerMinute, banCallsPerMinute: Math.min(2 * callsPerMinute, CALL_RATE_MAX) };
  }
  const banCallsPerMinute = /** @type {number} */ (r.banCallsPerMinute);
  if (banCallsPerMinute < callsPerMinute) problems.add("fraud.callRate.banCallsPerMinute", `must be at least callsPerMinute (${callsPerMinute}) (got ${banCallsPerMinute})`);
  return { callsPerMinute, banCallsPerMinute };
}

/**
 * fraud.failMode: what a node does when a fraud check cannot be made (a cluster node that
 * sees a minority of the nodes, an hourly spend that Redis cannot read): "closed" (default)
 * refuses new calls with 503, "open" lets them through with a warning.
 * @param {unknown} value @param {Problems} problems @returns {FailMode}
 */
function failMode(value, problems) {
  if (value === undefined) return "closed";
  if (value === "closed" || value === "open") return value;
  problems.add("fraud.failMode", `must be "closed" (refuse new calls when a fraud check cannot be made) or "open" (let them through, with a warning) (got ${JSON.stringify(value)})`);
  return "closed";
}

/** @param {unknown} value @param {Problems} problems @returns {FraudConfig} */
function fraud(value, problems) {
  const defaults = () => ({ authFailures: { ...AUTH_FAILURE_DEFAULTS }, callRate: { ...CALL_RATE_DEFAULTS }, failMode: /** @type {FailMode} */ ("closed"), ...fraudAccountLimits({}, problems) });
  if (value === undefined) return { scannerUserAgents: [...DEFAULT_SCANNER_USER_AGENTS], ...defaults() };
  if (!isObject(value)) {
    problems.add("fraud", 'must be an object like { "scannerUserAgents": ["friendly-scanner"] }');
    return { scannerUserAgents: [], ...defaults() };
  }
  const f = /** @type {Record<string, unknown>} */ (value);
  problems.unknownKeys(f, "fraud", ["scannerUserAgents", "authFailures", "callRate", ...FRAUD_ACCOUNT_FIELDS, "failMode"]);
  const checks = { authFailures: authFailures(f.authFailures, problems), callRate: callRate(f.callRate, problems), failMode: failMode(f.failMode, problems), ...fraudAccountLimits(f, problems) };
  if (f.scannerUserAgents === undefined) return { scannerUserAgents: [...DEFAULT_SCANNER_USER_AGENTS], ...checks };
  const { maxEntries, maxLength } = SCANNER_UA_LIMITS;
  const list = problems.asList(f.scannerUserAgents, "fraud.scannerUserAgents");
  if (list.length > maxEntries) problems.add("fraud.scannerUserAgents", `must have at most ${maxEntries} entries (got ${list.length})`);
  const seen = new Set();
  list.forEach((ua, i) => {
    const field = `fraud.scannerUserAgents[${i}]`;
    if (typeof ua !== "string" || ua.length === 0 || ua.length > maxLength || !/^[\x20-\x7e]+$/.test(ua) || ua.trim() !== ua) {
      problems.add(field, `must be 1-${maxLength} printable ASCII characters without leading or trailing spaces, a part of the User-Agent (got ${JSON.stringify(ua)})`);
    } else if (seen.has(ua.toLowerCase())) {
      problems.add(field, `"${ua}" is listed more than once (matching ignores case)`);
    } else seen.add(ua.toLowerCase());
  });
  return { scannerUserAgents: /** @type {string[]} */ (list), ...checks };
}

/** Reports each name used by more than one entry ("" for an invalid entry). @param {string[]} names @param {(i: number) => string} field @param {Problems} problems */
function unique(names, field, problems) {
  names.forEach((name, i) => {
    if (name !== "" && names.indexOf(name) !== i) problems.add(field(i), `"${name}" is used more than once`);
  });
}

/**
 * Validates a parsed deployment config and fills in defaults.
 * @param {unknown} raw @param {string} file the file name errors name
 * @param {{ baseDir?: string }} [options] baseDir: what relative paths in the config (rate
 *   plans) are relative to; default the directory of `file`
 * @returns {DeploymentConfig}
 */
export function validateDeploymentConfig(raw, file, { baseDir = dirname(resolve(file)) } = {}) {
  const problems = new Problems();
  if (!isObject(raw)) throw new ConfigError(file, ["the config must be a JSON object"]);
  const c = /** @type {Record<string, unknown>} */ (raw);
  problems.unknownKeys(c, "", ["$comment", "listen", "domains", "gateways", "tollFreeGateways", "trusted", "accounts", "fraud", "billing", "cluster", "kamailio"]);

  const listen = problems.asList(c.listen, "listen", { nonEmpty: true }).map((e, i) => listenSocket(e, `listen[${i}]`, problems));
  const domains = problems.asList(c.domains ?? [], "domains").map((d, i) => {
    if (typeof d !== "string" || !isHost(d)) problems.add(`domains[${i}]`, `must be a host name or IP address (got ${JSON.stringify(d)})`);
    return /** @type {string} */ (d);
  });
  const gateways = problems.asList(c.gateways, "gateways", { nonEmpty: true }).map((g, i) => gateway(g, `gateways[${i}]`, problems));
  const tollFreeGateways = problems.asList(c.tollFreeGateways ?? [], "tollFreeGateways").map((g, i) => gateway(g, `tollFreeGateways[${i}]`, problems));
  // Names are unique across both lists: a name identifies one gateway in dispatcher's lists.
  const allGateways = [...gateways.map((g, i) => ({ g, field: `gateways[${i}]` })), ...tollFreeGateways.map((g, i) => ({ g, field: `tollFreeGateways[${i}]` }))];
  unique(allGateways.map(({ g }) => g?.name ?? ""), (i) => `${allGateways[i].field}.name`, problems);
  const trusted = problems.asList(c.trusted ?? [], "trusted").map((t, i) => trustedPeer(t, `trusted[${i}]`, problems));
  const fraudConfig = fraud(c.fraud, problems);
  const billingConfig = billing(c.billing, problems, baseDir);
  const accounts = problems.asList(c.accounts ?? [], "accounts").map((a, i) => account(a, `accounts[${i}]`, problems, billingConfig, fraudConfig));
  unique(accounts.map((a) => a?.username ?? ""), (i) => `accounts[${i}].username`, problems);
  const clusterConfig = cluster(c.cluster, problems, billingConfig?.cdr);

  /** @type {KamailioSizing} */
  const kamailio = { ...KAMAILIO_DEFAULTS };
  if (c.kamailio !== undefined) {
    if (!isObject(c.kamailio)) problems.add("kamailio", "must be an object");
    else {
      const k = /** @type {Record<string, unknown>} */ (c.kamailio);
      problems.unknownKeys(k, "kamailio", Object.keys(KAMAILIO_DEFAULTS));
      for (const [key, [min, max]] of Object.entries(KAMAILIO_RANGES)) {
        if (k[key] === undefined) continue;
        if (!isIntIn(k[key], min, max)) problems.add(`kamailio.${key}`, `must be an integer from ${min} to ${max}`);
        else kamailio[/** @type {keyof KamailioSizing} */ (key)] = /** @type {number} */ (k[key]);
      }
    }
  }

  if (problems.list.length > 0) throw new ConfigError(file, problems.list);
  return {
    listen: /** @type {ListenSocket[]} */ (listen),
    domains,
    gateways: /** @type {Gateway[]} */ (gateways),
    tollFreeGateways: /** @type {Gateway[]} */ (tollFreeGateways),
    trusted: /** @type {TrustedPeer[]} */ (trusted),
    accounts: /** @type {Account[]} */ (accounts),
    fraud: fraudConfig,
    billing: billingConfig,
    cluster: clusterConfig,
    kamailio,
  };
}

/** Reads and validates a deployment config file. @param {string} file */
export function loadDeploymentConfig(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [`cannot read the file: ${/** @type {Error} */ (error).message}`]);
  }
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${/** @type {Error} */ (error).message}`]);
  }
  return validateDeploymentConfig(raw, file);
}
