// Type-level test of the KEMI declarations, wrong uses: each line marked `expect-error TSnnnn`
// must fail with exactly that error, and no other line may fail (test/support/type-expectations.mjs).
export {};

KSR.sl.sl_send_reply("200", "OK"); // expect-error TS2345: a string where the int code goes
KSR.sl.sl_send_reply(200); // expect-error TS2554: missing argument
const wrong: boolean = KSR.tm.t_relay(); // expect-error TS2322: an int return code is not a boolean
const maybe: string = KSR.pv.get("$rU"); // expect-error TS2322: xval may be nil, not a string
KSR.tm.t_rely(); // expect-error TS2551: no such function (did you mean t_relay?)
KSR.nosuchmodule.f(); // expect-error TS2339: no such module
KSR.ktest("x"); // expect-error TS2339: absent from the 5.6.3 binary (kemi/overrides.json)
ksr_dialog_event = (event: number) => KSR.info(`${event}\n`); // expect-error TS2322: dialog events are strings
ksr_request_route = (uri: string) => KSR.info(uri); // expect-error TS2322: routes get no arguments
ksr_no_such_route = () => {}; // expect-error TS2304: not a route app_lua calls

void [wrong, maybe];
