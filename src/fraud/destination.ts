// Destination call-rate policy (issue 6; OpenSIPS fraud_detection's per user and prefix
// calls-per-minute, with its warning and critical levels): pure, no KSR, so the specs call it
// through the bundle's exports. The KSR side (htable counters per account and prefix) is in
// src/routes/destination.ts.

import type { RateWindow } from "../billing/rate";
import { localWeekdayAndSecond, windowHolds } from "../billing/windows";

/** Destination call-rate levels that apply in a time window (fraud.prefixCallWindows). */
export interface PrefixRateWindow extends RateWindow {
  warning: number;
  critical: number;
}

/**
 * The windows as scripts/lib/kamailio-run.mjs renders them into the PREFIX_RATE_WINDOWS define:
 * "<ISO weekday digits>,<from second>,<until second>,<warning>,<critical>" joined by ";"
 * ("12345,72000,28800,5,10"). A malformed window is left out; "" is none.
 */
export function parsePrefixRateWindows(text: string): PrefixRateWindow[] {
  const windows: PrefixRateWindow[] = [];
  for (const [days, from, until, warning, critical] of string.gmatch(text, "(%d+),(%d+),(%d+),(%d+),(%d+)")) {
    const weekdays: number[] = [];
    for (const [day] of string.gmatch(days, "%d")) weekdays.push(tonumber(day) ?? 0);
    windows.push({
      weekdays,
      fromSecond: tonumber(from) ?? 0,
      untilSecond: tonumber(until) ?? 0,
      warning: tonumber(warning) ?? 0,
      critical: tonumber(critical) ?? 0,
    });
  }
  return windows;
}

/**
 * The levels that apply at `unixSeconds` (local time at `utcOffsetSeconds`): those of the first
 * window holding it, else the base levels (fraud.prefixCallsPerMinute).
 */
export function prefixRateLevels(
  windows: PrefixRateWindow[],
  warning: number,
  critical: number,
  unixSeconds: number,
  utcOffsetSeconds: number,
): LuaMultiReturn<[number, number]> {
  if (windows.length === 0) return $multi(warning, critical);
  const [weekday, second] = localWeekdayAndSecond(unixSeconds, utcOffsetSeconds);
  for (let i = 0; i < windows.length; i++) {
    const window = windows[i];
    if (windowHolds(window, weekday, second)) return $multi(window.warning, window.critical);
  }
  return $multi(warning, critical);
}

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
