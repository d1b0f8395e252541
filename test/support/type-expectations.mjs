// @ts-check
// Type-level tests: tsc runs on a project of sample files, and its errors must be exactly the
// ones the samples mark: a line ending in `// expect-error TS2345: why` must fail with TS2345,
// and no other line (of any file in the program) may fail.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const MARKER = /\/\/ expect-error (TS\d+)\b/;
const DIAGNOSTIC = /^(.+?)\((\d+),\d+\): error (TS\d+): /;
/** An error of no file: a compiler option, a missing type library (`error TS2688: ...`). */
const GLOBAL_DIAGNOSTIC = /^error (TS\d+): /;

/**
 * Runs `tsc -p <dir>` with cwd `dir` and returns the errors it reported and the ones the
 * marked lines of `dir`'s *.ts files expect, both as sorted "file:line TSnnnn" strings.
 * @param {string} tsc path of the tsc binary @param {string} dir the project directory
 */
export function typeExpectations(tsc, dir) {
  const r = spawnSync(tsc, ["-p", ".", "--pretty", "false"], { cwd: dir, encoding: "utf8", timeout: 120000 });
  const output = `${r.stdout}${r.stderr}`;
  const actual = output.split("\n").flatMap((line) => {
    const m = DIAGNOSTIC.exec(line);
    if (m) return [`${m[1]}:${m[2]} ${m[3]}`];
    const global = GLOBAL_DIAGNOSTIC.exec(line);
    return global ? [`(no file) ${global[1]}`] : [];
  });
  const expected = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((file) =>
      readFileSync(join(dir, file), "utf8")
        .split("\n")
        .flatMap((line, i) => {
          const m = MARKER.exec(line);
          return m ? [`${file}:${i + 1} ${m[1]}`] : [];
        }),
    );
  return { actual: actual.sort(), expected: expected.sort(), output, status: r.status };
}
