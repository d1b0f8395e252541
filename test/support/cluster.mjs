// @ts-check
// A cluster of Kamailio nodes for the scale-out tests (issue 9): one Redis and one PostgreSQL
// shared by all, node i on 127.0.0.1:5062+2i (SIP) and 127.0.0.1:5090+2i (DMQ), each node's
// peers being all the others. Not 5060: Kamailio leaves the default port out of its Via, which
// the gateway's scenario reads the port from.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRedis } from "../../scripts/lib/redis.mjs";
import { startPostgres } from "../../scripts/lib/postgres.mjs";
import { localClusterConfigs } from "../../scripts/lib/cluster-run.mjs";
import { startKamailio } from "./kamailio.mjs";
import { scenario } from "./sipp.mjs";

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
