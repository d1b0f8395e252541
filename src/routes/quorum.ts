// Whether this cluster node's fraud checks can be trusted (policy: src/fraud/quorum.ts). Once a
// second, one process (kamailio.cfg: rtimer "clusterwatch") writes this node's heartbeat into
// the htable `heartbeat`, which DMQ replicates to the other nodes and which forgets an item 3 s
// after its last write. The heartbeats present are the nodes whose replicated writes reach this
// one: the path the bans and counters take. The count and the verdict go into the local htable
// `cluster` (never replicated); new calls read the verdict with one sht_get. A single proxy runs
// none of it.
import { IN_MAJORITY, minorityFlag, quorumChangeLine, refusesNewCalls } from "../fraud/quorum";
import { ksr_route_audit } from "./audit";
import { clusterNodeName, isClusterNode } from "./cluster";
import { billingSettings } from "./settings";

/** kamailio.cfg's local htable of this node's view, and its items. */
const CLUSTER_TABLE = "cluster";
const MINORITY_KEY = "minority";
const ACTIVE_KEY = "active";
/** kamailio.cfg's replicated htable of heartbeats, keyed by node name ("node<id>": CLUSTER_NODE). */
const HEARTBEAT_TABLE = "heartbeat";
/** Node ids run from 1 to 15 (scripts/lib/cluster-config.mjs CLUSTER_NODE_IDS). */
const MAX_NODE_ID = 15;

/**
 * Ticks after a start during which a minority is not yet believed: the other nodes' heartbeats
 * reach a starting node with DMQ's first sync, and an item lives 3 s. Until then the view stays
 * unknown (closed refuses new calls of accounts, open lets them through), unless a majority shows.
 */
const SETTLING_TICKS = 4;

/** This timer process's ticks since the start (the timer runs in one process only). */
let ticks = 0;

/**
 * rtimer "clusterwatch", every second, in one process: writes this node's heartbeat, counts the
 * heartbeats present (this node's included), writes the count and the flag, and logs each change
 * of view once (a WARNING, whatever fraud.failMode: operators must see it).
 */
export function ksr_route_cluster_watch(): void {
  KSR.htable.sht_seti(HEARTBEAT_TABLE, clusterNodeName(), 1);
  let active = 0;
  for (let id = 1; id <= MAX_NODE_ID; id++) {
    if (KSR.htable.sht_get(HEARTBEAT_TABLE, `node${id}`) !== undefined) active++;
  }
  const clusterSize = KSR.kx.get_defn("CLUSTER_SIZE");
  const current = minorityFlag(active, clusterSize);
  KSR.htable.sht_seti(CLUSTER_TABLE, ACTIVE_KEY, active);
  if (ticks < SETTLING_TICKS) ticks++;
  if (current !== IN_MAJORITY && ticks < SETTLING_TICKS) return;
  const previous = tonumber(KSR.htable.sht_get(CLUSTER_TABLE, MINORITY_KEY));
  if (previous === current) return;
  KSR.htable.sht_seti(CLUSTER_TABLE, MINORITY_KEY, current);
  const line = quorumChangeLine(previous, current, active, clusterSize, billingSettings().fraudFailsOpen);
  if (line !== "") KSR.warn(`${line}\n`);
}

/**
 * A new call (initial INVITE) of an untrusted caller on a cluster node that does not see a
 * majority of the nodes, with fraud.failMode "closed": 503 (callers and DNS SRV clients try
 * another node), audited `cluster-minority`. Trusted peers pass: none of the shared fraud
 * checks (bans, call rates, account caps) applies to them.
 */
export function ksr_route_cluster_quorum(trusted: boolean, account: string): void {
  if (trusted || !isClusterNode()) return;
  const failOpen = billingSettings().fraudFailsOpen;
  if (failOpen) return;
  if (!refusesNewCalls(tonumber(KSR.htable.sht_get(CLUSTER_TABLE, MINORITY_KEY)), failOpen)) return;
  ksr_route_audit("cluster-minority", KSR.pv.gete("$ua"), account);
  KSR.sl.sl_send_reply(503, "Service Unavailable - fraud checks unavailable");
  KSR.x.exit();
}
