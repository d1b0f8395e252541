/** Kamailio's log level of debug messages (L_DBG): below it, KSR.dbg prints nothing. */
const DEBUG_LEVEL = 3;

/** Every reply Kamailio receives, before transaction matching. */
export function ksr_reply_route(): void {
  // Reading three pseudo-variables for a line nobody logs is not free: check the level first.
  if (KSR.get_debug() >= DEBUG_LEVEL) {
    KSR.dbg(`reply ${KSR.pv.gete("$rs")} ${KSR.pv.gete("$rr")} for ${KSR.pv.gete("$rm")}\n`);
  }
  // A reply that matches none of our transactions is dropped, never forwarded statelessly to
  // its next Via, which could name any host, even a broadcast address (RFC 4475 3.3.10).
  if (KSR.tm.t_check_trans() < 0) KSR.x.drop();
}

/** Replies of transactions relayed by ksr_route_relay: the hook point for billing. */
export function ksr_onreply_manage(): void {
  if (KSR.get_debug() >= DEBUG_LEVEL) KSR.dbg(`onreply ${KSR.pv.gete("$rs")} from ${KSR.pv.gete("$si")}\n`);
}
