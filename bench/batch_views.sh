#!/usr/bin/env bash
# Batch answers of 100 000 customers in each view, then a million CSV rows within -Xmx1g (issue 13's targets).
# One server (-Xmx1g), curl on loopback, three warm-up rounds then five timed ones; prints the median and range.
# Usage: bench/batch_views.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
python3 bench/make_batch.py 100000 "$WORK/batch-100000.json"
python3 bench/make_csv.py 100000 "$WORK/fr-100000.csv"
python3 bench/make_csv.py 1000000 "$WORK/fr-1000000.csv"

"$JAVA" -Xmx1g -jar "$JAR" --server.port=$PORT "$MODEL" --crm.batch.max-size=1000000 > "$WORK/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
wait_for_health "$server_pid" || { tail -20 "$WORK/server.log"; exit 1; }

# timed NAME ROUNDS CURL-ARGS...: the median and range of time_total over ROUNDS after 3 warm-up rounds.
timed() {
  local name=$1 rounds=$2; shift 2
  local times=()
  for round in $(seq 1 $((rounds + 3))); do
    local t
    t=$(curl -s -o "$WORK/answer" -w '%{http_code} %{time_total} %{size_download}' "$@")
    [ "${t%% *}" = 200 ] || { echo "$name: HTTP ${t%% *}"; head -c 400 "$WORK/answer"; exit 1; }
    [ "$round" -gt 3 ] && times+=("$(echo "$t" | cut -d' ' -f2)")
    size=$(echo "$t" | cut -d' ' -f3)
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v size="$size" '
    { t[NR] = $1 } END { printf "%-44s median %.3f s (%.3f-%.3f), %.1f MB\n", name, t[int((NR + 1) / 2)], t[1], t[NR], size / 1e6 }'
}
URL="http://localhost:$PORT/api/batch_score"
timed "100 000, JSON in, full view" 5 -H 'Content-Type: application/json' --data-binary "@$WORK/batch-100000.json" "$URL"
timed "100 000, JSON in, ?view=compact" 5 -H 'Content-Type: application/json' --data-binary "@$WORK/batch-100000.json" "$URL?view=compact"
timed "100 000, CSV in, ?view=compact" 5 -H 'Content-Type: text/csv' --data-binary "@$WORK/fr-100000.csv" "$URL?view=compact"
timed "100 000, CSV in, CSV out" 5 -H 'Content-Type: text/csv' -H 'Accept: text/csv' --data-binary "@$WORK/fr-100000.csv" "$URL"
timed "1 000 000, CSV in, CSV out, -Xmx1g" 1 -H 'Content-Type: text/csv' -H 'Accept: text/csv' --data-binary "@$WORK/fr-1000000.csv" "$URL"
echo "lines in the last answer: $(wc -l < "$WORK/answer")"
grep -c OutOfMemoryError "$WORK/server.log" | sed 's/^/OutOfMemoryError in the server log: /' || true
