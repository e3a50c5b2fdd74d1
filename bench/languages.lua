-- wrk script: POST /api/score, each request with a made-up Accept-Language (a random 8-letter language),
-- as the hostile caller of the hardening issue sends them. Used by bench/hardening.sh.
math.randomseed(7)
local body = '{"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.5, ' ..
  '"emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}'
local letters = "abcdefghijklmnopqrstuvwxyz"

request = function()
  local tag = {}
  for i = 1, 8 do
    local k = math.random(1, 26)
    tag[i] = letters:sub(k, k)
  end
  return wrk.format("POST", "/api/score", { ["Content-Type"] = "application/json",
    ["Accept-Language"] = table.concat(tag) .. "-" .. math.random(100, 999) }, body)
end
