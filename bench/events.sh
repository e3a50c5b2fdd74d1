#!/usr/bin/env bash
# Events on and off (issue 25): a 100 000-customer JSON batch that moves 10 000 of them into Hot, timed with events
# off and with a webhook subscribed to Hot; then how fast the 10 000 events reach a loopback receiver (.ci's python
# receiver, verifying every signature). A fresh in-memory H2 per run; the first batch (nobody Hot, so no event)
# gives each customer his previous segment. Then twice: the service's first events (a fresh JVM: the events' code
# is compiled as it runs), then, once those are delivered, another 10 000 into Hot (the first 10 000 stay Hot), as a
# service that has been running would. [PORT=18010 HOOK_PORT=18011] bash bench/events.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
PORT=${PORT:-18010}
HOOK_PORT=${HOOK_PORT:-18011}
WORK=$(mktemp -d)
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
ADMIN=bench-admin
[ -f target/smoft-crm-intelligent.jar ] && [ -z "$(find src pom.xml -newer target/smoft-crm-intelligent.jar -print -quit)" ] \
  || ./mvnw -q -B package -DskipTests

python3 bench/make_events_batches.py "$WORK"
python3 .ci/events_receiver.py $HOOK_PORT "$SECRET" "$WORK/received.txt" &
receiver=$!
server=
trap 'kill $server $receiver 2>/dev/null || true; rm -rf "$WORK"' EXIT

run() { # $1: on|off; prints per events batch its seconds, and with events the delivery's seconds (else -)
  local args=()
  if [ "$1" = on ]; then
    args=(--crm.events.webhooks[0].url=http://127.0.0.1:$HOOK_PORT/hooks "--crm.events.webhooks[0].secret=$SECRET"
          --crm.events.webhooks[0].segments=Hot --crm.events.poll-interval=100ms)
  fi
  "$JAVA" -Xmx1g -jar target/smoft-crm-intelligent.jar --server.port=$PORT --crm.shutdown.drain=0s \
    --spring.datasource.url="jdbc:h2:mem:bench-$RANDOM" --crm.security.admin-api-keys=$ADMIN "${args[@]}" \
    > "$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/batch_score" -H 'Content-Type: application/json' \
    --data-binary "@$WORK/first.json"
  local results=""
  for batch in second third; do
    : > "$WORK/received.txt"
    local start end
    start=$(date +%s.%N)
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/batch_score" -H 'Content-Type: application/json' \
      --data-binary "@$WORK/$batch.json"
    end=$(date +%s.%N)
    local seconds delivery=-
    seconds=$(echo "$end - $start" | bc)
    if [ "$1" = on ]; then
      for _ in $(seq 1200); do [ "$(wc -l < "$WORK/received.txt")" -ge 10000 ] && break; sleep 0.1; done
      delivery=$(echo "$(date +%s.%N) - $end" | bc)
      # 10 000 segment changes, and maybe a drift.status_changed (the batch is far from the training data).
      [ "$(sort -u "$WORK/received.txt" | grep -c ' signed')" -ge 10000 ] || echo "not every event arrived" >&2
      ! grep -q unsigned "$WORK/received.txt" || echo "an event arrived with a bad signature" >&2
      sleep 1 # the last deliveries marked delivered
    else
      sleep 5 # as long as the service rests between the two when it delivers
    fi
    results="$results $seconds $delivery"
  done
  kill $server; wait $server 2>/dev/null || true
  server=
  echo "$1$results"
}

# In this shell, not a pipeline's: the EXIT trap must see the service's pid to stop it on Ctrl-C or a failure.
for i in $(seq "$RUNS"); do run off >> "$WORK/results.txt"; run on >> "$WORK/results.txt"; done
cat "$WORK/results.txt"
python3 - "$WORK/results.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for name, batch, delivery in (("first events of a fresh service", 1, 2), ("a service already running", 3, 4)):
    off = statistics.median(float(r[batch]) for r in rows if r[0] == "off")
    on = statistics.median(float(r[batch]) for r in rows if r[0] == "on")
    sent = statistics.median(float(r[delivery]) for r in rows if r[0] == "on")
    print(f"{name}: batch (100 000 customers, 10 000 into Hot) events off {off:.2f} s, on {on:.2f} s "
          f"({on / off:.2f}x); 10 000 events delivered {sent:.1f} s after the answer ({10000 / sent:.0f} a second)")
PY
