/** @noSelfInFile */
// Hand-written: the Lua globals app_lua calls. Kamailio looks these names up in the Lua state,
// so main.ts assigns them; route code never calls them through these declarations.

/** Every SIP request (cfgengine "lua" calls it by this name). */
declare var ksr_request_route: () => void;
/** Every SIP reply received (called by this name when defined). */
declare var ksr_reply_route: () => void;
/** Per-transaction reply handler, armed with KSR.tm.t_on_reply("ksr_onreply_manage"). */
declare var ksr_onreply_manage: () => void;
/** Failure handler, armed with KSR.tm.t_on_failure("ksr_failure_manage"). */
declare var ksr_failure_manage: () => void;
/** Per-branch handler, armed with KSR.tm.t_on_branch("ksr_branch_manage"). */
declare var ksr_branch_manage: () => void;
/** Dialog module events (modparam dialog event_callback): "dialog:start", "dialog:end", "dialog:failed". */
declare var ksr_dialog_event: (event: string) => void;
/** The CDR writer, run by rtimer every 100 ms in its own process. */
declare var ksr_route_cdr_writer: () => void;
/** Cluster only: this node's view of the others (src/routes/quorum.ts), run by rtimer every second. */
declare var ksr_route_cluster_watch: () => void;
/** HTTP requests on a TCP listen socket (xhttp's event_callback; its argument is "xhttp:request"). */
declare var ksr_xhttp_event: (event: string) => void;
