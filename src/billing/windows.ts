// Which of a destination's rates applies at a call's start: time-of-day and weekday windows.

import { floorDiv, floorMod } from "./integer";
import type { Rate, RateWindow } from "./rate";

const SECONDS_PER_DAY = 86400;
/** 1970-01-01, day 0 of Unix time, was a Thursday: ISO weekday 4. */
const EPOCH_ISO_WEEKDAY = 4;

/**
 * Local time of a Unix timestamp (seconds) at a UTC offset (seconds east of UTC, e.g. 28800
 * for UTC+8): the ISO weekday (1 = Monday ... 7 = Sunday) and the second of the day.
 * Fractions of a second are dropped (floored) first.
 */
export function localWeekdayAndSecond(unixSeconds: number, utcOffsetSeconds: number): LuaMultiReturn<[number, number]> {
  const local = math.floor(unixSeconds) + utcOffsetSeconds;
  const day = floorDiv(local, SECONDS_PER_DAY);
  const weekday = floorMod(day + EPOCH_ISO_WEEKDAY - 1, 7) + 1;
  return $multi(weekday, local - day * SECONDS_PER_DAY);
}

/** Whether a window holds a local weekday and second of the day (RateWindow's rules). */
export function windowHolds(window: RateWindow, weekday: number, second: number): boolean {
  const weekdays = window.weekdays;
  if (weekdays !== undefined) {
    let listed = false;
    for (let i = 0; i < weekdays.length; i++) {
      if (weekdays[i] === weekday) listed = true;
    }
    if (!listed) return false;
  }
  const from = window.fromSecond;
  const until = window.untilSecond;
  if (from < until) return second >= from && second < until;
  if (from > until) return second >= from || second < until; // past midnight
  return true;
}

/**
 * The rate that applies to a call starting at `unixSeconds` (UTC offset in seconds): the
 * first of `rates`, in their order, with no windows or with a window holding the start's
 * local weekday and time; undefined when none does. The whole call is rated at that rate
 * (a call crossing into another window keeps its start's rate). Put the rate without
 * windows last, as the default. A window past midnight belongs to the weekday it holds the
 * time on: Mon 22:00-06:00 holds Monday 23:00 and Monday 05:00, not Tuesday 05:00.
 */
export function selectRate(rates: Rate[], unixSeconds: number, utcOffsetSeconds: number): Rate | undefined {
  const [weekday, second] = localWeekdayAndSecond(unixSeconds, utcOffsetSeconds);
  for (let i = 0; i < rates.length; i++) {
    const rate = rates[i];
    const windows = rate.windows;
    if (windows === undefined || windows.length === 0) return rate;
    for (let w = 0; w < windows.length; w++) {
      if (windowHolds(windows[w], weekday, second)) return rate;
    }
  }
  return undefined;
}
