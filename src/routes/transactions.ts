/** CANCEL and retransmissions, the standard way: before any other processing. */
export function ksr_route_transactions(method: string): void {
  if (method === "CANCEL") {
    // A CANCEL that matches a transaction follows it; one that does not is answered by tm.
    if (KSR.tm.t_check_trans() > 0) KSR.tm.t_relay();
    KSR.x.exit();
  }
  if (method !== "ACK") {
    // A retransmission of a transaction still being created is absorbed here.
    if (KSR.tmx.t_precheck_trans() > 0) {
      KSR.tm.t_check_trans();
      KSR.x.exit();
    }
    // 0 means tm already handled it (retransmission of a known transaction).
    if (KSR.tm.t_check_trans() === 0) KSR.x.exit();
  }
}
