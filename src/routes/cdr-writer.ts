// The one writer of the CDR database (kamailio.cfg: an rtimer process every 100 ms): moves the
// CDR INSERTs that the workers queue in Redis (routes/calls-end.ts) into the database, a batch
// per transaction, and only then removes them from the queue. A crash between the commit and
// the removal writes the batch again, which the INSERTs' ON CONFLICT (attempt_id) ignores (and
// the prepaid refunds that ride with PostgreSQL CDRs, their balance_settlements key).
// In a cluster every node runs a writer on the one queue: a writer drains it only while it
// holds the Redis lock cdr:writer (taken with NX, expiring, so a dead node's lock lapses), and
// removes a batch only if it still holds the lock, so no writer ever removes what another read.
import { CDR_DEAD_LETTERS, CDR_QUEUE, pushToList } from "./state";
import { billingSettings } from "./settings";
import { clusterNodeName } from "./cluster";
import { markPostgresDown, markPostgresUp } from "./pg-health";

const SERVER = "state";
const BATCH = 200;
const QUEUE_REPLY = "cq";
const QUEUE_SIZE = "$redis(cq=>size)";
/** sqlops connection (kamailio.cfg CDR_SQLCON) and its result container. */
const CONNECTION = "cdr";
const RESULT = "cdrw";
/** The writers' lock: its key, and how long (ms) a holder that stopped keeps it. */
const LOCK_KEY = "cdr:writer";
const LOCK_MS = "2000";
/** Removes the batch only while its writer holds the lock. ARGV[1] = "holder|count". */
const TRIM_IF_HOLDER = `local holder, count = string.match(ARGV[1], '^(.*)|(%d+)$')
if redis.call('GET', '${LOCK_KEY}') ~= holder then return 0 end
redis.call('LTRIM', '${CDR_QUEUE}', tonumber(count), -1)
return 1`;

let holder: string | undefined;

/** This writer's name in the lock: the node (cfg define CLUSTER_NODE) and the process. */
function lockHolder(): string {
  if (holder === undefined) {
    holder = `${clusterNodeName()}:${KSR.pv.gete("$pp")}`;
  }
  return holder;
}

/** Takes or renews the lock; false when another writer holds it or Redis fails. */
function holdLock(): boolean {
  const me = lockHolder();
  if (KSR.ndb_redis.redis_cmd_p3(SERVER, "SET %s %s NX PX %s", LOCK_KEY, me, LOCK_MS, QUEUE_REPLY) >= 0 && KSR.pv.gete("$redis(cq=>value)") === "OK") return true;
  if (KSR.ndb_redis.redis_cmd_p1(SERVER, "GET %s", LOCK_KEY, QUEUE_REPLY) < 0 || KSR.pv.gete("$redis(cq=>value)") !== me) return false;
  return KSR.ndb_redis.redis_cmd_p3(SERVER, "SET %s %s PX %s", LOCK_KEY, me, LOCK_MS, QUEUE_REPLY) >= 0;
}

/** sqlops 5.6.3's KEMI sql_query returns 0 on success (unlike the cfg function), -1 on error. */
function execute(sql: string): boolean {
  return KSR.sqlops.sql_query(CONNECTION, sql, RESULT) >= 0;
}

/**
 * Writes one CDR statement straight into the database, for a CDR that Redis refused to queue
 * (Redis down): the writer is idle then (it cannot take its lock), and the statement's ON
 * CONFLICT (attempt_id) makes a later replay harmless. False when the database refuses it too.
 */
export function writeCdrNow(sql: string): boolean {
  return execute(sql);
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

/**
 * The batch in one transaction. PostgreSQL gets it as one query: db_postgres resends a query
 * on a new connection when the old one broke (a database restart), and a BEGIN sent apart
 * would be lost with it, leaving the rest to commit alone and the first rows (CDRs, refunds)
 * rolled back unseen. SQLite (db_sqlite runs the first statement of a query only) statement
 * by statement.
 */
function writeBatch(count: number): boolean {
  if (billingSettings().cdrPostgres) {
    const parts: string[] = ["BEGIN"];
    for (let i = 0; i < count; i++) parts[i + 1] = queued(i);
    parts[count + 1] = "COMMIT";
    return execute(table.concat(parts, ";\n"));
  }
  let written = execute("BEGIN");
  for (let i = 0; written && i < count; i++) written = execute(queued(i));
  return written && execute("COMMIT");
}

export function ksr_route_cdr_writer(): void {
  if (!holdLock()) return;
  if (KSR.ndb_redis.redis_cmd_p3(SERVER, "LRANGE %s %s %s", CDR_QUEUE, "0", tostring(BATCH - 1), QUEUE_REPLY) < 0) return;
  const count = KSR.pv.geti(QUEUE_SIZE);
  if (count <= 0) return;
  // A database that is away: the queue waits (one short statement fails, not the batch), and
  // prepaid calls are refused at once meanwhile (pg-health.ts).
  if (billingSettings().cdrPostgres) {
    if (!execute("SELECT 1")) {
      markPostgresDown();
      return;
    }
    markPostgresUp();
  }
  const written = writeBatch(count);
  if (!written) {
    execute("ROLLBACK");
    if (!writeOneByOne(count)) return;
  }
  KSR.ndb_redis.redis_cmd_p2(SERVER, "EVAL %s 0 %s", TRIM_IF_HOLDER, string.format("%s|%d", lockHolder(), count), QUEUE_REPLY);
}
