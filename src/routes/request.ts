import { ksr_route_reqinit } from "./reqinit";
import { ksr_route_transactions } from "./transactions";
import { ksr_route_withindlg } from "./withindlg";
import { isTrustedSource, ksr_route_auth } from "./auth";
import { ksr_route_screen_untrusted } from "./screen";
import { ksr_route_to_gateways } from "./relay";
import { ksr_route_call_rate } from "./velocity";
import { ksr_route_billing } from "./billing";
import { ksr_route_audit } from "./audit";
import { ksr_route_dmq } from "./cluster";
import { ksr_route_toll_free } from "./toll-free";
import { ksr_route_cluster_quorum } from "./quorum";

/** Keep-alive OPTIONS addressed to the proxy itself (no user part) get 200. */
function ksr_route_keepalive(method: string): void {
  if (method !== "OPTIONS" || !KSR.is_myself_ruri() || KSR.pv.gete("$rU") !== "") return;
  KSR.sl.sl_send_reply(200, "Keepalive");
  KSR.x.exit();
}

/**
 * New requests must be for a domain we serve (our addresses or the config's domains); others
 * (relay attempts) get 403, audited `relay-denied`.
 */
function ksr_route_served_domain(account: string): void {
  if (KSR.is_myself_ruri()) return;
  ksr_route_audit("relay-denied", KSR.pv.gete("$ua"), account);
  KSR.sl.sl_send_reply(403, "Relaying Forbidden - domain not served");
  KSR.x.exit();
}

/**
 * Topology hiding beyond topos: the From URI's host is the caller's, so the far side gets the
 * domain the call was addressed to (ours) instead; uac restores the original in replies and
 * in-dialog requests (restore_mode auto).
 */
export function ksr_route_hide_from(fromUser: string): void {
  const servedDomain = KSR.pv.gete("$rd");
  KSR.uac.uac_replace_from_uri(fromUser === "" ? `sip:${servedDomain}` : `sip:${fromUser}@${servedDomain}`);
}

/**
 * Every SIP request: the order of the KEMI example (reqinit, ban, flood and scanner checks, CANCEL,
 * in-dialog, initial: auth, served domain, call rate and destination call rate of new calls, relay).
 */
export function ksr_request_route(): void {
  const method = KSR.pv.gete("$rm");
  ksr_route_reqinit();
  // Cluster replication between the nodes (KDMQ), from the peers only, before any screening.
  ksr_route_dmq(method);
  // Banned addresses, floods and scanners are dropped before any other work, trusted peers exempt.
  const trusted = isTrustedSource();
  if (!trusted) ksr_route_screen_untrusted();
  ksr_route_transactions(method);
  ksr_route_withindlg(method);
  ksr_route_keepalive(method);
  const account = ksr_route_auth(trusted);
  ksr_route_served_domain(account);
  // New calls per source IP and per account within a minute (toll fraud), untrusted only.
  const fromUser = KSR.pv.gete("$fU");
  let dialled = "";
  if (method === "INVITE") {
    ksr_route_call_rate(trusted, account);
    // A cluster node that sees a minority of the nodes cannot trust its fraud state (fraud.failMode).
    ksr_route_cluster_quorum(trusted, account);
    dialled = KSR.pv.gete("$rU");
    // Rated, limited per destination prefix, capped and tracked as a dialog until its CDR
    // (issue 5); trusted peers bill no account.
    ksr_route_billing(account, fromUser, dialled);
  }
  // Every initial request: stay on the path so in-dialog requests come back through us, and
  // topos needs the Record-Route to know our address on each side.
  ksr_route_hide_from(fromUser);
  KSR.rr.record_route();
  ksr_route_toll_free(dialled);
  ksr_route_to_gateways(method);
}
