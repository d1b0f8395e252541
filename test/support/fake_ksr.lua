-- A fake of the KSR table that Kamailio 5.6's app_lua gives a Lua script, for unit tests.
--
-- Built from ksr_exports.lua (the generated list of all KEMI exports), never from a hand-written
-- list: every KSR.<module>.<function> of Kamailio 5.6.3 exists, takes the parameters the real one
-- takes, and answers with a value of the type the real one returns.
--
--   local fake = require("fake_ksr").new()
--   KSR = fake.KSR                               -- or fake:install()
--   fake.pv["$rm"] = "INVITE"                    -- pseudo-variables read by KSR.pv.*
--   fake:returns("maxfwd.process_maxfwd", -1)    -- scripted result (value or function)
--   local how = fake.run(ksr_request_route)      -- "exit" (KSR.x.exit/drop) or "return"
--   fake:called("sl.sl_send_reply")              -- number of calls
--   fake:call_args("sl.sl_send_reply", 1)        -- { 483, "Too Many Hops" }
--   fake.errors                                  -- argument misuse, as Kamailio would log it
--   also: fake:returns_seq(fn, {v1, v2}), fake:calls_of(fn), fake:sequence({fn, ...}),
--         fake:install(), fake:reset(), require("fake_ksr").new({ modules = {"tm", "sl"} })
--
-- Function names: "tm.t_relay" for KSR.tm.t_relay, a bare "info" for the core KSR.info; a
-- leading "KSR." is accepted. A name that is not a KEMI export raises an error at once, so a typo
-- in a test cannot pass silently.
--
-- How calls behave (app_lua 5.6.3, src/modules/app_lua/app_lua_api.c and src/core/kemi.c):
--   * int results are numbers (default 1), bool results booleans (default true), str results
--     strings (default ""), xval results a string, a number or nil (default nil), none nothing.
--   * KSR.x.exit() and KSR.x.drop() raise the error string "~~ksr~exit~~" with no position
--     prefix; drop also sets fake.dropped.
--   * KSR.pv.* read and write fake.pv with Kamailio's null rules: get -> nil, gete -> "",
--     getw -> "<null>", geti -> 0, getvn/getvs -> the given default when the variable is unset.
--   * A call with missing arguments, or any argument to a function that takes none, is logged and
--     returns false, as in Kamailio. The fake is stricter than Kamailio in two ways, each recorded
--     in fake.errors and answered with false: extra arguments (Kamailio 5.6 ignores up to 6 in
--     all) and arguments of the wrong type (Kamailio converts them silently: an int parameter
--     gets 0 from a non-number, a str parameter gets NULL from nil or a boolean).
--
-- Runs under Lua 5.1 and LuaJIT 2.1.
local M = {}

--- The error string app_lua raises for KSR.x.exit() and KSR.x.drop().
M.EXIT = "~~ksr~exit~~"

