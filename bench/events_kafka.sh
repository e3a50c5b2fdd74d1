#!/usr/bin/env bash
# Events to Kafka (issue 25): the same batches as bench/events.sh, with events going to a Kafka topic instead of a
# webhook. The broker is Kafka's own, run in a JVM of its own by the test kit (KafkaBenchBroker, test sources), whose
# consumer writes each record's event id. Kafka takes every event (no segment filter): the first batch, every customer
# new, is written once with events off into an H2 file copied for each run; then the second batch moves 10 000
# customers into Hot (10 000 events, the service's first), the third 10 000 others (the first 10 000 stay Hot: a
# service already running). [PORT=18012] bash bench/events_kafka.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
PORT=${PORT:-18012}
TOPIC=crm.events
WORK=$(mktemp -d)
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
[ -f target/smoft-crm-intelligent.jar ] && [ -z "$(find src pom.xml -newer target/smoft-crm-intelligent.jar -print -quit)" ] \
  || ./mvnw -q -B package -DskipTests
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"

python3 bench/make_events_batches.py "$WORK"

"$JAVA" -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" com.smoft.crm.events.KafkaBenchBroker \
  $TOPIC "$WORK/bootstrap.txt" "$WORK/received.txt" > "$WORK/broker.log" 2>&1 &
broker=$!
server=
trap 'kill $server $broker 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 240); do [ -s "$WORK/bootstrap.txt" ] && break; sleep 0.5; done
BOOTSTRAP=$(cat "$WORK/bootstrap.txt")

start_service() { # $1: the H2 file's folder; then options
  local folder=$1
  shift
  "$JAVA" -Xmx1g -jar target/smoft-crm-intelligent.jar --server.port=$PORT --crm.shutdown.drain=0s \
    --spring.datasource.url="jdbc:h2:file:$folder/memory;DB_CLOSE_ON_EXIT=FALSE" "$@" > "$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
}
post() {
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/batch_score" -H 'Content-Type: application/json' \
    --data-binary "@$WORK/$1.json"
}
stop_service() {
  kill $server
  wait $server 2>/dev/null || true
  server=
}

start_service "$WORK/base"
post first
stop_service

run() { # $1: on|off; prints per events batch its seconds, and with events the delivery's seconds (else -)
  rm -rf "$WORK/run" && cp -r "$WORK/base" "$WORK/run"
  local args=()
  [ "$1" = on ] && args=(--crm.events.kafka.bootstrap-servers="$BOOTSTRAP" --crm.events.kafka.topic=$TOPIC
                         --crm.events.poll-interval=100ms)
  start_service "$WORK/run" "${args[@]}"
  local results="" events=10000
  for batch in second third; do
    : > "$WORK/received.txt"
    local start end seconds delivery=-
    start=$(date +%s.%N)
    post $batch
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc)
    if [ "$1" = on ]; then
      for _ in $(seq 1200); do
        [ "$(grep -c lead.segment_changed "$WORK/received.txt")" -ge $events ] && break
        sleep 0.1
      done
      delivery=$(echo "$(date +%s.%N) - $end" | bc)
      [ "$(grep lead.segment_changed "$WORK/received.txt" | sort -u | wc -l)" -ge $events ] \
        || echo "not every event arrived" >&2
      sleep 1 # the last deliveries marked delivered
    else
      sleep 5 # as long as the service rests between the two when it delivers
    fi
    results="$results $seconds $delivery"
  done
  stop_service
  echo "$1$results"
}

# In this shell, not a pipeline's: the EXIT trap must see the service's pid to stop it on Ctrl-C or a failure.
for i in $(seq "$RUNS"); do run off >> "$WORK/results.txt"; run on >> "$WORK/results.txt"; done
cat "$WORK/results.txt"
python3 - "$WORK/results.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for name, batch, delivery, events in (("first events of a fresh service", 1, 2, 10000),
                                      ("a service already running", 3, 4, 10000)):
    off = statistics.median(float(r[batch]) for r in rows if r[0] == "off")
    on = statistics.median(float(r[batch]) for r in rows if r[0] == "on")
    sent = statistics.median(float(r[delivery]) for r in rows if r[0] == "on")
    print(f"{name}: batch (100 000 customers) events off {off:.2f} s, on {on:.2f} s ({on / off:.2f}x); "
          f"{events} events in Kafka {sent:.1f} s after the answer ({events / sent:.0f} a second)")
PY
