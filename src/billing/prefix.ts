// Longest-prefix match over a table keyed by prefix string: one hash probe per candidate
// length, from the longest the table holds (or the number's length) down to the empty prefix,
// so a lookup costs at most digits + 1 probes whatever the table's size.

/** Values by prefix (digit strings; "" is a catch-all that matches every number). */
export interface PrefixTable<T> {
  entries: LuaTable<string, T>;
  /** Length of the longest prefix in entries: no probe is made for longer ones. */
  longest: number;
}

export function newPrefixTable<T>(): PrefixTable<T> {
  return { entries: new LuaTable<string, T>(), longest: 0 };
}

/** Adds or replaces the value of a prefix. */
export function addPrefix<T>(prefixes: PrefixTable<T>, prefix: string, value: T): void {
  prefixes.entries.set(prefix, value);
  if (prefix.length > prefixes.longest) prefixes.longest = prefix.length;
}

/**
 * The value of the longest prefix of `digits` in the table, and that prefix; undefined (nil,
 * nil in Lua) when no prefix matches. Probes at most min(#digits, longest) + 1 entries.
 */
export function longestPrefixMatch<T>(
  prefixes: PrefixTable<T>,
  digits: string,
): LuaMultiReturn<[T | undefined, string | undefined]> {
  const entries = prefixes.entries;
  let length = digits.length < prefixes.longest ? digits.length : prefixes.longest;
  while (length >= 0) {
    const prefix = string.sub(digits, 1, length);
    const value = entries.get(prefix);
    if (value !== undefined) return $multi(value, prefix);
    length = length - 1;
  }
  return $multi(undefined, undefined);
}
