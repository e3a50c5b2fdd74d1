#!/usr/bin/env bash
# The memory's cost (docs/benchmarks.md §10): a 100 000-customer CSV batch (customers already known, then new ones)
# and /api/score (throughput on an empty memory and after the batches, one connection's latency three times, the
# latency paced at 2 000 and 8 500 requests a second three times) with
# ?remember=false and true, alternated, on the embedded H2 or on PostgreSQL (a schema benchrun of the database crm,
# role crm/crm, as .ci/run creates them).
# Usage: [PORT=18500] bash bench/memory.sh h2|pg [1m]   (1m: also a 1 000 000-customer CSV batch)
set -u
cd "$(dirname "$0")/.."
DB=$1; PORT=${PORT:-18500}; JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
JAR=$PWD/target/smoft-crm-intelligent.jar
[ -f "$JAR" ] && [ -z "$(find src pom.xml -newer "$JAR" -print -quit)" ] || ./mvnw -q -B package -DskipTests
WORK=$(mktemp -d); cp -r model "$WORK/"; cp bench/memory_score.lua bench/score.lua "$WORK/"; cd "$WORK"
python3 - <<'PY'
import random
random.seed(1)
for name, rows in (("b100k.csv", 100_000), ("b1m.csv", 1_000_000)):
    with open(name, "w") as f:
        f.write("customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;"
                "website_visits;customer_age_days\n")
        for i in range(rows):
            s = random.randint(0, 30)
            f.write(f"C{i};{random.randint(0,365)};{random.randint(0,50)};{random.randint(0,20000)},"
                    f"{random.randint(0,99)};{s};{random.randint(0,s)};{random.randint(0,80)};{random.randint(1,2000)}\n")
PY
ARGS="--server.port=$PORT --crm.batch.max-size=1000000"
if [ "$DB" = pg ]; then
  PGPASSWORD=crm psql -q -h 127.0.0.1 -U crm crm -c 'drop schema if exists benchrun cascade' -c 'create schema benchrun'
  ARGS="$ARGS --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/crm?currentSchema=benchrun"
  ARGS="$ARGS --spring.datasource.username=crm --spring.datasource.password=crm --spring.flyway.schemas=benchrun"
fi
$JAVA -Xmx1g -jar "$JAR" $ARGS > server.log 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/health" > /dev/null && break; sleep 0.5; done
if ! curl -sf "localhost:$PORT/health" > /dev/null; then
  echo "the service did not start on port $PORT in 60 s; its log:" >&2; tail -20 server.log >&2
  kill $PID 2> /dev/null; rm -rf "$WORK"; exit 1
fi
throughput() { # label, then the remember values to alternate
  local label=$1; shift
  for mode in "$@"; do
    echo "$DB /api/score $label remember=$mode: $(wrk -t2 -c8 -d10s -s memory_score.lua \
      "http://127.0.0.1:$PORT/api/score?remember=$mode" | grep Requests/sec)"
  done
}
# Single scores first, on an empty memory (each request a new customer), then one connection's latency.
wrk -t2 -c8 -d5s -s memory_score.lua "http://127.0.0.1:$PORT/api/score?remember=false" > /dev/null
throughput "empty memory" false true false true
for mode in false true false true false true; do
  echo "$DB /api/score one connection remember=$mode: $(wrk -t1 -c1 -d10s --latency -s memory_score.lua \
    "http://127.0.0.1:$PORT/api/score?remember=$mode" | grep -E ' (50|99)%' | tr -s ' ' | tr '\n' ' ')"
done
# Paced: 32 connections sending PACED_RATES requests a second (the latency at that load, bench/score.lua's 10 000
# customers over and over, as a CRM scores its leads again), alternated; the service's own reference load is 8 500/s.
for rate in ${PACED_RATES:-2000 8500}; do
  for mode in false true false true false true; do
    echo "$DB /api/score paced at $rate/s remember=$mode: $(wrk -t1 -c32 -d15s --latency -s score.lua \
      "http://127.0.0.1:$PORT/api/score?remember=$mode" -- "$rate" | grep -E ' (50|99)%|Requests/sec' | tr -s ' ' \
      | tr '\n' ' ')"
  done
done
post() {
  curl -s -o /dev/null -w "%{time_total}\n" -X POST "localhost:$PORT/api/batch_score?view=compact&remember=$1" \
    -H 'Content-Type: text/csv' --data-binary "@$2"
}
post false b100k.csv > /dev/null; post true b100k.csv > /dev/null
OFF=(); ON=()
for _ in 1 2 3 4 5; do OFF+=("$(post false b100k.csv)"); ON+=("$(post true b100k.csv)"); done
echo "$DB batch 100 000 remember=false: ${OFF[*]}"
echo "$DB batch 100 000 remember=true:  ${ON[*]}"
# The same batch with customers the memory has never seen (a new file each time): every point, state and change
# inserted, where the batches above update today's point and the state of customers already known.
OFF=(); ON=()
for n in 1 2 3; do
  sed "2,\$s/^C/N${n}C/" b100k.csv > new.csv
  OFF+=("$(post false b100k.csv)"); ON+=("$(post true new.csv)")
done
echo "$DB batch 100 000 new customers remember=false: ${OFF[*]}"
echo "$DB batch 100 000 new customers remember=true:  ${ON[*]}"
# Single scores again, now that the memory holds the batches' 400 000 customers (on PostgreSQL, autovacuum may be
# working through the batches' dead rows meanwhile).
throughput "after the batches" false true false true
if [ "${2:-}" = 1m ]; then
  echo "$DB batch 1 000 000, CSV in and out, -Xmx1g: $(curl -s -o /dev/null -w '%{http_code} %{time_total} s' \
    -X POST "localhost:$PORT/api/batch_score" -H 'Content-Type: text/csv' -H 'Accept: text/csv' --data-binary @b1m.csv)"
  curl -s "localhost:$PORT/api/stats" | python3 -c 'import json,sys; print("memory:", json.load(sys.stdin)["memory"])'
fi
kill $PID; wait $PID 2> /dev/null
[ "$DB" = h2 ] && du -sh data
rm -rf "$WORK"
