#!/usr/bin/env bash
# The events' delivery as the issue states it (issue 25), with the built jar and a real receiver: 300 new leads
# scored while the receiver is down for 30 s; the service killed (kill -9, not stopped) in the middle of its
# retries and started again on the same database; then every event must reach the receiver, signed, each id at
# least once (duplicates allowed, dropped by id), none lost, none pending. The retry schedule is compressed (1 s to
# 8 s) so that the check takes about a minute rather than the default's hours.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18002
HOOK_PORT=18003
WORK=$(mktemp -d)
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
ADMIN=events-check-admin
CUSTOMERS=300
[ -f target/smoft-crm-intelligent.jar ] || ./mvnw -q -B package -DskipTests

start_service() {
  # An H2 file under the temporary folder: a restart finds the outbox as the killed process left it.
  "$JAVA" -jar target/smoft-crm-intelligent.jar --server.port=$PORT --crm.shutdown.drain=0s \
    --spring.datasource.url="jdbc:h2:file:$WORK/memory" --crm.security.admin-api-keys=$ADMIN \
    --crm.events.webhooks[0].url=http://127.0.0.1:$HOOK_PORT/hooks --crm.events.webhooks[0].secret="$SECRET" \
    --crm.events.retry-schedule=1s,2s,4s,8s,8s,8s,8s,8s,8s,8s,8s,8s --crm.events.poll-interval=200ms \
    >> "$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && return; sleep 0.5; done
  echo "events check FAILED: the service did not start"; tail -30 "$WORK/server.log"; exit 1
}
receiver=
trap 'kill $server $receiver 2>/dev/null || true' EXIT

start_service
down_since=$(date +%s)
python3 bench/make_csv.py $CUSTOMERS "$WORK/customers.csv"
curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/batch_score" -H 'Content-Type: text/csv' \
  --data-binary "@$WORK/customers.csv"
# Every customer is new: each is a change of segment from none, one event each.
sleep 6
pending=$(curl -sf -H "X-API-Key: $ADMIN" "http://127.0.0.1:$PORT/api/admin/events?status=pending&limit=1000" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]), max(i["attempts"] for i in d["items"]))')
echo "events check: receiver down, $pending (deliveries pending, most attempts) before the kill"
kill -9 $server
wait $server 2>/dev/null || true
start_service
sleep $(( 30 - ($(date +%s) - down_since) > 0 ? 30 - ($(date +%s) - down_since) : 0 ))
python3 .ci/events_receiver.py $HOOK_PORT "$SECRET" "$WORK/received.txt" &
receiver=$!
echo "events check: receiver up after $(( $(date +%s) - down_since )) s"

for _ in $(seq 240); do
  left=$(curl -sf -H "X-API-Key: $ADMIN" "http://127.0.0.1:$PORT/api/admin/events?status=pending&limit=1" \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
  [ "$left" = 0 ] && break
  sleep 0.5
done
python3 - "$WORK/received.txt" $CUSTOMERS <<'PY'
import sys
lines = [line.split() for line in open(sys.argv[1])]
ids = {i for i, _ in lines}
unsigned = [i for i, s in lines if s != "signed"]
expected = int(sys.argv[2])
ok = len(ids) == expected and not unsigned
print(f"events check {'PASS' if ok else 'FAIL'}: {len(ids)} distinct events of {expected} received "
      f"({len(lines)} deliveries, {len(lines) - len(ids)} duplicates dropped by id), {len(unsigned)} with a bad signature")
sys.exit(0 if ok else 1)
PY
failed=$(curl -sf -H "X-API-Key: $ADMIN" "http://127.0.0.1:$PORT/api/admin/events?status=failed&limit=1" \
  | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[ "$failed" = 0 ] || { echo "events check FAIL: deliveries failed"; exit 1; }
