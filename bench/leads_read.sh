#!/usr/bin/env bash
# Reading a lead (issue 23): GET /api/leads/{id} with 1 000 000 customers x 30 days of history in PostgreSQL (a
# schema benchleads of the database crm, role crm/crm, as .ci/run creates them). The points are written day after
# day, as a service scoring every night would, so a customer's 30 points lie in 30 places of the table. Then wrk
# on random ids: one connection, then four. bash bench/leads_read.sh [--keep]   (--keep: reuse the schema if made)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18530}
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
[ -f target/smoft-crm-intelligent.jar ] && [ -z "$(find src pom.xml -newer target/smoft-crm-intelligent.jar -print -quit)" ] \
  || ./mvnw -q -B package -DskipTests
export PGPASSWORD=crm
SQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U crm crm)
ARGS=(--server.port=$PORT "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/crm?currentSchema=benchleads"
      --spring.datasource.username=crm --spring.datasource.password=crm --spring.flyway.schemas=benchleads)
server=
trap 'kill $server 2>/dev/null || true' EXIT
start() {
  "$JAVA" -Xmx1g -jar target/smoft-crm-intelligent.jar "${ARGS[@]}" > /tmp/leads_read.log 2>&1 &
  server=$!
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
}

if [ "${1:-}" != --keep ] || [ "$("${SQL[@]}" -tAc "select count(*) from pg_namespace where nspname = 'benchleads'")" = 0 ]; then
  "${SQL[@]}" -c 'drop schema if exists benchleads cascade' -c 'create schema benchleads'
  start # Flyway makes the tables
  kill $server; wait $server 2>/dev/null || true
  server=
  VERSION=$(ls model/versions | head -1 | cut -d. -f1)
  started=$(date +%s)
  "${SQL[@]}" <<SQL
SET search_path = benchleads;
ALTER TABLE lead_point DROP CONSTRAINT lead_point_pk;
DROP INDEX lead_point_by_day;
INSERT INTO lead_point
SELECT 'C' || c, DATE '2026-11-05' + d, TIMESTAMPTZ '2026-11-05 02:00:00+00' + d * INTERVAL '1 day' + c * INTERVAL '1 ms',
       s, s / 100.0, CASE WHEN s >= 70 THEN 'Hot' WHEN s >= 40 THEN 'Warm' ELSE 'Cold' END, '$VERSION',
       (c + d) % 365, c % 50, (c % 20000) + 0.5, c % 99, c % 30, c % 80, 1 + c % 2000 + d
FROM generate_series(0, 29) d CROSS JOIN generate_series(1, 1000000) c
CROSS JOIN LATERAL (SELECT ((c * 7 + d * 3) % 100)::smallint AS s) score;
ALTER TABLE lead_point ADD CONSTRAINT lead_point_pk PRIMARY KEY (customer_id, scored_on);
CREATE INDEX lead_point_by_day ON lead_point (scored_on);
INSERT INTO lead_state
SELECT customer_id, scored_at, score, probability, segment, model_version, 'steady' FROM lead_point
WHERE scored_on = DATE '2026-11-05' + 29;
INSERT INTO lead_change (customer_id, changed_at, from_segment, to_segment, score_before, score_after)
SELECT customer_id, scored_at, NULL, segment, NULL, score FROM lead_point WHERE scored_on = DATE '2026-11-05';
ANALYZE;
SQL
  echo "30 000 000 points made in $(( $(date +%s) - started )) s"
fi
"${SQL[@]}" -c "select relname, pg_size_pretty(pg_relation_size(c.oid)) as heap,
  pg_size_pretty(pg_indexes_size(c.oid)) as indexes from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where nspname = 'benchleads' and relname in ('lead_point', 'lead_state', 'lead_change')"
start
wrk -t1 -c1 -d15s -s bench/leads_read.lua "http://127.0.0.1:$PORT" > /dev/null # warm-up
for connections in 1 1 4; do
  curl -sf "http://127.0.0.1:$PORT/actuator/prometheus" > /tmp/leads_read.before
  echo "GET /api/leads/{id}, $connections connection(s): $(wrk -t1 -c$connections -d15s --latency -s bench/leads_read.lua \
    "http://127.0.0.1:$PORT" | grep -E ' (50|90|99)%|Requests/sec' | tr -s ' ' | tr '\n' ' ')"
  curl -sf "http://127.0.0.1:$PORT/actuator/prometheus" > /tmp/leads_read.after
  python3 bench/server_latency.py /tmp/leads_read.before /tmp/leads_read.after "/api/leads/{customer_id}"
done
