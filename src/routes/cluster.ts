// Cluster mode (deployment config `cluster`, kamailio.cfg WITH_CLUSTER): the nodes replicate
// bans, counters and dialogs to each other over DMQ, as KDMQ requests between their DMQ
// sockets. Those are handed to the dmq module before any other check; a KDMQ request from
// anywhere else is dropped, audited: it would write into the bans and dialogs.
import { NO_ACCOUNT, ksr_route_drop_audited } from "./audit";
import { stringDefine } from "./settings";

/** permissions address group of the peers' DMQ sockets (scripts/lib/cluster-run.mjs). */
const DMQ_PEERS_GROUP = 2;

let clustered: boolean | undefined;

/** Whether this node runs in a cluster (the cfg define, read once per worker). */
export function isClusterNode(): boolean {
  if (clustered === undefined) clustered = KSR.kx.get_defn("WITH_CLUSTER") > 0;
  return clustered;
}

let nodeName: string | undefined;

/** This node's name ("node<id>", "single" outside a cluster: the cfg define CLUSTER_NODE), read once per process. */
export function clusterNodeName(): string {
  if (nodeName === undefined) nodeName = stringDefine("CLUSTER_NODE");
  return nodeName;
}

/** KDMQ requests: the peers' go to the dmq module, which answers them; others are dropped. */
export function ksr_route_dmq(method: string): void {
  if (method !== "KDMQ" || !isClusterNode()) return;
  if (KSR.permissions.allow_source_address(DMQ_PEERS_GROUP) > 0) {
    KSR.dmq.handle_message();
    KSR.x.exit();
  }
  ksr_route_drop_audited("dmq-foreign", KSR.pv.gete("$ua"), NO_ACCOUNT);
}
