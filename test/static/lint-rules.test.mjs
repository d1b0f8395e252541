// Proves the Lua-safety lint rules of eslint.config.mjs: each fires on its bad fixture, at the
// offending code, stays silent on the good fixture, and src/ lints clean.
// Run: node --test test/static/lint-rules.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { ESLint } from "eslint";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "test/lint/fixtures");
const TRY_CATCH_MESSAGE =
  "try/catch compiles to pcall and swallows KSR.x.exit() (the error string ~~ksr~exit~~): do not catch in route code";

// One instance for every test: the typescript-eslint project service is built once.
const eslint = new ESLint({ cwd: ROOT });

/** Lints one fixture, named explicitly as a user would; returns its messages and source. */
async function lintFixture(name) {
  const file = join(FIXTURES, name);
  const results = await eslint.lintFiles([file]);
  assert.equal(results.length, 1, `expected one result for ${name}`);
  return { messages: results[0].messages, source: readFileSync(file, "utf8") };
}

/** The source text a message's range covers (ESLint lines and columns are 1-based). */
function reportedText(source, m) {
  const lines = source.split("\n");
  if (m.line === m.endLine) return lines[m.line - 1].slice(m.column - 1, m.endColumn - 1);
  return [
    lines[m.line - 1].slice(m.column - 1),
    ...lines.slice(m.line, m.endLine - 1),
    lines[m.endLine - 1].slice(0, m.endColumn - 1),
  ].join("\n");
}

/** 1-based number of the only line of `source` that contains `text`. */
function lineOf(source, text) {
  const hits = source.split("\n").flatMap((l, i) => (l.includes(text) ? [i + 1] : []));
  assert.equal(hits.length, 1, `expected exactly one line containing ${JSON.stringify(text)}`);
  return hits[0];
}

const show = (messages) => JSON.stringify(messages, null, 2);

test("strict-boolean-expressions rejects KEMI int return codes used as booleans", async () => {
  const { messages, source } = await lintFixture("return-code-as-boolean.bad.ts");
  assert.deepEqual(
    messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      line: m.line,
      text: reportedText(source, m),
    })),
    [
      {
        ruleId: "@typescript-eslint/strict-boolean-expressions",
        severity: 2,
        line: lineOf(source, "if (KSR.siputils.has_totag())"),
        text: "KSR.siputils.has_totag()",
      },
      {
        ruleId: "@typescript-eslint/strict-boolean-expressions",
        severity: 2,
        line: lineOf(source, "if (!KSR.tm.t_relay())"),
        text: "KSR.tm.t_relay()",
      },
    ],
    show(messages),
  );
  for (const m of messages) assert.match(m.message, /number value in conditional/);
});

test("return codes compared with > 0 / < 0 (and KEMI bool results) pass", async () => {
  const { messages } = await lintFixture("return-code-compared.good.ts");
  assert.deepEqual(messages, [], show(messages));
});

test("no-restricted-syntax rejects try/catch", async () => {
  const { messages, source } = await lintFixture("try-catch.bad.ts");
  assert.equal(messages.length, 1, show(messages));
  const [m] = messages;
  assert.equal(m.ruleId, "no-restricted-syntax");
  assert.equal(m.severity, 2);
  assert.equal(m.message, TRY_CATCH_MESSAGE);
  assert.equal(m.line, lineOf(source, "try {"));
  assert.match(reportedText(source, m), /^try \{[\s\S]*\}\s*catch \(e\) \{[\s\S]*\}$/);
});

test("code without try/catch passes", async () => {
  const { messages } = await lintFixture("no-try-catch.good.ts");
  assert.deepEqual(messages, [], show(messages));
});

test("fixtures are linted with the same rules as src/", async () => {
  const srcConfig = await eslint.calculateConfigForFile(join(ROOT, "src/routes/relay.ts"));
  const fixtureConfig = await eslint.calculateConfigForFile(join(FIXTURES, "try-catch.bad.ts"));
  assert.deepEqual(fixtureConfig.rules, srcConfig.rules);
  const [level, options] = srcConfig.rules["@typescript-eslint/strict-boolean-expressions"];
  assert.equal(level, 2);
  assert.equal(options.allowNumber, false);
  assert.equal(options.allowNullableNumber, false);
});

test("src/ lints clean (what `npm run lint` checks)", async () => {
  const results = await eslint.lintFiles(["src"]);
  const files = results.map((r) => relative(ROOT, r.filePath));
  assert.ok(files.includes(join("src", "routes", "withindlg.ts")), `linted: ${files.join(", ")}`);
  assert.ok(!files.some((f) => f.includes(".generated.")), `generated files linted: ${files.join(", ")}`);
  assert.ok(files.every((f) => f.startsWith("src")), `outside src/: ${files.join(", ")}`);
  const problems = results.flatMap((r) =>
    r.messages.map((m) => `${relative(ROOT, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
  );
  assert.deepEqual(problems, []);
});
