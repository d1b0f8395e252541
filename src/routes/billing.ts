// Billing of new calls (issue 5), the KSR layer: at the INVITE, the dialled number is rated
// (mtree), prepaid balance reserved, concurrency and spend caps applied; the call becomes a
// dialog whose variables carry all of it (kept in Redis by the dialog module, so a restart
// loses nothing); its end (BYE, timeout) or failure runs ksr_dialog_event (cdr.ts), which rates
// it and queues its CDR.
import { normaliseNumber } from "../billing/numbering";
import { cachedRateEntry } from "../billing/rate-cache";
import { selectRate } from "../billing/windows";
import { affordableSeconds, reservationWanted } from "../billing/prepaid";
import { spendVerdict } from "../fraud/spend";
import { ksr_route_audit, ksr_route_audit_warning } from "./audit";
import { DESTINATION_RATE_REASON, destinationRateExceeded } from "./destination";
import { billingSettings } from "./settings";
import { hourlySpend, stateAvailable } from "./state";
import { reservePrepaid } from "./balances";
import { nowMs } from "./clock";
import { clusterNodeName, isClusterNode } from "./cluster";

/** htable of per-account policy (scripts/lib loads it from the account_policy table). */
const ACCOUNTS_TABLE = "accounts";
/** mtree tree of high-cost destination prefixes (fraud.highCostPrefixes). */
const HIGH_COST_TREE = "highcost";
/** Where mt_match puts the matched value (mtree's pv_value default). */
const MTREE_VALUE = "$avp(s:tvalue)";
/** Audit reason of a spend cap that Redis could not read (refused, or a warning: fraud.failMode). */
const SPEND_UNAVAILABLE_REASON = "spend-unavailable";
/** Dialog profile of an account's calls in progress. */
const CALLS_PROFILE = "calls";
const PROFILE_SIZE = "$var(calls)";

/** Dialog variable names (short: each is stored per call, in Redis). */
export const DLG = {
  attempt: "b_id",
  account: "b_acct",
  caller: "b_from",
  callee: "b_to",
  number: "b_num",
  sourceIp: "b_ip",
  deckValue: "b_deck",
  rateIndex: "b_rate",
  startMs: "b_start",
  answerMs: "b_answer",
  prepaid: "b_prepaid",
  reserved: "b_reserved",
  maxSeconds: "b_max",
  refusedCode: "b_code",
  refusedReason: "b_reason",
  /** Cluster mode: the node that set the call up, and its dialog timeout (cluster-timeout.ts). */
  owner: "b_node",
  timeout: "b_tmo",
  /** "1" once the call was rated at its timeout (calls-end.ts). */
  ratedAtTimeout: "b_tmr",
  /** "1" when a BYE the proxy could not route ended the call (bye-without-route.ts). */
  endedByBye: "b_bye",
} as const;

/**
 * Any name: a dialog with a timeout route runs the event callback with "dialog:timeout" when
 * its timer expires, before its BYEs are sent (calls-end.ts rates the call there).
 */
const TIMEOUT_ROUTE = "ksr_dialog_event";

/**
 * Cluster mode: how much later than the owner's the replicas' dialog timers expire. A replica's
 * timer that expires first does nothing (dlg_filter_mode 1) but keeps the replica alive after
 * the owner removes it (dialog 5.6.3 dlg_ontimeout returns without its unref): longer than the
 * owner's BYE transactions (fr_timer) take before the owner removes the dialog everywhere.
 */
const REPLICA_TIMEOUT_MARGIN_SECONDS = 60;

/**
 * The call's dialog timeout, in seconds from the answer. In a cluster the dialog's lifetime,
 * which DMQ gives the replicas, gets REPLICA_TIMEOUT_MARGIN_SECONDS more; the owner sets its own
 * timer back to `seconds` at the confirming ACK (ksr_cluster_own_timeout).
 */
