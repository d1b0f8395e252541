// @ts-check
// The deployment config's `cluster` section: several proxies sharing one state (issue 9).
// Absent: a single proxy, as before. Present: this node's DMQ socket and id, and the other
// nodes (their DMQ socket, which replicates bans, counters and dialogs, and their SIP address,
// which this node takes as its own so that it can carry on the calls set up there).
import { isIP } from "node:net";
import { isIntIn, isObject } from "./config-checks.mjs";

/** @typedef {import("./config-checks.mjs").Problems} Problems */
/**
 * @typedef {{ address: string, port: number }} HostPort
 * @typedef {{ dmq: HostPort, sip: HostPort }} ClusterPeer
 * @typedef {{ nodeId: number, dmq: HostPort, peers: ClusterPeer[], pingIntervalSeconds: number }} ClusterConfig
 */

/**
 * Dialog ids are h_id_start + N * h_id_step (dialog module): each node starts at its nodeId,
 * so no two nodes ever make the same id and a replicated dialog never overwrites a local one.
 */
export const CLUSTER_NODE_IDS = Object.freeze({ min: 1, max: 15, step: 16 });

/**
 * cluster.pingIntervalSeconds: how often DMQ pings the other nodes: a peer that misses a ping
 * gets no replicated writes until it answers one again, so this is how soon a peer that is
 * back is fed again. dmq 5.6.3 takes no less than 5 (MIN_PING_INTERVAL).
 */
export const DMQ_PING_INTERVAL = Object.freeze({ min: 5, max: 3600, default: 10 });

/** "IP:PORT" (IPv6 in brackets). @param {unknown} value @returns {HostPort | null} */
function hostPort(value) {
  const match = typeof value === "string" ? /^(\[[0-9A-Fa-f:.]+\]|[0-9.]+):(\d{1,5})$/.exec(value) : null;
  if (!match || isIP(match[1].replace(/^\[(.*)\]$/, "$1")) === 0 || !isIntIn(Number(match[2]), 1, 65535)) return null;
  return { address: match[1], port: Number(match[2]) };
}

/** @param {unknown} value @param {string} field @param {Problems} problems */
function hostPortField(value, field, problems) {
  const parsed = hostPort(value);
  if (parsed === null) problems.add(field, `must be "IP:PORT", e.g. "10.0.0.2:5090" (got ${JSON.stringify(value)})`);
  return parsed;
}

/**
 * Validates `cluster`; null when absent. A cluster writes its CDRs to one PostgreSQL (SQLite
 * is one file on one host), so billing.cdr must be postgres.
 * @param {unknown} value @param {Problems} problems @param {{ database: string } | undefined} cdrDatabase
 * @returns {ClusterConfig | null}
 */
export function cluster(value, problems, cdrDatabase) {
  if (value === undefined) return null;
  const example = '{ "nodeId": 1, "dmq": "10.0.0.1:5090", "peers": [{ "dmq": "10.0.0.2:5090", "sip": "10.0.0.2:5060" }] }';
  if (!isObject(value)) {
    problems.add("cluster", `must be an object like ${example}`);
    return null;
  }
  const c = /** @type {Record<string, unknown>} */ (value);
  problems.unknownKeys(c, "cluster", ["nodeId", "dmq", "peers", "pingIntervalSeconds"]);
  const before = problems.list.length;
  const { min, max } = CLUSTER_NODE_IDS;
  if (!isIntIn(c.nodeId, min, max)) problems.add("cluster.nodeId", `must be an integer from ${min} to ${max}, different on every node (got ${JSON.stringify(c.nodeId)})`);
  const dmq = hostPortField(c.dmq, "cluster.dmq", problems);
  const peers = problems.asList(c.peers, "cluster.peers", { nonEmpty: true }).map((p, i) => {
    const field = `cluster.peers[${i}]`;
    if (!isObject(p)) {
      problems.add(field, 'must be an object like { "dmq": "10.0.0.2:5090", "sip": "10.0.0.2:5060" }');
      return null;
    }
    const peer = /** @type {Record<string, unknown>} */ (p);
    problems.unknownKeys(peer, field, ["dmq", "sip"]);
    return { dmq: hostPortField(peer.dmq, `${field}.dmq`, problems), sip: hostPortField(peer.sip, `${field}.sip`, problems) };
  });
  const ping = DMQ_PING_INTERVAL;
  const pingIntervalSeconds = c.pingIntervalSeconds ?? ping.default;
  if (!isIntIn(pingIntervalSeconds, ping.min, ping.max)) {
    problems.add("cluster.pingIntervalSeconds", `must be an integer from ${ping.min} to ${ping.max}: seconds between DMQ pings of the other nodes (got ${JSON.stringify(c.pingIntervalSeconds)})`);
  }
  if (cdrDatabase?.database !== "postgres") {
    problems.add("cluster", 'needs billing.cdr { "database": "postgres", "url": ... }: every node writes CDRs to the one database');
  }
  if (problems.list.length > before) return null;
  return {
    nodeId: /** @type {number} */ (c.nodeId),
    dmq: /** @type {HostPort} */ (dmq),
    peers: /** @type {ClusterPeer[]} */ (peers),
    pingIntervalSeconds: /** @type {number} */ (pingIntervalSeconds),
  };
}
