#!/usr/bin/env bash
# Start-up to the first healthy /health with the default model, four ways, taken in turn so that a
# machine slowing down during the run weighs on all of them alike. Prints every run, then the medians.
# Usage: bench/startup.sh [rounds, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-7}
source bench/common.sh

# The unpacked jar, and one JDK AOT cache per mode, each recorded on a start that runs to its first
# healthy /health (as start_server.sh does).
rm -rf "$WORK/app"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > /dev/null
record_cache() {
  local cache=$1; shift
  (cd "$WORK/app" && exec "$JAVA" -XX:AOTCacheOutput="$cache" "$@" -jar smoft-crm-intelligent.jar "$MODEL" \
    --server.port=$PORT > "$WORK/record-$cache.log" 2>&1) &
  local pid=$!
  wait_for_health "$pid"
  kill "$pid"; wait "$pid" || true
}
record_cache plain.aot
record_cache spring-aot.aot -Dspring.aot.enabled=true

# Milliseconds from launch to a healthy /health; gives up after 60 s.
time_start() {
  local start pid
  start=$(date +%s%N)
  (cd "$WORK/app" && exec "$JAVA" "$@" -jar smoft-crm-intelligent.jar "$MODEL" --server.port=$PORT > "$WORK/server.log" 2>&1) &
  pid=$!
  wait_for_health "$pid" > /dev/null || { kill "$pid"; exit 1; }
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" || true
}

declare -A runs
modes=("java -jar (unpacked)" "Spring AOT" "JDK AOT cache" "Spring AOT + JDK AOT cache")
for round in $(seq 1 "$ROUNDS"); do
  for mode in "${modes[@]}"; do
    case $mode in
      "java -jar (unpacked)") ms=$(time_start) ;;
      "Spring AOT") ms=$(time_start -Dspring.aot.enabled=true) ;;
      "JDK AOT cache") ms=$(time_start -XX:AOTCache=plain.aot) ;;
      "Spring AOT + JDK AOT cache") ms=$(time_start -XX:AOTCache=spring-aot.aot -Dspring.aot.enabled=true) ;;
    esac
    echo "round $round, $mode: $ms ms"
    runs[$mode]="${runs[$mode]:-} $ms"
  done
done
echo "== medians over $ROUNDS rounds (min-max)"
for mode in "${modes[@]}"; do
  # shellcheck disable=SC2086
  printf '%s\n' ${runs[$mode]} | sort -n | awk -v mode="$mode" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%-28s %6.0f ms  (%d-%d)\n", mode, m, a[1], a[NR]}'
done
