-- wrk script: 通兑 redemption cycles (open → confirm → accept), each step its own POST.
--
-- Environment: BENCH_VOUCHERS_CONFIG (the Lua table written by setup.py), BENCH_VOUCHERS_RUN (a
-- tag unique to this run: contract numbers, Idempotency-Keys and X-Request-Ids carry it),
-- BENCH_VOUCHERS_MODE = "cycle" (default) or "healthz" (the same request()/response() work,
-- headers and body matching, against GET /healthz: the client's own ceiling),
-- BENCH_VOUCHERS_KEYS = "1" (default: every POST carries an Idempotency-Key) or "0".
--
-- Each wrk thread keeps a FIFO of next steps. request() takes the next step if there is one,
-- else opens a new redemption (enterprise round-robin, provider round-robin per enterprise);
-- response() reads which request it answers from the echoed X-Request-Id, and after a
-- successful open queues the provider's confirm, after a confirm the enterprise's accept.
-- done() prints one machine-readable RESULT line.

local config = dofile(os.getenv("BENCH_VOUCHERS_CONFIG"))
local run = os.getenv("BENCH_VOUCHERS_RUN") or "run"
local mode = os.getenv("BENCH_VOUCHERS_MODE") or "cycle"
local withKeys = (os.getenv("BENCH_VOUCHERS_KEYS") or "1") == "1"

local threads = {}
local threadCount = 0

function setup(thread)
  threadCount = threadCount + 1
  thread:set("tid", threadCount)
  table.insert(threads, thread)
end

local enterpriseToken, providerToken = {}, {}
local queue, head, tail = {}, 1, 0
local seq, opened = 0, 0
local nextProvider = {}

function init(args)
  for _, e in ipairs(config.enterprises) do enterpriseToken[tostring(e.org)] = e.token end
  for _, p in ipairs(config.providers) do providerToken[tostring(p.org)] = p.token end
  for i = 1, #config.enterprises do nextProvider[i] = (tid * 5 + i * 3) % #config.providers end
  ok_open, ok_confirm, ok_accept, ok_healthz = 0, 0, 0, 0
  err_open, err_confirm, err_accept, err_other = 0, 0, 0, 0
  flagged, lost = 0, 0
  last_error = ""
end

local function push(item)
  tail = tail + 1
  queue[tail] = item
end

local function pop()
  if head > tail then return nil end
  local item = queue[head]
  queue[head] = nil
  head = head + 1
  return item
end

local function post(path, token, body, step)
  seq = seq + 1
  local id = run .. "-" .. tid .. "-" .. seq .. "-" .. step
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["X-Request-Id"] = id,
  }
  if withKeys then headers["Idempotency-Key"] = id end
  return wrk.format("POST", path, headers, body)
end

function request()
  if mode == "healthz" then
    seq = seq + 1
    local e = config.enterprises[seq % #config.enterprises + 1]
    return wrk.format("GET", "/healthz", {
      ["Authorization"] = "Bearer " .. e.token,
      ["X-Request-Id"] = run .. "-" .. tid .. "-" .. seq .. "-healthz",
    })
  end
  local item = pop()
  if item then
    if item.step == "confirm" then
      return post("/v1/redemptions/" .. item.id .. "/steps", providerToken[item.provider],
        '{"step":"confirm","invoiceNumber":"INV-' .. run .. "-" .. item.id .. '"}', "confirm")
    end
    return post("/v1/redemptions/" .. item.id .. "/steps", enterpriseToken[item.enterprise], '{"step":"accept"}', "accept")
  end
  opened = opened + 1
  local i = opened % #config.enterprises + 1
  local e = config.enterprises[i]
  nextProvider[i] = (nextProvider[i] + 1) % #config.providers
  local p = config.providers[nextProvider[i] + 1]
  local body = '{"voucherId":' .. e.voucher .. ',"providerOrganizationId":' .. p.org ..
    ',"contractNumber":"' .. run .. "-" .. tid .. "-" .. opened ..
    '","category":"testing","contractFen":200000}'
  return post("/v1/redemptions", e.token, body, "open")
end

function response(status, headers, body)
  local rid = headers["X-Request-Id"] or headers["x-request-id"] or body:match('"requestId"%s*:%s*"([^"]*)"') or ""
  local step = rid:match("%-(%a+)$") or "unknown"
  if step == "healthz" then
    if status == 200 then ok_healthz = ok_healthz + 1 else err_other = err_other + 1 end
    return
  end
  if status ~= 200 and status ~= 201 then
    if step == "open" then err_open = err_open + 1
    elseif step == "confirm" then err_confirm = err_confirm + 1
    elseif step == "accept" then err_accept = err_accept + 1
    else err_other = err_other + 1 end
    last_error = step .. " " .. status .. " " .. body:sub(1, 300)
    return
  end
  local id = body:match('"id"%s*:%s*(%d+)')
  local state = body:match('"status"%s*:%s*"(%a+)"')
  if step == "open" and state == "held" and id then
    ok_open = ok_open + 1
    if body:match('"review"%s*:%s*"pending"') then flagged = flagged + 1 end
    push({ step = "confirm", id = id, provider = body:match('"providerOrganizationId"%s*:%s*(%d+)') })
  elseif step == "confirm" and state == "delivered" and id then
    ok_confirm = ok_confirm + 1
    push({ step = "accept", id = id, enterprise = body:match('"enterpriseOrganizationId"%s*:%s*(%d+)') })
  elseif step == "accept" and state == "captured" then
    ok_accept = ok_accept + 1
  else
    err_other = err_other + 1
    last_error = step .. " " .. status .. " unexpected " .. body:sub(1, 300)
  end
end

function done(summary, latency, requests)
  local names = { "ok_open", "ok_confirm", "ok_accept", "ok_healthz", "err_open", "err_confirm", "err_accept", "err_other", "flagged" }
  local total = {}
  for _, name in ipairs(names) do total[name] = 0 end
  local sample = ""
  for _, thread in ipairs(threads) do
    for _, name in ipairs(names) do total[name] = total[name] + (thread:get(name) or 0) end
    local e = thread:get("last_error")
    if e and e ~= "" then sample = e end
  end
  local seconds = summary.duration / 1e6
  local socket = summary.errors
  io.write(string.format(
    "RESULT seconds=%.3f requests=%d open=%d confirm=%d accept=%d healthz=%d err_open=%d err_confirm=%d err_accept=%d err_other=%d flagged=%d " ..
    "socket_errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    seconds, summary.requests, total.ok_open, total.ok_confirm, total.ok_accept, total.ok_healthz,
    total.err_open, total.err_confirm, total.err_accept, total.err_other, total.flagged,
    socket.connect + socket.read + socket.write + socket.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  if sample ~= "" then io.write("SAMPLE_ERROR " .. sample:gsub("\n", " ") .. "\n") end
end
