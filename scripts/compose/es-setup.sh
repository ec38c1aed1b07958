#!/usr/bin/env bash
# docker-compose's one-shot es-setup: Vigil's roles and users in Elasticsearch's native realm,
# over HTTPS verified against the CA, as the bootstrap user `elastic`. Idempotent (PUT).
#   vigil_writer  the Flink job: index templates, create and write vigil-* indices
#   vigil_query   the query service: read vigil-*; write alert status, history, notifications;
#                 delete expired daily log indices (retention)
set -euo pipefail
: "${ELASTIC_PASSWORD:?run scripts/compose-secrets.sh first (it writes .env)}"
es=https://elasticsearch:9200
put() { # PATH JSON
  curl -fsS --cacert /opt/vigil/certs/ca.crt -u "elastic:$ELASTIC_PASSWORD" -X PUT "$es$1" \
    -H 'Content-Type: application/json' -d "$2" >/dev/null
}
put /_security/role/vigil_writer '{
  "cluster": ["monitor", "manage_index_templates"],
  "indices": [{"names": ["vigil-*"], "privileges": ["create_index", "write", "view_index_metadata", "auto_configure"]}]}'
put /_security/role/vigil_query '{
  "cluster": ["monitor"],
  "indices": [
    {"names": ["vigil-*"], "privileges": ["read", "view_index_metadata"]},
    {"names": ["vigil-alerts", "vigil-alert-history", "vigil-notifications"], "privileges": ["create_index", "write"]},
    {"names": ["vigil-logs-*"], "privileges": ["delete_index"]}]}'
put /_security/user/vigil_writer "{\"password\": \"$VIGIL_ES_WRITER_PASSWORD\", \"roles\": [\"vigil_writer\"]}"
put /_security/user/vigil_query "{\"password\": \"$VIGIL_ES_QUERY_PASSWORD\", \"roles\": [\"vigil_query\"]}"
echo "es-setup: roles and users vigil_writer, vigil_query in place"
