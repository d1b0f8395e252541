/** Address group of the deployment config's trusted peers in permissions' address file. */
const TRUSTED_GROUP = 1;

/**
 * Only trusted peers may place calls until digest authentication arrives: the proxy is never
 * an open relay.
 */
export function ksr_route_trusted(): void {
  if (KSR.permissions.allow_source_address(TRUSTED_GROUP) > 0) return;
  KSR.sl.sl_send_reply(403, "Forbidden - untrusted source");
  KSR.x.exit();
}
