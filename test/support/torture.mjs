// @ts-check
// Raw SIP for the torture tests (test/e2e/torture.test.mjs): loads the RFC 4475 messages from
// test/torture/rfc4475/ exactly as the RFC gives them (bare LF line ends made CRLF, nothing else
// touched), sends each as one UDP datagram from its own loopback address, bound to the port its
// top Via names so that Kamailio's reply (sent to the source address and the Via port) comes
// back to the sender, and reads SIP messages leniently enough to inspect what the proxy did.
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./kamailio.mjs";

export const TORTURE_DIR = join(root, "test/torture/rfc4475");

/** Largest UDP payload over IPv4: a message beyond it would need TCP. */
export const MAX_UDP_PAYLOAD = 65507;

/**
 * A torture message as it goes on the wire. Files with bare LF line ends get CRLF; a file that
 * already has CRLF (intmeth, mpart01) is sent byte for byte, since mpart01's binary body part
 * contains LF bytes that are data and part of its Content-Length.
 * @param {string} file e.g. "wsinv.dat"
 */
export function tortureMessage(file) {
  const raw = readFileSync(join(TORTURE_DIR, file));
  if (raw.includes("\r\n")) return raw;
  return Buffer.from(raw.toString("latin1").replace(/\n/g, "\r\n"), "latin1");
}

/** The header section of a SIP message (text before the first empty line), folded lines joined. */
export function headerSection(/** @type {string} */ message) {
  const end = message.search(/\r?\n\r?\n/);
  return (end < 0 ? message : message.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
}

/** The first line of a SIP message (request line or status line), as sent. */
export const startLine = (/** @type {string} */ message) => message.split(/\r?\n/, 1)[0];

/**
 * Values of a header, long or compact name, in order (one entry per header line; a folded
 * value is joined). Names are case-insensitive and may have spaces before the colon.
 * @param {string} message @param {string[]} names e.g. ["Call-ID", "i"]
 */
export function headerValues(message, names) {
  const wanted = names.map((n) => n.toLowerCase());
  const values = [];
  for (const line of headerSection(message).split(/\r?\n/).slice(1)) {
    const m = /^([^:\s]+)[ \t]*:(.*)$/.exec(line);
    if (m && wanted.includes(m[1].toLowerCase())) values.push(m[2].trim());
  }
  return values;
}

/** Call-ID of a message (long or compact form), or undefined. */
export const callId = (/** @type {string} */ message) => headerValues(message, ["Call-ID", "i"])[0];

/**
 * The port of the top Via's sent-by (5060 when absent or unreadable): where Kamailio sends its
 * reply (with rport, the source port: the same, as the sender binds this port).
 * @param {string} message
 */
export function topViaPort(message) {
  const via = headerValues(message, ["Via", "v"])[0];
  if (via === undefined) return 5060;
  const m = /^SIP\s*\/\s*[^\s/]+\s*\/\s*\S+\s+(\[[^\]]*\]|[^\s;:,]+)(?:\s*:\s*(\d+))?/i.exec(via);
  const port = m?.[2] === undefined ? 5060 : Number(m[2]);
  return port > 0 && port < 65536 ? port : 5060;
}

/** Status code of a reply's status line, or undefined for a request. */
export function statusCode(/** @type {string} */ message) {
  const m = /^SIP\/2\.0 (\d{3}) /.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Sends one datagram from `from.address:from.port` to `to` and collects every datagram that
 * comes back: until `settleMs` after the first final reply (>= 200), or `quietMs` without one.
 * @param {Buffer} message
 * @param {{ from: { address: string, port: number }, to: { address: string, port: number }, quietMs?: number, settleMs?: number }} options
 * @returns {Promise<string[]>} the datagrams received, latin1
 */
export async function sendAndCollect(message, { from, to, quietMs = 500, settleMs = 150 }) {
  if (message.length > MAX_UDP_PAYLOAD) throw new Error(`${message.length} bytes do not fit in one UDP datagram`);
  const socket = dgram.createSocket("udp4");
  /** @type {string[]} */
  const received = [];
  await new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(from.port, from.address, () => resolve(undefined));
  });
  try {
    await new Promise((resolve) => {
      let timer = setTimeout(resolve, quietMs);
      socket.on("message", (data) => {
        const text = data.toString("latin1");
        received.push(text);
        if ((statusCode(text) ?? 0) >= 200) {
          clearTimeout(timer);
          timer = setTimeout(resolve, settleMs);
        }
      });
      socket.send(message, to.port, to.address);
    });
  } finally {
    socket.close();
  }
  return received;
}

