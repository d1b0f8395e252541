// @ts-check
// What the per-message routes of a Lua bundle can reach: a name-level call graph over the
// Lua text (function definitions and the names their bodies mention), from the entry points
// Kamailio calls, to tell whether any TSTL lualib helper (__TS__*) runs per SIP message.
//
// Conservative by names: a function reaches every function or value of the same name as any
// name its body mentions (a call, a field, a function passed as a value), in whatever
// module. A name bound at a module's top level reaches what its right-hand side names,
// except functions that are only called there, once, while the module loads (`local X = f()`
// runs f at load time, not per message). Enough for TypeScriptToLua's output (one statement a
// line at module level); not a Lua parser for arbitrary code.

const KEYWORDS = new Set(
  "and break do else elseif end false for function if in local nil not or repeat return then true until while goto".split(" "),
);
/** Keywords that open a block closed by `end` (while and for open theirs with `do`). */
const OPENS_END = new Set(["function", "if", "do"]);

/**
 * @typedef {{ type: "name" | "keyword" | "string" | "number" | "op", value: string, line: number }} Token
 */

/** Lua tokens of `source`, comments left out. @param {string} source @returns {Token[]} */
export function tokenize(source) {
  /** @type {Token[]} */
  const tokens = [];
  let i = 0;
  let line = 1;
  const longBracket = (/** @type {number} */ at) => {
    const m = /^\[(=*)\[/.exec(source.slice(at, at + 64));
    if (!m) return -1;
    const close = source.indexOf(`]${m[1]}]`, at + m[0].length);
    return close < 0 ? source.length : close + m[1].length + 2;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith("--", i)) {
      const end = longBracket(i + 2);
      if (end >= 0) {
        line += (source.slice(i, end).match(/\n/g) ?? []).length;
        i = end;
      } else {
        const newline = source.indexOf("\n", i);
        i = newline < 0 ? source.length : newline;
      }
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === "\\" ? 2 : 1;
      tokens.push({ type: "string", value: source.slice(i + 1, j), line });
      line += (source.slice(i, j).match(/\n/g) ?? []).length;
      i = j + 1;
    } else if (c === "[" && longBracket(i) >= 0) {
      const end = longBracket(i);
      tokens.push({ type: "string", value: source.slice(i, end), line });
      line += (source.slice(i, end).match(/\n/g) ?? []).length;
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 256));
      const word = /** @type {RegExpExecArray} */ (m)[0];
      tokens.push({ type: KEYWORDS.has(word) ? "keyword" : "name", value: word, line });
      i += word.length;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const m = /^(0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?)/.exec(source.slice(i, i + 64));
      const number = m ? m[0] : c;
      tokens.push({ type: "number", value: number, line });
      i += number.length;
    } else {
      const op = ["...", "..", "==", "~=", "<=", ">=", "::"].find((o) => source.startsWith(o, i)) ?? c;
      tokens.push({ type: "op", value: op, line });
      i += op.length;
    }
  }
  return tokens;
}

/**
 * @typedef {{ name: string | null, start: number, end: number, module: boolean }} FunctionSpan
 *   tokens[start] is `function`, tokens[end] its `end`; module: a bundle module's body
 *   (`["routes.request"] = function(...)`), whose own statements run once, at load
 */

/**
 * The name a `function` token at index `at` defines: `function a.b.c(` or `local function c(`
 * gives "c"; `c = function(`, `a.c = function(`, `local c = function(` and `c = function(`
 * inside a table constructor give "c"; `["mod"] = function(` gives "mod"; else null.
 * @param {Token[]} tokens @param {number} at
 */
function functionName(tokens, at) {
  const next = tokens[at + 1];
  if (next?.type === "name") {
    let k = at + 1;
    while (tokens[k + 1]?.value === "." || tokens[k + 1]?.value === ":") k += 2;
    return tokens[k].value;
  }
  if (tokens[at - 1]?.value === "=") {
    const before = tokens[at - 2];
    if (before?.type === "name") return before.value;
    if (before?.value === "]" && tokens[at - 3]?.type === "string") return tokens[at - 3].value;
  }
  return null;
}

/** Every function's span in the token list. @param {Token[]} tokens @returns {FunctionSpan[]} */
export function functionSpans(tokens) {
  /** @type {FunctionSpan[]} */
  const spans = [];
  /** @type {(FunctionSpan | null)[]} open blocks: their function, or null for if/do/repeat */
  const blocks = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== "keyword") continue;
    if (OPENS_END.has(t.value) || t.value === "repeat") {
      // `while ... do` and `for ... do`: their `do` opens the block, counted once.
      /** @type {FunctionSpan | null} */
      const span = t.value === "function"
        ? { name: functionName(tokens, i), start: i, end: -1, module: tokens[i - 2]?.value === "]" && tokens[i - 3]?.type === "string" }
        : null;
      if (span) spans.push(span);
      blocks.push(span);
    } else if (t.value === "end" || t.value === "until") {
      if (blocks.length === 0) throw new Error(`unbalanced '${t.value}' at line ${t.line}`);
      const span = blocks.pop();
      if (span) span.end = i;
    }
  }
  if (blocks.length > 0) throw new Error(`${blocks.length} block(s) not closed`);
  return spans;
}

