#!/usr/bin/env sh
# Starts SMOFT CRM Intelligent on http://localhost:8000 (Linux, macOS). Extra arguments go to the service,
# e.g. ./start_server.sh --crm.model.path=/data/my-model.bin
# First start: builds the jar, unpacks it and records a JDK AOT cache (about 20 s). Later starts use
# the cache and reach a healthy /health in about half the time of a plain `java -jar`.
set -e
cd "$(dirname "$0")"
JAR=target/smoft-crm-intelligent.jar
APP=target/app
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
  ./mvnw -q package -DskipTests
fi
MODEL="--crm.model.path=$(pwd)/model/crm-scoring-model.bin"
if [ ! -f "$APP/app.aot" ] || [ "$JAR" -nt "$APP/app.aot" ]; then
  echo "Preparing a faster start (first start after a build only)..."
  rm -rf "$APP"
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$APP" > /dev/null
  (cd "$APP" && "$JAVA" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar smoft-crm-intelligent.jar "$MODEL" > aot-training.log 2>&1) \
    || echo "(no AOT cache: starting without it)"
fi
echo "Open http://localhost:8000 (web page), http://localhost:8000/docs (API)"
if [ -f "$APP/app.aot" ]; then
  cd "$APP" && exec "$JAVA" -XX:AOTCache=app.aot -jar smoft-crm-intelligent.jar "$MODEL" "$@"
fi
exec "$JAVA" -jar "$JAR" "$@"
