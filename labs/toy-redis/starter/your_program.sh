#!/bin/sh
# The lab starts your server with this script, from your workspace:
#
#   ./your_program.sh --port <port> --dir <data directory>
#
# (the lab's `pnpm lab toy-redis` runs it and restarts it when you save a file; `pnpm lab check
# toy-redis` runs it once per stage, on its own port, with a new empty directory).
#
# Any language works: replace the last line with what starts your server and pass "$@" on, e.g.
#   exec go run ./cmd/server "$@"
#   exec python3 -u server.py "$@"
#   exec ./target/release/toy-redis "$@"   (build it before checking: a stage gives 15 s to start)
#
# Keep `exec`: it replaces this shell with your server, so the signals the lab sends to stop it
# (SIGTERM, Ctrl-C) reach your server directly.
set -e
cd "$(dirname "$0")"
exec node server.ts "$@"
