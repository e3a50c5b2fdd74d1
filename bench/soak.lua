-- wrk script: a mixed load, round-robin over single scores, batches, stats, health and bad requests.
-- Counts answers by class per thread and prints them at the end; any 5xx is reported.
local customer = '{"customer_id": %d, "days_since_last_contact": %d, "total_contacts": %d, "total_spent": %.2f, ' ..
  '"emails_sent": 10, "emails_opened": %d, "website_visits": %d, "customer_age_days": %d}'

local function random_customer(id)
  return string.format(customer, id, math.random(0, 300), math.random(0, 40), math.random() * 4000,
    math.random(0, 10), math.random(0, 80), math.random(1, 3000))
end

local batch = {}
for i = 1, 100 do batch[i] = random_customer(i) end
local batch_body = '{"clients": [' .. table.concat(batch, ",") .. ']}'

local requests = {}
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  local json = { ["Content-Type"] = "application/json" }
  requests = {
    wrk.format("POST", "/api/score", json, random_customer(1)),
    wrk.format("POST", "/api/score", json, random_customer(2)),
    wrk.format("POST", "/api/score?explain=true", json, random_customer(3)),
    wrk.format("POST", "/api/batch_score?sort=score", json, batch_body),
    wrk.format("GET", "/api/stats"),
    wrk.format("GET", "/health"),
    wrk.format("POST", "/api/score", json, '{"customer_id": 1, "emails_sent": -1}'),
    wrk.format("POST", "/api/score", json, '{"customer_id": '),
    wrk.format("POST", "/api/score", { ["Content-Type"] = "text/plain" }, "hello"),
    wrk.format("POST", "/api/batch_score", json, '{"clients": []}'),
  }
  counts = { ["2xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
  n = 0
end

request = function()
  n = n + 1
  return requests[(n % #requests) + 1]
end

response = function(status, headers, body)
  if status >= 500 then counts["5xx"] = counts["5xx"] + 1
  elseif status >= 400 then counts["4xx"] = counts["4xx"] + 1
  elseif status >= 200 and status < 300 then counts["2xx"] = counts["2xx"] + 1
  else counts.other = counts.other + 1 end
end

done = function(summary, latency, requests_done)
  local total = { ["2xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = total[k] + v end
  end
  io.write(string.format("answers: 2xx=%d 4xx=%d 5xx=%d other=%d\n", total["2xx"], total["4xx"], total["5xx"], total.other))
end
