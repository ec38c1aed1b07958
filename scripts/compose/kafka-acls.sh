#!/usr/bin/env bash
# Kafka ACLs of docker-compose's broker, sourced by kafka-run.sh and kafka-user.sh (one place for
# who may do what). The broker allows nothing that is not granted (allow.everyone.if.no.acl.found
# is false); every grant here is idempotent.
#
#   grant_job USER       the Flink job: read and describe the two topics; read its consumer
#                        groups (prefix "vigil": offsets are committed there on checkpoints)
#   grant_shipper USER   a log shipper: write and describe the two topics, nothing else (it can
#                        neither read any host's logs nor touch a group; records it sends are
#                        still only claims about their host)
#
# Environment: KAFKA_BIN (the Kafka tools, default /opt/kafka/bin), KAFKA_BOOTSTRAP (default the
# broker's loopback INTERNAL listener 127.0.0.1:29092), KAFKA_COMMAND_CONFIG (a client properties
# file, when the listener needs credentials).
VIGIL_TOPICS=(system-metrics threat-logs)
VIGIL_JOB_GROUP_PREFIX=vigil

_acls() {
  local config=()
  [[ -n ${KAFKA_COMMAND_CONFIG:-} ]] && config=(--command-config "$KAFKA_COMMAND_CONFIG")
  "${KAFKA_BIN:-/opt/kafka/bin}/kafka-acls.sh" --bootstrap-server "${KAFKA_BOOTSTRAP:-127.0.0.1:29092}" "${config[@]}" "$@" >/dev/null
}

_topics() {
  local t
  for t in "${VIGIL_TOPICS[@]}"; do printf -- '--topic\n%s\n' "$t"; done
}

grant_job() { # USER
  local topics
  mapfile -t topics < <(_topics)
  _acls --add --allow-principal "User:$1" --operation Read --operation Describe "${topics[@]}"
  _acls --add --allow-principal "User:$1" --operation Read --operation Describe \
    --group "$VIGIL_JOB_GROUP_PREFIX" --resource-pattern-type prefixed
}

grant_shipper() { # USER
  local topics
  mapfile -t topics < <(_topics)
  _acls --add --allow-principal "User:$1" --operation Write --operation Describe "${topics[@]}"
}
