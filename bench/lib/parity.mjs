// @ts-check
// Checks that the native twin does what the TypeScript routes do before the bench compares
// their cost: the same raw SIP requests (UDP) to each proxy, the same replies expected (the
// final reply's status and reason; a relayed INVITE shows only tm's 100; null: dropped without
// reply), and the same calls rated and recorded alike (their CDRs). A twin that skipped a
// check would be cheaper for the wrong reason.
import { createSocket } from "node:dgram";
import { createHash, randomBytes } from "node:crypto";
import { query } from "../../scripts/lib/subscriber-db.mjs";
import { REDIS_DB, redisCli } from "../../scripts/lib/redis.mjs";
import { placeCalls, startGateway } from "./sipp-load.mjs";

const PROXY = { address: "127.0.0.1", port: 5060 };
/** The deployment config's trusted peer (127.0.0.1/32); other loopback addresses are not. */
const TRUSTED = "127.0.0.1";
/** The account of the bench config (bench/lib/proxies.mjs benchConfig), with no policy of its own. */
export const PARITY_ACCOUNT = Object.freeze({ username: "1001", password: "bench-secret" });
/**
 * Accounts with billing fields (scripts/lib/billing-config.mjs): one prepaid whose balance pays
 * its longest call (MAX_CALL_SECONDS to Germany: 4.91), one prepaid whose balance pays not even
 * the first second to China (0.05), one that may not call high-cost destinations.
 */
const PREPAID_RICH = Object.freeze({ username: "1002", password: "bench-rich", prepaidBalance: "1000.00" });
const PREPAID_POOR = Object.freeze({ username: "1003", password: "bench-poor", prepaidBalance: "0.01" });
const NO_HIGH_COST = Object.freeze({ username: "1004", password: "bench-local" });
export const PARITY_ACCOUNTS = [PARITY_ACCOUNT, PREPAID_RICH, PREPAID_POOR, NO_HIGH_COST];
/** Call rate of the bench config: the second authenticated call a minute is refused, the third bans. */
export const PARITY_CALL_RATE = Object.freeze({ callsPerMinute: 1, banCallsPerMinute: 2 });
const URI = "sip:13545769997@127.0.0.1";

/**
 * A request from ip:port. @param {string} ip @param {number} port @param {string} line
 * @param {{ method?: string, headers?: string[], maxForwards?: number, cseqMethod?: string, toTag?: string, fromUser?: string }} [options]
 */
function request(ip, port, line, { method = line.split(" ")[0], headers = [], maxForwards = 70, cseqMethod = method, toTag, fromUser = PARITY_ACCOUNT.username } = {}) {
  return [
    line,
    `Via: SIP/2.0/UDP ${ip}:${port};branch=z9hG4bK-${randomBytes(6).toString("hex")}`,
    `From: <sip:${fromUser}@${ip}>;tag=${randomBytes(4).toString("hex")}`,
    `To: <${URI}>${toTag ? `;tag=${toTag}` : ""}`,
    `Call-ID: parity-${randomBytes(8).toString("hex")}`,
    `CSeq: 1 ${cseqMethod}`,
    `Contact: <sip:${fromUser}@${ip}:${port}>`,
    `Max-Forwards: ${maxForwards}`,
    ...headers,
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
}

/**
 * Sends `message` from ip:port; resolves with the final reply (status line without "SIP/2.0 ",
 * and the message), else the last provisional one, else null, after at most `waitMs`.
 * @param {string} ip @param {number} port @param {string} message @param {number} [waitMs]
 * @returns {Promise<{ status: string, message: string } | null>}
 */
function exchange(ip, port, message, waitMs = 600) {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    /** @type {{ status: string, message: string } | null} */
    let provisional = null;
    const finish = (/** @type {{ status: string, message: string } | null} */ result) => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish(provisional), waitMs);
    socket.on("error", reject);
    socket.on("message", (data) => {
      const text = data.toString("latin1");
      const status = text.split("\r\n")[0].replace(/^SIP\/2\.0 /, "");
      if (/^[2-6]\d\d /.test(status)) finish({ status, message: text });
      else if (/^1\d\d /.test(status)) provisional = { status, message: text };
    });
    socket.bind(port, ip, () => socket.send(message, PROXY.port, PROXY.address));
  });
}

const md5 = (/** @type {string} */ s) => createHash("md5").update(s).digest("hex");

/**
 * An INVITE from `username` (its From user) to `number` answering the proxy's challenge
 * (digest without qop, as the proxy asks) with `password`; the challenge's reply when it is
 * not a 407.
 * @param {string} ip @param {number} port @param {string} username @param {string} password @param {string} [number]
 */