--- What KSR.pv.getw returns for an unset variable (Kamailio's PV_STR_NULL_VAL).
M.NULL_PRINT = "<null>"

--- Sub-tables app_lua always has, whatever kamailio.cfg loads (core, pv and x are built in).
M.ALWAYS_PRESENT = { [""] = true, hdr = true, pv = true, x = true }

local unpack = unpack or table.unpack -- luacheck: ignore 143

local Fake = {}
Fake.__index = Fake

-- ---------------------------------------------------------------------------------------------
-- The export data

local cached_exports

local function here()
  local source = debug.getinfo(1, "S").source
  if source:sub(1, 1) ~= "@" then return nil end
  return source:sub(2):match("^(.*[/\\])") or "./"
end

--- The table of ksr_exports.lua: [module][name] = { ret = ..., params = { ... }, exits = bool }.
function M.exports()
  if cached_exports then return cached_exports end
  local dir = here()
  local ok, data = false, nil
  if dir then
    ok, data = pcall(dofile, dir .. "ksr_exports.lua")
  end
  if not ok then data = require("ksr_exports") end
  if type(data) ~= "table" or type(data[""]) ~= "table" then
    error("fake_ksr: ksr_exports.lua did not return the KEMI export table", 0)
  end
  cached_exports = data
  return data
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

local function qualified(module, name)
  if module == "" then return name end
  return module .. "." .. name
end

-- ---------------------------------------------------------------------------------------------
-- Argument checks

local function describe_value(v)
  if type(v) == "string" then return string.format("string %q", v) end
  return type(v) .. " " .. tostring(v)
end

-- nil when `value` is a good argument for a parameter of type `ptype`, else the reason.
local function type_problem(ptype, value)
  if ptype == "str" or ptype == "...str" then
    -- lua_tostring() passes numbers on as their text; anything else becomes NULL.
    if type(value) == "string" or type(value) == "number" then return nil end
    return "expected str, got " .. describe_value(value)
  elseif ptype == "int" then
    -- lua_tointeger(): numeric strings convert, anything else silently becomes 0.
    local n = tonumber(value)
    if type(value) ~= "number" and not (type(value) == "string" and n) then
      return "expected int, got " .. describe_value(value)
    end
    if n ~= math.floor(n) or n ~= n then
      return "expected int, got non-integral " .. describe_value(value)
    end
    return nil
  end
  return "unknown parameter type " .. tostring(ptype)
end

-- nil when the call matches the export's parameters, else the message Kamailio-style.
local function argument_problem(fq, params, args, nargs)
  local variadic = params[#params] == "...str"
  local fixed = variadic and #params - 1 or #params
  if #params == 0 and nargs > 0 then
    return string.format("invalid parameters for: %s (takes none, got %d)", fq, nargs)
  end
  if nargs < fixed then
    return string.format("not enough parameters for: %s (expected %d, got %d)", fq, fixed, nargs)
  end
  if not variadic and nargs > fixed then
    return string.format("too many parameters for: %s (expected %d, got %d)", fq, fixed, nargs)
  end
  for i = 1, nargs do
    local ptype = params[i] or params[#params]
    local problem = type_problem(ptype, args[i])
    if problem then
      return string.format("invalid parameter %d for: %s (%s)", i, fq, problem)
    end
  end
  return nil
end

-- ---------------------------------------------------------------------------------------------
-- Results

local DEFAULTS = { int = 1, bool = true, str = "" }

local function pack(...)
  return { n = select("#", ...), ... }
end

-- Raises when a scripted result cannot come from a KEMI function of return type `ret`.
local function check_result(fq, ret, n, value)
  local t = type(value)
  local good
  if ret == "int" then
    good = n == 1 and t == "number"
  elseif ret == "bool" then
    good = n == 1 and t == "boolean"
  elseif ret == "str" then
    good = n == 1 and t == "string"
  elseif ret == "xval" then
    -- a string, a number, nil; app_lua also gives tables for arrays/dicts and false when unknown
    good = n <= 1 and (t == "string" or t == "number" or t == "nil" or t == "table" or value == false)
  elseif ret == "none" then
    good = n == 0 or (n == 1 and value == nil)
  end
  if not good then
    error(string.format("fake_ksr: scripted result for %s must fit KEMI type %s, got %s",
      fq, ret, n == 0 and "no value" or describe_value(value)), 0)
  end
end

local function pv_name_ok(fake, fq, name)
  if type(name) == "string" and name:sub(1, 1) == "$" and #name > 1 then return true end
  fake.errors[#fake.errors + 1] = string.format("invalid pv [%s] for: %s", tostring(name), fq)
  return false
end

local function pv_value(fake, name)
  local v = fake.pv[name]
  if v ~= nil and type(v) ~= "string" and type(v) ~= "number" then
    error(string.format("fake_ksr: fake.pv[%q] must be a string, a number or nil, got %s",
      name, describe_value(v)), 0)
  end
  return v
end

-- str2sint(): optional sign and decimal digits, nothing else.
local function str2sint(s)
  if type(s) == "number" then
    if s >= 0 then return math.floor(s) end
    return -math.floor(-s)
  end
  if s:match("^[+-]?%d+$") then return tonumber(s) end
  return 0
end

-- KSR.pv.* on fake.pv, with the null rules of src/core/kemi.c.
local PV = {}
function PV.get(fake, fq, name)
  if not pv_name_ok(fake, fq, name) then return nil end
  return pv_value(fake, name)
end
function PV.gete(fake, fq, name)
  if not pv_name_ok(fake, fq, name) then return "" end
  local v = pv_value(fake, name)
  if v == nil then return "" end
  return v
end
function PV.getw(fake, fq, name)
  if not pv_name_ok(fake, fq, name) then return M.NULL_PRINT end
  local v = pv_value(fake, name)
  if v == nil then return M.NULL_PRINT end
  return v
end
function PV.geti(fake, fq, name)
  if not pv_name_ok(fake, fq, name) then return 0 end
  local v = pv_value(fake, name)
  if v == nil then return 0 end
  return str2sint(v)
end
function PV.getvn(fake, fq, name, default)
  if not pv_name_ok(fake, fq, name) then return tonumber(default) end
  local v = pv_value(fake, name)
  if v == nil then return tonumber(default) end
  return v
end
function PV.getvs(fake, fq, name, default)
  if not pv_name_ok(fake, fq, name) then return tostring(default) end
  local v = pv_value(fake, name)
  if v == nil then return tostring(default) end
  return v
end
function PV.sets(fake, fq, name, value)
  if not pv_name_ok(fake, fq, name) then return false end
  fake.pv[name] = tostring(value)
  return true
end
function PV.seti(fake, fq, name, value)
  if not pv_name_ok(fake, fq, name) then return false end
  fake.pv[name] = str2sint(tonumber(value))
  return true
end
function PV.unset(fake, fq, name)
  if not pv_name_ok(fake, fq, name) then return false end
  fake.pv[name] = nil
  return true
end
function PV.is_null(fake, fq, name)
  if not pv_name_ok(fake, fq, name) then return true end
  return pv_value(fake, name) == nil
end

local BUILTIN = {}
for name, fn in pairs(PV) do BUILTIN["pv." .. name] = fn end

-- ---------------------------------------------------------------------------------------------
-- Building KSR

local function make_function(fake, module, name, spec)
  local fq = qualified(module, name)
  local params = spec.params or {}
  local ret = spec.ret
  local builtin = BUILTIN[fq]
  return function(...)
    local nargs = select("#", ...)
    local args = { ... }
    local call = { fn = fq, args = args, n = nargs }
    fake.calls[#fake.calls + 1] = call
    if spec.exits then
      if name == "drop" then fake.dropped = true end
      call.exited = true
      error(M.EXIT, 0)
    end
    local problem = argument_problem(fq, params, args, nargs)
    if problem then
      fake.errors[#fake.errors + 1] = problem
      call.error = problem
      call.result = false
      return false
    end
    local script = fake.scripted[fq]
    if script then
      local n, value
      if script.fn then
        local results = pack(script.fn(unpack(args, 1, nargs)))
        n, value = results.n, results[1]
      else
        n, value = script.n, script.value
      end
      check_result(fq, ret, n, value)
      call.result = value
      if ret == "none" then return end
      return value
    end
    if builtin then
      local value = builtin(fake, fq, unpack(args, 1, nargs))
      call.result = value
      return value
    end
    if ret == "none" then return end
    local value = DEFAULTS[ret]
    call.result = value
    return value
  end
end

local function populate(fake)
  local KSR = fake.KSR
  for k in pairs(KSR) do KSR[k] = nil end
  for _, module in ipairs(sorted_keys(fake.exports)) do
    if module == "" or fake.enabled[module] then
      local target = KSR
      if module ~= "" then
        target = {}
        KSR[module] = target
      end
      for name, spec in pairs(fake.exports[module]) do
        target[name] = make_function(fake, module, name, spec)
      end
    end
  end
end

--- A new fake. Options (all optional):
---   modules: list of KSR sub-table names that kamailio.cfg loads (default: every module);
---            "", "hdr", "pv" and "x" are always there, as in app_lua.
---   exports: an export table to use instead of ksr_exports.lua.
function M.new(options)
  options = options or {}
  local exports = options.exports or M.exports()
  local fake = setmetatable({
    KSR = {},
    calls = {},
    errors = {},
    pv = {},
    scripted = {},
    dropped = false,
    exports = exports,
    enabled = {},
  }, Fake)
  fake.run = M.run
  if options.modules then
    for module in pairs(M.ALWAYS_PRESENT) do fake.enabled[module] = true end
    for _, module in ipairs(options.modules) do
      if not exports[module] then
        error("fake_ksr: no KEMI module named " .. tostring(module), 2)
      end
      fake.enabled[module] = true
    end
  else
    for module in pairs(exports) do fake.enabled[module] = true end
  end
  populate(fake)
  return fake
end

-- ---------------------------------------------------------------------------------------------
-- Methods

-- "KSR.tm.t_relay" / "tm.t_relay" / "info" -> fully qualified name, module, spec; raises if unknown.
function Fake:resolve(fn)
  if type(fn) ~= "string" then
    error("fake_ksr: a KEMI function name must be a string, got " .. type(fn), 3)
  end
  local name = fn:gsub("^KSR%.", "")
  local module, fname = name:match("^([^.]+)%.([^.]+)$")
  if not module then module, fname = "", name end
  local spec = self.exports[module] and self.exports[module][fname]
  if not spec then
    error("fake_ksr: KSR." .. name .. " is not a KEMI export of Kamailio 5.6.3", 3)
  end
  return qualified(module, fname), module, spec
end

--- Scripts the result of `fn`: a value, or a function called with the KSR call's arguments
--- whose (single) return value is the result. It stays until reset(). Returns self.
-- (No varargs here: with `function Fake:returns(fn, ...)`, Debian's LuaJIT 2.1.0-beta3 JIT
-- sometimes entered the method with self == nil once it was hot; -joff or this form cures it.)
function Fake:returns(fn, value)
  local fq, _, spec = self:resolve(fn)
  if spec.exits then error("fake_ksr: KSR." .. fq .. " always raises the exit error", 2) end
  if type(value) == "function" then
    self.scripted[fq] = { fn = value }
  else
    local n = (value == nil and spec.ret == "none") and 0 or 1
    check_result(fq, spec.ret, n, value)
    self.scripted[fq] = { value = value, n = n }
  end
  return self
end

--- Scripts successive results of `fn`: the first call gets list[1], the next list[2], ...;
--- the last one repeats. Returns self.
function Fake:returns_seq(fn, list)
  local fq, _, spec = self:resolve(fn)
  local n = list.n or #list
  if n == 0 then error("fake_ksr: returns_seq() needs at least one value", 2) end
  for i = 1, n do check_result(fq, spec.ret, 1, list[i]) end
  local i = 0
  self.scripted[fq] = {
    fn = function()
      if i < n then i = i + 1 end
      return list[i]
    end,
  }
  return self
end

--- Number of calls made to `fn` (argument misuse included).
function Fake:called(fn)
  local fq = self:resolve(fn)
  local count = 0
  for _, call in ipairs(self.calls) do
    if call.fn == fq then count = count + 1 end
  end
  return count
end

--- The arguments of the n-th call to `fn` (default: the first; negative counts from the last),
--- as a list, and their count; nil when there is no such call.
function Fake:call_args(fn, n)
  local list = self:calls_of(fn)
  n = n or 1
  if n < 0 then n = #list + 1 + n end
  local call = list[n]
  if not call then return nil end
  return call.args, call.n
end

--- The calls made to `fn`, in order: { fn =, args =, n =, result = }.
function Fake:calls_of(fn)
  local fq = self:resolve(fn)
  local list = {}
  for _, call in ipairs(self.calls) do
    if call.fn == fq then list[#list + 1] = call end
  end
  return list
end

--- The names of the calls made, in order, keeping only those in `fns` (default: all).
function Fake:sequence(fns)
  local keep
  if fns then
    keep = {}
    for _, fn in ipairs(fns) do keep[(self:resolve(fn))] = true end
  end
  local names = {}
  for _, call in ipairs(self.calls) do
    if not keep or keep[call.fn] then names[#names + 1] = call.fn end
  end
  return names
end

--- Forgets calls, errors, pseudo-variables and scripted results, and puts back every module
--- (a test may have removed one). fake.KSR, fake.pv, fake.calls and fake.errors stay the same
--- tables, emptied.
function Fake:reset()
  for _, t in ipairs({ self.pv, self.calls, self.errors, self.scripted }) do
    for k in pairs(t) do t[k] = nil end
  end
  self.dropped = false
  populate(self)
  return self
end

--- Sets the global KSR to this fake's table. Returns self.
function Fake:install()
  _G.KSR = self.KSR
  return self
end

--- Runs a route the way app_lua does: "return" when it returned, "exit" when it ended with
--- KSR.x.exit() or KSR.x.drop(); any other error is raised again, unchanged.
--- `route` is a function or the name of a global function. Works as fake.run(f) and fake:run(f).
function M.run(first, second)
  local route = first
  if getmetatable(first) == Fake then route = second end
  if type(route) == "string" then
    local name = route
    route = _G[name]
    if type(route) ~= "function" then
      error("fake_ksr: no global function named " .. name, 2)
    end
  end
  if type(route) ~= "function" then
    error("fake_ksr: run() needs a function, got " .. type(route), 2)
  end
  local ok, err = pcall(route)
  if ok then return "return" end
  if err == M.EXIT then return "exit" end
  error(err, 0)
end

M.Fake = Fake

return M
