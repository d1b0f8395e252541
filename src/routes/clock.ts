/** The current time in Unix milliseconds (Kamailio's clock of the message being handled). */
export function nowMs(): number {
  return KSR.pv.geti("$TV(s)") * 1000 + math.floor(KSR.pv.geti("$TV(u)") / 1000);
}
