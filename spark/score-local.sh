#!/usr/bin/env bash
# Runs the Spark scoring job on this machine in local mode (all cores), with Spark from Maven: no Spark
# installation needed. Same options as on a cluster, e.g.
#   bash spark/score-local.sh --model model --input customers.csv --output scores/ --format csv
# Builds the engine and the job the first time. SPARK_DRIVER_MEMORY (default 2g) sets the heap. The options are the
# job's own: bash spark/score-local.sh --help prints them (exit code 0; 2 for a wrong command line, 1 for a failure).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
JOB_JAR="$HERE/spark/target/smoft-crm-spark.jar"
CLASSPATH_FILE="$HERE/spark/target/spark-classpath.txt"

JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else
  for candidate in /usr/lib/jvm/*25*/bin/java /Library/Java/JavaVirtualMachines/*25*/Contents/Home/bin/java; do
    if [ -x "$candidate" ]; then JAVA="$candidate"; break; fi
  done
fi
if [ ! -f "$JOB_JAR" ]; then
  echo "Building the engine and the Spark job (first run only)..." >&2
  (cd "$HERE" && ./mvnw -q -B -f spark/pom.xml package -DskipTests)
fi
# Spark itself, from Maven (the job jar holds the engine and its libraries).
if [ ! -f "$CLASSPATH_FILE" ] || [ "$HERE/spark/job/pom.xml" -nt "$CLASSPATH_FILE" ]; then
  (cd "$HERE" && ./mvnw -q -B -f engine/pom.xml install -DskipTests && ./mvnw -q -B -f spark/job/pom.xml dependency:build-classpath \
    -Dmdep.includeScope=compile -Dmdep.excludeArtifactIds=smoft-crm-engine -Dmdep.outputFile="$CLASSPATH_FILE" > /dev/null)
fi
# What spark-submit adds on Java 17 and later (Spark's JavaModuleOptions).
MODULE_OPTIONS="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
# Local mode talks to itself only.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# shellcheck disable=SC2086
exec "$JAVA" -Xmx"${SPARK_DRIVER_MEMORY:-2g}" $MODULE_OPTIONS -Dspark.master="local[*]" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$HERE/spark/log4j2-local.properties" \
  -cp "$JOB_JAR:$(cat "$CLASSPATH_FILE")" com.smoft.crm.spark.ScoreJob "$@"
