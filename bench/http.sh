#!/usr/bin/env bash
# HTTP benchmarks on loopback: start-up time (bench/startup.sh), single scores under wrk (platform and virtual threads),
# batches from 1 000 to 1 000 000 customers. Needs wrk (apt-get install wrk), curl and python3.
# Usage: bench/http.sh [seconds per wrk run, default 30]   (PACED_RATE=8500 by default: the paced runs' rate)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
# The paced runs: a little over the issue's 8 000 requests a second, so that the rate reached is at least that.
PACED_RATE=${PACED_RATE:-8500}
source bench/common.sh

server_pid=""
stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; server_pid=""; }
trap stop_server EXIT

# Starts the server with the given JVM and app arguments and waits until /health is healthy.
start_server() {
  local jvm_args=$1; shift
  # shellcheck disable=SC2086
  "$JAVA" $jvm_args -jar "$JAR" --server.port=$PORT "$@" > "$WORK/server.log" 2>&1 &
  server_pid=$!
  wait_for_health "$server_pid" || { tail -20 "$WORK/server.log"; exit 1; }
}

bench/startup.sh 5

# One wrk run on /api/score, then the server's own view of the same requests (Micrometer's histogram):
# the difference is time spent waiting for a core, which the service and wrk share.
# score_run THREADS [RATE]: without RATE wrk sends as fast as answers come (the machine saturated);
# with it, one wrk thread sends RATE requests a second on a fixed schedule (latency at that load).
score_run() {
  local wrk_threads=$1 rate=${2:-}
  curl -s "http://localhost:$PORT/actuator/prometheus" > "$WORK/prometheus-before.txt"
  # shellcheck disable=SC2086
  wrk -t"$wrk_threads" -c32 -d"${DURATION}s" --latency -s bench/score.lua "http://localhost:$PORT" ${rate:+-- $rate}
  curl -s "http://localhost:$PORT/actuator/prometheus" > "$WORK/prometheus-after.txt"
  python3 bench/server_latency.py "$WORK/prometheus-before.txt" "$WORK/prometheus-after.txt"
}
for threads in platform virtual; do
  echo "== POST /api/score, wrk 2 threads, 32 connections, ${DURATION}s, as fast as it goes, $threads threads"
  flag=false; [ "$threads" = virtual ] && flag=true
  start_server "" --spring.threads.virtual.enabled=$flag
  wrk -t2 -c32 -d15s -s bench/score.lua "http://localhost:$PORT" > /dev/null   # warm-up: let C2 finish
  score_run 2
  echo "== the same with wrk on 1 thread (fewer threads competing for the 2 cores)"
  score_run 1
  echo "== wrk on 1 thread, 32 connections, paced at $PACED_RATE requests a second"
  score_run 1 "$PACED_RATE"
  stop_server
done

echo "== POST /api/batch_score end to end (JSON in, JSON out), 5 runs each, -Xmx1g"
start_server "-Xmx1g" --crm.batch.max-size=1000000 --crm.limits.max-request-size=256MB
for size in 1000 10000 100000 1000000; do
  body="$WORK/batch-$size.json"
  [ -f "$body" ] || python3 bench/make_batch.py "$size" "$body"
  for run in 1 2 3 4 5; do
    curl -s -o /dev/null -w "$size customers: HTTP %{http_code} in %{time_total} s, %{size_upload} B up, %{size_download} B down\n" \
      -X POST "http://localhost:$PORT/api/batch_score" -H 'Content-Type: application/json' --data-binary "@$body"
  done
done
{ grep -c OutOfMemoryError "$WORK/server.log" || true; } | sed 's/^/OutOfMemoryError lines in the server log: /'
