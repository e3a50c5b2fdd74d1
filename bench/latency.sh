#!/usr/bin/env bash
# The p99 of POST /api/score over several rounds on one server (virtual threads, the default), wrk on one
# thread and 32 connections: in each round, once as fast as answers come (the machine saturated) and once
# paced at PACED_RATE requests a second (the latency at that load). Prints every run, then the medians.
# Needs wrk (apt-get install wrk).
# Usage: bench/latency.sh [rounds, default 6] [seconds per run, default 15]   (PACED_RATE=8500 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-6}
DURATION=${2:-15}
PACED_RATE=${PACED_RATE:-8500}
source bench/common.sh

"$JAVA" -jar "$JAR" --server.port=$PORT > "$WORK/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
wait_for_health "$server_pid"
wrk -t1 -c32 -d20s -s bench/score.lua "http://localhost:$PORT" > /dev/null   # warm-up: let C2 finish

# One wrk run; prints "requests/s p50 p99 errors" (latencies in ms).
run() {
  local out
  # shellcheck disable=SC2086
  out=$(wrk -t1 -c32 -d"${DURATION}s" --latency -s bench/score.lua "http://localhost:$PORT" ${1:+-- $1})
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx|Socket errors/ { errors = errors $0 " " }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (errors == "" ? "0" : errors) }'
}

declare -a saturated_p99 paced_p99
printf '%-6s %-26s %10s %8s %8s  %s\n' round mode requests/s p50_ms p99_ms errors
for round in $(seq 1 "$ROUNDS"); do
  read -r rps p50 p99 errors <<< "$(run)"
  printf '%-6s %-26s %10s %8s %8s  %s\n' "$round" "as fast as it goes" "$rps" "$p50" "$p99" "$errors"
  saturated_p99+=("$p99")
  read -r rps p50 p99 errors <<< "$(run "$PACED_RATE")"
  printf '%-6s %-26s %10s %8s %8s  %s\n' "$round" "paced at $PACED_RATE/s" "$rps" "$p50" "$p99" "$errors"
  paced_p99+=("$p99")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "median p99: as fast as it goes $(median "${saturated_p99[@]}") ms, paced at $PACED_RATE/s $(median "${paced_p99[@]}") ms"
