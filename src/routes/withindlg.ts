import { ksr_route_relay } from "./relay";
import { ksr_cluster_own_timeout } from "./cluster-timeout";
import { ksr_route_bye_without_route } from "./bye-without-route";

/** Requests inside a dialog (To-tag present) follow their Route set. */
export function ksr_route_withindlg(method: string): void {
  if (KSR.siputils.has_totag() < 0) return;
  if (KSR.rr.loose_route() > 0) {
    if (method === "ACK") ksr_cluster_own_timeout();
    ksr_route_relay(method);
  }
  if (method === "ACK") {
    // ACK for a negative reply belongs to a transaction: tm forwards it; else absorb it.
    if (KSR.tm.t_check_trans() > 0) ksr_route_relay(method);
    KSR.x.exit();
  }
  if (method === "BYE") ksr_route_bye_without_route();
  KSR.sl.sl_send_reply(404, "Not here");
  KSR.x.exit();
}
