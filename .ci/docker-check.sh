#!/usr/bin/env bash
# Builds the product's Docker image and checks the container as an operator would: /health answers, the
# process is not root, a model store mounted on the documented path (/app/model) is the one served, and the
# image's own HEALTHCHECK passes. Traffic goes only to the port published on loopback.
# Needs root (dockerd) and ../shared/docker/local-base-images.sh (no image registry here).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18000
IMAGE=smoft-crm:ci
NAME=smoft-crm-ci
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
fail() { echo "docker check FAILED: $*"; docker logs "$NAME" 2>&1 | tail -20 || true; exit 1; }

# A dockerd that was killed leaves its pid file behind, and the next one refuses to start while it is there:
# remove it when no dockerd runs under that pid.
PIDFILE=/var/run/docker.pid
if ! docker info > /dev/null 2>&1 && [ -f "$PIDFILE" ] \
  && [ "$(cat "/proc/$(cat "$PIDFILE")/comm" 2>/dev/null)" != dockerd ]; then
  echo "removing the stale $PIDFILE left by a dockerd that is gone"
  rm -f "$PIDFILE"
fi
bash ../shared/docker/local-base-images.sh
echo "== docker build"
time docker build -q -t "$IMAGE" . > /dev/null

cleanup() { docker rm -f "$NAME" > /dev/null 2>&1 || true; }
trap cleanup EXIT

# A store of its own, trained here, so that the model served can only come from the mount.
STORE=$(mktemp -d)/model
[ -f target/smoft-crm-intelligent.jar ] || ./mvnw -q package -DskipTests
"$JAVA" -jar target/smoft-crm-intelligent.jar train --store "$STORE" --rows 2000 --trees 10 --seed 99 --promote always > /dev/null
chmod -R a+rX "$STORE"
EXPECTED=$(sed -n 's/.*"serving" : "\([0-9a-f]*\)".*/\1/p' "$STORE/store.json")
SHIPPED=$(sed -n 's/.*"serving" : "\([0-9a-f]*\)".*/\1/p' model/store.json)

echo "== the shipped store"
cleanup
docker run -d --name "$NAME" -p 127.0.0.1:$PORT:8000 "$IMAGE" > /dev/null
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 1; done
HEALTH=$(curl -sf "http://127.0.0.1:$PORT/health") || fail "/health does not answer"
echo "/health: $HEALTH"
echo "$HEALTH" | grep -q "\"model_version\":\"$SHIPPED\"" || fail "the shipped model is not the one served"
USER_ID=$(docker exec "$NAME" id -u)
[ "$USER_ID" != 0 ] || fail "the service runs as root"
echo "process user id: $USER_ID ($(docker exec "$NAME" id -un))"
for _ in $(seq 45); do
  STATUS=$(docker inspect --format '{{.State.Health.Status}}' "$NAME")
  [ "$STATUS" = healthy ] && break
  sleep 2
done
[ "$STATUS" = healthy ] || fail "HEALTHCHECK status is $STATUS"
echo "HEALTHCHECK: $STATUS"

echo "== a model store mounted on /app/model"
cleanup
docker run -d --name "$NAME" -p 127.0.0.1:$PORT:8000 -v "$STORE:/app/model:ro" "$IMAGE" > /dev/null
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 1; done
HEALTH=$(curl -sf "http://127.0.0.1:$PORT/health") || fail "/health does not answer with the mounted store"
echo "/health: $HEALTH"
echo "$HEALTH" | grep -q "\"model_version\":\"$EXPECTED\"" || fail "the mounted model ($EXPECTED) is not the one served"
SCORE=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/score" -H 'Content-Type: application/json' -d '{"customer_id": 1,
  "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50, "emails_sent": 8, "emails_opened": 6,
  "website_visits": 15, "customer_age_days": 120}') || fail "/api/score does not answer"
echo "$SCORE" | grep -q "\"model_version\":\"$EXPECTED\"" || fail "/api/score did not use the mounted model"
echo "== as deploy/kubernetes runs it: read-only root filesystem, /tmp in memory, heap from the memory limit"
cleanup
docker run -d --name "$NAME" -p 127.0.0.1:$PORT:8000 --read-only --tmpfs /tmp --memory 1536m \
  -e JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError" -e CRM_MODEL_STORE=/models \
  -v "$STORE:/models:ro" "$IMAGE" > /dev/null
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" > /dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/actuator/health/liveness" > /dev/null || fail "liveness does not answer on a read-only root"
CSV=$(printf 'nom;customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;website_visits;customer_age_days\nDupont;CUST-1;5;10;1 500,50;8;6;15;120\n' \
  | curl -sf -X POST "http://127.0.0.1:$PORT/api/batch_score" -H 'Content-Type: text/csv' -H 'Accept: text/csv' --data-binary @-) \
  || fail "a CSV batch (kept in /tmp while answered) fails on a read-only root"
echo "$CSV" | grep -q "Dupont;CUST-1;" || fail "unexpected CSV answer: $CSV"
curl -sf "http://127.0.0.1:$PORT/api/leads/CUST-1" | grep -q '"customer_id":"CUST-1"' \
  || fail "the CSV batch is not in the memory (the volume /app/data on a read-only root)"
echo "read-only root: ready, CSV batch answered and remembered in the volume /app/data"
echo "docker check passed: image built, /health healthy, user $USER_ID, mounted store served, HEALTHCHECK healthy, read-only root, memory kept"
