// Decoded rate entries, kept per worker: decoding an mtree value costs ~20 µs under Lua 5.1 and
// the same few values (a plan's busy destinations) come back call after call, at the INVITE
// and again at the call's end. This is a cache of immutable derived data, not shared state:
// the key is the whole value string, so a reloaded deck (new values) never meets a stale entry.
import { decodeRateEntry, type RateEntry } from "./deck";

/** Distinct values a worker keeps (a few MB of Lua memory at most); then it starts afresh. */
export const MAX_CACHED_RATE_ENTRIES = 4096;

let decoded = new LuaTable<string, RateEntry>();
let cachedCount = 0;

/** The decoded entry of an mtree value (undefined when malformed: never cached). */
export function cachedRateEntry(deckValue: string): RateEntry | undefined {
  const hit = decoded.get(deckValue);
  if (hit !== undefined) return hit;
  const entry = decodeRateEntry(deckValue);
  if (entry === undefined) return undefined;
  if (cachedCount >= MAX_CACHED_RATE_ENTRIES) {
    decoded = new LuaTable<string, RateEntry>();
    cachedCount = 0;
  }
  decoded.set(deckValue, entry);
  cachedCount++;
  return entry;
}
