/**
 * Counts one more event of `key` in the htable `table` (shared memory, all workers) and returns
 * the count in the table's current window. htable 5.6.3's sht_inc adds no missing item (it
 * returns -1): the key's first event in a window starts it at 1.
 */
export function htableCount(table: string, key: string): number {
  const count = KSR.htable.sht_inc(table, key);
  if (count >= 1) return count;
  KSR.htable.sht_seti(table, key, 1);
  return 1;
}
