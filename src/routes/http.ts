/**
 * HTTP requests that reach a TCP listen socket (xhttp, event_callback in kamailio.cfg): GET
 * /metrics gets the Prometheus metrics (xhttp_prom: the refusal and warning counters per
 * reason), any other path 404. These requests never run the SIP routes, so no SIP screening
 * (bans, pike, scanners) applies to them.
 */
export function ksr_xhttp_event(_event: string): void {
  if (KSR.xhttp_prom.check_uri() > 0) {
    KSR.xhttp_prom.dispatch();
    return;
  }
  KSR.xhttp.xhttp_reply(404, "Not Found", "text/plain", "");
}
