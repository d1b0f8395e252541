/**
 * Counts one more event of `key` in the htable `table` (shared memory, all workers) and returns
 * the count in the table's current window. htable 5.6.3's sht_inc adds no missing item (it
 * returns -1): the key's first event in a window starts it at 1. Two workers may both start the
 * same key in the same instant and count one event, not two. initval=0 would make sht_inc
 * create the item under its slot lock, but with autoexpire and updateexpire=0 it would also
 * reset an expired item without renewing its expiry: the count would stay at 1 until the
 * htable timer removes it, which is worse for a rate limit than one lost event.
 */
export function htableCount(table: string, key: string): number {
  const count = KSR.htable.sht_inc(table, key);
  if (count >= 1) return count;
  KSR.htable.sht_seti(table, key, 1);
  return 1;
}
