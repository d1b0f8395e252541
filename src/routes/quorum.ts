// Whether this cluster node's fraud checks can be trusted (policy: src/fraud/quorum.ts). Once a
// second, one process (kamailio.cfg: rtimer "clusterwatch") counts the nodes DMQ lists as
// active and keeps the verdict in the local htable `cluster` (never replicated); new calls
// read it with one sht_get. A single proxy runs none of it.
import { activeNodesOf, minorityFlag, quorumChangeLine, refusesNewCalls } from "../fraud/quorum";
import { ksr_route_audit } from "./audit";
import { isClusterNode } from "./cluster";
import { billingSettings } from "./settings";

/** kamailio.cfg's local htable of this node's view, and its items. */
const CLUSTER_TABLE = "cluster";
const MINORITY_KEY = "minority";
const ACTIVE_KEY = "active";
/** dmq's node list, run in this process by jsonrpcs (no transport: kamailio.cfg). */
const LIST_NODES = '{"jsonrpc":"2.0","method":"dmq.list_nodes","id":1}';

/**
 * rtimer "clusterwatch", every second, in one process: counts the active DMQ nodes (itself
 * included), writes the count and the minority flag, and logs each change of view once (a
 * WARNING, whatever fraud.failMode: operators must see it). A failed list keeps the last view.
 */
export function ksr_route_cluster_watch(): void {
  const active = KSR.jsonrpcs.exec(LIST_NODES) > 0 ? activeNodesOf(tostring(KSR.jsonrpcs.response())) : undefined;
  if (active === undefined) {
    KSR.err("kamailio-ts: dmq.list_nodes failed: the cluster view is not updated\n");
    return;
  }
  const clusterSize = KSR.kx.get_defn("CLUSTER_SIZE");
  const current = minorityFlag(active, clusterSize);
  KSR.htable.sht_seti(CLUSTER_TABLE, ACTIVE_KEY, active);
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
