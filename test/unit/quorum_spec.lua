-- Fraud checks of a cluster node that sees a minority of the nodes (src/fraud/quorum.ts,
-- src/routes/quorum.ts) and a spend cap Redis cannot read (src/routes/billing.ts), both under
-- fraud.failMode. Against the fake KSR; test/e2e/cluster-failmode.test.mjs cuts real nodes.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")
local bundle = require("bundle")
local rateable = require("billing_fixture")

--- Runs the request route for an authenticated initial INVITE of account 100 from 192.0.2.7
--- (trusted or not) to a rated number; `fake`'s defines and htables are scripted by the caller.
local function new_call(fake, trusted, call_id)
  fake.pv["$rm"] = "INVITE"
  fake.pv["$pr"] = "udp"
  fake.pv["$cl"] = 0
  fake.pv["$mb"] = "INVITE sip:13545769997@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n"
  fake.pv["$si"] = "192.0.2.7"
  fake.pv["$sp"] = 5062
  fake.pv["$fu"] = "sip:100@192.0.2.7"
  fake.pv["$fU"] = "100"
  fake.pv["$au"] = "100"
  fake.pv["$ci"] = call_id
  fake.pv["$ua"] = "Linphone/5.2.0"
  rateable(fake)
  fake:returns("permissions.allow_source_address", trusted and 1 or -1)
  fake:returns("tmx.t_precheck_trans", -1)
  fake:returns("tm.t_check_trans", -1)
  fake:returns("siputils.has_totag", -1)
  fake:returns("regex.pcre_match_group", -1)
  fake:returns("auth_db.auth_check", 1)
  fake:returns("htable.sht_inc", 1)
  assert.are.equal("exit", fake.run(ksr_request_route))
  assert.are.same({}, fake.errors)
end

describe("the cluster's majority (src/fraud/quorum.ts)", function()
  local api = bundle.exports(fake_ksr.new())

  it("is floor(N/2)+1 of the nodes configured, the node itself included", function()
    assert.are.same({ 1, 2, 2, 3, 3, 4 }, { api.majorityOf(1), api.majorityOf(2), api.majorityOf(3), api.majorityOf(4),
      api.majorityOf(5), api.majorityOf(6) })
    assert.are.equal(1, api.minorityFlag(1, 2), "a lone node of 2 is in the minority")
    assert.are.equal(1, api.minorityFlag(1, 3))
    assert.are.equal(0, api.minorityFlag(2, 3), "2 of 3 is a majority")
    assert.are.equal(1, api.minorityFlag(2, 4), "2 of 4 is not")
    assert.are.equal(0, api.minorityFlag(3, 3))
  end)

  it("refuses new calls in the minority, or before the first look, when closed; never when open", function()
    assert.is_true(api.refusesNewCalls(1, false))
    assert.is_true(api.refusesNewCalls(nil, false), "not yet known: closed")
    assert.is_false(api.refusesNewCalls(0, false))
    for _, flag in ipairs({ 0, 1 }) do assert.is_false(api.refusesNewCalls(flag, true)) end
    assert.is_false(api.refusesNewCalls(nil, true))
  end)

  it("tells each change of view once, and nothing for a node starting with a majority", function()
    assert.are.equal("", api.quorumChangeLine(nil, 0, 3, 3, false))
    assert.are.equal("", api.quorumChangeLine(0, 0, 3, 3, false))
    assert.are.equal("", api.quorumChangeLine(1, 1, 1, 3, false))
    assert.are.equal("kamailio-ts cluster-minority: this node sees 1 of 3 nodes (a majority is 2): its fraud checks count"
      .. " its own traffic only, new calls refused with 503 (fraud.failMode closed)", api.quorumChangeLine(0, 1, 1, 3, false))
    assert.are.equal("kamailio-ts cluster-minority: this node sees 1 of 2 nodes (a majority is 2): its fraud checks count"
      .. " its own traffic only, new calls let through (fraud.failMode open)", api.quorumChangeLine(nil, 1, 1, 2, true))
    assert.are.equal("kamailio-ts cluster-majority: this node sees 2 of 3 nodes (a majority is 2) again: fraud checks shared"
      .. " again, new calls accepted", api.quorumChangeLine(1, 0, 2, 3, false))
  end)
end)