async function authenticatedInvite(ip, port, username, password, number = "13545769997") {
  const uri = `sip:${number}@127.0.0.1`;
  const line = `INVITE ${uri} SIP/2.0`;
  const challenge = await exchange(ip, port, request(ip, port, line, { fromUser: username }));
  const nonce = challenge?.message.match(/nonce="([^"]+)"/)?.[1];
  const realm = challenge?.message.match(/realm="([^"]+)"/)?.[1];
  if (nonce === undefined || realm === undefined) return challenge;
  const response = md5(`${md5(`${username}:${realm}:${password}`)}:${nonce}:${md5(`INVITE:${uri}`)}`);
  const credentials = `Proxy-Authorization: Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}"`;
  return exchange(ip, port, request(ip, port, line, { headers: [credentials], fromUser: username }));
}

/** @typedef {string | RegExp | null} Expected */
/**
 * Each probe sends from its own address and port and returns the replies it got, in order;
 * `expect` lists the replies both proxies must give.
 * @type {{ name: string, expect: Expected[], run: (port: number, proxy: { redis: { socket: string } }) => Promise<(string | null)[]> }[]}
 */
const PROBES = [
  ...[
    { name: "keep-alive OPTIONS to the proxy", line: "OPTIONS sip:127.0.0.1:5060 SIP/2.0", expect: "200 Keepalive" },
    { name: "Max-Forwards 0", line: `INVITE ${URI} SIP/2.0`, options: { maxForwards: 0 }, expect: "483 Too Many Hops" },
    { name: "Request-Line ending in SP", line: `INVITE ${URI} SIP/2.0 `, expect: "400 Bad Request-Line" },
    { name: "unknown URI scheme", line: "INVITE nope:13545769997@127.0.0.1 SIP/2.0", expect: "416 Unsupported URI Scheme" },
    { name: "CSeq method not the request's (sanity)", line: `INVITE ${URI} SIP/2.0`, options: { cseqMethod: "BYE" }, expect: /^400 / },
    { name: "headers in the Request-URI", line: `INVITE ${URI}?Subject=x SIP/2.0`, expect: "400 Headers Not Allowed In Request-URI" },
    { name: "domain not served", line: "INVITE sip:13545769997@example.com SIP/2.0", expect: "403 Relaying Forbidden - domain not served" },
    { name: "stray in-dialog BYE", line: `BYE ${URI} SIP/2.0`, options: { toTag: "gone" }, expect: "404 Not here" },
    { name: "trusted INVITE relayed to the gateway", line: `INVITE ${URI} SIP/2.0`, expect: /^100 / },
    { name: "not a dialable number", line: "INVITE sip:call-me@127.0.0.1 SIP/2.0", expect: "404 Not Found - not a dialable number" },
    { name: "no rate for the destination", line: "INVITE sip:+74951234567@127.0.0.1 SIP/2.0", expect: "403 Forbidden - no rate for destination" },
  ].map(({ name, line, options, expect }) => ({
    name,
    expect: [expect],
    run: async (/** @type {number} */ port) => [(await exchange(TRUSTED, port, request(TRUSTED, port, line, options)))?.status ?? null],
  })),
  {
    name: "untrusted: no credentials 407, scanner dropped, unknown account 403",
    expect: ["407 Proxy Authentication Required", null, "403 Forbidden - wrong credentials"],
    run: async (port) => {
      const ip = "127.0.0.2";
      const statuses = [(await exchange(ip, port, request(ip, port, `INVITE ${URI} SIP/2.0`)))?.status ?? null];
      statuses.push((await exchange(ip, port, request(ip, port, "OPTIONS sip:127.0.0.1:5060 SIP/2.0", { headers: ["User-Agent: friendly-scanner"] })))?.status ?? null);
      statuses.push((await authenticatedInvite(ip, port, "nobody", "x"))?.status ?? null);
      return statuses;
    },
  },
  {
    name: "auth failures past maxretry (5) ban the address",
    expect: [...Array(5).fill("403 Forbidden - wrong credentials"), null, null],
    run: async (port) => {
      const ip = "127.0.0.3";
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await authenticatedInvite(ip, port, PARITY_ACCOUNT.username, "wrong"))?.status ?? null);
      statuses.push((await exchange(ip, port, request(ip, port, "OPTIONS sip:127.0.0.1:5060 SIP/2.0")))?.status ?? null);
      return statuses;
    },
  },
  {
    name: "call rate: authenticated calls relayed, refused (503), then banned",
    expect: [/^100 /, "503 Service Unavailable - call rate exceeded", null, null],
    run: async (port) => {
      const ip = "127.0.0.4";
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await authenticatedInvite(ip, port, PARITY_ACCOUNT.username, PARITY_ACCOUNT.password))?.status ?? null);
      statuses.push((await exchange(ip, port, request(ip, port, "OPTIONS sip:127.0.0.1:5060 SIP/2.0")))?.status ?? null);
      return statuses;
    },
  },
  {
    name: "prepaid: the rich account reserves its longest call to Germany (tiered), the poor one gets 402; high-cost refused",
    expect: [/^100 /, "9950900", "402 Payment Required - insufficient balance", "403 Forbidden - high-cost destination"],
    run: async (port, proxy) => {
      const statuses = [(await authenticatedInvite("127.0.0.5", port, PREPAID_RICH.username, PREPAID_RICH.password, "+4930123456"))?.status ?? null];
      statuses.push(redisCli(proxy.redis.socket, "-n", String(REDIS_DB.state), "GET", `balance:${PREPAID_RICH.username}`).trim());
      statuses.push((await authenticatedInvite("127.0.0.6", port, PREPAID_POOR.username, PREPAID_POOR.password))?.status ?? null);
      statuses.push((await authenticatedInvite("127.0.0.7", port, NO_HIGH_COST.username, NO_HIGH_COST.password, "+8821234567"))?.status ?? null);
      return statuses;
    },
  },
];

