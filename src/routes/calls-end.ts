// The end of a call attempt, from the dialog module's events (kamailio.cfg event_callback):
// the answer time at dialog:start; at dialog:end (BYE from either side), dialog:timeout (the
// dialog timer, before its BYEs) and dialog:failed (no answer, refused, cancelled), the rating,
// the settlement of a prepaid reservation and the CDR, queued in Redis for
// ksr_route_cdr_writer. Runs in the dialog's context: its variables (routes/billing.ts) are
// the call's, also after a Kamailio restart.
import { billableSeconds } from "../billing/increments";
import { costOfSeconds } from "../billing/cost";
import { billingLine, type CallRecord } from "../billing/cdr";
import { cachedRateEntry } from "../billing/rate-cache";
import { logSafe } from "../audit/line";
import { DLG } from "./billing";
import { nowMs } from "./clock";
import { CDR_QUEUE, pushToList, rememberAnswer, rememberedAnswer, settleCall } from "./state";
import { isClusterNode } from "./cluster";
import { RESERVED_IN_REDIS, cdrStatement } from "./balances";
import { writeCdrNow } from "./cdr-writer";

function dialogVar(name: string): string {
  const value = KSR.dialog.var_get(name);
  return value === undefined ? "" : tostring(value);
}

function dialogNumber(name: string): number {
  return tonumber(KSR.dialog.var_get(name)) ?? 0;
}

/** A call attempt's record from the dialog variables, before the end is known. */
function recordFromDialog(endMs: number): CallRecord {
  const attemptId = dialogVar(DLG.attempt);
  let answerMs = dialogNumber(DLG.answerMs);
  // A call answered on another node of the cluster: its answer time is in Redis.
  if (answerMs === 0 && isClusterNode()) answerMs = rememberedAnswer(attemptId);
  return {
    attemptId,
    callId: KSR.pv.gete("$dlg(callid)"),
    account: dialogVar(DLG.account),
    caller: dialogVar(DLG.caller),
    callee: dialogVar(DLG.callee),
    number: dialogVar(DLG.number),
    sourceIp: dialogVar(DLG.sourceIp),
    destination: "",
    prefix: "",
    rateId: "",
    startMs: dialogNumber(DLG.startMs),
    answerMs,
    endMs,
    durationMs: 0,
    billableSeconds: 0,
    cost: 0,
    sipCode: 200,
    sipReason: "OK",
    endReason: "bye",
  };
}

/** Prometheus counters (kamailio.cfg): call attempts by outcome, and revenue in minor units. */
const CALLS_METRIC = "ts_calls_total";
const REVENUE_METRIC = "ts_revenue_minor_total";

/** Queues the CDR statement (or writes it, when Redis refuses it) and counts the call. */
function queueCdr(record: CallRecord, sql: string): void {
  KSR.xhttp_prom.counter_inc_l1(CALLS_METRIC, 1, record.sipCode === 200 ? "answered" : record.endReason);
  if (record.cost > 0) KSR.xhttp_prom.counter_inc_l0(REVENUE_METRIC, record.cost);
  if (pushToList(CDR_QUEUE, sql)) return;
  // Redis is out of reach: the CDR goes to the database now, or, failing that, whole into the log.
  if (writeCdrNow(sql)) {
    KSR.warn(`kamailio-ts cdr-written-directly attempt="${logSafe(record.attemptId)}"\n`);
  } else {
    KSR.crit(`kamailio-ts cdr-not-queued sql="${logSafe(sql)}"\n`);
  }
}

/**
 * Settles the call's prepaid reservation and its hourly spend, once; returns the statement
 * that stores its CDR. A reservation in Redis is refunded here; one in PostgreSQL by that
 * statement, in the CDR's transaction, from the reservation the database recorded (balances.ts).
 */
