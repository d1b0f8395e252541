// Lua errors at their TypeScript position. app_lua logs a route's error as Lua reports it,
// "error from Lua: .../kamailio.lua:1234: attempt to ...", a line of the generated bundle.
// callRoute runs a route under xpcall with tsErrorMessage as the handler, which, only when an
// error is raised, rewrites it to the TS file and line (the bundle's line map, written by
// scripts/lib/tstl-line-map.cjs) and adds the TS call chain. A route's normal end costs the
// xpcall frame and, for KSR.x.exit(), one handler call that returns the exit string unchanged.

/** What app_lua raises for KSR.x.exit() and KSR.x.drop(): the end of a route, not an error. */
const KSR_EXIT = "~~ksr~exit~~";
/** How Lua names this bundle in error positions (its chunk name, shortened as Lua does). */
const BUNDLE = debug.getinfo(1, "S")?.short_src ?? "?";
/** Frames of the TS call chain reported at most. */
const MAX_FRAMES = 8;
/** Bundle lines looked back for a mapped one (a line TSTL emitted without a mapping). */
const MAX_LOOKBACK = 20;
/** This file: its callRoute frame is where a route's call chain ends. */
const THIS_FILE = "src/kemi/error-positions.ts";

/** The bundle's line map, parsed on first use: bundle line -> TS file, and -> TS line. */
let mapFiles: LuaTable<number, string> | undefined;
let mapLines: LuaTable<number, number> | undefined;

/** What the bundle's module "kemi.line-map" returns. */
interface LineMap {
  files: string[];
  /** "bundleLine,fileIndex,tsLine;" for every mapped line, fileIndex 1-based into files. */
  entries: string;
}

function loadLineMap(): void {
  const { files, entries } = require("kemi.line-map") as LineMap;
  const fileOf = new LuaTable<number, string>();
  const lineOf = new LuaTable<number, number>();
  for (const [bundleLine, fileIndex, tsLine] of string.gmatch(entries, "(%d+),(%d+),(%d+);")) {
    fileOf.set(tonumber(bundleLine) as number, files[(tonumber(fileIndex) as number) - 1]);
    lineOf.set(tonumber(bundleLine) as number, tonumber(tsLine) as number);
  }
  mapFiles = fileOf;
  mapLines = lineOf;
}

/** "src/file.ts:LINE" for a line of this bundle, or undefined when nothing near maps. */
export function tsPosition(bundleLine: number): string | undefined {
  if (mapFiles === undefined) loadLineMap();
  for (let line = bundleLine; line > 0 && line > bundleLine - MAX_LOOKBACK; line--) {
    const file = (mapFiles as LuaTable<number, string>).get(line);
    if (file !== undefined) return `${file}:${(mapLines as LuaTable<number, number>).get(line)}`;
  }
  return undefined;
}

/**
 * TS positions of the Lua frames of this bundle, innermost first, " < " between them, from
 * the frame that raised the error out to the route (callRoute, in this file, ends the walk).
 * Called by the handler only: level 1 is this function, 2 the handler, 3 the raising function.
 */
function tsCallChain(): string {
  const positions: string[] = [];
  for (let level = 3; positions.length < MAX_FRAMES; level++) {
    const frame = debug.getinfo(level, "Sl");
    if (frame === undefined) break;
    const line = frame.short_src === BUNDLE ? (frame.currentline ?? 0) : 0;
    const position = line > 0 ? tsPosition(line) : undefined;
    if (position !== undefined && string.sub(position, 1, THIS_FILE.length + 1) === `${THIS_FILE}:`) break;
    if (position !== undefined) positions.push(position);
  }
  return table.concat(positions, " < ");
}

function escapedByte(this: void, byte: string): string {
  return string.format("\\x%02x", string.byte(byte));
}

/**
 * xpcall handler: the exit string and non-string errors unchanged; a message positioned in
 * this bundle (Lua positions errors of library functions at their caller) gets the TS position
 * instead, one positioned nowhere (`error(text, 0)`) the innermost bundle frame's; each ends
 * with the TS call chain, e.g. "(ts: a.ts:3 < b.ts:9; lua: kamailio.lua:88)". Control bytes
 * (a message may quote a header) are escaped as \xHH: the log line stays one line.
 */
export function tsErrorMessage(this: void, raised: unknown): unknown {
  if (raised === KSR_EXIT || typeof raised !== "string") return raised;
  const [message] = string.gsub(raised, "%c", escapedByte);
  const chain = tsCallChain();
  const prefix = `${BUNDLE}:`;
  if (string.sub(message, 1, prefix.length) === prefix) {
    const [line, text] = string.match(message, "^(%d+): (.*)$", prefix.length + 1);
    if (line !== undefined && text !== undefined) {
      const position = tsPosition(tonumber(line) as number) ?? `${BUNDLE}:${line}`;
      return `${position}: ${text} (ts: ${chain}; lua: ${BUNDLE}:${line})`;
    }
  }
  if (chain === "") return message;
  // Positioned elsewhere (another Lua file): kept, with the chain that led there.
  if (string.match(message, "^[^%s]+:%d+: ")[0] !== undefined) return `${message} (ts: ${chain})`;
  const [innermost] = string.match(chain, "^[^ ]+");
  return `${innermost}: ${message} (ts: ${chain})`;
}

/** The route (and its argument) runNextRoute runs: Lua 5.1's xpcall passes no arguments. */
let nextRoute: ((this: void, argument: string) => void) | undefined;
let nextArgument = "";

/** Runs nextRoute, read first: a route that another route's KSR call triggers (a dialog event) sets its own. */
function runNextRoute(this: void): void {
  const route = nextRoute as (this: void, argument: string) => void;
  const argument = nextArgument;
  nextRoute = undefined;
  route(argument);
}

/**
 * Runs a route the way app_lua would, raising the same errors, but with TS positions: the
 * exit string passes through unchanged, so KSR.x.exit() still ends the route for app_lua.
 * `argument`: what app_lua passed the route (an event route's event name).
 */
export function callRoute(route: (this: void, argument: string) => void, argument = ""): void {
  nextRoute = route;
  nextArgument = argument;
  const [ok, message] = xpcall(runNextRoute, tsErrorMessage);
  if (!ok) error(message as string, 0);
}
