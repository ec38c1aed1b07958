#!/usr/bin/env bash
# Prepares the secrets docker-compose.yml needs, on the machine that runs it; run it once from
# the repository root before `docker-compose up`:
#
#   scripts/compose-secrets.sh
#
# - .vigil-certs/       CA and server certificate (scripts/certs.sh) for Kafka, Elasticsearch and
#                       the query service
# - .env                random passwords of the job's Kafka SCRAM user and the Elasticsearch users,
#                       0600; docker-compose reads it from the project directory by itself
# - .vigil-certs/job.properties     the Flink job's --secrets.file (inside the containers)
# - .vigil-certs/field-keys.properties   field-encryption keys of the job and the query service
#
# Log shippers each get their own Kafka user once the stack runs: ./vigil kafka user add NAME
# (write-only ACLs; client settings in .vigil-certs/kafka-users/).
#
# Existing passwords are kept (the services already use them); delete .env to start over, then
# also the kafka-data and es-data volumes. Both .env and .vigil-certs/ are gitignored.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077
scripts/certs.sh .vigil-certs

env_file=.env
touch "$env_file"
chmod 600 "$env_file"
ensure_password() { # NAME: append a random password to .env unless it is there
  if ! grep -q "^$1=" "$env_file"; then
    printf '%s=%s\n' "$1" "$(openssl rand -base64 33 | tr -d '/+=\n' | head -c 32)" >> "$env_file"
  fi
}
for name in VIGIL_KAFKA_JOB_PASSWORD VIGIL_ES_ELASTIC_PASSWORD \
            VIGIL_ES_WRITER_PASSWORD VIGIL_ES_QUERY_PASSWORD; do
  ensure_password "$name"
done
value() { grep "^$1=" "$env_file" | head -n 1 | cut -d= -f2-; }

scram() { # USER PASSWORD: a Java client's JAAS line
  printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' "$1" "$2"
}

# Paths as the containers see them (docker-compose.yml mounts the prepared certs there).
cat > .vigil-certs/job.properties <<PROPS
# The Flink job's --secrets.file in docker-compose (see README, job options).
kafka.security.protocol=SASL_SSL
kafka.sasl.mechanism=SCRAM-SHA-512
kafka.sasl.jaas.config=$(scram vigil-job "$(value VIGIL_KAFKA_JOB_PASSWORD)")
kafka.ssl.truststore.type=PEM
kafka.ssl.truststore.location=/opt/vigil/certs/ca.crt
es.username=vigil_writer
es.password=$(value VIGIL_ES_WRITER_PASSWORD)
es.ca-file=/opt/vigil/certs/ca.crt
PROPS

# Field-encryption keys (docs/protection.md), made once and kept: losing them loses every value
# encrypted under them. Rotate with `./vigil keys rotate --file .vigil-certs/field-keys.properties`.
if [[ ! -f .vigil-certs/field-keys.properties ]]; then
  printf 'active=k1\nkey.k1=%s\nhash=%s\n' "$(openssl rand -base64 32)" "$(openssl rand -base64 32)" \
    > .vigil-certs/field-keys.properties
fi

echo "compose-secrets.sh: passwords in .env, certificates in .vigil-certs/; after docker-compose up: ./vigil kafka user add NAME per shipper"
