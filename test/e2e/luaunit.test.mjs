// Runs the luaunit suites of test/kamailio/ inside the real Kamailio (real KSR, real app_lua),
// started by an HTTP request to its TCP port (xhttp), and reads their JUnit report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { get } from "node:http";
import { startKamailio, root, healthProblems } from "../support/kamailio.mjs";

/** GET with node:http (fetch refuses SIP's port 5060); resolves "STATUS REASON". */
function httpGet(url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { headers, timeout: 20000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(`${response.statusCode} ${response.statusMessage}`));
    }).on("error", reject);
  });
}

test("luaunit suites pass inside Kamailio against the real KSR", async () => {
  const kamailio = await startKamailio({
    defines: { LUAUNIT_SUITE: JSON.stringify(join(root, "test/kamailio/luaunit_suite.lua")) },
  });
  try {
    const report = join(kamailio.runDir, "luaunit.xml");
    const reply = await httpGet("http://127.0.0.1:5060/luaunit", { "X-Luaunit-Output": report });
    assert.ok(existsSync(report), `no JUnit report; reply: ${reply}\n${kamailio.log()}`);
    const junit = readFileSync(report, "utf8");
    const suite = /<testsuite [^>]*tests="(\d+)"[^>]*>/.exec(junit);
    assert.ok(suite, junit);
    assert.match(suite[0], /failures="0"/, junit);
    assert.match(suite[0], /errors="0"/, junit);
    assert.ok(Number(suite[1]) >= 8, `only ${suite[1]} tests ran`);
    assert.equal(reply, "200 luaunit passed");
    // The test build's HTTP handler leaves the product's paths to it: GET /metrics is served.
    assert.equal(await httpGet("http://127.0.0.1:5060/metrics", {}), "200 OK");
    // The suite's own wrong-argument-count test makes app_lua log one error, on purpose.
    const expected = /invalid number of parameters for: hdr\.is_present/;
    assert.deepEqual(healthProblems(kamailio.log()).filter((line) => !expected.test(line)), []);
  } finally {
    await kamailio.stop();
  }
});
