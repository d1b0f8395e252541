/** Max-Forwards ceiling applied to every request (RFC 3261 recommends 70). */
const MAX_FORWARDS = 70;
/** sanity_check flags: the module's default message and URI checks (see sanity README). */
const SANITY_MESSAGE_CHECKS = 17895;
const SANITY_URI_CHECKS = 7;

/** Initial checks of every request: loops and malformed messages stop here. */
export function ksr_route_reqinit(): void {
  if (KSR.maxfwd.process_maxfwd(MAX_FORWARDS) < 0) {
    KSR.sl.sl_send_reply(483, "Too Many Hops");
    KSR.x.exit();
  }
  // sanity_check answers the request itself (400 with the reason) when it fails.
  if (KSR.sanity.sanity_check(SANITY_MESSAGE_CHECKS, SANITY_URI_CHECKS) < 0) {
    KSR.x.exit();
  }
}
