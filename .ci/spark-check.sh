#!/usr/bin/env bash
# The Spark job against the service (issue 15): the same generated customers scored by the job in local mode
# and by the service's CSV batch endpoint must get the same score, segment and probability (4 decimals, as the
# API writes it), and the same bad row must be refused by both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18001
WORK=$(mktemp -d)
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)

# The issue's build command, with the job's unit tests (its command line): the engine and the job in one reactor.
./mvnw -q -B -f spark/pom.xml package
# The engine's tests ran in .ci/run and in the reactor above, on this jar's classpath.
./mvnw -q -B -f engine/pom.xml install -DskipTests
[ -f target/smoft-crm-intelligent.jar ] || ./mvnw -q -B package -DskipTests
MODEL=model/versions/$(sed -n 's/.*"serving" : "\([0-9a-f]*\)".*/\1/p' model/store.json).bin

# The README's library example, saved and run with the README's own commands, as written (no Spring).
python3 - <<'PY'
import re
readme = open("README.md").read()
open("ScoreExample.java", "w").write(re.search(r"<!-- library-example[^>]*-->\s*```java\n(.*?)```", readme, re.S).group(1))
open("target/library-commands.sh", "w").write(re.search(r"<!-- library-commands[^>]*-->\s*```bash\n(.*?)```", readme, re.S).group(1))
PY
# As a user pastes them: no -e (the JAVA line tries folders that may not exist); the score printed says it worked.
bash target/library-commands.sh | tee "$WORK/example.txt"
rm ScoreExample.java
grep -q "^Score: " "$WORK/example.txt" || { echo "library check FAILED: the README example printed no score"; exit 1; }
if grep -q springframework engine/target/engine-classpath.txt; then echo "library check FAILED: the engine depends on Spring"; exit 1; fi
echo "library check: the README example runs on the engine jar and its $(tr ':' '\n' < engine/target/engine-classpath.txt | wc -l) dependencies, no Spring"

python3 bench/make_csv.py 20000 "$WORK/customers.csv"
# One bad row among them: both must refuse it, and score the others.
printf 'Société bad;CUST-bad;-3;1;10,00;1;1;1;1\r\n' | iconv -f utf-8 -t windows-1252 >> "$WORK/customers.csv"

# Its memory in memory: a file database under the checkout would end in the Docker build context.
"$JAVA" -jar target/smoft-crm-intelligent.jar --server.port=$PORT --crm.shutdown.drain=0s \
  --spring.datasource.url=jdbc:h2:mem:check > "$WORK/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
curl -sf -D "$WORK/headers" -o "$WORK/service.csv" -X POST "http://127.0.0.1:$PORT/api/batch_score?invalid=skip" \
  -H 'Content-Type: text/csv' -H 'Accept: text/csv' --data-binary "@$WORK/customers.csv"

# The job's command line as a user meets it: its usage on --help, exit code 2 for an unknown option.
bash spark/score-local.sh --help > "$WORK/help.txt" || { echo "spark check FAILED: --help did not exit 0"; exit 1; }
grep -q -- "--single-file" "$WORK/help.txt" || { echo "spark check FAILED: --help lists no --single-file"; exit 1; }
status=0; bash spark/score-local.sh --model model --input x.csv --output out --no-such-option 2> "$WORK/usage.txt" || status=$?
[ "$status" = 2 ] && grep -q "Unknown option: '--no-such-option'" "$WORK/usage.txt" \
  || { echo "spark check FAILED: an unknown option gave exit code $status"; cat "$WORK/usage.txt"; exit 1; }
echo "spark check: --help prints the usage, an unknown option exits with 2"

bash spark/score-local.sh --model "$MODEL" --input "$WORK/customers.csv" --output "$WORK/spark" --format csv 2> "$WORK/spark.log" \
  || { tail -30 "$WORK/spark.log"; exit 1; }
# Parquet out, then that Parquet in (given the store folder as --model): the same scores must come back.
bash spark/score-local.sh --model model --input "$WORK/customers.csv" --output "$WORK/scored.parquet" 2>> "$WORK/spark.log" \
  || { tail -30 "$WORK/spark.log"; exit 1; }
bash spark/score-local.sh --model model --input "$WORK/scored.parquet" --output "$WORK/spark-from-parquet" --format csv \
  2>> "$WORK/spark.log" || { tail -30 "$WORK/spark.log"; exit 1; }

# The same file for French Excel, in one file: a byte order mark, semicolons, decimal commas, the same scores.
bash spark/score-local.sh --model model --input "$WORK/customers.csv" --output "$WORK/spark-excel" --excel --single-file \
  2>> "$WORK/spark.log" || { tail -30 "$WORK/spark.log"; exit 1; }
python3 - "$WORK" <<'PY'
import csv, glob, sys
work = sys.argv[1]
parts = glob.glob(f"{work}/spark-excel/part-*.csv")
assert len(parts) == 1, f"--single-file wrote {len(parts)} files"
raw = open(parts[0], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no byte order mark"
rows = list(csv.DictReader(open(parts[0], encoding="utf-8-sig", newline=""), delimiter=";"))
with open(f"{work}/service.csv", encoding="utf-8-sig", newline="") as f:
    service = {row["customer_id"]: row for row in csv.DictReader(f, delimiter=";")}
scored = [r for r in rows if not r["error"]]
assert len(scored) == 20000 and all("," in r["probability"] or r["probability"] in ("0", "1") for r in scored)
assert all("." not in r["probability"] for r in scored)
assert all((r["score"], r["segment"], float(r["probability"].replace(",", "."))) ==
           (service[r["customer_id"]]["score"], service[r["customer_id"]]["segment"],
            float(service[r["customer_id"]]["probability"].replace(",", "."))) for r in scored)
print(f"spark check (excel): one file, byte order mark, semicolons, {len(scored)} rows with decimal commas, same scores")
PY

for output in spark spark-from-parquet; do
python3 - "$WORK" "$output" <<'PY'
import csv, glob, sys
work, output = sys.argv[1], sys.argv[2]
delimiter = ";" if output == "spark" else ","
with open(f"{work}/service.csv", encoding="utf-8-sig", newline="") as f:
    service = {row["customer_id"]: row for row in csv.DictReader(f, delimiter=";")}
spark, errors = {}, {}
for part in sorted(glob.glob(f"{work}/{output}/part-*.csv")):
    with open(part, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter=delimiter):
            (errors if row["error"] else spark)[row["customer_id"]] = row
rejected = int([l for l in open(f"{work}/headers") if l.lower().startswith("x-rejected-count")][0].split(":")[1])
differences = [
    (cid, (s["score"], s["segment"], s["probability"].replace(",", ".")), (p["score"], p["segment"], p["probability"]))
    for cid, s in service.items() for p in [spark.get(cid)]
    if p is None or (s["score"], s["segment"], float(s["probability"].replace(",", "."))) != (p["score"], p["segment"], float(p["probability"]))]
print(f"spark check ({output}): service scored {len(service)} rows (rejected {rejected}), Spark {len(spark)} (rejected {len(errors)}: "
      f"{'; '.join(r['error'] for r in errors.values())}); {len(differences)} differences")
for d in differences[:10]:
    print("  different:", d)
assert len(service) == len(spark) == 20000 and rejected == len(errors) == 1 and "CUST-bad" in errors and not differences
PY
done
