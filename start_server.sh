#!/usr/bin/env sh
# Starts SMOFT CRM Intelligent on http://localhost:8000 (Linux, macOS), with a Java 25 found by itself (JAVA_HOME's
# when it is 25 or later, else one under /usr/lib/jvm or /Library/Java/JavaVirtualMachines, else the PATH's).
# Extra arguments go to the service, e.g. ./start_server.sh --crm.model.store=my-store --server.port=9000 or
# --crm.model.path=my-model.bin; CRM_MODEL_STORE=..., CRM_MODEL_PATH=... and SERVER_PORT=... work too. Paths are
# taken from where you stand.
# First start after a build: unpacks the jar and records a JDK AOT cache from one training start (about
# 20 s). Later starts use it with Spring's AOT code and reach a healthy /health in less than half the
# time of a plain `java -jar` (docs/benchmarks.md).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/target/smoft-crm-intelligent.jar"
APP="$HERE/target/app"
# The major version of a java command, 0 when it does not run.
java_major() {
  "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1 | grep . || echo 0
}
# The first Java 25 or later: JAVA_HOME's, then the usual install folders, then the PATH's.
JAVA=""
LOOKED=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
    "$(command -v java 2>/dev/null)"; do
  [ -x "$candidate" ] || continue
  major=$(java_major "$candidate")
  LOOKED="$LOOKED
  $candidate: Java $major"
  if [ "$major" -ge 25 ]; then JAVA="$candidate"; break; fi
done
if [ -z "$JAVA" ]; then
  echo "SMOFT CRM Intelligent needs Java 25 or later. Found:${LOOKED:-
  no java in JAVA_HOME, /usr/lib/jvm, /Library/Java/JavaVirtualMachines or on the PATH}
Install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 1
fi
if [ ! -f "$JAR" ]; then
  echo "Building $JAR (first start only)..."
  (cd "$HERE" && ./mvnw -q package -DskipTests)
fi
SHIPPED_MODEL="--crm.model.store=$HERE/model"
# The shipped model store, unless the caller names a store or a single model file (argument or environment).
MODEL_GIVEN=${CRM_MODEL_PATH:+yes}${CRM_MODEL_STORE:+yes}
for arg in "$@"; do
  case "$arg" in --crm.model.path=*|--crm.model.store=*) MODEL_GIVEN=yes ;; esac
done
[ -n "$MODEL_GIVEN" ] || set -- "$SHIPPED_MODEL" "$@"
# The memory of each lead beside the script too (data/), wherever it is started from, unless a database is named.
DATABASE_GIVEN=${SPRING_DATASOURCE_URL:+yes}
for arg in "$@"; do
  case "$arg" in --spring.datasource.url=*) DATABASE_GIVEN=yes ;; esac
done
[ -n "$DATABASE_GIVEN" ] || set -- "--spring.datasource.url=jdbc:h2:file:$HERE/data/memory;DB_CLOSE_ON_EXIT=FALSE" "$@"
# Spring AOT fixes at build time what decides which beans exist (spring.threads.virtual.enabled, which
# actuator endpoints are exposed...); other settings, crm.* included, stay free at start. Set
# CRM_SPRING_AOT=false to start without it after changing such a setting.
AOT_FLAGS="-Dspring.aot.enabled=${CRM_SPRING_AOT:-true}"

# Records the cache on a start that runs until its first healthy /health (on a free port), then stops:
# classes used up to that point, Tomcat's and the health check's included, are stored ready to use. The
# jar is named by the same absolute path when recording and when serving, as the cache requires.
record_aot_cache() {
  rm -rf "$APP"
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$APP" > /dev/null
  "$JAVA" -XX:AOTCacheOutput="$APP/app.aot" $AOT_FLAGS -jar "$APP/smoft-crm-intelligent.jar" "$SHIPPED_MODEL" \
    --server.port=0 --spring.datasource.url=jdbc:h2:mem:training > "$APP/aot-training.log" 2>&1 &
  training=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$APP/aot-training.log" 2>/dev/null | head -1)
    [ -n "$port" ] && curl -sf "http://localhost:$port/health" > /dev/null && break
    kill -0 "$training" 2>/dev/null || break
    sleep 0.1
  done
  kill "$training" 2>/dev/null || true
  wait "$training" 2>/dev/null || true
  [ -f "$APP/app.aot" ]
}

if [ ! -f "$APP/app.aot" ] || [ "$JAR" -nt "$APP/app.aot" ]; then
  echo "Preparing a faster start (first start after a build only)..."
  record_aot_cache || echo "(no AOT cache: starting without it; see $APP/aot-training.log)"
fi
# The port the service will listen on: the last --server.port given, else SERVER_PORT, else 8000.
PORT=${SERVER_PORT:-8000}
for arg in "$@"; do
  case "$arg" in --server.port=*) PORT=${arg#--server.port=} ;; esac
done
echo "Open http://localhost:$PORT (web page), http://localhost:$PORT/docs (API)"
if [ -f "$APP/app.aot" ]; then
  exec "$JAVA" -XX:AOTCache="$APP/app.aot" $AOT_FLAGS -jar "$APP/smoft-crm-intelligent.jar" "$@"
fi
exec "$JAVA" $AOT_FLAGS -jar "$JAR" "$@"