function setCallTimeout(seconds: number): void {
  if (!isClusterNode()) {
    KSR.dialog.dlg_set_timeout(seconds);
    return;
  }
  KSR.dialog.var_sets(DLG.owner, clusterNodeName());
  KSR.dialog.var_sets(DLG.timeout, tostring(seconds));
  KSR.dialog.dlg_set_timeout(seconds + REPLICA_TIMEOUT_MARGIN_SECONDS);
}

/** An account's policy value from the accounts htable, or undefined. */
function policy(account: string, field: string): string | number | undefined {
  return KSR.htable.sht_get(ACCOUNTS_TABLE, `${account}::${field}`);
}

function policyNumber(account: string, field: string, fallback: number): number {
  return tonumber(policy(account, field)) ?? fallback;
}

/**
 * The final reply the proxy itself sends to a new call, kept for its CDR: the dialog's failure
 * event gets no message for a reply made locally (calls-end.ts). No-op outside a dialog.
 */
export function recordLocalReply(code: number, reason: string): void {
  KSR.dialog.var_sets(DLG.refusedCode, tostring(code));
  KSR.dialog.var_sets(DLG.refusedReason, reason);
}

/**
 * Refuses the call statefully: the dialog sees the reply, so the attempt gets its CDR with
 * this code (dialog:failed), and the audit line is logged.
 */
function refuseCall(code: number, reason: string, auditReason: string, account: string): never {
  recordLocalReply(code, reason);
  ksr_route_audit(auditReason, KSR.pv.gete("$ua"), account);
  KSR.tm.t_reply(code, reason);
  KSR.x.exit();
}

/**
 * Every new call (initial INVITE) once authenticated, to `dialled` (the Request-URI user): `account` is the authenticated user, whose
 * From user ksr_route_auth made sure it is ("" for a trusted peer, billed to no account: rated with the default plan, never prepaid
 * nor capped).
 */
