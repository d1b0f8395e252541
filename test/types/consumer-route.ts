// An operator's own request route composed from the package's blocks (README.md, "Use it as a package"
// shows it). Type-checked with the other samples of test/types; test/e2e/package.test.mjs
// builds it as the main file of a TSTL project that installed the packed package, and runs
// the bundle in Kamailio with a SIPp call.
import {
  isTrustedSource, ksr_route_reqinit, ksr_route_screen_untrusted, ksr_route_transactions,
  ksr_route_withindlg, ksr_route_auth, ksr_route_hide_from, ksr_route_to_gateways,
  ksr_failure_manage as failureManage, ksr_onreply_manage as onReplyManage,
  ksr_reply_route as replyRoute, ksr_route_cdr_writer as cdrWriter,
} from "kamailio-ts";

function requestRoute(): void {
  const method = KSR.pv.gete("$rm");
  ksr_route_reqinit();
  const trusted = isTrustedSource();
  if (!trusted) ksr_route_screen_untrusted();
  ksr_route_transactions(method);
  ksr_route_withindlg(method);
  ksr_route_auth(trusted);
  // Your own policy goes between the blocks: here, a header on every new request relayed.
  KSR.hdr.append("X-Routed-By: my-proxy\r\n");
  ksr_route_hide_from(KSR.pv.gete("$fU"));
  KSR.rr.record_route();
  ksr_route_to_gateways(method);
}

ksr_request_route = requestRoute;
// The relay arms these two by name (t_on_failure, t_on_reply): publish them as such.
ksr_failure_manage = failureManage;
ksr_onreply_manage = onReplyManage;
// Replies matching no transaction are dropped, never forwarded to their next Via.
ksr_reply_route = replyRoute;
// kamailio/kamailio.cfg's rtimer runs the CDR writer every 100 ms.
ksr_route_cdr_writer = cdrWriter;
