-- wrk script: POST /api/score with a different random customer on every request.
math.randomseed(42)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  local sent = math.random(0, 60)
  local body = string.format(
    '{"customer_id": %d, "days_since_last_contact": %d, "total_contacts": %d, "total_spent": %.2f, ' ..
    '"emails_sent": %d, "emails_opened": %d, "website_visits": %d, "customer_age_days": %d}',
    math.random(1, 1000000), math.random(0, 300), math.random(0, 40), math.random() * 4000,
    sent, math.random(0, sent), math.random(0, 80), math.random(1, 3000))
  return wrk.format(nil, "/api/score", nil, body)
end
