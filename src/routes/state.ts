// The shared state in Redis (ndb_redis server "state", kamailio.cfg): the CDR queue, prepaid
// balances and hourly spend. Values always travel as %s arguments, never inside the command
// text, which hiredis would read as a format: a `%` or a space in a value changes nothing.

const SERVER = "state";
const REPLY = "st";
/** The value of the reply container REPLY. */
const REPLY_VALUE = "$redis(st=>value)";

/** The Redis list of CDR INSERT statements that ksr_route_cdr_writer drains. */
export const CDR_QUEUE = "cdr:queue";
/** CDR statements the database refused one by one, kept for the operator. */
export const CDR_DEAD_LETTERS = "cdr:failed";

/** Redis key of an account's prepaid balance (minor units, what is not reserved). */
export function balanceKey(account: string): string {
  return `balance:${account}`;
}

/**
 * Reserves up to `want` of the account's balance, atomically in Redis: all of `want` when the
 * balance holds it, else the whole balance, provided it holds `minimum`. Returns the reserved
 * amount, -1 when the balance is below `minimum` (or missing: no balance is 0).
 */
const RESERVE_SCRIPT = `local b = tonumber(redis.call('GET', KEYS[1]) or '0')
local want, minimum = string.match(ARGV[1], '^(%d+)|(%d+)$')
want = tonumber(want) minimum = tonumber(minimum)
if b < minimum then return -1 end
local r = want if b < r then r = b end
redis.call('DECRBY', KEYS[1], r)
return r`;

/**
 * Settles a call once (the key settled:<attempt> guards a second run, e.g. after a restart):
 * returns `refund` to the balance when the account is prepaid, and adds `cost` to the spend of
 * the account's clock hour (kept two hours). ARGV[1] = "attempt|refund|cost|hour|prepaid|account".
 */
const SETTLE_SCRIPT = `local attempt, refund, cost, hour, prepaid, account =
  string.match(ARGV[1], '^([^|]*)|(%d+)|(%d+)|(%d+)|([01])|(.*)$')
if not attempt then return -1 end
if not redis.call('SET', 'settled:' .. attempt, '1', 'NX', 'EX', 2592000) then return 0 end
if prepaid == '1' and tonumber(refund) > 0 then redis.call('INCRBY', 'balance:' .. account, refund) end
local spend = 'spend:' .. account .. ':' .. hour
redis.call('INCRBY', spend, cost)
redis.call('EXPIRE', spend, 7200)
return 1`;

/** The integer reply of the last command, or undefined when it failed or was not an integer. */
function integerReply(ok: number): number | undefined {
  if (ok < 0) return undefined;
  return tonumber(KSR.pv.get(REPLY_VALUE)) ?? undefined;
}

/** Reserve (see RESERVE_SCRIPT); undefined when Redis cannot be reached. */
export function reserveBalance(account: string, want: number, minimum: number): number | undefined {
  const args = string.format("%d|%d", want, minimum);
  return integerReply(KSR.ndb_redis.redis_cmd_p3(SERVER, "EVAL %s 1 %s %s", RESERVE_SCRIPT, balanceKey(account), args, REPLY));
}

/** Settle (see SETTLE_SCRIPT); false when Redis cannot be reached. */
export function settleCall(attempt: string, account: string, prepaid: boolean, refund: number, cost: number, hour: number): boolean {
  const args = string.format("%s|%d|%d|%d|%s|%s", attempt, refund, cost, hour, prepaid ? "1" : "0", account);
  return integerReply(KSR.ndb_redis.redis_cmd_p2(SERVER, "EVAL %s 0 %s", SETTLE_SCRIPT, args, REPLY)) !== undefined;
}

/**
 * The account's spend in the clock hour `hour` (Unix hours), 0 when none; undefined when Redis
 * fails the read after answering billing's PING (it went away in between, the GET alone timed
 * out, or the key holds another type).
 */
export function hourlySpend(account: string, hour: number): number | undefined {
  const key = string.format("spend:%s:%d", account, hour);
  if (KSR.ndb_redis.redis_cmd_p1(SERVER, "GET %s", key, REPLY) < 0) return undefined;
  return tonumber(KSR.pv.get(REPLY_VALUE)) ?? 0;
}

/** Whether Redis answers (PING): without it no call can be billed. */
export function stateAvailable(): boolean {
  return KSR.ndb_redis.redis_cmd(SERVER, "PING", REPLY) >= 0;
}

/** Appends a value to a Redis list; false when Redis cannot be reached. */
export function pushToList(list: string, value: string): boolean {
  return KSR.ndb_redis.redis_cmd_p2(SERVER, "RPUSH %s %s", list, value, REPLY) >= 0;
}

/** Redis key of a call's answer time (ms), kept a day. */
function answerKey(attempt: string): string {
  return `answered:${attempt}`;
}

/**
 * Keeps the answer time of a call in Redis, for the other nodes of a cluster: the dialog
 * module's DMQ replication sends the dialog variables with the INVITE, not later, so a node
 * that ends a call set up elsewhere finds the answer time here. False when Redis fails.
 */
export function rememberAnswer(attempt: string, answerMs: number): boolean {
  return KSR.ndb_redis.redis_cmd_p3(SERVER, "SET %s %s EX %s", answerKey(attempt), string.format("%d", answerMs), "86400", REPLY) >= 0;
}

/** The answer time that rememberAnswer kept, 0 when none or unknown. */
export function rememberedAnswer(attempt: string): number {
  if (KSR.ndb_redis.redis_cmd_p1(SERVER, "GET %s", answerKey(attempt), REPLY) < 0) return 0;
  return tonumber(KSR.pv.get(REPLY_VALUE)) ?? 0;
}