function settle(record: CallRecord): string {
  const reservedIn = dialogVar(DLG.prepaid);
  const inRedis = reservedIn === RESERVED_IN_REDIS;
  const reserved = inRedis ? dialogNumber(DLG.reserved) : 0;
  const refund = reserved > record.cost ? reserved - record.cost : 0;
  if (record.account !== "" && !settleCall(record.attemptId, record.account, inRedis, refund, record.cost, math.floor(record.endMs / 3600000))) {
    KSR.crit(`kamailio-ts settle-failed attempt="${logSafe(record.attemptId)}" refund=${refund} cost=${record.cost}\n`);
  }
  return cdrStatement(record, reservedIn);
}

/** An answered call ended: rated from answer to end, capped at a prepaid call's limit. */
function rateEndedCall(): void {
  const record = recordFromDialog(nowMs());
  const entry = cachedRateEntry(dialogVar(DLG.deckValue));
  const rate = entry === undefined ? undefined : entry.rates[dialogNumber(DLG.rateIndex)];
  const answered = record.answerMs > 0 ? record.answerMs : record.endMs;
  let durationMs = record.endMs - answered;
  const maxSeconds = dialogNumber(DLG.maxSeconds);
  // The dialog timeout is a second past the limit (billing.ts): a prepaid call is cut within a
  // second after its limit and billed for the limit, never past it.
  if (maxSeconds > 0 && durationMs > maxSeconds * 1000) durationMs = maxSeconds * 1000;
  record.durationMs = durationMs < 0 ? 0 : durationMs;
  record.endReason = KSR.pv.gete("$rm") === "BYE" || dialogVar(DLG.endedByBye) === "1" ? "bye" : "timeout";
  if (entry !== undefined && rate !== undefined) {
    record.destination = entry.destination;
    record.prefix = entry.prefix;
    record.rateId = rate.id;
    record.billableSeconds = billableSeconds(rate, record.durationMs);
    record.cost = costOfSeconds(rate, record.billableSeconds);
  } else {
    KSR.crit(`kamailio-ts call without a rate: attempt="${logSafe(record.attemptId)}"\n`);
  }
  queueCdr(record, settle(record));
  KSR.notice(`${billingLine(record)}\n`);
}

/** A call that was never answered: its final code, no cost; its reservation returned. */
function recordFailedCall(): void {
  const record = recordFromDialog(nowMs());
  const refusedCode = dialogNumber(DLG.refusedCode);
  if (refusedCode > 0) {
    record.sipCode = refusedCode;
    record.sipReason = dialogVar(DLG.refusedReason);
  } else if (KSR.siputils.is_reply() > 0) {
    record.sipCode = KSR.pv.geti("$rs");
    record.sipReason = KSR.pv.gete("$rr");
  } else {
    record.sipCode = 408;
    record.sipReason = "Request Timeout";
  }
  record.answerMs = 0;
  record.endReason = record.sipCode === 487 ? "cancelled" : "failed";
  queueCdr(record, settle(record));
}

/** The dialog module's event callback (kamailio.cfg: modparam dialog event_callback). */
export function ksr_dialog_event(event: string): void {
  if (event === "dialog:start") {
    const answerMs = nowMs();
    KSR.dialog.var_sets(DLG.answerMs, tostring(answerMs));
    if (isClusterNode() && !rememberAnswer(dialogVar(DLG.attempt), answerMs)) {
      KSR.crit(`kamailio-ts answer-not-shared attempt="${logSafe(dialogVar(DLG.attempt))}"\n`);
    }
  } else if (event === "dialog:timeout") {
    // Rated here, not at the dialog:end that follows the BYEs: dialog 5.6.3 (dlg_bye_all) runs
    // that event only if no reply to the BYEs has ended the dialog first, which a loaded node
    // lets happen now and then.
    KSR.dialog.var_sets(DLG.ratedAtTimeout, "1");
    rateEndedCall();
  } else if (event === "dialog:end") {
    if (dialogVar(DLG.ratedAtTimeout) !== "1") rateEndedCall();
  } else if (event === "dialog:failed") {
    recordFailedCall();
  }
}
