#!/usr/bin/env sh
# Starts SMOFT CRM Intelligent on http://localhost:8000 (Linux, macOS). Builds the jar first if it is missing.
set -e
cd "$(dirname "$0")"
JAR=target/smoft-crm-intelligent.jar
if [ ! -f "$JAR" ]; then
  echo "Building $JAR (first start only)..."
  ./mvnw -q package -DskipTests
fi
JAVA=java
if [ -n "$JAVA_HOME" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  for candidate in /usr/lib/jvm/*25*/bin/java /Library/Java/JavaVirtualMachines/*25*/Contents/Home/bin/java; do
    if [ -x "$candidate" ]; then JAVA="$candidate"; break; fi
  done
fi
echo "Open http://localhost:8000 (web page), http://localhost:8000/docs (API)"
exec "$JAVA" -jar "$JAR" "$@"
