// Destination call-rate policy (issue 6; OpenSIPS fraud_detection's per user and prefix
// calls-per-minute, with its warning and critical levels): pure, no KSR, so the specs call it
// through the bundle's exports. The KSR side (htable counters per account and prefix) is in
// src/routes/destination.ts.

/** What becomes of a new call: relayed, relayed with a warning line, or refused (403). */
export type PrefixRateVerdict = "ok" | "warning" | "critical";

/**
 * The verdict on a new call that is the `calls`-th of its account to its destination prefix
 * within the current minute: more than `critical` refuses it, more than `warning` (and not
 * more than `critical`) lets it through with a warning. A count below 1 (htable could not
 * count) is "ok", and a level below 1 (no such config) is never reached.
 */
export function prefixRateVerdict(calls: number, warning: number, critical: number): PrefixRateVerdict {
  if (calls < 1) return "ok";
  if (critical >= 1 && calls > critical) return "critical";
  if (warning >= 1 && calls > warning) return "warning";
  return "ok";
}
