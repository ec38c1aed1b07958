#!/usr/bin/env bash
# A log shipper's own Kafka user in docker-compose: its SCRAM-SHA-512 credential (the password is
# read from stdin, never an argument) and its write-only ACLs (kafka-acls.sh). Runs inside the
# kafka container, against the broker's loopback listener; `./vigil kafka user add NAME` calls it.
# Idempotent: running it again sets a new password.
set -euo pipefail
name=${1:?usage: kafka-user.sh NAME (password on stdin)}
[[ $name =~ ^[a-z0-9][a-z0-9._-]{0,62}$ ]] || { echo "kafka-user.sh: bad user name '$name'" >&2; exit 2; }
[[ $name != vigil-job ]] || { echo "kafka-user.sh: vigil-job is the Flink job's user" >&2; exit 2; }
IFS= read -r password || true
[[ ${#password} -ge 16 ]] || { echo "kafka-user.sh: the password must have at least 16 characters" >&2; exit 2; }
here=$(dirname "$0")
# shellcheck source=kafka-acls.sh
source "$here/kafka-acls.sh"
bin=${KAFKA_BIN:-/opt/kafka/bin}
# The credential goes through a file that only this user can read, not the process list.
config=$(mktemp)
trap 'rm -f "$config"' EXIT
chmod 600 "$config"
printf 'SCRAM-SHA-512=[iterations=8192,password=%s]\n' "$password" > "$config"
"$bin/kafka-configs.sh" --bootstrap-server "${KAFKA_BOOTSTRAP:-127.0.0.1:29092}" --alter --entity-type users \
  --entity-name "$name" --add-config-file "$config" >/dev/null
grant_shipper "$name"
echo "kafka-user.sh: user $name may write to ${VIGIL_TOPICS[*]}"
