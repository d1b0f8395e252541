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
 * Whether the request comes from a trusted peer (the config's `trusted`, permissions address
 * group 1). ksr_request_route asks once per request and passes the answer on.
 */
export function isTrustedSource(): boolean {
  return KSR.permissions.allow_source_address(TRUSTED_GROUP) > 0;
}

/**
 * Who may place calls: trusted peers (by address: `trusted`, from isTrustedSource); everyone
 * else authenticates (digest, the subscriber table), and the account is the caller: a From
 * user that is not the authenticated account is refused. A request without credentials (or
 * with a stale nonce) is challenged; wrong credentials get 403, so they are never mistaken for
 * a first challenge.
 */
export function ksr_route_auth(trusted: boolean): void {
  if (trusted) return;
  const realm = KSR.pv.gete("$fd");
  const result = KSR.auth_db.auth_check(realm, SUBSCRIBERS, AUTH_USER_IS_CALLER);
  if (result > 0) {
    KSR.auth.consume_credentials();
    return;
  }
  if (result === AUTH_USER_MISMATCH) {
    KSR.sl.sl_send_reply(403, "Forbidden - From user is not the authenticated account");
    KSR.x.exit();
  }
  if (result === AUTH_INVALID_PASSWORD || result === AUTH_USER_UNKNOWN) {
    KSR.sl.sl_send_reply(403, "Forbidden - wrong credentials");
    KSR.x.exit();
  }
  KSR.auth.auth_challenge(realm, CHALLENGE_FLAGS);
  KSR.x.exit();
}
