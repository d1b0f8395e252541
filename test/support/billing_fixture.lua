-- Scripts a fake KSR (fake_ksr.lua) so that a new call passes the billing route
-- (src/routes/billing.ts) of the specs that test what comes before and after it: the numbering
-- plan's defines, a rate for every number in the default plan (mtree), no high-cost match.
local DEFINES = { COUNTRY_CODE = '"86"', INTERNATIONAL_PREFIX = '"00"', NATIONAL_PREFIX = '"0"', DEFAULT_RATE_PLAN = '"default"' }
--- A rate plan entry as mtree holds it, for `prefix`: 0.05 per second, 1/1 (src/billing/deck.ts).
local function deck_value(prefix)
  return prefix .. "|Test|t,0,500,1,1,1"
end

--- `prefix`: the deck prefix that matches the dialled number (default 86).
return function(fake, prefix)
  fake:returns("kx.get_def", function(name) return DEFINES[name] end)
  fake:returns("mtree.mt_match", function(tree) return tree == "highcost" and -1 or 1 end)
  fake.pv["$avp(s:tvalue)"] = deck_value(prefix or "86")
  if fake.pv["$rU"] == nil and fake.pv["$rm"] == "INVITE" then fake.pv["$rU"] = "13545769997" end
end
