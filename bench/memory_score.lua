wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"customer_id": "W%d-%d", "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.5, "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}', math.random(1, 1000000), counter)
  return wrk.format(nil, wrk.path, nil, body)
end
