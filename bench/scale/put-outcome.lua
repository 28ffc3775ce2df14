-- PUT /api/outcomes/{new uuid} as many different mothers: each request a new session outcome
-- (a partial session of the brochure's two exercises, valid under any prescription), so every
-- request is a real write. Prints one BENCH {json} line like get.lua.
local mothers = tonumber(os.getenv("BENCH_MOTHERS") or "1000")
local run = tonumber(os.getenv("BENCH_RUN") or "1")
local threads = 0
local counter, offset = 0, 0
local body

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  offset = (thread_number or 0) * 7919
  local started = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 600)
  local ended = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 240)
  body = '{"started_at":"' .. started .. '","ended_at":"' .. ended .. '","position":"side",' ..
    '"hold_counts":5,"completed":false,"parts":[{"exercise":"strength","reps_done":10},' ..
    '{"exercise":"endurance","reps_done":8}],"rating":"fine","held_every_count":true}'
end

function request()
  counter = counter + 1
  local id = string.format("%08x-%04x-7000-a000-%012x", run, thread_number or 0, counter)
  local cookie = "hangmat_device=bench-" .. ((counter + offset) % mothers)
  return wrk.format("PUT", "/api/outcomes/" .. id, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/json",
    ["Sec-Fetch-Site"] = "same-origin",
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
