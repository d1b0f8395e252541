-- A CallRecord (src/billing/cdr.ts) of the specs: the brief's 120 s call to China at 0.05 per
-- second; `fields` replaces any of its values.
return function(fields)
  local r = {
    attemptId = "c1;t1;1", callId = "c1", account = "1001", caller = "1001", callee = "13545769997",
    number = "8613545769997", sourceIp = "192.0.2.7", destination = "China", prefix = "86", rateId = "cn",
    startMs = 1000, answerMs = 2000, endMs = 122000, durationMs = 120000, billableSeconds = 120, cost = 60000,
    sipCode = 200, sipReason = "OK", endReason = "bye",
  }
  for k, v in pairs(fields or {}) do r[k] = v end
  return r
end
