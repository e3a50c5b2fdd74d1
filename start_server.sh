#!/usr/bin/env sh
# Starts SMOFT CRM Intelligent on http://localhost:8000 (Linux, macOS), with a Java 25 found by itself.
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
JAVA=java
if [ -n "$JAVA_HOME" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  for candidate in /usr/lib/jvm/*25*/bin/java /Library/Java/JavaVirtualMachines/*25*/Contents/Home/bin/java; do
    if [ -x "$candidate" ]; then JAVA="$candidate"; break; fi
  done
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
    --server.port=0 > "$APP/aot-training.log" 2>&1 &
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
echo "Open http://localhost:${SERVER_PORT:-8000} (web page), http://localhost:${SERVER_PORT:-8000}/docs (API)"
if [ -f "$APP/app.aot" ]; then
  exec "$JAVA" -XX:AOTCache="$APP/app.aot" $AOT_FLAGS -jar "$APP/smoft-crm-intelligent.jar" "$@"
fi
exec "$JAVA" $AOT_FLAGS -jar "$JAR" "$@"
