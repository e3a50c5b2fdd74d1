# Sourced by the bench scripts, from the repository root: where things are, and how to wait for the service.
PORT=8000
JAR=target/smoft-crm-intelligent.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
JAVA=${JAVA:-java}
WORK=$(pwd)/target/bench
MODEL="--crm.model.store=$(pwd)/model"
mkdir -p "$WORK"
[ -f "$JAR" ] || ./mvnw -q package -DskipTests
if curl -sf "http://localhost:$PORT/health" > /dev/null; then
  echo "Something already answers on port $PORT: stop it first."; exit 1
fi

# Waits (every 10 ms, 60 s at most) until /health answers 200; fails if the server process ends first.
wait_for_health() {
  local pid=$1
  for _ in $(seq 1 6000); do
    curl -sf "http://localhost:$PORT/health" > /dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the server stopped before it was healthy"; return 1; }
    sleep 0.01
  done
  echo "the server was not healthy after 60 s"; return 1
}
