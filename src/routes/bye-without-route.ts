// A BYE that loose_route cannot route. With topology hiding, a call's route lives in Redis
// (topos), which may be out of reach; the dialog module still holds both legs in memory. When
// it knows the call, the proxy answers the BYE, hangs up the other side itself, and the call
// is rated now (calls-end.ts, at dialog:end), not when its dialog timer runs out, hours later.
import { logSafe } from "../audit/line";
import { DLG } from "./billing";

/** Ends the BYE's call through the dialog module, if it knows it; returns otherwise. */
export function ksr_route_bye_without_route(): void {
  const callId = KSR.pv.gete("$ci");
  const fromTag = KSR.pv.gete("$ft");
  if (KSR.dialog.dlg_get(callId, fromTag, KSR.pv.gete("$tt")) < 0) return;
  // dlg_get made it the current dialog: a BYE with its From tag comes from the caller.
  const otherSide = fromTag === KSR.pv.gete("$dlg(from_tag)") ? "callee" : "caller";
  KSR.dialog.var_sets(DLG.endedByBye, "1");
  KSR.sl.sl_send_reply(200, "OK");
  KSR.warn(`kamailio-ts bye-without-route callid="${logSafe(callId)}" hangup=${otherSide}\n`);
  KSR.dialog.dlg_bye(otherSide);
  KSR.x.exit();
}
