-- wrk script: POST /api/score, cycling through 10 000 random customers built once at start-up, so that
-- the load driver, which shares the service's cores, spends its time sending rather than formatting.
--
-- Without an argument wrk sends as fast as the service answers (closed loop, the machine saturated).
-- With one, e.g. `wrk -t1 ... -s bench/score.lua URL -- 8000`, this wrk thread sends at that many requests
-- per second: send times are spread on a fixed schedule over all its connections, so the latency wrk
-- reports is the latency at that load. Give the rate per wrk thread (run paced tests with -t1).
-- A request whose slot has passed (the service fell behind) goes at once, and its latency counts from
-- then: like any closed-loop driver, wrk does not count the requests it could not send during a stall.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

math.randomseed(42)
local requests = {}
local next_request = 0
local interval_ms = nil
local next_slot_ms = nil

init = function(args)
  -- The URL's path and query when it has one (/api/score?remember=false), else /api/score.
  local path = wrk.path ~= "/" and wrk.path or "/api/score"
  local headers = { ["Content-Type"] = "application/json" }
  for i = 1, 10000 do
    local sent = math.random(0, 60)
    local body = string.format(
      '{"customer_id": %d, "days_since_last_contact": %d, "total_contacts": %d, "total_spent": %.2f, ' ..
      '"emails_sent": %d, "emails_opened": %d, "website_visits": %d, "customer_age_days": %d}',
      math.random(1, 1000000), math.random(0, 300), math.random(0, 40), math.random() * 4000,
      sent, math.random(0, sent), math.random(0, 80), math.random(1, 3000))
    requests[i] = wrk.format("POST", path, headers, body)
  end
  if args[1] then
    interval_ms = 1000 / tonumber(args[1])
    -- Defined only when pacing: wrk looks for it once init has run, and without it sends at once.
    -- wrk asks before each request after a connection's first and waits whole milliseconds; the
    -- fraction it drops is made up by the shared schedule over the next requests.
    delay = function()
      local now = now_ms()
      next_slot_ms = math.max(next_slot_ms or now, now - 1000) + interval_ms
      return math.max(next_slot_ms - now, 0)
    end
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
