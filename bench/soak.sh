#!/usr/bin/env bash
# Soak run: 60 s of mixed load (single, explained, batch, stats, health, bad requests) from wrk on loopback,
# with the server's heap after GC sampled every 10 s. Needs wrk, curl and a JDK 25 (jcmd).
# Usage: bench/soak.sh [seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60}
source bench/common.sh
JAVA_BIN=$(dirname "$JAVA")

"$JAVA_BIN/java" -Xmx512m -jar "$JAR" --server.port=$PORT > "$WORK/soak-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_for_health "$server"

heap() { "$JAVA_BIN/jcmd" "$server" GC.run > /dev/null; "$JAVA_BIN/jcmd" "$server" GC.heap_info | awk '/garbage-first heap|total/ {print; exit}'; }
echo "heap after GC at start: $(heap)"
( for ((t = 10; t <= DURATION; t += 10)); do sleep 10; echo "t=${t}s rss=$(ps -o rss= -p $server | tr -d ' ') KB"; done ) &
sampler=$!
wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/soak.lua "http://localhost:$PORT"
wait $sampler || true
echo "heap after GC at end:   $(heap)"
echo "5xx in the server log: $(grep -cE " 5[0-9]{2} [0-9]+ ms" "$WORK/soak-server.log" || true)"
