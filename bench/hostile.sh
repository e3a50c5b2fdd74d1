#!/usr/bin/env bash
# The attacks of the issue "Every new door defended", this build against another (BASE_JAR, e.g. the last
# release), in one run, each server at -Xmx256m as a small pod would be:
#  1. a CSV cell of 1 000 000 digits, then two 2 MB cells at once with liveness timed;
#  2. 3 000 connections announcing a 67 MB /api/score and trickling one byte a second for 30 s: heap, probes;
#  3. three slow batch uploads against a legitimate batch every second for 20 s.
# /api/score throughput with the new limits: bench/hardening.sh PARTS=1 (wrk) against the same BASE_JAR.
# Usage: BASE_JAR=/path/to/other/checkout/target/smoft-crm-intelligent.jar bench/hostile.sh (BUILDS=this: this one only)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
BASE_JAR=${BASE_JAR:?set BASE_JAR to the jar to compare with}
BASE_STORE=$(cd "$(dirname "$BASE_JAR")/.." && pwd)/model

for build in ${BUILDS:-base this}; do
  jar=$JAR; store=$(pwd)/model
  [ "$build" = base ] && jar=$BASE_JAR && store=$BASE_STORE
  echo "== $build ($jar)"
  "$JAVA" -Xmx256m -jar "$jar" --server.port=$PORT --crm.model.store="$store" > "$WORK/hostile-$build.log" 2>&1 &
  SERVER=$!
  wait_for_health $SERVER
  python3 bench/hostile.py digits $PORT 1000000
  python3 bench/hostile.py digits-probes $PORT 2000000 2
  python3 bench/hostile.py trickle $PORT 3000 30 $SERVER
  python3 bench/hostile.py slow-batches $PORT 20
  kill $SERVER; wait $SERVER 2>/dev/null || true
done
