import { callRateVerdict } from "../fraud/velocity";
import { BANS_TABLE } from "./screen";
import { ksr_route_audit, ksr_route_drop_audited } from "./audit";
import { htableCount } from "./counters";

/**
 * htable of new calls per source IP (key `ip:<address>`) and per account (`account:<user>`)
 * (kamailio.cfg: autoexpire 60, updateexpire 0: a fixed one-minute window from a key's first call).
 */
const CALL_RATE_TABLE = "callrate";
/** cfg defines of fraud.callRate (scripts/lib/kamailio-run.mjs renders them). */
const LIMIT_DEFINE = "CALL_RATE_LIMIT";
const BAN_DEFINE = "CALL_RATE_BAN";

/**
 * Call velocity of an initial INVITE, after authentication: each new call counts once for its
 * source IP and once for its `account` (the authenticated user, from ksr_route_auth, which
 * auth_check made sure is the From user). More than fraud.callRate.callsPerMinute within a
 * minute, by either count, gets 503 (audit line `call-rate`); more than banCallsPerMinute bans the source IP like failed
 * authentications do (htable BANS_TABLE, audit `banned`) and the request is dropped without
 * reply. Trusted peers (carriers, PBXs) are exempt: they are not limited per IP, and they
 * never authenticate, so they have no account to limit either.
 */
export function ksr_route_call_rate(trusted: boolean, account: string): void {
  if (trusted) return;
  const source = KSR.pv.gete("$si");
  const sourceKey = `ip:${source}`;
  const sourceCalls = htableCount(CALL_RATE_TABLE, sourceKey);
  const accountCalls = htableCount(CALL_RATE_TABLE, `account:${account}`);
  const calls = sourceCalls > accountCalls ? sourceCalls : accountCalls;
  const verdict = callRateVerdict(calls, KSR.kx.get_defn(LIMIT_DEFINE), KSR.kx.get_defn(BAN_DEFINE));
  if (verdict === "allow") return;
  const userAgent = KSR.pv.gete("$ua");
  ksr_route_audit("call-rate", userAgent, account);
  if (verdict === "ban") {
    KSR.htable.sht_seti(BANS_TABLE, source, 1);
    KSR.htable.sht_rm(CALL_RATE_TABLE, sourceKey);
    ksr_route_drop_audited("banned", userAgent, account);
  }
  KSR.sl.sl_send_reply(503, "Service Unavailable - call rate exceeded");
  KSR.x.exit();
}
