-- GET one path as many different mothers (device cookies bench-0 .. bench-N), or as one staff
-- session (BENCH_COOKIE); prints one BENCH {json} line with the latency percentiles.
local path = os.getenv("BENCH_PATH") or "/today"
local mothers = tonumber(os.getenv("BENCH_MOTHERS") or "1000")
local fixed_cookie = os.getenv("BENCH_COOKIE")
local threads = 0
local counter, offset = 0, 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  offset = (thread_number or 0) * 7919
end

function request()
  counter = counter + 1
  local cookie = fixed_cookie or ("hangmat_device=bench-" .. ((counter + offset) % mothers))
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
