import { recordLocalReply } from "./billing";

/** Dispatcher set that holds the deployment config's carrier gateways. */
const GATEWAY_SET = 1;
/** ds_select_dst algorithm 8: first destination by priority, the rest kept for failover. */
const BY_PRIORITY = 8;

/** Relays the request statefully; tm answers with the proper error when it cannot. */
export function ksr_route_relay(method: string): never {
  if (method === "INVITE" || method === "BYE" || method === "UPDATE") {
    KSR.tm.t_on_reply("ksr_onreply_manage");
  }
  if (method === "INVITE") KSR.tm.t_on_failure("ksr_failure_manage");
  if (KSR.tm.t_relay() < 0) KSR.sl.sl_reply_error();
  KSR.x.exit();
}

/** New calls go to the gateways of a dispatcher set, in priority order. */
export function ksr_route_to_gateway_set(set: number, method: string): never {
  if (KSR.dispatcher.ds_select_dst(set, BY_PRIORITY) < 0) {
    // Statefully when a transaction exists (a new call's, routes/billing.ts): its dialog then
    // fails with this code, gets its CDR and frees its concurrency slot.
    if (method === "INVITE") recordLocalReply(503, "No gateway available");
    KSR.sl.send_reply(503, "No gateway available");
    KSR.x.exit();
  }
  return ksr_route_relay(method);
}

/** New calls go to the carrier gateways, in priority order. */
export function ksr_route_to_gateways(method: string): never {
  return ksr_route_to_gateway_set(GATEWAY_SET, method);
}

/** dispatcher state for a gateway that did not answer: inactive, probed with OPTIONS until it does. */
const INACTIVE_AND_PROBING = "ip";

/**
 * A gateway that timed out or failed with 408/5xx is skipped for the next one; one that did
 * not answer at all is also taken out of rotation until it answers dispatcher's OPTIONS probe.
 */
export function ksr_failure_manage(): void {
  if (KSR.tm.t_is_canceled() > 0) KSR.x.exit();
  const timedOut = KSR.tm.t_branch_timeout() > 0;
  if (timedOut && KSR.tm.t_branch_replied() < 0) KSR.dispatcher.ds_mark_dst_state(INACTIVE_AND_PROBING);
  if (!timedOut && KSR.tm.t_check_status("408|5[0-9][0-9]") < 0) KSR.x.exit();
  if (KSR.dispatcher.ds_next_dst() < 0) KSR.x.exit();
  // Only INVITE transactions arm this failure route (ksr_route_relay).
  ksr_route_relay("INVITE");
}
