// The audit line of a refused, dropped or warned-about request: one line in a fixed format, whatever the
// message holds. Pure (no KSR), so the specs call it through the bundle's exports.

/** Bytes of a message value kept in an audit line (before escaping); longer ones end in "...". */
export const AUDIT_VALUE_MAX = 128;

/** The escape of each byte that could end the line or its quoted value: `"`, `\` and controls. */
const LOG_ESCAPES = logEscapes();

function logEscapes(): Record<string, string> {
  const escapes: Record<string, string> = { '"': '\\"', "\\": "\\\\" };
  for (let code = 0; code < 32; code++) escapes[string.char(code)] = string.format("\\x%02x", code);
  escapes[string.char(127)] = "\\x7f";
  return escapes;
}

/**
 * A message value made safe inside the double quotes of an audit line: CR, LF, every other
 * control byte and `"` or `\` are escaped (`\r` as `\x0d`, `"` as `\"`), so no value can end the
 * line, close its quotes or add a field; cut to AUDIT_VALUE_MAX bytes first.
 */
export function logSafe(value: string): string {
  const cut = value.length > AUDIT_VALUE_MAX ? `${string.sub(value, 1, AUDIT_VALUE_MAX)}...` : value;
  const [escaped] = string.gsub(cut, '[%c"\\]', LOG_ESCAPES);
  return escaped;
}

/** What the proxy did with the request an audit line is about: refused (or dropped) it, or let it through with a warning. */
export type AuditOutcome = "refused" | "warning";

/**
 * The audit line of a request the proxy refused, dropped or warned about (without its newline):
 * `kamailio-ts <outcome> reason=<code> ua="..." account="..." from="..." ruri_user="..." callid="..." src=<ip>:<port>`.
 * The outcome and reason are ours; `account` is the authenticated account ("" before
 * authentication and for trusted peers); the quoted values come from the message or the
 * subscriber table and are escaped (logSafe); the source address, which no message can forge,
 * comes last (IPv6 in brackets).
 */
export function auditLine(
  outcome: AuditOutcome,
  reason: string,
  srcIp: string,
  srcPort: string,
  userAgent: string,
  account: string,
  from: string,
  ruriUser: string,
  callId: string,
): string {
  const host = string.find(srcIp, ":", 1, true)[0] === undefined ? srcIp : `[${srcIp}]`;
  const values = `ua="${logSafe(userAgent)}" account="${logSafe(account)}" from="${logSafe(from)}" ruri_user="${logSafe(ruriUser)}" callid="${logSafe(callId)}"`;
  return `kamailio-ts ${outcome} reason=${reason} ${values} src=${host}:${srcPort}`;
}
