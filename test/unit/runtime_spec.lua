-- Which interpreter busted runs these specs under: `busted --lua=luajit` re-runs busted with the
-- given interpreter, and this spec proves it did. KSR_EXPECT_LUA (set by busted.test.mjs) names
-- the interpreter that must be running; the test's title shows the one that is.
local running = jit and jit.version or _VERSION

describe("runtime", function()
  it("running under " .. running, function()
    local expected = os.getenv("KSR_EXPECT_LUA")
    if expected == "luajit" then
      assert.is_table(jit, "expected LuaJIT, running " .. running)
      assert.matches("^LuaJIT 2%.", jit.version)
    elseif expected == "lua5.1" then
      assert.is_nil(jit, "expected PUC Lua 5.1, running " .. running)
      assert.are.equal("Lua 5.1", _VERSION)
    elseif expected ~= nil and expected ~= "" then
      error("KSR_EXPECT_LUA must be lua5.1 or luajit, not " .. expected)
    end
    -- app_lua links Lua 5.1 or LuaJIT: the specs must not depend on anything newer
    assert.are.equal("Lua 5.1", _VERSION)
  end)
end)
