// A call detail record: the SQL that stores it and the CALL BILLING log line. Pure, so the
// specs prove that no header value can change the statement or forge a line.

import { logSafe } from "../audit/line";
import { ceilDiv } from "./integer";
import { formatMoney, type Money } from "./money";

/** One call attempt as the billing route saw it; times are Unix milliseconds. */
export interface CallRecord {
  /** Unique per INVITE attempt: Call-ID, From tag and CSeq (the CDR table's unique key). */
  attemptId: string;
  callId: string;
  account: string;
  caller: string;
  callee: string;
  /** The dialled number in E.164 digits ("" when it was not a number). */
  number: string;
  sourceIp: string;
  destination: string;
  prefix: string;
  rateId: string;
  startMs: number;
  /** 0 when never answered. */
  answerMs: number;
  endMs: number;
  durationMs: number;
  billableSeconds: number;
  cost: Money;
  sipCode: number;
  sipReason: string;
  /** How it ended: "bye", "timeout", "failed", "cancelled". */
  endReason: string;
}

/** Longest text kept in a CDR column: a hostile header cannot bloat the table. */
const SQL_TEXT_MAX = 256;

/**
 * A text value as an SQL string literal for SQLite and PostgreSQL: cut to SQL_TEXT_MAX bytes,
 * NUL bytes dropped (neither database stores them in text), quotes doubled; with
 * standard_conforming_strings (PostgreSQL's default), backslashes are plain characters in
 * both. So the value stays one literal, whatever it holds.
 */
export function sqlText(value: string): string {
  const cut = value.length > SQL_TEXT_MAX ? string.sub(value, 1, SQL_TEXT_MAX) : value;
  const [withoutNul] = string.gsub(cut, "%z", "");
  const [quoted] = string.gsub(withoutNul, "'", "''");
  return `'${quoted}'`;
}

/** An integer as SQL: digits only (%d of a whole number), never a text that could be SQL. */
export function sqlInteger(value: number): string {
  return string.format("%d", value);
}

/** The columns of the cdr table (scripts/lib/cdr-db.mjs creates it), in INSERT order. */
export const CDR_COLUMNS =
  "attempt_id, call_id, account, caller, callee, number, source_ip, destination, prefix, rate_id, " +
  "start_ms, answer_ms, end_ms, duration_ms, billable_seconds, cost, sip_code, sip_reason, end_reason";

/**
 * The INSERT of a CDR, idempotent on attempt_id: the CDR writer may run it twice (after a
 * crash between commit and dequeue) and the table keeps one row. Valid in SQLite and PostgreSQL.
 */
export function cdrInsertSql(r: CallRecord): string {
  const texts = [
    sqlText(r.attemptId), sqlText(r.callId), sqlText(r.account), sqlText(r.caller), sqlText(r.callee),
    sqlText(r.number), sqlText(r.sourceIp), sqlText(r.destination), sqlText(r.prefix), sqlText(r.rateId),
  ];
  const numbers = [
    sqlInteger(r.startMs), sqlInteger(r.answerMs), sqlInteger(r.endMs), sqlInteger(r.durationMs),
    sqlInteger(r.billableSeconds), sqlInteger(r.cost), sqlInteger(r.sipCode),
  ];
  return `INSERT INTO cdr (${CDR_COLUMNS}) VALUES (${table.concat(texts, ", ")}, ${table.concat(numbers, ", ")}, ` +
    `${sqlText(r.sipReason)}, ${sqlText(r.endReason)}) ON CONFLICT (attempt_id) DO NOTHING`;
}

/**
 * The log line of a rated call, the brief's format made parseable whatever the headers hold:
 * `CALL BILLING - Call-ID: "...", From: "...", To: "...", Duration: 120 sec, Cost: 6.00, ...`.
 * Quoted values are escaped (logSafe: no value can end the line or close its quotes);
 * Duration is the started seconds from answer to end, Billable the seconds rated.
 */
export function billingLine(r: CallRecord): string {
  const seconds = ceilDiv(r.durationMs, 1000);
  return `CALL BILLING - Call-ID: "${logSafe(r.callId)}", From: "${logSafe(r.caller)}", To: "${logSafe(r.callee)}", ` +
    `Duration: ${seconds} sec, Cost: ${formatMoney(r.cost)}, Account: "${logSafe(r.account)}", ` +
    `Number: "${r.number}", Prefix: "${r.prefix}", Rate: "${logSafe(r.rateId)}", Billable: ${r.billableSeconds} sec, ` +
    `DurationMs: ${r.durationMs}, End: ${r.endReason}, Source: ${r.sourceIp}`;
}
