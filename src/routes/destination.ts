import { parsePrefixRateWindows, prefixRateLevels, prefixRateVerdict, type PrefixRateWindow } from "../fraud/destination";
import { billingSettings, stringDefine } from "./settings";
import { NO_ACCOUNT, ksr_route_audit_warning } from "./audit";
import { htableCount } from "./counters";

/**
 * htable of new calls per account and destination prefix (key `<account>:<prefix>`; the prefix
 * is digits, so the last colon splits the key) (kamailio.cfg: autoexpire 60, updateexpire 0:
 * a fixed one-minute window from a key's first call).
 */
const DESTINATION_RATE_TABLE = "destrate";
/** cfg defines of fraud.prefixCallsPerMinute (scripts/lib/kamailio-run.mjs renders them). */
const WARNING_DEFINE = "PREFIX_RATE_WARNING";
const CRITICAL_DEFINE = "PREFIX_RATE_CRITICAL";
/** fraud.prefixCallWindows, rendered as one string define (parsePrefixRateWindows). */
const WINDOWS_DEFINE = "PREFIX_RATE_WINDOWS";

/** The windows, parsed once per worker on first use (defines never change while Kamailio runs). */
let windows: PrefixRateWindow[] | undefined;

function rateWindows(): PrefixRateWindow[] {
  if (windows !== undefined) return windows;
  windows = parsePrefixRateWindows(stringDefine(WINDOWS_DEFINE));
  return windows;
}
/** Audit reason of the warning and of the refusal (routes/billing.ts refuses). */
export const DESTINATION_RATE_REASON = "destination-rate";

/**
 * Calls per minute of one account to one destination prefix (OpenSIPS fraud_detection's
 * per user and prefix limit), for each new call (initial INVITE) once authenticated: the
 * call counts for `account` and `prefix` (the matched rate-deck prefix); the levels are those
 * of the time window holding `unixSeconds` (the call's start), else fraud.prefixCallsPerMinute's; more than
 * the warning level within the minute logs a warning audit line
 * (`kamailio-ts warning reason=destination-rate`, WARNING) and lets the call through; more
 * than the critical one returns true: the caller refuses the call with 403 (routes/billing.ts, so the
 * attempt gets its CDR). Refused calls count too. Trusted peers (account NO_ACCOUNT) are
 * exempt, as from the call velocity limits.
 */
export function destinationRateExceeded(account: string, prefix: string, unixSeconds: number): boolean {
  if (account === NO_ACCOUNT) return false;
  const calls = htableCount(DESTINATION_RATE_TABLE, `${account}:${prefix}`);
  const [warning, critical] = prefixRateLevels(
    rateWindows(),
    KSR.kx.get_defn(WARNING_DEFINE),
    KSR.kx.get_defn(CRITICAL_DEFINE),
    unixSeconds,
    billingSettings().utcOffsetSeconds,
  );
  const verdict = prefixRateVerdict(calls, warning, critical);
  if (verdict === "warning") ksr_route_audit_warning(DESTINATION_RATE_REASON, KSR.pv.gete("$ua"), account);
  return verdict === "critical";
}
