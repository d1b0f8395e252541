// The typed KEMI API of Kamailio 5.6 on its own, for any TypeScriptToLua project:
// `"types": ["kamailio-ts/kemi"]` in its tsconfig (README.md, "Use it as a package"). The global KSR
// object (generated from kemi/ksr-5.6.3.json) and the route globals app_lua calls.
/// <reference path="./ksr.generated.d.ts" />
/// <reference path="./routes.d.ts" />
