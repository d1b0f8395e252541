// Entry point of the Lua bundle that app_lua loads: checks the modules it needs, then publishes
// the KEMI routes as the Lua globals Kamailio calls. The pure functions (audit line, ban
// policy, rating library) are its exports, which the bundle returns (`dofile("lua-out/kamailio.lua")`) for the specs.
import { assertKsrModulesLoaded } from "./kemi/modules";
import { callRoute } from "./kemi/error-positions";
import { ksr_request_route as requestRoute } from "./routes/request";
import { ksr_reply_route as replyRoute, ksr_onreply_manage as onReplyManage } from "./routes/replies";
import { ksr_failure_manage as failureManage } from "./routes/relay";
import { ksr_dialog_event as dialogEvent } from "./routes/calls-end";
import { ksr_route_cdr_writer as cdrWriter } from "./routes/cdr-writer";
import { ksr_xhttp_event as xhttpEvent } from "./routes/http";
import { ksr_route_cluster_watch as clusterWatch } from "./routes/quorum";

export { AUDIT_VALUE_MAX, logSafe, auditLine } from "./audit/line";
export { banAfterFailures } from "./fraud/banning";
export { callRateVerdict } from "./fraud/velocity";
export { prefixRateVerdict, parsePrefixRateWindows, prefixRateLevels } from "./fraud/destination";
export { isTollFree } from "./routing/toll-free";
export { floorDiv, ceilDiv, floorMod, divRoundHalfUp } from "./billing/integer";
export { MINOR_PER_UNIT, parseMoney, formatMoney } from "./billing/money";
export { normaliseNumber } from "./billing/numbering";
export { newPrefixTable, addPrefix, longestPrefixMatch } from "./billing/prefix";
export { MAX_PRICE, MAX_INCREMENT, MAX_DURATION_MS, rateProblem } from "./billing/rate";
export { billableSeconds } from "./billing/increments";
export { costOfSeconds, callCost } from "./billing/cost";
export { localWeekdayAndSecond, selectRate } from "./billing/windows";
export { affordableSeconds, reservationWanted } from "./billing/prepaid";
export { sqlText, cdrInsertSql, billingLine } from "./billing/cdr";
export { reserveBalanceSql, settledCdrSql } from "./billing/balance-sql";
export { spendVerdict } from "./fraud/spend";
export { majorityOf, minorityFlag, refusesNewCalls, quorumChangeLine } from "./fraud/quorum";
export type { RateEntry } from "./billing/deck";
export { decodeRateEntry } from "./billing/deck";
export { cachedRateEntry, MAX_CACHED_RATE_ENTRIES } from "./billing/rate-cache";

assertKsrModulesLoaded();

// Each route runs under callRoute, so a Lua error in it is logged at its TS file and line.
ksr_request_route = function (this: void) { callRoute(requestRoute); };
ksr_reply_route = function (this: void) { callRoute(replyRoute); };
ksr_onreply_manage = function (this: void) { callRoute(onReplyManage); };
ksr_failure_manage = function (this: void) { callRoute(failureManage); };
ksr_dialog_event = function (this: void, event: string) { callRoute(dialogEvent, event); };
ksr_route_cdr_writer = function (this: void) { callRoute(cdrWriter); };
ksr_route_cluster_watch = function (this: void) { callRoute(clusterWatch); };
ksr_xhttp_event = function (this: void, event: string) { callRoute(xhttpEvent, event); };