export function ksr_route_billing(account: string, fromUser: string, dialled: string): void {
  const settings = billingSettings();
  const startMs = nowMs();
  const callId = KSR.pv.gete("$ci");
  // The dialog first: the transaction's creation then hooks it up to the tm callbacks, among
  // them the one that replicates it over DMQ in a cluster (dialog's dlg_onreq).
  KSR.pv.sets("$dlg_ctx(timeout_route)", TIMEOUT_ROUTE);
  KSR.dialog.dlg_manage();
  KSR.tm.t_newtran();
  const attempt = `${callId};${KSR.pv.gete("$ft")};${KSR.pv.gete("$cs")}`;
  KSR.dialog.var_sets(DLG.attempt, attempt);
  KSR.dialog.var_sets(DLG.account, account);
  KSR.dialog.var_sets(DLG.caller, fromUser);
  KSR.dialog.var_sets(DLG.callee, dialled);
  KSR.dialog.var_sets(DLG.sourceIp, KSR.pv.gete("$si"));
  KSR.dialog.var_sets(DLG.startMs, tostring(startMs));
  if (isClusterNode()) setCallTimeout(settings.maxCallSeconds);

  // Billing fails closed: a call whose CDR, balance and spend cannot reach Redis is refused
  // (the refusal's own CDR, which Redis refuses, calls-end.ts writes straight to the database).
  if (!stateAvailable()) refuseCall(503, "Service Unavailable - billing unavailable", "billing-unavailable", account);

  const number = normaliseNumber(dialled, settings.numbering);
  if (number === undefined) refuseCall(404, "Not Found - not a dialable number", "not-dialable", account);
  KSR.dialog.var_sets(DLG.number, number);

  const policyAllowsHighCost = account === "" || policyNumber(account, "highcost", 0) === 1;
  if (!policyAllowsHighCost && KSR.mtree.mt_match(HIGH_COST_TREE, number, 0) > 0) {
    refuseCall(403, "Forbidden - high-cost destination", "high-cost", account);
  }

  const plan = account === "" ? settings.defaultPlan : (policy(account, "plan") ?? settings.defaultPlan);
  if (KSR.mtree.mt_match(tostring(plan), number, 0) < 0) refuseCall(403, "Forbidden - no rate for destination", "no-rate", account);
  const deckValue = KSR.pv.gete(MTREE_VALUE);
  const entry = cachedRateEntry(deckValue);
  if (entry === undefined) {
    KSR.err(`kamailio-ts: rate plan ${tostring(plan)} holds a malformed value for ${number}\n`);
    refuseCall(500, "Server Internal Error - rate plan", "no-rate", account);
  }
  const rates = entry.rates;
  const rate = selectRate(rates, startMs / 1000, settings.utcOffsetSeconds);
  if (rate === undefined) refuseCall(403, "Forbidden - no rate for destination at this time", "no-rate", account);
  let rateIndex = 0;
  for (let i = 0; i < rates.length; i++) if (rates[i] === rate) rateIndex = i;
  KSR.dialog.var_sets(DLG.deckValue, deckValue);
  KSR.dialog.var_sets(DLG.rateIndex, tostring(rateIndex));
  if (account === "") return;

  if (destinationRateExceeded(account, entry.prefix, math.floor(startMs / 1000))) {
    refuseCall(403, "Forbidden - destination call rate exceeded", DESTINATION_RATE_REASON, account);
  }

  KSR.dialog.set_dlg_profile(CALLS_PROFILE, account);
  KSR.dialog.get_profile_size(CALLS_PROFILE, account, PROFILE_SIZE);
  if (KSR.pv.geti(PROFILE_SIZE) > policyNumber(account, "maxcalls", settings.maxConcurrentCalls)) {
    refuseCall(403, "Forbidden - concurrent call limit", "concurrent-calls", account);
  }

  const spend = hourlySpend(account, math.floor(startMs / 3600000));
  if (spend === undefined) {
    // The spend cap cannot be checked: fraud.failMode says whether the call goes on.
    if (!settings.fraudFailsOpen) refuseCall(503, "Service Unavailable - spend limit unavailable", SPEND_UNAVAILABLE_REASON, account);
    ksr_route_audit_warning(SPEND_UNAVAILABLE_REASON, KSR.pv.gete("$ua"), account);
  }
  const verdict = spendVerdict(
    spend ?? 0,
    policyNumber(account, "spend_warn", settings.spendWarning),
    policyNumber(account, "spend_crit", settings.spendCritical),
  );
  if (verdict === "critical") refuseCall(403, "Forbidden - hourly spend limit", "spend-limit", account);
  if (verdict === "warning") ksr_route_audit_warning("spend-warning", KSR.pv.gete("$ua"), account);

  if (policyNumber(account, "prepaid", 0) !== 1) return;
  const [want, minimum] = reservationWanted(rate, settings.maxCallSeconds);
  const [reserved, reservedIn] = reservePrepaid(attempt, account, want, minimum);
  // Whatever the answer: a reservation PostgreSQL took while its answer was lost (a timeout) is
  // released by this attempt's end, which settles from the database's record (calls-end.ts).
  KSR.dialog.var_sets(DLG.prepaid, reservedIn);
  if (reserved === undefined) refuseCall(503, "Service Unavailable - balance unavailable", "balance-unavailable", account);
  if (reserved < 0) refuseCall(402, "Payment Required - insufficient balance", "insufficient-balance", account);
  KSR.dialog.var_sets(DLG.reserved, tostring(reserved));
  const maxSeconds = affordableSeconds(rate, reserved, settings.maxCallSeconds);
  // A first increment longer than the longest call allowed: no call fits (the reservation
  // goes back at the dialog's failure).
  if (maxSeconds <= 0) refuseCall(402, "Payment Required - insufficient balance", "insufficient-balance", account);
  KSR.dialog.var_sets(DLG.maxSeconds, tostring(maxSeconds));
  // The dialog timer ticks once a second and may fire up to a second early: one second more
  // never cuts a call before its limit; the end rates it at the limit at most (calls-end.ts).
  setCallTimeout(maxSeconds + 1);
}