/**
 * The name graph of a bundle: for each name, the names it reaches (see the file comment), and
 * the names of the entry points: globals `ksr_*` that module code sets or defines.
 * @param {string} source
 */
export function nameGraph(source) {
  const tokens = tokenize(source);
  const spans = functionSpans(tokens);
  /** @type {Map<string, Set<string>>} */
  const edges = new Map();
  const edge = (/** @type {string} */ from, /** @type {string} */ to) => {
    if (!edges.has(from)) edges.set(from, new Set());
    /** @type {Set<string>} */ (edges.get(from)).add(to);
  };
  // Functions: everything their body names (nested functions included). A module's body is
  // load-time code: its statements are the module level below.
  for (const span of spans) {
    if (span.name === null || span.module) continue;
    for (let k = span.start + 1; k < span.end; k++) if (tokens[k].type === "name") edge(span.name, tokens[k].value);
  }
  // Module level (code outside any function but the bundle's module bodies): `x = <rhs>`.
  const spanAt = new Map(spans.map((span) => [span.start, span]));
  const inFunction = new Array(tokens.length).fill(false);
  for (const span of spans) for (let k = span.start; k <= span.end; k++) if (!span.module) inFunction[k] = true;
  // Entry points: globals named ksr_* (app_lua calls Lua globals by name: the request route,
  // and the routes and callbacks named in t_on_failure(), modparams...), defined as
  // `function ksr_x(` or set as `ksr_x = ...`, not local, not a field.
  /** @type {Set<string>} */
  const entries = new Set();
  const isGlobalAt = (/** @type {number} */ k) => tokens[k - 1]?.value !== "." && tokens[k - 1]?.value !== ":" && tokens[k - 1]?.value !== "local";
  for (const span of spans) {
    const named = tokens[span.start + 1];
    if (named?.type === "name" && named.value.startsWith("ksr_") && tokens[span.start + 2]?.value === "(" && isGlobalAt(span.start)) entries.add(named.value);
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.value !== "=" || inFunction[k]) continue;
    const target = tokens[k - 1];
    if (target?.type !== "name") continue;
    if (target.value.startsWith("ksr_") && isGlobalAt(k - 1)) entries.add(target.value);
    if (tokens[k + 1]?.value === "function") continue;
    // the right-hand side: to the end of the line, brackets balanced; a function literal in it
    // (a table of functions) counts by its name, its body is that name's
    let depth = 0;
    for (let j = k + 1; j < tokens.length; j++) {
      const r = tokens[j];
      if (depth === 0 && r.line !== tokens[k + 1].line) break;
      const literal = r.value === "function" ? spanAt.get(j) : undefined;
      if (literal !== undefined) {
        if (literal.name !== null) edge(target.value, literal.name);
        j = literal.end;
        continue;
      }
      if (r.type === "op" && (r.value === "(" || r.value === "{" || r.value === "[")) depth++;
      if (r.type === "op" && (r.value === ")" || r.value === "}" || r.value === "]")) depth--;
      const calledOnce = tokens[j + 1]?.value === "(" || tokens[j + 1]?.type === "string" || tokens[j + 1]?.value === "{";
      if (r.type === "name" && !calledOnce) edge(target.value, r.value);
    }
  }
  return { edges, entries: [...entries].sort(), functions: spans.filter((s) => s.name !== null).map((s) => /** @type {string} */ (s.name)) };
}

/** TSTL lualib helper names: __TS__ and a capital. @param {string} name */
export const isLualibHelper = (name) => /^__TS__[A-Z]/.test(name);

/**
 * The lualib helpers a bundle holds, and those its entry points reach, each with one path
 * from an entry point (for the error message).
 * @param {string} source
 */
export function lualibReachability(source) {
  const graph = nameGraph(source);
  const present = [...new Set(tokenize(source).filter((t) => t.type === "name" && isLualibHelper(t.value)).map((t) => t.value))].sort();
  /** @type {Map<string, string | null>} name -> the name it was reached from */
  const from = new Map(graph.entries.map((e) => [e, null]));
  const queue = [...graph.entries];
  while (queue.length > 0) {
    const name = /** @type {string} */ (queue.shift());
    for (const next of graph.edges.get(name) ?? []) {
      if (from.has(next)) continue;
      from.set(next, name);
      queue.push(next);
    }
  }
  const path = (/** @type {string} */ name) => {
    const steps = [name];
    for (let n = from.get(name); n !== null && n !== undefined; n = from.get(n)) steps.unshift(n);
    return steps.join(" -> ");
  };
  const reached = [...from.keys()].filter(isLualibHelper).sort();
  return { entries: graph.entries, present, reached: reached.map((name) => ({ name, path: path(name) })), reachable: new Set(from.keys()) };
}
