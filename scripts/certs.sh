#!/usr/bin/env bash
# Creates Vigil's private CA and one server certificate for every TLS hop (Kafka, Elasticsearch
# HTTP + transport, query service), as PEM files and PKCS12 stores, into OUT_DIR.
#
#   scripts/certs.sh [OUT_DIR] [--host NAME]... [--force]
#
# OUT_DIR defaults to ./.vigil-certs (what docker-compose.yml mounts; gitignored). The server
# certificate names localhost, 127.0.0.1 and the compose host names kafka, elasticsearch and
# query-service, plus any --host. Existing files are kept (a restart must not change the CA
# clients already trust) unless --force. Nothing here is committed: every key and password is
# generated on the machine that runs it, passwords randomly, each into its own 0600 file.
#
# Files:  ca.crt              the CA certificate (PEM): what clients trust
#         ca.key              the CA's private key (keep it, or delete it once certificates exist)
#         server.crt/.key     the server certificate and its unencrypted key (PEM, for Elasticsearch)
#         server.p12          server key + chain (PKCS12, for Kafka), password in server.p12.password
#         truststore.p12      ca.crt as a PKCS12 trust store (for Java clients), password in truststore.password
set -euo pipefail

out=./.vigil-certs
hosts=(localhost kafka elasticsearch query-service)
force=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --host) hosts+=("$2"); shift 2 ;;
    --force) force=true; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "certs.sh: unknown option $1" >&2; exit 2 ;;
    *) out=$1; shift ;;
  esac
done
for tool in openssl keytool; do
  command -v "$tool" >/dev/null || { echo "certs.sh: $tool is required (openssl package; keytool comes with Java 17)" >&2; exit 1; }
done

# Everything created from here on is owner-only: keys, stores and password files alike.
umask 077
mkdir -p "$out"
chmod 700 "$out"
cd "$out"

if [[ $force == true ]]; then
  rm -f ca.crt ca.key ca.srl server.crt server.key server.csr server.p12 server.p12.password truststore.p12 truststore.password
fi

password() { # random, URL- and shell-safe, no trailing newline (tools read the first line)
  openssl rand -base64 33 | tr -d '/+=\n' | head -c 32 > "$1"
}

if [[ ! -f ca.crt ]]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -keyout ca.key -out ca.crt \
    -subj "/CN=Vigil CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  rm -f server.crt server.p12 truststore.p12 # signed by a CA that is gone
fi

if [[ ! -f server.crt ]]; then
  san="IP:127.0.0.1"
  for h in "${hosts[@]}"; do san+=",DNS:$h"; done
  openssl req -new -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=vigil" 2>/dev/null
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -sha256 -out server.crt \
    -extfile <(printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n' "$san") 2>/dev/null
  rm -f server.csr server.p12
fi

if [[ ! -f server.p12 ]]; then
  password server.p12.password
  openssl pkcs12 -export -name server -in server.crt -inkey server.key -certfile ca.crt \
    -out server.p12 -passout file:server.p12.password
fi

if [[ ! -f truststore.p12 ]]; then
  password truststore.password
  log=$(keytool -importcert -noprompt -alias vigil-ca -file ca.crt -keystore truststore.p12 -storetype PKCS12 \
    -storepass:file truststore.password 2>&1) || { echo "$log" >&2; exit 1; }
fi

# Certificates are public; keys, stores and passwords stay 0600 (umask above).
chmod 644 ca.crt server.crt
echo "certs.sh: CA and server certificate for ${hosts[*]} 127.0.0.1 in $(pwd)"
