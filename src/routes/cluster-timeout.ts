// Cluster mode: the dialog timeout (a prepaid call's limit, maxCallSeconds) is timed by the node
// that set the call up, which sends the BYEs and removes the dialog from every node. The
// replicas get a longer lifetime (billing.ts setCallTimeout) so that their timers never expire
// first: in dialog 5.6.3 a replica's expiry is skipped (dlg_filter_mode 1) without releasing
// the timer's reference, and the owner's removal then leaves the replica behind, counted in
// the account's concurrent calls. At the confirming ACK the dialog module restarts the owner's
// timer with the longer lifetime (and replicates it); this sets the owner's back.
import { DLG } from "./billing";
import { nowMs } from "./clock";
import { clusterNodeName, isClusterNode } from "./cluster";

/** An ACK that loose_route matched to a dialog: the owner's timer back to the call's timeout. */
export function ksr_cluster_own_timeout(): void {
  if (!isClusterNode()) return;
  const owner = KSR.dialog.var_get(DLG.owner);
  if (owner === undefined || tostring(owner) !== clusterNodeName()) return;
  const timeout = tonumber(KSR.dialog.var_get(DLG.timeout)) ?? 0;
  const answerMs = tonumber(KSR.dialog.var_get(DLG.answerMs)) ?? 0;
  if (timeout <= 0 || answerMs <= 0) return;
  // From the answer, so that a later ACK (of a re-INVITE) never extends the call.
  const remaining = math.ceil((answerMs + timeout * 1000 - nowMs()) / 1000);
  if (remaining > 0) KSR.dialog.dlg_set_timeout(remaining);
}
