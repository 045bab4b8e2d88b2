-- wrk script for POST /api/v1/inbound and the baseline server's endpoints (see bench/README.md).
-- Every request carries a message id no other request of any run has: INBOX_WRK_PREFIX (unique per run and phase),
-- then the wrk thread, then a counter of that thread. Environment:
--   INBOX_WRK_PREFIX           message id prefix, unique per run and phase (required)
--   INBOX_WRK_TOKEN            the API channel's bearer token
--   INBOX_WRK_CUSTOMERS        N > 0: message k of the phase comes from known customer k mod N (round robin);
--                              0: every message comes from a customer never seen before
--   INBOX_WRK_CUSTOMER_PREFIX  the known customers' id prefix (the same in a target's warm-up and measured runs)
--   INBOX_WRK_THREADS          wrk's -t, so that the threads' counters interleave over the known customers
-- done() prints one line "WRK_RESULT {json}" that the benchmark reads.

local prefix = os.getenv("INBOX_WRK_PREFIX") or error("INBOX_WRK_PREFIX is not set")
local token = os.getenv("INBOX_WRK_TOKEN") or ""
local customers = tonumber(os.getenv("INBOX_WRK_CUSTOMERS") or "0")
local customer_prefix = os.getenv("INBOX_WRK_CUSTOMER_PREFIX") or (prefix .. "-c")
local thread_total = tonumber(os.getenv("INBOX_WRK_THREADS") or "1")

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local counter = 0 -- thread_index is set by setup() in this thread's own Lua state
local headers = {}

function init(args)
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Bearer " .. token
end

function request()
  local id = prefix .. "-" .. thread_index .. "-" .. counter
  local customer
  if customers > 0 then
    -- interleave the threads' counters so that the customers take turns across the whole phase
    customer = customer_prefix .. ((counter * thread_total + thread_index) % customers)
  else
    customer = "new-" .. id
  end
  counter = counter + 1
  local body = '{"messageId":"' .. id .. '","customer":{"externalId":"' .. customer ..
    '","name":"Bench Customer"},"text":"Benchmark message ' .. counter .. ': hello, I have a question about my order."}'
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"non2xx":%d,"timeouts":%d,' ..
    '"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"threads":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, thread_count))
end
