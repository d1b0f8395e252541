// Call velocity policy (issue 6): pure, no KSR, so the specs call it through the bundle's
// exports. The KSR side (htable counters per source IP and per account) is in
// src/routes/velocity.ts.

/** What becomes of a new call: relayed, refused (503), or refused with its source IP banned. */
export type CallRateVerdict = "allow" | "refuse" | "ban";

/**
 * The verdict on a new call (initial INVITE) that is the `calls`-th of its source IP or its
 * account within the current minute (the higher of the two counts): more than
 * `callsPerMinute` refuses it, more than `banCallsPerMinute` bans the source IP too. A count
 * below 1 (htable could not count) never refuses, nor does a limit below 1 (no such config:
 * the deployment config allows 1 and up); a ban threshold below 1 never bans.
 */
export function callRateVerdict(calls: number, callsPerMinute: number, banCallsPerMinute: number): CallRateVerdict {
  if (calls < 1 || callsPerMinute < 1) return "allow";
  if (banCallsPerMinute >= 1 && calls > banCallsPerMinute) return "ban";
  return calls > callsPerMinute ? "refuse" : "allow";
}
