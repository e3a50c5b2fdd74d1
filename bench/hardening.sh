#!/usr/bin/env bash
# The hardening issue's figures, this build against another (BASE_JAR, e.g. the last release), in one run:
#  1. /api/score throughput, wrk 2 threads x 32 connections, ROUNDS alternated runs of SECONDS each;
#  2. heap after 100 000 requests with made-up Accept-Language tags, after a full GC (-Xmx1g);
#  3. liveness and single scores while four 100 000-customer batches run;
#  4. 160 stalled 100 000-customer uploads at -Xmx1g.
# PARTS="1 3" runs only those parts.
# Usage: BASE_JAR=/path/to/other/checkout/target/smoft-crm-intelligent.jar bench/hardening.sh [ROUNDS, default 3] [SECONDS, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
BASE_JAR=${BASE_JAR:?set BASE_JAR to the jar to compare with}
# The other jar serves the model of its own checkout (model files changed format in 1.1).
BASE_MODEL=${BASE_MODEL:-$(cd "$(dirname "$BASE_JAR")/.." && pwd)/model/crm-scoring-model.bin}
BATCH=$WORK/batch-100000.json
[ -f "$BATCH" ] || python3 bench/make_batch.py 100000 "$BATCH"

start() { # start JAR [jvm args...]
  local jar=$1; shift
  local model=$MODEL; [ "$jar" = "$BASE_JAR" ] && model="--crm.model.path=$BASE_MODEL"
  "$JAVA" "$@" -jar "$jar" --server.port=$PORT "$model" ${extra:-} > "$WORK/hardening-server.log" 2>&1 &
  SERVER=$!
  wait_for_health $SERVER
}
stop() { kill $SERVER; wait $SERVER 2>/dev/null || true; }
jar_of() { if [ "$1" = base ]; then echo "$BASE_JAR"; else echo "$JAR"; fi; }

part() { [[ " ${PARTS:-1 2 3 4} " == *" $1 "* ]]; }
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat; }

if part 1; then
echo "== 1. POST /api/score, wrk -t2 -c32 ${SECONDS_PER_RUN}s after 20 s of warm-up, $ROUNDS rounds alternated: requests/s and server CPU per request"
echo "   (chain-off: this build with the security filter registered for INCLUDE dispatches only, i.e. never run)"
for round in $(seq 1 "$ROUNDS"); do
  for name in base chain-off this; do
    extra=""; [ $name = chain-off ] && extra="--spring.security.filter.dispatcher-types=include"
    start "$(jar_of $name)"
    # 20 s of warm-up: with 3 s, the JIT was still compiling the longer filter chain and the figures
    # measured its warm-up (6 000 requests/s in the first 10 s, 29 000-31 000 in the next five runs).
    wrk -t2 -c32 -d20s -s bench/score.lua "http://localhost:$PORT" > /dev/null
    before=$(cpu_ticks $SERVER)
    out=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" -s bench/score.lua "http://localhost:$PORT")
    after=$(cpu_ticks $SERVER)
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    echo "round $round $name: $rate requests/s, $(python3 -c "print(round(($after - $before) / $(getconf CLK_TCK) / $requests * 1e6, 1))") us of server CPU per request"
    stop
  done
done
fi

if part 2; then
echo "== 2. heap after 100 000 requests with made-up Accept-Language, -Xmx1g, after a full GC"
for name in base this; do
  start "$(jar_of $name)" -Xmx1g
  heap() { jcmd $SERVER GC.run > /dev/null; sleep 1; jcmd $SERVER GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'; }
  before=$(heap)
  wrk -t1 -c8 -d600s -s bench/languages.lua "http://localhost:$PORT" > /dev/null &
  WRK=$!
  # 100 000 requests: count them in the request log.
  while [ "$(grep -c 'POST /api/score' "$WORK/hardening-server.log")" -lt 100000 ]; do sleep 1; done
  kill $WRK; wait $WRK 2>/dev/null || true
  echo "$name: heap used before ${before}, after 100 000 requests $(heap)"
  stop
done

fi

if part 3; then
echo "== 3. liveness and single scores while four 100 000-customer batches run (20 s)"
for name in base this; do
  start "$(jar_of $name)"
  echo "-- $name"; python3 bench/attacks.py probes $PORT "$BATCH" 20
  stop
done

fi

if part 4; then
echo "== 4. 160 stalled 100 000-customer uploads, -Xmx1g (90 s)"
for name in base this; do
  start "$(jar_of $name)" -Xmx1g
  echo "-- $name"; python3 bench/attacks.py stalled $PORT "$BATCH" 160 90
  grep -c OutOfMemoryError "$WORK/hardening-server.log" | sed 's/^/OutOfMemoryError lines in the log: /' || true
  stop
done
fi
