import { NO_ACCOUNT, ksr_route_drop_audited } from "./audit";

/** regex module group of the deployment config's scanner User-Agents (the run's groups file). */
const SCANNER_GROUP = 0;
/**
 * htable of banned source addresses (kamailio.cfg: key the source IP, autoexpire the config's
 * fraud.authFailures.bantime, none for a ban until lifted); src/routes/auth.ts (failed
 * authentications) and src/routes/velocity.ts (call rate) add to it.
 */
export const BANS_TABLE = "ipban";

/**
 * Requests from sources that are not trusted peers, before anything else is done for them:
 * an address banned (failed authentications, call rate: the htable BANS_TABLE) is dropped while its
 * ban lasts, whatever it sends; a source sending more than pike allows (kamailio.cfg) is
 * dropped while it floods, and a known scanner (its User-Agent contains one of the config's
 * fraud.scannerUserAgents) is dropped always. A request without a User-Agent is no scanner.
 */
export function ksr_route_screen_untrusted(): void {
  const userAgent = KSR.pv.gete("$ua");
  if (KSR.htable.sht_get(BANS_TABLE, KSR.pv.gete("$si")) !== undefined) ksr_route_drop_audited("ban-drop", userAgent, NO_ACCOUNT);
  if (KSR.pike.pike_check_req() < 0) ksr_route_drop_audited("flood", userAgent, NO_ACCOUNT);
  if (userAgent !== "" && KSR.regex.pcre_match_group(userAgent, SCANNER_GROUP) > 0) {
    ksr_route_drop_audited("scanner", userAgent, NO_ACCOUNT);
  }
}
