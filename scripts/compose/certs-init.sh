#!/usr/bin/env bash
# docker-compose's one-shot certs-init (as root): copies the host's .vigil-certs, which are
# owner-only for the host user, into the `certs` volume with each private file owned by the one
# container user that reads it. Only the CA certificate is world-readable.
set -euo pipefail
src=/src
dst=/certs
for f in ca.crt server.crt server.key server.p12 server.p12.password job.properties field-keys.properties; do
  [[ -f $src/$f ]] || { echo "certs-init: .vigil-certs/$f is missing: run scripts/compose-secrets.sh first" >&2; exit 1; }
done
find "$dst" -mindepth 1 -delete
chmod 0755 "$dst"
install -m 0644 "$src/ca.crt" "$dst/ca.crt"
# apache/kafka runs as appuser (1000).
install -d -m 0700 -o 1000 -g 1000 "$dst/kafka"
install -m 0600 -o 1000 -g 1000 "$src/server.p12" "$src/server.p12.password" "$dst/kafka/"
# Elasticsearch runs as 1000 with group 0.
install -d -m 0750 -o 1000 -g 0 "$dst/elasticsearch"
install -m 0640 -o 1000 -g 0 "$src/server.crt" "$src/server.key" "$src/ca.crt" "$dst/elasticsearch/"
# The submitter runs `flink run` as root; JobSecrets refuses anything but owner-only.
install -d -m 0700 "$dst/submitter"
install -m 0600 "$src/job.properties" "$dst/submitter/job.properties"
# Field-encryption keys (docs/protection.md): the TaskManagers (flink, 9999) encrypt, the query
# service (vigil, 10001) decrypts; each gets its own owner-only copy (FieldKeys refuses others).
install -d -m 0700 -o 9999 -g 9999 "$dst/flink"
install -m 0600 -o 9999 -g 9999 "$src/field-keys.properties" "$dst/flink/field-keys.properties"
install -d -m 0700 -o 10001 -g 10001 "$dst/query"
install -m 0600 -o 10001 -g 10001 "$src/field-keys.properties" "$dst/query/field-keys.properties"
echo "certs-init: certificates in place"
