#!/usr/bin/env node
// @ts-check
// `npm run sipp -- <scenario> <number> [options]`: runs a caller scenario of test/sipp/ (or a
// scenario file of yours) against the local proxy and says what happened; the exit status says
// whether it went as expected. See USAGE. The same is callThroughProxy() in test/support/sipp.mjs.
import { callThroughProxy, receivedMessages, startSipp, scenario } from "../test/support/sipp.mjs";

const USAGE = `usage: npm run sipp -- <scenario> <number> [options]
  scenario             a file in test/sipp/ (uac.xml, uac-auth.xml, uac-rejected.xml, ...) or a path
  number               the number called (Request-URI user)
options:
  --calls N            calls to place (1)         --rate R     calls per second
  --proxy HOST:PORT    the proxy (127.0.0.1:5060)  --ip IP      the caller's address (127.0.0.1)
  --port P             the caller's port (5070)
  --user U --password P  answer the proxy's digest challenge (with uac-auth.xml)
  --key NAME VALUE     a scenario key (uac-rejected.xml needs max_forwards and domain)
  --gateway IP:PORT    also run a gateway there (test/sipp/uas.xml) and report what it received
  --expect STATUS      every call's INVITE must end with this status (e.g. 200, 403, 503)
  --json               print the result as JSON
exit status: 0 as expected (every call successful for SIPp, and --expect met), 1 not, 2 bad usage`;

function usage(/** @type {string} */ problem) {
  console.error(`kamailio-ts sipp: ${problem}\n${USAGE}`);
  process.exit(2);
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {string[]} */
  const words = [];
  /** @type {{ calls?: number, rate?: number, proxy?: string, ip?: string, port?: number, user?: string, password?: string, keys: Record<string, string>, gateway?: string, expect?: string, json: boolean }} */
  const o = { keys: {}, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (argv[i + 1] === undefined ? usage(`${a} needs a value`) : argv[++i]);
    const count = () => {
      const n = Number(value());
      return Number.isFinite(n) && n > 0 ? n : usage(`${a} needs a positive number`);
    };
    if (a === "--json") o.json = true;
    else if (a === "--calls") o.calls = Math.trunc(count());
    else if (a === "--rate") o.rate = count();
    else if (a === "--port") o.port = Math.trunc(count());
    else if (a === "--proxy") o.proxy = value();
    else if (a === "--ip") o.ip = value();
    else if (a === "--user") o.user = value();
    else if (a === "--password") o.password = value();
    else if (a === "--gateway") o.gateway = value();
    else if (a === "--expect") {
      const status = value();
      o.expect = /^[1-6]\d\d$/.test(status) ? status : usage("--expect needs a status code, e.g. 200");
    }
    else if (a === "--key") {
      const name = value();
      o.keys[name] = value();
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else words.push(a);
  }
  if (words.length !== 2) usage("needs a scenario and a number");
  return { scenarioName: words[0], number: words[1], ...o };
}

const { scenarioName, number, gateway, expect, json, ...options } = parseArgs(process.argv.slice(2));
const gatewayAt = gateway === undefined ? undefined : /^(.+):(\d+)$/.exec(gateway) ?? usage("--gateway needs IP:PORT");
const callee = gatewayAt ? startSipp(["-sf", scenario("uas.xml"), "-i", gatewayAt[1], "-p", gatewayAt[2]]) : undefined;
await callee?.ready();
const result = await callThroughProxy({ scenario: scenarioName, number, ...options });
const gatewayReceived = callee ? receivedMessages((await callee.stop()).messages).map((m) => m.split(" ", 1)[0]) : undefined;

const lastReplies = result.finalReplies.map((replies) => replies.at(-1) ?? "none");
const expectationMet = expect === undefined || (lastReplies.length > 0 && lastReplies.every((r) => r.startsWith(`${expect} `)));
const ok = result.ok && expectationMet;
const calls = options.calls ?? 1;
if (json) {
  console.log(JSON.stringify({ ok, scenario: scenarioName, number, calls, successful: result.successful, failed: result.failed, finalReplies: result.finalReplies, expect: expect ?? null, gatewayReceived: gatewayReceived ?? null }, null, 2));
} else {
  console.log(`${scenarioName} to ${number} via ${options.proxy ?? "127.0.0.1:5060"}: ${result.successful} of ${calls} call${calls === 1 ? "" : "s"} successful${result.failed > 0 ? `, ${result.failed} failed` : ""}`);
  result.finalReplies.forEach((replies, i) => console.log(`  call ${i + 1}: ${replies.join(", ")}`));
  if (gatewayReceived) console.log(`  gateway ${gateway} received: ${gatewayReceived.length === 0 ? "nothing" : gatewayReceived.join(", ")}`);
  if (!expectationMet) console.log(`  expected every call to end with ${expect}`);
  if (!result.ok) console.log(result.errors.trim().split("\n").slice(-10).join("\n") || result.output.trim().split("\n").slice(-15).join("\n"));
}
process.exit(ok ? 0 : 1);
