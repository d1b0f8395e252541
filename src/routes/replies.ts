/** Every reply Kamailio receives, before transaction matching. */
export function ksr_reply_route(): void {
  KSR.dbg(`reply ${KSR.pv.gete("$rs")} ${KSR.pv.gete("$rr")} for ${KSR.pv.gete("$rm")}\n`);
}

/** Replies of transactions relayed by ksr_route_relay: the hook point for billing. */
export function ksr_onreply_manage(): void {
  KSR.dbg(`onreply ${KSR.pv.gete("$rs")} from ${KSR.pv.gete("$si")}\n`);
}
