#!/bin/sh
# The reference solution plugs in like any learner's program: the lab runs
#   ./your_program.sh --port <port> --dir <dir>
# from this directory. Node 24 runs the TypeScript directly.
exec node "$(dirname "$0")/main.ts" "$@"
