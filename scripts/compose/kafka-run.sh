#!/usr/bin/env bash
# docker-compose's Kafka: the broker as the apache/kafka image starts it, then - once it answers
# on its INTERNAL listener, which is PLAINTEXT but bound to this container's loopback only -
# the job's SCRAM user, its ACLs and the topics (all idempotent). Healthy (/tmp/vigil-ready)
# only after that. Shippers get their own users and ACLs from kafka-user.sh.
set -euo pipefail
: "${VIGIL_KAFKA_JOB_PASSWORD:?run scripts/compose-secrets.sh first (it writes .env)}"
# shellcheck source=kafka-acls.sh
source "$(dirname "$0")/kafka-acls.sh"
rm -f /tmp/vigil-ready
/etc/kafka/docker/run &
broker=$!
trap 'kill -TERM "$broker"; wait "$broker"' TERM INT

bin=/opt/kafka/bin
internal=127.0.0.1:29092
until "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$internal" >/dev/null 2>&1; do
  kill -0 "$broker" 2>/dev/null || exit 1
  sleep 2
done
scram_user() { # NAME PASSWORD (KRaft keeps SCRAM credentials in its metadata log since Kafka 3.5)
  "$bin/kafka-configs.sh" --bootstrap-server "$internal" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" >/dev/null
}
scram_user vigil-job "$VIGIL_KAFKA_JOB_PASSWORD"
grant_job vigil-job
# Topic settings as io.vigil.common.Topics.CONFIG says (a test keeps the two equal).
for topic in "${VIGIL_TOPICS[@]}"; do
  "$bin/kafka-topics.sh" --bootstrap-server "$internal" --create --if-not-exists --topic "$topic" \
    --partitions 2 --replication-factor 1 --config message.timestamp.type=LogAppendTime
done
touch /tmp/vigil-ready
wait "$broker"
