// @ts-check
// A cluster of Kamailio nodes for the scale-out tests (issue 9): one Redis and one PostgreSQL
// shared by all, node i on 127.0.0.1:5062+2i (SIP) and 127.0.0.1:5090+2i (DMQ), each node's
// peers being all the others. Not 5060: Kamailio leaves the default port out of its Via, which
// the gateway's scenario reads the port from.
import { createSocket } from "node:dgram";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRedis } from "../../scripts/lib/redis.mjs";
import { startPostgres } from "../../scripts/lib/postgres.mjs";
import { localClusterConfigs } from "../../scripts/lib/cluster-run.mjs";
import { startKamailio, testConfig } from "./kamailio.mjs";
import { runSipp, scenario, startSipp } from "./sipp.mjs";
import { refusedAuthCall, writeRatePlans } from "./billing.mjs";
import { psql } from "../../scripts/lib/postgres.mjs";

/** The gateway of the cluster tests (startClusterGateway). */
export const CLUSTER_GATEWAY = { ip: "127.0.0.3", port: 5080 };

/**
 * A cluster test's deployment config: callers on 127.0.0.1 and .2 trusted, CLUSTER_GATEWAY,
 * 0.05 a second to 86 (plan "persecond"), a ban at an address's second wrong password.
 * @param {Record<string, any>[]} accounts
 */
export function clusterTestConfig(accounts) {
  const base = testConfig();
  return testConfig({
    trusted: ["127.0.0.1/32", "127.0.0.2/32"],
    gateways: [{ name: "gw", uri: `sip:${CLUSTER_GATEWAY.ip}:${CLUSTER_GATEWAY.port}`, priority: 1 }],
    accounts,
    billing: { ...base.billing, ratePlans: writeRatePlans({ persecond: ["86,China,0,0.05,1,1,1,,,,,"] }), defaultPlan: "persecond" },
    fraud: { ...base.fraud, authFailures: { maxretry: 1, findtime: 600, bantime: 600 } },
  });
}

/** Starts CLUSTER_GATEWAY (gatewayAnsweringByeByVia) and resolves once it listens. @param {number} timeoutMs its whole life */
export async function startClusterGateway(timeoutMs) {
  const gateway = startSipp(["-sf", gatewayAnsweringByeByVia(), "-i", CLUSTER_GATEWAY.ip, "-p", String(CLUSTER_GATEWAY.port)], { timeoutMs });
  await gateway.ready();
  return gateway;
}

/** SIP and DMQ address of node `i` (0-based). @param {number} i */
export const nodeAddress = (i) => ({ sip: `127.0.0.1:${5062 + 2 * i}`, dmq: `127.0.0.1:${5090 + 2 * i}` });

/**
 * Starts Redis, PostgreSQL and `count` nodes, and waits until every node lists all the others
 * as active DMQ nodes.
 * @param {Record<string, any>} base a test config (testConfig())
 * @param {{ count?: number }} [options]
 */
