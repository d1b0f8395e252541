import { banAfterFailures } from "../fraud/banning";
import { BANS_TABLE } from "./screen";
import { NO_ACCOUNT, ksr_route_audit, ksr_route_drop_audited } from "./audit";
import { htableCount } from "./counters";

/** Address group of the deployment config's trusted peers in permissions' address file. */
const TRUSTED_GROUP = 1;
/** auth_db table of the accounts. */
const SUBSCRIBERS = "subscriber";
/** auth_check flag: the authenticated user must be the From user (the caller is who pays). */
const AUTH_USER_IS_CALLER = 1;
/** auth_check results that mean credentials were given and are wrong (auth module's api.h). */
const AUTH_USER_MISMATCH = -8;
const AUTH_USER_UNKNOWN = -3;
const AUTH_INVALID_PASSWORD = -2;
/** auth_challenge flags: no qop, as most carriers' peers expect. */
const CHALLENGE_FLAGS = 0;
/**
 * htable of failed authentications per source IP (kamailio.cfg: autoexpire the config's
 * fraud.authFailures.findtime, counted from an address's first failure).
 */
const AUTH_FAILURES_TABLE = "authfail";
/** cfg define of fraud.authFailures.maxretry (scripts/lib/kamailio-run.mjs renders it). */
const MAXRETRY_DEFINE = "AUTH_MAXRETRY";

/**
 * Whether the request comes from a trusted peer (the config's `trusted`, permissions address
 * group 1). ksr_request_route asks once per request and passes the answer on.
 */
export function isTrustedSource(): boolean {
  return KSR.permissions.allow_source_address(TRUSTED_GROUP) > 0;
}

/**
 * Wrong credentials from an untrusted source: one audit line (auth-failure, with no account:
 * none is authenticated), then the source address's failure is counted (htable, shared by all
 * workers); past fraud.authFailures.maxretry within findtime, the address is banned (audit
 * line `banned`) and this request is dropped without reply like every later one until the ban
 * ends (ksr_route_screen_untrusted). Else the request gets 403 with `reason`.
 */
function ksr_route_auth_failed(reason: string): never {
  const userAgent = KSR.pv.gete("$ua");
  ksr_route_audit("auth-failure", userAgent, NO_ACCOUNT);
  const source = KSR.pv.gete("$si");
  const failures = htableCount(AUTH_FAILURES_TABLE, source);
  if (banAfterFailures(failures, KSR.kx.get_defn(MAXRETRY_DEFINE))) {
    KSR.htable.sht_seti(BANS_TABLE, source, 1);
    KSR.htable.sht_rm(AUTH_FAILURES_TABLE, source);
    ksr_route_drop_audited("banned", userAgent, NO_ACCOUNT);
  }
  KSR.sl.sl_send_reply(403, reason);
  KSR.x.exit();
}

/**
 * Who may place calls: trusted peers (by address: `trusted`, from isTrustedSource); everyone
 * else authenticates (digest, the subscriber table), and the account is the caller: a From
 * user that is not the authenticated account is refused. A request without credentials (or
 * with a stale nonce) is challenged, which never counts as a failure; wrong credentials get
 * 403 (so they are never mistaken for a first challenge) and count towards a ban.
 * Returns the authenticated account (the credentials' user, which is the From user), or
 * NO_ACCOUNT for a trusted peer; every other request ends here.
 */
export function ksr_route_auth(trusted: boolean): string {
  if (trusted) return NO_ACCOUNT;
  const realm = KSR.pv.gete("$fd");
  const result = KSR.auth_db.auth_check(realm, SUBSCRIBERS, AUTH_USER_IS_CALLER);
  if (result > 0) {
    const account = KSR.pv.gete("$au");
    KSR.auth.consume_credentials();
    return account;
  }
  if (result === AUTH_USER_MISMATCH) ksr_route_auth_failed("Forbidden - From user is not the authenticated account");
  if (result === AUTH_INVALID_PASSWORD || result === AUTH_USER_UNKNOWN) ksr_route_auth_failed("Forbidden - wrong credentials");
  KSR.auth.auth_challenge(realm, CHALLENGE_FLAGS);
  KSR.x.exit();
}
