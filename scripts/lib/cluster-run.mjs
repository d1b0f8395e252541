// @ts-check
// What the `cluster` section adds to a node's Kamailio run (kamailio.cfg's WITH_CLUSTER part):
// the DMQ listen socket, the peers' SIP addresses as aliases (a call set up on a peer keeps
// that peer's address in its Route set and Contact; this node carries on its in-dialog
// requests), the peers' DMQ sockets as the only sources allowed to send KDMQ, and the defines.
import { CLUSTER_NODE_IDS } from "./cluster-config.mjs";

/** @typedef {import("./deployment-config.mjs").DeploymentConfig} DeploymentConfig */

/** permissions address group of the cluster's DMQ peers (src/routes/cluster.ts). */
export const DMQ_PEERS_GROUP = 2;

/** @param {{ address: string, port: number }} hp */
const hostPort = (hp) => `${hp.address}:${hp.port}`;

/** The htable definition, replicated to the other nodes over DMQ in a cluster. @param {DeploymentConfig} config @param {string} definition */
export const replicatedHtable = (config, definition) => (config.cluster === null ? definition : `${definition}dmqreplicate=1;`);

/** Lines of the permissions address file for the peers' DMQ sockets. @param {DeploymentConfig} config */
export function renderDmqPeers(config) {
  return (config.cluster?.peers ?? []).map((p) => `${DMQ_PEERS_GROUP} ${p.dmq.address.replace(/^\[(.*)\]$/, "$1")} ${p.dmq.address.includes(":") ? 128 : 32} ${p.dmq.port} dmq\n`).join("");
}

/**
 * Kamailio arguments (listen socket, aliases) and cfg defines of a cluster node; nothing for a
 * single proxy. DMQ learns every node from the first peer's notification reply.
 * @param {DeploymentConfig} config
 * @returns {{ args: string[], defines: Record<string, string | number> }}
 */
export function clusterRun(config) {
  const c = config.cluster;
  if (c === null) return { args: [], defines: {} };
  return {
    args: ["-l", `udp:${hostPort(c.dmq)}`, ...c.peers.map((p) => `--alias=${hostPort(p.sip)}`)],
    defines: {
      WITH_CLUSTER: 1,
      CLUSTER_NODE: JSON.stringify(`node${c.nodeId}`),
      DMQ_SERVER_ADDRESS: JSON.stringify(`sip:${hostPort(c.dmq)}`),
      DMQ_NOTIFICATION_ADDRESS: JSON.stringify(`sip:${hostPort(c.peers[0].dmq)}`),
      DIALOG_H_ID_START: c.nodeId,
      DIALOG_H_ID_STEP: CLUSTER_NODE_IDS.step,
      DMQ_PING_INTERVAL: c.pingIntervalSeconds,
      // The nodes configured, this one included: a node seeing fewer than a majority of them
      // is in the minority (src/routes/quorum.ts).
      CLUSTER_SIZE: c.peers.length + 1,
    },
  };
}

/**
 * Deployment configs of a cluster on one host (npm run cluster, tests): node i listens on
 * 127.0.0.1:sipPorts[i] (UDP) with DMQ on 127.0.0.1:dmqPorts[i], CDRs in the PostgreSQL at
 * cdrUrl, every other node its peer; base.cluster's other fields (pingIntervalSeconds) kept.
 * @param {Record<string, any>} base a deployment config (raw JSON) @param {number[]} sipPorts
 * @param {number[]} dmqPorts @param {string} cdrUrl
 */
export function localClusterConfigs(base, sipPorts, dmqPorts, cdrUrl) {
  const node = (/** @type {number} */ i) => ({ sip: `127.0.0.1:${sipPorts[i]}`, dmq: `127.0.0.1:${dmqPorts[i]}` });
  return sipPorts.map((_, i) => ({
    ...base,
    listen: [`udp:${node(i).sip}`],
    billing: { ...base.billing, cdr: { database: "postgres", url: cdrUrl } },
    // base.cluster may hold the fields every node shares (pingIntervalSeconds).
    cluster: { ...base.cluster, nodeId: i + 1, dmq: node(i).dmq, peers: sipPorts.map((__, j) => j).filter((j) => j !== i).map(node) },
  }));
}
