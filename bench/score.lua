-- wrk script: POST /api/score, cycling through 10 000 random customers built once at start-up, so that
-- the load driver, which shares the service's cores, spends its time sending rather than formatting.
math.randomseed(42)
local requests = {}
local next_request = 0

init = function(args)
  local headers = { ["Content-Type"] = "application/json" }
  for i = 1, 10000 do
    local sent = math.random(0, 60)
    local body = string.format(
      '{"customer_id": %d, "days_since_last_contact": %d, "total_contacts": %d, "total_spent": %.2f, ' ..
      '"emails_sent": %d, "emails_opened": %d, "website_visits": %d, "customer_age_days": %d}',
      math.random(1, 1000000), math.random(0, 300), math.random(0, 40), math.random() * 4000,
      sent, math.random(0, sent), math.random(0, 80), math.random(1, 3000))
    requests[i] = wrk.format("POST", "/api/score", headers, body)
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
