/** Every reply Kamailio receives, before transaction matching. */
export function ksr_reply_route(): void {
  KSR.dbg(`reply ${KSR.pv.gete("$rs")} ${KSR.pv.gete("$rr")} for ${KSR.pv.gete("$rm")}\n`);
  // A reply that matches none of our transactions is dropped, never forwarded statelessly to
  // its next Via, which could name any host, even a broadcast address (RFC 4475 3.3.10).
  if (KSR.tm.t_check_trans() < 0) KSR.x.drop();
}

/** Replies of transactions relayed by ksr_route_relay: the hook point for billing. */
export function ksr_onreply_manage(): void {
  KSR.dbg(`onreply ${KSR.pv.gete("$rs")} from ${KSR.pv.gete("$si")}\n`);
}