/** @param {Expected} expected @param {string | null} got */
const matches = (expected, got) => (expected instanceof RegExp ? got !== null && expected.test(got) : got === expected);

/**
 * Runs every probe against `proxy` (started by bench/lib/proxies.mjs, listening now); returns
 * one line per mismatch.
 * @param {{ redis: { socket: string } }} proxy
 * @param {number} [basePort] first local port (each probe uses its own)
 */
export async function parityProblems(proxy, basePort = 6100) {
  const problems = [];
  for (const [i, probe] of PROBES.entries()) {
    const got = await probe.run(basePort + i, proxy);
    if (got.length !== probe.expect.length || !probe.expect.every((e, j) => matches(e, got[j]))) {
      problems.push(`${probe.name}: expected ${probe.expect.map((e) => e ?? "no reply").join(", ")}; got ${got.map((g) => g ?? "no reply").join(", ")}`);
    }
  }
  return problems;
}

export const PROBE_COUNT = PROBES.length;

/** The CDR columns that must be the same for the same calls through either proxy. */
const CDR_COLUMNS = "account, caller, callee, number, source_ip, destination, prefix, rate_id, billable_seconds, cost, sip_code, sip_reason, end_reason";

/**
 * Numbers of the billed calls: China (national format), France (its rate depends on the time of
 * day), Germany (30/6), the US (a connect fee), the UK mobile range (60/60): rates of
 * kamailio/rates/default.csv.
 */
export const BILLED_NUMBERS = ["13545769997", "+33123456789", "+4930123456", "+12125550100", "+447700900123"];

/**
 * One SIPp call (test/sipp/uac.xml, 1.2 s long, through the gateway) to each of BILLED_NUMBERS;
 * resolves once the CDR writer has written their CDRs (3 s at most), with a problem or null.
 * Run it before parityProblems: the probes leave the gateway marked down (none answers them).
 * @param {{ databaseFile: string }} proxy
 */
export async function billedCalls(proxy) {
  const gateway = await startGateway();
  try {
    for (const number of BILLED_NUMBERS) {
      const load = await placeCalls({ rate: 10, calls: 1, pauseMs: 1200, timeoutMs: 30000, number });
      if (load.successful !== 1) return `the call to ${number} failed: ${load.output}`;
    }
    for (let i = 0; i < 30; i++) {
      if (Number(query(proxy.databaseFile, "SELECT count(*) FROM cdr WHERE caller = 'caller';")) >= BILLED_NUMBERS.length) return null;
      await new Promise((r) => setTimeout(r, 100));
    }
    return "the CDRs were not written within 3 s";
  } finally {
    await gateway.stop();
  }
}

/**
 * The CDRs written so far (CDR_COLUMNS, sorted): the calls of billedCalls and the probes'
 * refused attempts; attempts that end by a timeout (408) are left out, their time varies.
 * @param {{ databaseFile: string }} proxy
 */
export async function cdrs(proxy) {
  await new Promise((r) => setTimeout(r, 300)); // the CDR writer runs every 100 ms
  return query(proxy.databaseFile, `SELECT ${CDR_COLUMNS} FROM cdr WHERE sip_code <> 408 ORDER BY ${CDR_COLUMNS};`).replace(/\n+$/, "").split("\n");
}
