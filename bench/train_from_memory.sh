#!/usr/bin/env bash
# train --from-memory on 200 000 outcomes in PostgreSQL (docs/benchmarks.md §7): a schema benchtrainfrommemory of the
# database crm (role crm/crm, as .ci/run creates them) gets the outcomes table of V3__lead_outcome.sql and N matched
# outcomes by COPY (their inputs drawn like the sample data's, their outcome from a logistic rule), then the command
# trains into a copy of the shipped store, under /usr/bin/time -v.   Usage: bash bench/train_from_memory.sh [N]
set -eu
cd "$(dirname "$0")/.."
ROWS=${1:-200000}; JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
JAR=$PWD/target/smoft-crm-intelligent.jar; [ -f "$JAR" ] || ./mvnw -q package -DskipTests
WORK=$(mktemp -d); cp -r model "$WORK/store"
export PGPASSWORD=crm
PSQL="psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U crm crm"
trap '$PSQL -c "DROP SCHEMA IF EXISTS benchtrainfrommemory CASCADE"; rm -rf "$WORK"' EXIT
$PSQL -c 'DROP SCHEMA IF EXISTS benchtrainfrommemory CASCADE' -c 'CREATE SCHEMA benchtrainfrommemory'
(echo 'SET search_path TO benchtrainfrommemory;'; cat src/main/resources/db/migration/V3__lead_outcome.sql) | $PSQL
python3 - "$ROWS" > "$WORK/outcomes.csv" <<'PY'
import math, random, sys
from datetime import datetime, timedelta, timezone
random.seed(7)
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
rows = int(sys.argv[1])
for i in range(rows):
    interest = random.gauss(0, 1)
    tenure = 1 + int(min(3650, -450 * math.log(1 - random.random())))
    contacts = max(0, int(random.gauss(1 + 5 * math.exp(0.45 * interest), 2)))
    days = int(min(tenure, -55 * math.exp(-0.6 * interest) * math.log(1 - random.random())))
    sent = max(0, int(random.gauss(min(80, 2 + tenure / 25), 3)))
    opened = sum(random.random() < 1 / (1 + math.exp(0.9 - 0.9 * interest)) for _ in range(sent))
    visits = max(0, int(random.gauss(math.exp(1.3 + 0.7 * interest), 2)))
    spent = 0 if random.random() < 0.15 else round(math.exp(5.2 + 0.45 * interest + 0.9 * random.gauss(0, 1)), 2)
    rate = opened / sent if sent else 0
    logit = -1.6 + 2.4 * (rate - 0.3) + 0.55 * (math.log1p(visits) - 1.5) - 0.028 * min(days, 90) + 0.9 \
        + 0.3 * (math.log1p(spent / 100) - 1.5) + 0.15 * min(contacts, 20) / 5
    outcome = "converted" if random.random() < 1 / (1 + math.exp(-logit)) else "lost"
    at = start + timedelta(seconds=i * 60)
    scored = at - timedelta(days=3)
    print(f"C{i},{outcome},{at.isoformat()},{at.date()},{at.isoformat()},{scored.isoformat()},50,0.5,Warm,"
          f"{'0' * 64},{days},{contacts},{spent},{sent},{opened},{visits},{tenure}")
PY
$PSQL -c "\\copy benchtrainfrommemory.lead_outcome (customer_id, outcome, occurred_at, occurred_on, recorded_at, scored_at,
  score, probability, segment, model_version, days_since_last_contact, total_contacts, total_spent, emails_sent,
  emails_opened, website_visits, customer_age_days) FROM '$WORK/outcomes.csv' CSV" -c 'ANALYZE benchtrainfrommemory.lead_outcome'
echo "outcomes in the memory: $($PSQL -At -c 'SELECT COUNT(*) FROM benchtrainfrommemory.lead_outcome')"
/usr/bin/time -v "$JAVA" -jar "$JAR" train --from-memory --store "$WORK/store" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/crm?currentSchema=benchtrainfrommemory" \
  --spring.datasource.username=crm --spring.datasource.password=crm 2> "$WORK/time.txt" | grep -v '^  trees'
grep -E 'Elapsed|Maximum resident' "$WORK/time.txt"
