#!/usr/bin/env bash
# Outcomes and live accuracy (docs/benchmarks.md §11), on PostgreSQL (a schema benchliveoutcomes of the database crm,
# role crm/crm, as .ci/run creates them): 100 000 customers scored by a CSV batch, then their 100 000 outcomes posted
# as CSV (timed, and again: all duplicates); then 1 000 000 outcomes of the last 90 days loaded with COPY, and the
# live figures timed: the grouped query alone (EXPLAIN ANALYZE), the first GET /api/models after a start (which
# tallies), and GET /api/models as served after (tallied at most every 30 s). Usage: bash bench/outcomes.sh
set -u
cd "$(dirname "$0")/.."
PORT=18600; JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
JAR=$PWD/target/smoft-crm-intelligent.jar; [ -f "$JAR" ] || ./mvnw -q package -DskipTests
WORK=$(mktemp -d); cp -r model "$WORK/"; cd "$WORK"
export PGPASSWORD=crm
PSQL="psql -q -h 127.0.0.1 -U crm crm"
VERSION=$(basename "$(ls model/versions/*.bin | head -1)" .bin)
python3 - "$VERSION" <<'PY'
import random, sys, datetime
random.seed(1)
version = sys.argv[1]
with open("b100k.csv", "w") as f:
    f.write("customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;"
            "website_visits;customer_age_days\n")
    for i in range(100_000):
        s = random.randint(0, 30)
        f.write(f"C{i};{random.randint(0,365)};{random.randint(0,50)};{random.randint(0,20000)},"
                f"{random.randint(0,99)};{s};{random.randint(0,s)};{random.randint(0,80)};{random.randint(1,2000)}\n")
with open("o100k.csv", "w") as f:
    f.write("client;résultat\n")
    for i in range(100_000):
        f.write(f"C{i};{'signé' if random.random() < 0.3 else 'perdu'}\n")
# 1 000 000 matched outcomes of the last 90 days, one per customer: probabilities on four decimals, the outcome drawn
# from them, as a calibrated model's would be.
now = datetime.datetime.now(datetime.timezone.utc)
with open("o1m.csv", "w") as f:
    for i in range(1_000_000):
        p = round(random.betavariate(1.2, 3), 4)
        at = now - datetime.timedelta(seconds=random.randint(0, 89 * 86400))
        scored = at - datetime.timedelta(seconds=random.randint(3600, 30 * 86400))
        outcome = "converted" if random.random() < p else "lost"
        f.write(f"M{i},{outcome},{at.isoformat()},{at.date()},{now.isoformat()},{scored.isoformat()},"
                f"{round(100 * p)},{p},Warm,{version},5,10,1500.5,8,6,15,120\n")
PY
$PSQL -c 'drop schema if exists benchliveoutcomes cascade' -c 'create schema benchliveoutcomes'
ARGS="--server.port=$PORT --crm.batch.max-size=1000000 --crm.model.path=$WORK/model/versions/$VERSION.bin"
ARGS="$ARGS --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/crm?currentSchema=benchliveoutcomes"
ARGS="$ARGS --spring.datasource.username=crm --spring.datasource.password=crm --spring.flyway.schemas=benchliveoutcomes"
start() {
  $JAVA -Xmx1g -jar "$JAR" $ARGS >> server.log 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do curl -sf "localhost:$PORT/health" > /dev/null && break; sleep 0.5; done
}
start
curl -s -o /dev/null -X POST "localhost:$PORT/api/batch_score?view=compact" -H 'Content-Type: text/csv' \
  --data-binary @b100k.csv
for run in first again; do
  echo "100 000 outcomes as CSV, $run: $(curl -s -w ' %{time_total} s' -X POST "localhost:$PORT/api/outcomes" \
    -H 'Content-Type: text/csv' --data-binary @o100k.csv)"
done
$PSQL -c "\\copy benchliveoutcomes.lead_outcome (customer_id, outcome, occurred_at, occurred_on, recorded_at, scored_at, \
score, probability, segment, model_version, days_since_last_contact, total_contacts, total_spent, emails_sent, \
emails_opened, website_visits, customer_age_days) from 'o1m.csv' with (format csv)" -c 'analyze benchliveoutcomes.lead_outcome'
echo "outcomes in the table: $($PSQL -t -c 'select count(*) from benchliveoutcomes.lead_outcome')"
$PSQL -c "explain analyze select model_version, score, probability, outcome, count(*), sum(case when occurred_at >= \
now() - interval '30 days' then 1 else 0 end) from benchliveoutcomes.lead_outcome where occurred_at >= now() - \
interval '90 days' and model_version is not null group by model_version, score, probability, outcome" \
  | grep -E 'Execution Time|Planning Time|Scan|Aggregate'
kill $PID; wait $PID 2> /dev/null
start
echo "first GET /api/models after the start (tallies): $(curl -s -o /dev/null -w '%{time_total} s' "localhost:$PORT/api/models")"
TIMES=()
for _ in $(seq 1 20); do TIMES+=("$(curl -s -o /dev/null -w '%{time_total}' "localhost:$PORT/api/models")"); done
echo "GET /api/models, 20 more: ${TIMES[*]}"
curl -s "localhost:$PORT/api/models" | python3 -c '
import json, sys
live = [m for m in json.load(sys.stdin)["models"] if m["serving"]][0]["live"]
w = live["last_90_days"]
print("live_status", live["live_status"], "outcomes", w["outcomes"], "auc", w["auc"], "calibration", w["calibration_error"])'
kill $PID; wait $PID 2> /dev/null
$PSQL -c 'drop schema benchliveoutcomes cascade'
rm -rf "$WORK"