export async function startCluster(base, { count = 2 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kts-cluster-"));
  const redis = await startRedis({ runDir: dir, dataDir: join(dir, "redis") });
  const postgres = await startPostgres();
  /** @type {Awaited<ReturnType<typeof startKamailio>>[]} */
  const nodes = [];
  const stop = async () => {
    for (const node of nodes) await node.stop();
    await postgres.stop();
    await redis.stop();
  };
  try {
    const addresses = [...Array(count).keys()].map(nodeAddress);
    const port = (/** @type {string} */ address) => Number(address.split(":")[1]);
    const configs = localClusterConfigs(base, addresses.map((a) => port(a.sip)), addresses.map((a) => port(a.dmq)), postgres.url);
    for (const config of configs) nodes.push(await startKamailio({ config, redis }));
    for (let attempt = 0; ; attempt++) {
      const lists = nodes.map((n) => n.rpc("dmq.list_nodes"));
      if (lists.every((l) => (l.match(/status: active/g) ?? []).length >= count)) break;
      if (attempt > 100) throw new Error(`DMQ nodes did not all see each other within 10 s:\n${lists.join("\n")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, redis, postgres, stop };
}

/**
 * test/sipp/uac.xml whose BYE goes to another address than the INVITE (SIPp's setdest), as
 * when a load balancer sends the call's later requests to another node.
 * @param {string} host @param {number} port
 */
export function callerHangingUpVia(host, port) {
  const file = join(mkdtempSync(join(tmpdir(), "kts-scenario-")), "uac-bye-elsewhere.xml");
  const text = readFileSync(scenario("uac.xml"), "latin1");
  const byeAt = text.indexOf("<send retrans=\"500\">", text.indexOf("<pause/>"));
  const setdest = `<nop><action><setdest host="${host}" port="${port}" protocol="udp"/></action></nop>\n\n  `;
  writeFileSync(file, text.slice(0, byeAt) + setdest + text.slice(byeAt), "latin1");
  return file;
}

/**
 * test/sipp/uas.xml answering the BYE where its Via says (RFC 3261 18.2.2) rather than to the
 * address the INVITE came from, as SIPp otherwise does: the BYE may come from another node.
 */
export function gatewayAnsweringByeByVia() {
  const file = join(mkdtempSync(join(tmpdir(), "kts-scenario-")), "uas-bye-by-via.xml");
  const text = readFileSync(scenario("uas.xml"), "latin1").replace(
    '<recv request="BYE"/>',
    `<recv request="BYE">
    <action>
      <ereg regexp="Via: SIP/2.0/UDP ([0-9.]+):([0-9]+)" search_in="msg" check_it="true" assign_to="via,viahost,viaport"/>
      <log message="BYE via [$via]"/>
    </action>
  </recv>

  <nop><action><setdest host="[$viahost]" port="[$viaport]" protocol="udp"/></action></nop>`,
  );
  writeFileSync(file, text, "latin1");
  return file;
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The CDR rows in the PostgreSQL at `url` matching `where` (`columns`, tab-separated fields),
 * waiting up to 5 s for `atLeast` rows (a writer drains the queue every 100 ms).
 * @param {string} url @param {string} where @param {number} atLeast
 * @param {string} [columns]
 */
export async function cdrs(url, where, atLeast, columns = "sip_code, end_reason, duration_ms, billable_seconds, cost, account") {
  /** @type {string[][]} */
  let rows = [];
  for (let i = 0; i < 50; i++) {
    rows = psql(url, `SELECT ${columns} FROM cdr WHERE ${where} ORDER BY id`).split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
    if (rows.length >= atLeast) break;
    await sleep(100);
  }
  return rows;
}

/** Sends one OPTIONS from `ip` to `to` ("IP:PORT"); resolves its status line, or null after 1 s. */
export function options(/** @type {string} */ ip, /** @type {string} */ to) {
  const [host, port] = to.split(":");
  const socket = createSocket("udp4");
  return new Promise((resolve) => {
    const timer = setTimeout(() => (socket.close(), resolve(null)), 1000);
    socket.on("message", (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(msg.toString("latin1").split("\r\n")[0]);
    });
    socket.bind(0, ip, () => {
      const { port: local } = socket.address();
      const branch = `z9hG4bK-${Date.now()}`;
      const message = [`OPTIONS sip:${to} SIP/2.0`, `Via: SIP/2.0/UDP ${ip}:${local};branch=${branch}`, `From: <sip:probe@${ip}>;tag=${branch}`,
        `To: <sip:${to}>`, `Call-ID: ${branch}@${ip}`, "CSeq: 1 OPTIONS", "Max-Forwards: 70", "Content-Length: 0", "", ""].join("\r\n");
      socket.send(message, Number(port), host);
    });
  });
}

/**
 * Gets `attacker` banned by the node at `proxy`: two calls of `user` with a wrong password from
 * `attacker` (ports `port` and `port + 1`), under a config whose authFailures.maxretry is 1.
 * @param {{ attacker: string, port: number, proxy: string, number: string, user: string }} call
 */
export async function banByWrongPasswords({ attacker, port, proxy, number, user }) {
  await refusedAuthCall(403, { ip: attacker, port, proxy, number, user, password: "wrong" });
  await runSipp(["-sf", scenario("uac-auth.xml"), "-i", attacker, "-p", String(port + 1), proxy, "-s", number, "-m", "1",
    "-au", user, "-ap", "wrong", "-key", "caller", user, "-recv_timeout", "1000"], { timeoutMs: 10000 });
}

/**
 * Waits, at most `withinMs`, until the node's `ipban` htable holds `address`; true if it did.
 * @param {{ rpc: (...command: string[]) => string }} node @param {string} address @param {number} withinMs
 */
export async function banReaches(node, address, withinMs) {
  for (const since = Date.now(); !node.rpc("htable.dump", "ipban").includes(address); await sleep(20)) {
    if (Date.now() - since >= withinMs) return false;
  }
  return true;
}
