// Auth-failure banning policy (fail2ban's semantics, in the proxy): pure, no KSR, so the specs
// call it through the bundle's exports. The KSR side (htable counters and bans) is in
// src/routes/auth.ts and src/routes/screen.ts.

/**
 * Whether a source address is to be banned now that it has `failures` failed authentications
 * within the current findtime window: more than `maxretry` bans (fail2ban's "maxretry"). A count
 * below 1 (htable could not count: no table, a string item) never bans, nor does a maxretry
 * below 1 (no such config: the deployment config allows 1 and up).
 */
export function banAfterFailures(failures: number, maxretry: number): boolean {
  if (failures < 1 || maxretry < 1) return false;
  return failures > maxretry;
}
