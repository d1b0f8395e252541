// The package's library entry (`import { ... } from "kamailio-ts"`): the building blocks of the
// project's own ksr_request_route, for TypeScriptToLua projects that compose their own routes.
// `npm pack` compiles it (buildMode "library": one Lua module per source file, with its .d.ts);
// the consumer's luaBundle takes in the modules it reaches. README.md ("Use it as a package") documents
// each block with the Kamailio modules and parameters it needs (kamailio/kamailio.cfg has them all).
// This file only re-exports: the app bundle (src/main.ts) never requires it.

// Request checks, in the order of ksr_request_route.
export { ksr_route_reqinit } from "./routes/reqinit";
export { ksr_route_transactions } from "./routes/transactions";
export { ksr_route_withindlg } from "./routes/withindlg";
export { isTrustedSource, ksr_route_auth } from "./routes/auth";
export { ksr_route_screen_untrusted, BANS_TABLE } from "./routes/screen";

// Relay with failover; the failure and reply handlers must be published under these names.
export { ksr_route_relay, ksr_route_to_gateways, ksr_route_to_gateway_set, ksr_failure_manage } from "./routes/relay";
export { ksr_route_toll_free } from "./routes/toll-free";
export { isTollFree } from "./routing/toll-free";
export { ksr_reply_route, ksr_onreply_manage } from "./routes/replies";

// Topology hiding: the TS part (topos itself is configured in kamailio.cfg).
export { ksr_route_hide_from } from "./routes/request";

// The project's complete request route, for those who take it whole.
export { ksr_request_route } from "./routes/request";

// Rating: pure functions on plain values, money in 1/10000 units.
export type { Money } from "./billing/money";
export { MINOR_PER_UNIT, parseMoney, formatMoney } from "./billing/money";
export type { NumberingPlan } from "./billing/numbering";
export { normaliseNumber } from "./billing/numbering";
export type { PrefixTable } from "./billing/prefix";
export { newPrefixTable, addPrefix, longestPrefixMatch } from "./billing/prefix";
export type { Rate, RateTier, RateWindow } from "./billing/rate";
export { MAX_PRICE, MAX_INCREMENT, MAX_DURATION_MS, rateProblem } from "./billing/rate";
export { billableSeconds } from "./billing/increments";
export { costOfSeconds, callCost } from "./billing/cost";
export { localWeekdayAndSecond, selectRate } from "./billing/windows";
export { affordableSeconds, reservationWanted } from "./billing/prepaid";
export type { RateEntry } from "./billing/deck";
export { decodeRateEntry } from "./billing/deck";
export { cachedRateEntry, MAX_CACHED_RATE_ENTRIES } from "./billing/rate-cache";
// Rating of new calls in Kamailio (mtree plans, dialog, prepaid reservations in Redis).
export { ksr_route_billing } from "./routes/billing";

// CDR writing: the record, its SQL and log line; the dialog event handler that rates and
// queues it, and the writer that moves the queue into the database.
export type { CallRecord } from "./billing/cdr";
export { CDR_COLUMNS, sqlText, cdrInsertSql, billingLine } from "./billing/cdr";
export { ksr_dialog_event } from "./routes/calls-end";
export { ksr_route_cdr_writer } from "./routes/cdr-writer";

// Fraud checks: pure verdicts, and their KSR side (htable counters, bans, audit lines).
export { banAfterFailures } from "./fraud/banning";
export type { CallRateVerdict } from "./fraud/velocity";
export { callRateVerdict } from "./fraud/velocity";
export type { PrefixRateVerdict } from "./fraud/destination";
export { prefixRateVerdict } from "./fraud/destination";
export { spendVerdict } from "./fraud/spend";
export { majorityOf, minorityFlag, refusesNewCalls, quorumChangeLine } from "./fraud/quorum";
export { ksr_route_call_rate } from "./routes/velocity";
// Cluster nodes (WITH_CLUSTER): the view of the other nodes (rtimer "clusterwatch") and the
// refusal of new calls in the minority (fraud.failMode).
export { ksr_route_cluster_watch, ksr_route_cluster_quorum } from "./routes/quorum";
export { DESTINATION_RATE_REASON, destinationRateExceeded } from "./routes/destination";
export type { AuditOutcome } from "./audit/line";
export { AUDIT_VALUE_MAX, logSafe, auditLine } from "./audit/line";
export { NO_ACCOUNT, ksr_route_audit, ksr_route_audit_warning, ksr_route_drop_audited } from "./routes/audit";
export { htableCount } from "./routes/counters";

// Prometheus metrics of the audit counters (xhttp's event callback).
export { ksr_xhttp_event } from "./routes/http";
