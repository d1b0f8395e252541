// The one writer of the CDR database (kamailio.cfg: an rtimer process every 100 ms): moves the
// CDR INSERTs that the workers queue in Redis (routes/calls-end.ts) into the database, a batch
// per transaction, and only then removes them from the queue. A crash between the commit and
// the removal writes the batch again, which the INSERTs' ON CONFLICT (attempt_id) ignores.
import { CDR_DEAD_LETTERS, CDR_QUEUE, pushToList } from "./state";

const SERVER = "state";
const BATCH = 200;
const QUEUE_REPLY = "cq";
const QUEUE_SIZE = "$redis(cq=>size)";
/** sqlops connection (kamailio.cfg CDR_SQLCON) and its result container. */
const CONNECTION = "cdr";
const RESULT = "cdrw";

/** sqlops 5.6.3's KEMI sql_query returns 0 on success (unlike the cfg function), -1 on error. */
function execute(sql: string): boolean {
  return KSR.sqlops.sql_query(CONNECTION, sql, RESULT) >= 0;
}

/** The queued statement at `index` of the last LRANGE. */
function queued(index: number): string {
  return tostring(KSR.pv.get(`$redis(cq=>value[${index}])`));
}

/**
 * One statement at a time, after a batch failed: the ones the database refuses go to the dead
 * letter list (logged), so one bad row never blocks the queue. False when the database itself
 * is unavailable (the batch stays queued).
 */
function writeOneByOne(count: number): boolean {
  for (let i = 0; i < count; i++) {
    const sql = queued(i);
    if (!execute(sql)) {
      if (!execute("SELECT 1")) return false;
      KSR.err(`kamailio-ts cdr-refused queued in ${CDR_DEAD_LETTERS}\n`);
      pushToList(CDR_DEAD_LETTERS, sql);
    }
  }
  return true;
}

export function ksr_route_cdr_writer(): void {
  if (KSR.ndb_redis.redis_cmd_p3(SERVER, "LRANGE %s %s %s", CDR_QUEUE, "0", tostring(BATCH - 1), QUEUE_REPLY) < 0) return;
  const count = KSR.pv.geti(QUEUE_SIZE);
  if (count <= 0) return;
  let written = execute("BEGIN");
  for (let i = 0; written && i < count; i++) written = execute(queued(i));
  if (written) written = execute("COMMIT");
  if (!written) {
    execute("ROLLBACK");
    if (!writeOneByOne(count)) return;
  }
  KSR.ndb_redis.redis_cmd_p2(SERVER, "LTRIM %s %s -1", CDR_QUEUE, tostring(count), QUEUE_REPLY);
}
