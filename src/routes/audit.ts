import { AuditOutcome, auditLine } from "../audit/line";
import { htableCount } from "./counters";

/**
 * htables of the audit events per reason code (kamailio.cfg: no expiry, initval 0), so
 * `kamcmd htable.dump refusals` lists every reason with its count since Kamailio started.
 */
const REFUSALS_TABLE = "refusals";
const WARNINGS_TABLE = "warnings";
/**
 * xhttp_prom counters of the same events, label `reason` (kamailio.cfg declares them; served
 * as kamailio_ts_refusals_total and kamailio_ts_warnings_total on GET /metrics).
 */
const REFUSALS_METRIC = "ts_refusals_total";
const WARNINGS_METRIC = "ts_warnings_total";

/** The account of an audit line before authentication, and of trusted peers (who have none). */
export const NO_ACCOUNT = "";

/** The audit line of the current request (src/audit/line.ts), with its values and source address. */
function requestAuditLine(outcome: AuditOutcome, reason: string, userAgent: string, account: string): string {
  const from = KSR.pv.gete("$fu");
  return auditLine(outcome, reason, KSR.pv.gete("$si"), KSR.pv.gete("$sp"), userAgent, account, from, KSR.pv.gete("$rU"), KSR.pv.gete("$ci"));
}

/**
 * A request refused or dropped for `reason`: logs its audit line (NOTICE) and counts the
 * refusal per reason, in shared memory (htable REFUSALS_TABLE) and for Prometheus.
 * `account`: the authenticated account, NO_ACCOUNT before authentication and for trusted peers.
 */
export function ksr_route_audit(reason: string, userAgent: string, account: string): void {
  KSR.notice(`${requestAuditLine("refused", reason, userAgent, account)}\n`);
  htableCount(REFUSALS_TABLE, reason);
  KSR.xhttp_prom.counter_inc_l1(REFUSALS_METRIC, 1, reason);
}

/**
 * A request let through past a warning level for `reason` (e.g. a destination's call rate):
 * logs its audit line (WARNING, outcome `warning`) and counts it per reason (htable
 * WARNINGS_TABLE, Prometheus).
 */
export function ksr_route_audit_warning(reason: string, userAgent: string, account: string): void {
  KSR.warn(`${requestAuditLine("warning", reason, userAgent, account)}\n`);
  htableCount(WARNINGS_TABLE, reason);
  KSR.xhttp_prom.counter_inc_l1(WARNINGS_METRIC, 1, reason);
}

/**
 * Drops the request without any reply, after its audit line (ksr_route_audit): a flood, a
 * scanner or a banned address gets nothing back, not even a sign that a SIP server listens here.
 */
export function ksr_route_drop_audited(reason: string, userAgent: string, account: string): never {
  ksr_route_audit(reason, userAgent, account);
  KSR.x.drop();
}
