#!/usr/bin/env bash
# Records story 7's evidence pack, site/src/evidence/tls-handshake.txt: what `openssl s_client` and
# `curl -v` print against a TLS server that, like the story's staging nginx, presents a leaf
# certificate for subdomain.example.com issued by a private staging CA, and nothing else. The CA, the
# leaf and the server are made here, throwaway, and the server listens on 127.0.0.1 only; the clients
# reach it under the story's hostname (SNI and --resolve). Run it again to re-record:
#   bash site/scripts/record-tls-transcript.sh > site/src/evidence/tls-handshake.txt
set -euo pipefail
host=subdomain.example.com
work=$(mktemp -d)
server=
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/O=Example Corp/CN=Example Staging CA' \
  -keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$host" -keyout leaf.key -out leaf.csr 2>/dev/null
printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$host" > leaf.ext
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -extfile leaf.ext \
  -out leaf.pem 2>/dev/null

# A free port on 127.0.0.1, then the server with the leaf alone (no chain, as on staging).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert leaf.pem -key leaf.key -www -quiet >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

echo "\$ openssl s_client -connect $host:443 -servername $host -showcerts </dev/null"
# The client's own trust store, as a caller's would be; the address is the local stand-in.
openssl s_client -connect "127.0.0.1:$port" -servername "$host" -showcerts </dev/null 2>&1 \
  | sed -E "s/127\.0\.0\.1:$port/$host:443/g; s/(Session-ID|Master-Key|Session-ID-ctx|TLS session ticket|Start Time|Timeout|Resumption PSK).*/\1: (elided)/" \
  | awk '/^    [0-9a-f]{4} - /{ next } { print }'
echo
echo "\$ curl -sv https://$host/api/webhook -o /dev/null"
curl -sv --max-time 10 --resolve "$host:443:127.0.0.1" --connect-to "$host:443:127.0.0.1:$port" \
  "https://$host/api/webhook" -o /dev/null 2>&1 | grep -E '^\* (SSL|TLS|ALPN|Server certificate|  subject|  issuer|  start|  expire)|^curl|certificate' || true
