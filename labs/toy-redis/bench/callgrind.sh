#!/bin/bash
# Instructions per request, which do not move with machine load (unlike requests per second):
#   bench/callgrind.sh toy|real [-P 1|16] [-n requests] [solution dir]
# runs the reference toy through its your_program.sh (or the host's redis-server with AOF, appendfsync
# everysec, no RDB) under valgrind --tool=callgrind on 127.0.0.1, warms it up with redis-benchmark,
# then for each of PING_MBULK, GET, SET and INCR, twice: zeroes the counters (callgrind_control -z),
# runs redis-benchmark -c 50, dumps them (callgrind_control -d) and prints the instructions per
# request, of the whole process and of its main thread (the toy's other threads are V8's compiler
# threads and, without --single-threaded-gc, its garbage collector helpers).
# User space only: the kernel's share (one read and one write per chunk on both sides) is not counted.
# Needs valgrind, redis-server, redis-benchmark and redis-cli on the PATH; takes a few minutes.
set -euo pipefail

side=${1:?usage: bench/callgrind.sh toy|real [-P 1|16] [-n requests] [solution dir]}
shift
pipeline=16
requests=50000
while getopts 'P:n:' option; do
  case $option in
  P) pipeline=$OPTARG ;;
  n) requests=$OPTARG ;;
  *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
solution=${1:-$(dirname "$0")/../solution}
case $side in toy | real) ;; *)
  echo "first argument: toy or real, not $side" >&2
  exit 2
  ;;
esac
for tool in valgrind callgrind_control redis-server redis-benchmark redis-cli; do
  command -v $tool >/dev/null || {
    echo "$tool is not on the PATH (Debian: apt-get install valgrind redis-server redis-tools)" >&2
    exit 2
  }
done

work=$(mktemp -d /tmp/toy-redis-callgrind.XXXXXX)
port=$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
if [ "$side" = toy ]; then
  # Started by its your_program.sh, with the Node options the lab runs it with: the script execs node
  # in the same process, which valgrind follows (--trace-children). --smc-check: V8 writes and
  # rewrites machine code at run time.
  valgrind --tool=callgrind --trace-children=yes --smc-check=all-non-file --separate-threads=yes \
    --callgrind-out-file="$work/callgrind.%p.out" \
    "$solution/your_program.sh" --port "$port" --dir "$work/data" >"$work/server.log" 2>&1 &
else
  valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p.out" \
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly yes --appendfsync everysec \
    --dir "$work" >"$work/server.log" 2>&1 &
fi
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT INT TERM

for _ in $(seq 1 600); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.5
done
bench() { redis-benchmark -h 127.0.0.1 -p "$port" -c 50 -P "$pipeline" "$@" >/dev/null 2>&1; }
echo "warming up $side (-P $pipeline)" >&2
bench -n $((2 * requests)) -t set,get,incr,ping_mbulk,ping_inline

totals() { cat "$@" | awk '/^totals:/ { sum += $2 } END { print sum + 0 }'; }
echo "| test | pipeline | instructions per request | main thread |"
echo "|---|---:|---:|---:|"
for test in ping_mbulk get set incr ping_mbulk get set incr; do
  callgrind_control -z $server >/dev/null 2>&1
  bench -n "$requests" -t $test
  rm -f "$work"/callgrind.$server.out.*
  callgrind_control -d $server >/dev/null 2>&1
  all=$(totals "$work"/callgrind.$server.out.*)
  if [ "$side" = toy ]; then main=$(totals "$work"/callgrind.$server.out.*-01); else main=$all; fi
  echo "| ${test^^} | $pipeline | $((all / requests)) | $((main / requests)) |"
done
