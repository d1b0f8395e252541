// Entry point of the Lua bundle that app_lua loads: checks the modules it needs, then publishes
// the KEMI routes as the Lua globals Kamailio calls. Nothing else lives here.
import { assertKsrModulesLoaded } from "./kemi/modules";
import { ksr_request_route as requestRoute } from "./routes/request";
import { ksr_reply_route as replyRoute, ksr_onreply_manage as onReplyManage } from "./routes/replies";
import { ksr_failure_manage as failureManage } from "./routes/relay";

assertKsrModulesLoaded();

ksr_request_route = requestRoute;
ksr_reply_route = replyRoute;
ksr_onreply_manage = onReplyManage;
ksr_failure_manage = failureManage;
