-- GET /api/leads/{id} for random customers of bench/leads_read.sh's 1 000 000.
request = function()
  return wrk.format("GET", "/api/leads/C" .. math.random(1, 1000000))
end
