#!/bin/sh
# Start of an API replica: put the default configuration in place the first time (the file lives on a
# volume every replica shares), make sure the shared file system holds the videos, then run the server.
set -eu
mkdir -p /etc/video-api /mnt/efs
if [ ! -f /etc/video-api/config.json ]; then
  cp /app/config.default.json /etc/video-api/config.json.tmp.$$
  mv -n /etc/video-api/config.json.tmp.$$ /etc/video-api/config.json 2>/dev/null || true
  rm -f /etc/video-api/config.json.tmp.$$
fi
flock /mnt/efs/.seed.lock node /app/seed-efs.mjs
exec node /app/server.mjs
