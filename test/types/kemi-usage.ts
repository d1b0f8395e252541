// Type-level test of the KEMI declarations, right uses: this file must compile without error
// (the wrong uses are in kemi-misuse.ts). test/static/build.test.mjs checks it against the
// sources, test/e2e/package.test.mjs against the packed package (`types: ["kamailio-ts/kemi"]`).
export {};

// Real parameter names and types; int results are return codes to compare.
const relayed: KsrReturnCode = KSR.tm.t_relay();
if (KSR.sl.sl_send_reply(200, "OK") < 0) KSR.err("reply failed\n");
const selected: number = KSR.dispatcher.ds_select_dst(1, 8);
// bool is a real boolean; str a string; xval may be nil; gete/getw never are.
const mine: boolean = KSR.is_myself_ruri();
const ruser: KsrXval = KSR.pv.get("$rU");
const method: string = KSR.pv.gete("$rm");
const header: string = KSR.hdr.getw("X-Test");
// Value-returning ints are plain numbers.
const counter: number = KSR.htable.sht_inc("ipban", "1.2.3.4");
// Modules named like reserved words are reachable.
KSR.debugger.dbg_pv_dump();
// The variadic Lua-only helper.
KSR.x.modf("sl_send_reply", "200", "OK");

// KSR.x.exit() never returns: code after it is unreachable, so a route can end with it.
function mustExit(): never {
  KSR.x.exit();
}
function mustDrop(): never {
  KSR.x.drop();
}

// The route globals app_lua calls (src/kemi/routes.d.ts) take these handlers.
function onDialogEvent(event: string): void {
  if (event === "dialog:end") KSR.info("call ended\n");
}
ksr_dialog_event = onDialogEvent;
ksr_branch_manage = () => KSR.info("branch\n");

void [relayed, selected, mine, ruser, method, header, counter, mustExit, mustDrop];
