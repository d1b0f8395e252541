/** Max-Forwards ceiling applied to every request (RFC 3261 recommends 70). */
const MAX_FORWARDS = 70;
/**
 * sanity_check flags: the set of Kamailio's sample kamailio.cfg (17895) plus Proxy-Require
 * (512: 420 Bad Extension, RFC 4475 3.3.5), without the Request-URI scheme check (2: an
 * unknown scheme is 416, answered by ksr_route_request_line, not 400).
 */
const SANITY_MESSAGE_CHECKS = 17895 + 512 - 2;
/** sanity_check URI checks: the Request-URI only; From and To may hold any scheme (RFC 4475 3.3.4). */
const SANITY_URI_CHECKS = 1;

/**
 * RFC 3261 18.3: over UDP, octets after the Content-Length body are not part of the message
 * (RFC 4475 3.1.1.8): they are cut off, never forwarded nor taken for a second request.
 */
function ksr_route_udp_framing(message: string): void {
  if (KSR.pv.gete("$pr") !== "udp" || KSR.pv.gete("$cl") === "") return;
  const [headersEnd] = string.find(message, "\r\n\r\n", 1, true);
  if (headersEnd === undefined) return;
  const end = headersEnd + 3 + KSR.pv.geti("$cl");
  if (message.length > end) KSR.textopsx.msg_set_buffer(string.sub(message, 1, end));
}

/**
 * The Request-Line: one SP between its three parts and none after (RFC 4475 3.1.2.9, 3.1.2.10:
 * else 400, never forwarded as is); a Request-URI scheme the proxy does not route is 416
 * (RFC 3261 8.2.2.1, RFC 4475 3.3.2, 3.3.3).
 */
function ksr_route_request_line(message: string): void {
  const [lineEnd] = string.find(message, "\r\n", 1, true);
  const line = string.sub(message, 1, (lineEnd ?? 0) - 1);
  if (string.find(line, "^%S+ %S+ %S+$")[0] === undefined) {
    KSR.sl.sl_send_reply(400, "Bad Request-Line");
    KSR.x.exit();
  }
  const scheme: string | undefined = string.match(line, "^%S+ (%a[%w+.-]*):")[0];
  if (scheme === undefined) return;
  const lower = string.lower(scheme);
  if (lower === "sip" || lower === "sips" || lower === "tel") return;
  KSR.sl.sl_send_reply(416, "Unsupported URI Scheme");
  KSR.x.exit();
}

/** Initial checks of every request: loops and malformed messages stop here. */
export function ksr_route_reqinit(): void {
  const message = KSR.pv.gete("$mb");
  ksr_route_udp_framing(message);
  if (KSR.maxfwd.process_maxfwd(MAX_FORWARDS) < 0) {
    KSR.sl.sl_send_reply(483, "Too Many Hops");
    KSR.x.exit();
  }
  ksr_route_request_line(message);
  // sanity_check answers the request itself (400 with the reason) when it fails.
  if (KSR.sanity.sanity_check(SANITY_MESSAGE_CHECKS, SANITY_URI_CHECKS) < 0) {
    KSR.x.exit();
  }
  // RFC 4475 3.1.2.11: escaped headers in a Request-URI are never forwarded.
  if (KSR.pv.gete("$(ru{uri.headers})") !== "") {
    KSR.sl.sl_send_reply(400, "Headers Not Allowed In Request-URI");
    KSR.x.exit();
  }
}