/**
 * A carrier gateway for torture traffic: a bare UDP socket that keeps every datagram it gets,
 * byte for byte, and answers each request but ACK with 200 at once (so the proxy never waits
 * on it: an unanswered INVITE would get the gateway marked inactive). Not SIPp: SIPp handles
 * messages as C strings, so a NUL octet (intmeth's To header, mpart01's body) cuts them short
 * and it cannot answer them.
 * @param {{ address: string, port: number }} at
 */
export async function startRawGateway(at) {
  const socket = dgram.createSocket("udp4");
  /** @type {{ size: number, text: string }[]} */
  const received = [];
  socket.on("message", (data, peer) => {
    const text = data.toString("latin1");
    received.push({ size: data.length, text });
    if (statusCode(text) !== undefined || /^ACK /.test(text)) return;
    const echo = (/** @type {string[]} */ names) => headerSection(text).split(/\r?\n/).slice(1).filter((l) => names.includes((/^([^:\s]+)[ \t]*:/.exec(l)?.[1] ?? "").toLowerCase()));
    const to = echo(["to", "t"]).map((l) => (/;\s*tag\s*=/i.test(l) ? l : `${l};tag=gw${received.length}`));
    const reply = ["SIP/2.0 200 OK", ...echo(["via", "v"]), ...echo(["from", "f"]), ...to, ...echo(["call-id", "i"]), ...echo(["cseq"]), `Contact: <sip:gateway@${at.address}:${at.port}>`, "Content-Length: 0", "", ""].join("\r\n");
    socket.send(Buffer.from(reply, "latin1"), peer.port, peer.address);
  });
  await new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(at.port, at.address, () => resolve(undefined));
  });
  return {
    /** The datagrams received so far, each with its size and its text (latin1). */
    received,
    stop: () => new Promise((resolve) => socket.close(() => resolve(undefined))),
  };
}

/**
 * A framing problem of a forwarded message: its datagram must hold its header section and
 * exactly Content-Length octets of body (no trailing octets, nothing cut). undefined when fine
 * or when it has no Content-Length.
 * @param {{ size: number, text: string }} datagram
 */
export function framingProblem({ size, text }) {
  const length = headerValues(text, ["Content-Length", "l"]);
  const end = text.indexOf("\r\n\r\n");
  if (length.length !== 1 || end < 0) return undefined;
  const expected = end + 4 + Number(length[0]);
  return size === expected ? undefined : `forwarded as ${size} octets, but its headers and Content-Length ${length[0]} make ${expected}`;
}

/** The body of a message: its octets after the header section (latin1 text). */
export function body(/** @type {string} */ message) {
  const end = message.search(/\r?\n\r?\n/);
  return end < 0 ? "" : message.slice(end).replace(/^\r?\n\r?\n/, "");
}

/**
 * A problem with the body a proxy forwarded: it must be the sender's body unchanged (its first
 * Content-Length octets when it has one). undefined when fine.
 * @param {string} forwarded the message the gateway got @param {string} sent the message sent
 */
export function bodyProblem(forwarded, sent) {
  const length = headerValues(sent, ["Content-Length", "l"]);
  const expected = length.length === 1 && Number(length[0]) >= 0 ? body(sent).slice(0, Number(length[0])) : body(sent);
  return body(forwarded) === expected ? undefined : `the body was not forwarded unchanged (${body(forwarded).length} octets forwarded, ${expected.length} sent)`;
}
