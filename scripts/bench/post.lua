-- wrk script: POST the JSON file given after `--` on every request.
local request_bytes
function init(args)
  local file = assert(io.open(args[1], "rb"))
  local body = file:read("*a")
  file:close()
  request_bytes = wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Accept"] = "application/json"}, body)
end
function request()
  return request_bytes
end
