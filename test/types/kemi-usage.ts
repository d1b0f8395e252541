// Type-level test of the generated KEMI declarations: right uses compile, and every
// `@ts-expect-error` line must be an error (tsc fails on an unused @ts-expect-error).
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

// @ts-expect-error a string where the int code goes
KSR.sl.sl_send_reply("200", "OK");
// @ts-expect-error missing argument
KSR.sl.sl_send_reply(200);
// @ts-expect-error an int return code is not a boolean
const wrong: boolean = KSR.tm.t_relay();
// @ts-expect-error xval may be nil: not a string
const maybe: string = KSR.pv.get("$rU");
// @ts-expect-error no such function
KSR.tm.t_rely();
// @ts-expect-error no such module
KSR.nosuchmodule.f();
// @ts-expect-error absent from the 5.6.3 binary (kemi/overrides.json)
KSR.ktest("x");

// KSR.x.exit() never returns: code after it is unreachable, so a route can end with it.
function mustExit(): never {
  KSR.x.exit();
}
function mustDrop(): never {
  KSR.x.drop();
}

void [relayed, selected, mine, ruser, method, header, counter, wrong, maybe, mustExit, mustDrop];
