import { refusedLine } from "../audit/line";

/** regex module group of the deployment config's scanner User-Agents (the run's groups file). */
const SCANNER_GROUP = 0;
/**
 * htable of banned source addresses (kamailio.cfg: key the source IP, autoexpire the config's
 * fraud.authFailures.bantime, none for a ban until lifted); src/routes/auth.ts (failed
 * authentications) and src/routes/velocity.ts (call rate) add to it.
 */
export const BANS_TABLE = "ipban";

/**
 * Logs the audit line (NOTICE) of a request refused or dropped for `reason`, with the
 * request's values and its source address last (src/audit/line.ts).
 */
export function ksr_route_audit(reason: string, userAgent: string): void {
  const from = KSR.pv.gete("$fu");
  const line = refusedLine(reason, KSR.pv.gete("$si"), KSR.pv.gete("$sp"), userAgent, from, KSR.pv.gete("$rU"), KSR.pv.gete("$ci"));
  KSR.notice(`${line}\n`);
}

/**
 * Drops the request without any reply, after its audit line (NOTICE): a flood, a scanner or a
 * banned address gets nothing back, not even a sign that a SIP server listens here.
 */
export function ksr_route_drop_audited(reason: string, userAgent: string): never {
  ksr_route_audit(reason, userAgent);
  KSR.x.drop();
}

/**
 * Requests from sources that are not trusted peers, before anything else is done for them:
 * an address banned (failed authentications, call rate: the htable BANS_TABLE) is dropped while its
 * ban lasts, whatever it sends; a source sending more than pike allows (kamailio.cfg) is
 * dropped while it floods, and a known scanner (its User-Agent contains one of the config's
 * fraud.scannerUserAgents) is dropped always. A request without a User-Agent is no scanner.
 */
export function ksr_route_screen_untrusted(): void {
  const userAgent = KSR.pv.gete("$ua");
  if (KSR.htable.sht_get(BANS_TABLE, KSR.pv.gete("$si")) !== undefined) ksr_route_drop_audited("ban-drop", userAgent);
  if (KSR.pike.pike_check_req() < 0) ksr_route_drop_audited("flood", userAgent);
  if (userAgent !== "" && KSR.regex.pcre_match_group(userAgent, SCANNER_GROUP) > 0) {
    ksr_route_drop_audited("scanner", userAgent);
  }
}
