#!/bin/sh
# The lab starts your server with this script, from your workspace:
#
#   ./your_program.sh --port <port> --dir <data directory>
#
# (the lab's `pnpm lab toy-redis` runs it and restarts it when you save a file; `pnpm lab check
# toy-redis` runs it once per stage, on its own port, with a new empty directory).
#
# It builds your Go program, then runs it. `go build` recompiles only what changed since the last
# build, so a restart takes a second or two; a stage gives your server 15 s to start listening. The
# program is built outside this folder, so building it does not count as an edit that restarts it.
#
# Keep `exec`: it replaces this shell with your server, so the signals the lab sends to stop it
# (SIGTERM, Ctrl-C) reach your server directly.
set -e
cd "$(dirname "$0")"
if ! command -v go >/dev/null 2>&1; then
  echo "your_program.sh: Go is not installed (Debian/Ubuntu: apt-get install golang-go; elsewhere: https://go.dev/dl/)" >&2
  exit 127
fi
build_dir="${XDG_CACHE_HOME:-$HOME/.cache}/storylabs/toy-redis-go/$(pwd | cksum | cut -d ' ' -f 1)"
mkdir -p "$build_dir"
# Built under a name of its own, then renamed: a server still running from the last build keeps its file.
go build -o "$build_dir/server.$$" .
mv -f "$build_dir/server.$$" "$build_dir/server"
exec "$build_dir/server" "$@"