describe("a cluster node's view and its new calls (src/routes/quorum.ts)", function()
  local fake
  local defines

  before_each(function()
    fake = fake_ksr.new()
    local ok, err = bundle.load(fake)
    assert.is_true(ok, err)
    defines = { WITH_CLUSTER = 1, CLUSTER_SIZE = 3, FRAUD_FAIL_OPEN = 0 }
    fake:returns("kx.get_defn", function(name) return defines[name] or 1000000 end)
  end)
  after_each(bundle.clear_globals)

  --- The `cluster` and `heartbeat` htables as tables, read and written through the fake's
  --- sht_get/sht_seti; returns the `cluster` items and the heartbeats.
  local function cluster_table()
    local tables = { cluster = {}, heartbeat = {} }
    fake:returns("htable.sht_get", function(table, key) return tables[table] and tables[table][key] or nil end)
    fake:returns("htable.sht_seti", function(table, key, value)
      if tables[table] then tables[table][key] = value end
      return 1
    end)
    return tables.cluster, tables.heartbeat
  end

  --- The heartbeats DMQ brought from the other two nodes: node2 .. node<active> present.
  local function peers_alive(heartbeats, active)
    for id = 2, 3 do heartbeats["node" .. id] = id <= active and 1 or nil end
  end

  local function warnings()
    local lines = {}
    for _, call in ipairs(fake:calls_of("warn")) do lines[#lines + 1] = call.args[1] end
    return lines
  end

  it("the timer writes its heartbeat, counts the nodes', writes the count and the flag, and logs entering and leaving the minority once each", function()
    fake:returns("kx.get_def", function(name) return name == "CLUSTER_NODE" and '"node1"' or nil end)
    local items, heartbeats = cluster_table()
    for _, active in ipairs({ 3, 3, 3, 3, 2, 1, 1, 1, 2, 3 }) do
      peers_alive(heartbeats, active)
      heartbeats.node1 = nil
      assert.are.equal("return", fake.run(ksr_route_cluster_watch))
      assert.are.equal(1, heartbeats.node1, "its own heartbeat, for the others")
      assert.are.equal(active, items.active)
      assert.are.equal(active < 2 and 1 or 0, items.minority)
    end
    local lines = warnings()
    assert.are.equal(2, #lines)
    assert.matches("^kamailio%-ts cluster%-minority: this node sees 1 of 3 nodes", lines[1])
    assert.matches("^kamailio%-ts cluster%-majority: this node sees 2 of 3 nodes", lines[2])
    assert.are.same({}, fake.errors)
  end)

  it("a node starting alone believes its minority after the settling ticks, and logs it once", function()
    fake:returns("kx.get_def", function(name) return name == "CLUSTER_NODE" and '"node1"' or nil end)
    local items = cluster_table()
    for _ = 1, 3 do
      assert.are.equal("return", fake.run(ksr_route_cluster_watch))
      assert.is_nil(items.minority, "not yet known: the peers' heartbeats may still be on their way")
    end
    assert.are.same({}, warnings())
    assert.are.equal("return", fake.run(ksr_route_cluster_watch))
    assert.are.equal(1, items.minority)
    assert.are.equal(1, #warnings())
  end)

  it("counts node ids 1 to 15 only", function()
    fake:returns("kx.get_def", function(name) return name == "CLUSTER_NODE" and '"node15"' or nil end)
    local items, heartbeats = cluster_table()
    heartbeats.node16, heartbeats.node0, heartbeats.other = 1, 1, 1
    assert.are.equal("return", fake.run(ksr_route_cluster_watch))
    assert.are.equal(1, items.active)
  end)

  local REFUSAL = { 503, "Service Unavailable - fraud checks unavailable" }

  it("closed: an untrusted caller's new call gets 503 in the minority and before the first look, audited", function()
    for _, minority in ipairs({ 1, false }) do
      fake:reset()
      fake:returns("kx.get_defn", function(name) return defines[name] or 1000000 end)
      local items = cluster_table()
      items.minority = minority or nil
      new_call(fake, false, "q-1@192.0.2.7")
      assert.are.same(REFUSAL, fake:call_args("sl.sl_send_reply"))
      assert.are.equal(0, fake:called("tm.t_relay"))
      assert.matches('^kamailio%-ts refused reason=cluster%-minority ua="Linphone/5.2.0" account="100" ',
        fake:call_args("notice")[1])
      assert.are.same({ "refusals", "cluster-minority" }, fake:call_args("htable.sht_inc", -1))
    end
  end)

  it("closed: relayed in the majority; trusted peers pass in the minority", function()
    local items = cluster_table()
    items.minority = 0
    new_call(fake, false, "q-1@192.0.2.7")
    assert.are.equal(1, fake:called("tm.t_relay"))
    fake:reset()
    fake:returns("kx.get_defn", function(name) return defines[name] or 1000000 end)
    items = cluster_table()
    items.minority = 1
    new_call(fake, true, "q-1@192.0.2.7")
    assert.are.equal(1, fake:called("tm.t_relay"))
  end)

  it("open, and a single proxy: relayed without reading the view", function()
    for _, set in ipairs({ { FRAUD_FAIL_OPEN = 1 }, { WITH_CLUSTER = 0 } }) do
      for k, v in pairs(set) do defines[k] = v end
      local items = cluster_table()
      items.minority = 1
      new_call(fake, false, "q-1@192.0.2.7")
      assert.are.equal(1, fake:called("tm.t_relay"))
      for _, call in ipairs(fake:calls_of("htable.sht_get")) do assert.are_not.equal("cluster", call.args[1]) end
      fake:reset()
      defines = { WITH_CLUSTER = 1, CLUSTER_SIZE = 3, FRAUD_FAIL_OPEN = 0 }
      fake:returns("kx.get_defn", function(name) return defines[name] or 1000000 end)
      bundle.load(fake)
    end
  end)
end)

describe("an hourly spend that Redis cannot read (src/routes/billing.ts)", function()
  local fake
  local fail_open

  before_each(function()
    fake = fake_ksr.new()
    local ok, err = bundle.load(fake)
    assert.is_true(ok, err)
  end)
  after_each(bundle.clear_globals)

  --- An authenticated new call of account 100 on a single proxy whose Redis answers PING but
  --- fails the spend's GET (redis_cmd_p1), e.g. while it loads its data after a restart.
  local function call_with_unreadable_spend()
    fake:returns("kx.get_defn", function(name)
      if name == "WITH_CLUSTER" then return 0 end
      if name == "FRAUD_FAIL_OPEN" then return fail_open and 1 or 0 end
      return 1000000
    end)
    fake:returns("ndb_redis.redis_cmd_p1", -1)
    new_call(fake, false, "s-1@192.0.2.7")
  end

  it("closed: refuses the call with 503, audited spend-unavailable, and keeps it for its CDR", function()
    fail_open = false
    call_with_unreadable_spend()
    assert.are.same({ 503, "Service Unavailable - spend limit unavailable" }, fake:call_args("tm.t_reply"))
    assert.are.equal(0, fake:called("tm.t_relay"))
    assert.matches("^kamailio%-ts refused reason=spend%-unavailable ", fake:call_args("notice")[1])
    assert.are.same({ "b_code", "503" }, fake:call_args("dialog.var_sets", -2))
  end)

  it("open: lets the call through with a warning line, never silently", function()
    fail_open = true
    call_with_unreadable_spend()
    assert.are.equal(1, fake:called("tm.t_relay"))
    assert.matches("^kamailio%-ts warning reason=spend%-unavailable ", fake:call_args("warn")[1])
    assert.are.same({ "warnings", "spend-unavailable" }, fake:call_args("htable.sht_inc", -1))
  end)
end)
