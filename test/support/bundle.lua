-- Loads the compiled bundle the way app_lua does (dofile, with a global KSR), for the specs.
-- KSR_BUNDLE names another bundle to check (e.g. a deliberately broken copy, to see specs fail).
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"

local bundle = {}

bundle.PATH = os.getenv("KSR_BUNDLE") or (here .. "../../lua-out/kamailio.lua")
--- The Lua globals the bundle publishes for Kamailio.
bundle.ROUTES = { "ksr_request_route", "ksr_reply_route", "ksr_onreply_manage", "ksr_failure_manage", "ksr_dialog_event",
  "ksr_route_cdr_writer", "ksr_xhttp_event", "ksr_route_cluster_watch" }

--- Removes what a load leaves in _G: the routes and KSR.
function bundle.clear_globals()
  for _, name in ipairs(bundle.ROUTES) do _G[name] = nil end
  _G.KSR = nil
end

--- Installs `fake` (a fake_ksr) as the global KSR and loads the bundle: pcall's results,
--- i.e. true and the bundle's exports, or false and the load error.
function bundle.load(fake)
  bundle.clear_globals()
  _G.KSR = fake.KSR
  return pcall(dofile, bundle.PATH)
end

--- The bundle's exports (the pure libraries), loaded once with a fresh fake; no globals left.
function bundle.exports(fake)
  local ok, exports = bundle.load(fake)
  bundle.clear_globals()
  assert(ok, exports)
  return exports
end

return bundle
