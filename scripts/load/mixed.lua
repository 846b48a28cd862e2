-- Mixed valid and invalid requests for wrk; counts the answers by status in response() and
-- prints them, with the throughput and latency, in done(). Used by load-test.sh and
-- replica-failover-test.sh.

local valid = [==[{"layout":"dimension-first","layers":[{"weights":[[1,-1],[0,2],[1,1]],"activation":"relu"},{"weights":[[1,-2,1]],"bias":[0.5],"activation":"identity"}],"x":[[1,0,-1,2],[2,1,0,-1]],"y":[[1,0,0,1]],"loss":"half-sse"}]==]
local torch = [==[{"layout":"torch","layers":[{"weights":[[0.5,-1,2],[1,0,-0.5],[0.25,0.75,-1],[2,1,0]],"bias":[0.1,0,-0.1,0.2],"activation":"tanh"},{"weights":[[1,-1,0.5,2],[0,1,1,-1]],"activation":"softmax"}],"x":[[1,2,3],[0.5,-1,2],[0,0,1]],"y":[[1,0],[0,1],[0.5,0.5]],"loss":"cross-entropy"}]==]

local mix = {
  -- weight, method, path, content type, body
  {40, "POST", "/api/v1/backprop", "application/json", valid},
  {20, "POST", "/api/v1/backprop", "application/json", torch},
  {10, "POST", "/api/v1/forward", "application/json", valid},
  {6, "POST", "/api/v1/backprop", "application/json", '{"layout":"dimension-first","layers":[{"weights":[[1,2,3]],"activation":"relu"}],"x":[[1],[2]],"y":[[1]]}'},
  {6, "POST", "/api/v1/backprop", "application/json", '{"layout":"torch","layers":[{"weights":[[1]],"activation":"relu"}],"x":[[1]],"y":'},
  {4, "POST", "/api/v1/backprop", "application/json", '{"layout":"torch","wieghts":1}'},
  {4, "POST", "/api/v1/backprop", "application/json", '{"layout":"torch","layers":[{"weights":[[1,2],[3]],"activation":"relu"}],"x":[[1,1]],"y":[[1]]}'},
  {3, "POST", "/api/v1/backprop", "application/json", '{"layout":"torch","layers":[{"weights":[["1"]],"activation":"relu"}],"x":[[1e400]],"y":[[1]]}'},
  {3, "POST", "/api/v1/backprop", "text/plain", valid},
  {2, "GET", "/api/v1/backprop", nil, nil},
  {2, "POST", "/api/v1/nowhere", "application/json", valid},
}

local requests = {}

function init(args)
  local key = os.getenv("API_KEY")
  for _, entry in ipairs(mix) do
    local headers = {}
    if entry[4] then headers["Content-Type"] = entry[4] end
    if key and key ~= "" then headers["X-API-Key"] = key end
    local formatted = wrk.format(entry[2], entry[3], headers, entry[5])
    for _ = 1, entry[1] do table.insert(requests, formatted) end
  end
  statuses = {}
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

function request()
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests %d\n", summary.requests))
  io.write(string.format("RESULT requests_per_second %.1f\n", summary.requests / seconds))
  io.write(string.format("RESULT latency_p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("RESULT latency_p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("RESULT latency_max_ms %.2f\n", latency.max / 1000))
  local e = summary.errors
  io.write(string.format("RESULT socket_errors %d (connect %d, read %d, write %d, timeout %d)\n",
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  local keys = {}
  for status in pairs(totals) do table.insert(keys, status) end
  table.sort(keys)
  for _, status in ipairs(keys) do
    io.write(string.format("STATUS %d %d\n", status, totals[status]))
  end
end
