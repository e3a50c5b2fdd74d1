#!/usr/bin/env bash
# The OpenAPI document the service serves, checked by a linter nobody here wrote: Redocly CLI's recommended rules,
# with the rules turned off named and justified in redocly.yaml (issue 27). Fails on any error.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npx > /dev/null; then
  apt-get update
  apt-get install -y nodejs npm
fi
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
[ -f target/smoft-crm-intelligent.jar ] || ./mvnw -q -B package -DskipTests

WORK=$(mktemp -d)
PORT=18731
# Its memory in memory: a file database under the checkout would end in the Docker build context.
"$JAVA" -jar target/smoft-crm-intelligent.jar --server.port=$PORT --crm.shutdown.drain=0s \
  --spring.datasource.url=jdbc:h2:mem:check > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2> /dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/v3/api-docs" -o "$WORK/openapi.json"

npx --yes @redocly/cli@2.77.0 lint "$WORK/openapi.json" --config redocly.yaml --format=stylish
echo "openapi lint: the served document passes Redocly's recommended rules (redocly.yaml)"
