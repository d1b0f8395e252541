// Hourly spend caps per account: a warning level that only logs, a critical one that refuses.

/** "critical" when the spend reached `critical`, "warning" when it reached `warning`, else "ok". */
export function spendVerdict(spent: number, warning: number, critical: number): "ok" | "warning" | "critical" {
  if (spent >= critical) return "critical";
  if (spent >= warning) return "warning";
  return "ok";
}
