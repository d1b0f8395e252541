// `npm run sipp` (scripts/sipp.mjs): a scenario of test/sipp/ against the real proxy, its
// report, and an exit status that says whether the calls went as expected.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startKamailio, root } from "../support/kamailio.mjs";

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;
before(async () => {
  kamailio = await startKamailio();
});
after(async () => {
  await kamailio?.stop();
});

const sipp = (/** @type {string[]} */ ...args) => spawnSync(process.execPath, [join(root, "scripts/sipp.mjs"), ...args], { encoding: "utf8", timeout: 60000 });

test("a refused call, as expected: its final reply is reported and the exit status is 0", () => {
  const r = sipp("uac-rejected.xml", "13545769997", "--port", "5174", "--key", "max_forwards", "70", "--key", "domain", "elsewhere.example", "--expect", "403");
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, "uac-rejected.xml to 13545769997 via 127.0.0.1:5060: 1 of 1 call successful\n  call 1: 403 Relaying Forbidden - domain not served\n");
});

test("a call that ends otherwise than expected exits 1 and says what was expected", () => {
  const r = sipp("uac.xml", "13545769997", "--port", "5175", "--gateway", "127.0.0.1:5080", "--expect", "486");
  assert.equal(r.status, 1, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /^uac\.xml to 13545769997 via 127\.0\.0\.1:5060: 1 of 1 call successful\n {2}call 1: 200 OK\n {2}gateway 127\.0\.0\.1:5080 received: INVITE, ACK, BYE\n {2}expected every call to end with 486\n$/);
});

test("bad usage exits 2 with the usage", () => {
  const r = sipp("uac.xml");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /needs a scenario and a number\nusage: npm run sipp -- <scenario> <number> \[options\]/);
  assert.equal(sipp("uac.xml", "1", "--expect", "OK").status, 2);
});
