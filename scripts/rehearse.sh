#!/usr/bin/env bash
# A rehearsal of README.md on this machine, to run before you stop: a fresh clone of your last commit,
# and each README step in its own clean login shell (`env -i HOME=<empty dir> TERM=dumb bash -l`: no
# PATH, tool cache, pnpm store or state of yours), timed. A missing install step or a PATH assumption
# fails here before it fails in CI or for a newcomer.
#
#   bash scripts/rehearse.sh               the README's steps, including `pnpm test` (the long one)
#   bash scripts/rehearse.sh --skip-test   without `pnpm test`
#   bash scripts/rehearse.sh --keep        keep the clone (otherwise only the logs are kept)
#
# It provisions for real (as README's first command does: Node and pnpm into /usr/local, apt packages),
# and starts and stops the README's lab. It never stops dockerd and never removes images, containers or
# networks but its own lab's; when the default instance of toy-redis is already running on this Docker
# engine (another clone's), it skips the lab steps instead of touching it.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lab=toy-redis
run_test=1
keep=""
for arg in "$@"; do
  case "$arg" in
    --skip-test) run_test="" ;;
    --keep) keep=1 ;;
    -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "rehearse: unknown argument '$arg' (--skip-test, --keep)" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/storylabs-rehearsal.XXXXXX)"
home="$work/home"
clone="$work/storylabs"
logs="$work/logs"
mkdir -p "$home" "$logs"
summary=()
failed=0

now() { date +%s%N; }
# Seconds since a now() reading, with one decimal.
elapsed() { local tenths=$((($(now) - $1) / 100000000)); printf '%d.%d' $((tenths / 10)) $((tenths % 10)); }

# In a clean login shell: an empty HOME, no inherited environment, the repository as working directory.
clean_shell() { env -i HOME="$home" TERM=dumb bash -l -c "cd '$clone' && $1"; }

# step NAME EXPECTED_EXIT COMMAND: runs COMMAND in a clean login shell, logs it, times it.
step() {
  local name="$1" expected="$2" command="$3" log started status seconds verdict
  log="$logs/$(printf '%02d' $((${#summary[@]} + 1)))-${name// /-}.log"
  printf '\n\033[1m== %s\033[0m\n   $ %s\n' "$name" "$command"
  started=$(now)
  clean_shell "$command" >"$log" 2>&1
  status=$?
  seconds=$(elapsed "$started")
  if [ "$status" = "$expected" ]; then verdict=ok; else verdict="FAILED (exit $status, expected $expected)"; failed=1; fi
  tail -n 8 "$log" | sed 's/^/   | /'
  printf '   %s in %s s (log: %s)\n' "$verdict" "$seconds" "$log"
  summary+=("$(printf '%-58s %8s s  %s' "$name" "$seconds" "$verdict")")
}

echo "== what this machine has before the rehearsal (seen from a clean login shell)"
{
  env -i HOME="$home" TERM=dumb bash -l -c '
    for tool in node pnpm docker dockerd redis-cli nc chromium fc-list; do
      path="$(command -v "$tool" 2>/dev/null)"
      case "$tool" in
        node | pnpm) version="$("$tool" --version 2>/dev/null | head -n1)" ;;
        *) version="" ;;
      esac
      printf "   %-10s %s %s\n" "$tool" "${path:-(none)}" "$version"
    done'
  printf '   %-10s %s\n' "engine" "$(timeout 15 docker version --format 'Docker {{.Server.Version}} running' 2>/dev/null || echo 'not running')"
  printf '   %-10s %s\n' "base image" "$(docker image inspect -f '{{.Id}}' debian:bookworm-slim >/dev/null 2>&1 && echo 'debian:bookworm-slim present' || echo 'debian:bookworm-slim absent')"
  printf '   %-10s %s\n' "DejaVu" "$(dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'ok installed' && echo 'fonts-dejavu-core installed' || echo 'fonts-dejavu-core absent')"
  printf '   %-10s %s\n' "tools dir" "$(ls -d /usr/local/lib/storylabs/* 2>/dev/null | tr '\n' ' ' || true)"
} | tee "$logs/00-machine-before.txt"

echo "== a fresh clone of $(git -C "$repo" rev-parse --short HEAD) ($(git -C "$repo" log -1 --format=%s | cut -c1-70))"
[ -z "$(git -C "$repo" status --porcelain)" ] || echo "   note: uncommitted changes in $repo are not part of the rehearsal"
git clone --quiet --no-hardlinks "$repo" "$clone" && git -C "$clone" checkout --quiet --detach "$(git -C "$repo" rev-parse HEAD)" ||
  { echo "rehearse: could not clone $repo" >&2; exit 2; }
rehearsal_started=$(date +%s)

# --- README: the first command, which sets the machine up and starts the lab (foreground, Ctrl-C stops it)
others="$(docker ps -aq --filter "label=dev.storylabs.lab=$lab" --filter "label=dev.storylabs.instance=default" 2>/dev/null | wc -l)"
if [ "$others" != 0 ]; then
  echo "== skipping the lab steps: $others container(s) of the default '$lab' instance of another clone run on this Docker engine (not touching them)"
  summary+=("$(printf '%-58s %8s    %s' "./lab $lab" "-" "SKIPPED (another $lab is running)")")
  # Still set the machine up the way the first command would.
  step "bash scripts/provision.sh" 0 "bash scripts/provision.sh"
  step "pnpm install" 0 "pnpm install --frozen-lockfile"
else
  name="./lab $lab (set-up, install, start; until ready)"
  log="$logs/01-first-command.log"
  printf '\n\033[1m== %s\033[0m\n   $ ./lab %s\n' "$name" "$lab"
  started=$(now)
  # Its own session, like a terminal: Ctrl-C (SIGINT to the process group) is how a learner stops it.
  # Each line of its output gets the seconds since the start, so the set-up's parts are timed too.
  setsid env -i HOME="$home" TERM=dumb bash -l -c "cd '$clone' && exec ./lab $lab" \
    > >(while IFS= read -r line; do printf '[%6s s] %s\n' "$(elapsed "$started")" "$line"; done >"$log") 2>&1 </dev/null &
  first=$!
  ready=""
  for _ in $(seq 1 1800); do
    if grep -q 'runs until you press Ctrl-C' "$log"; then ready=1; break; fi
    kill -0 "$first" 2>/dev/null || break
    sleep 1
  done
  seconds=$(elapsed "$started")
  grep -E '^\[ *[0-9.]+ s\] (.*==>|    )' "$log" | sed 's/^/   | /'
  if [ -n "$ready" ]; then
    verdict=ok
  else
    verdict="FAILED (not ready)"
    failed=1
    tail -n 15 "$log" | sed 's/^/   | /'
  fi
  printf '   %s in %s s (log: %s)\n' "$verdict" "$seconds" "$log"
  summary+=("$(printf '%-58s %8s s  %s' "$name" "$seconds" "$verdict")")

  if [ -n "$ready" ]; then
    # --- README: "Inside a lab", from a second terminal
    step "pnpm lab status (second terminal)" 0 "pnpm lab status"
    step "pnpm lab check $lab (the starter fails stage 1: exit 1)" 1 "pnpm lab check $lab"
    step "pnpm lab check $lab --json is valid JSON (exit 1)" 1 \
      "pnpm lab check $lab --json >'$logs/check.json'; s=\$?; node -e 'JSON.parse(require(\"fs\").readFileSync(process.argv[1], \"utf8\"))' '$logs/check.json' || exit 99; exit \$s"
    step "pnpm lab hint $lab" 0 "pnpm lab hint $lab"
    step "nc is there (the briefing suggests it)" 0 "command -v nc && command -v redis-cli"
  fi

  # --- Ctrl-C in the first terminal: the lab stops and removes everything
  printf '\n\033[1m== Ctrl-C in the first terminal\033[0m\n'
  started=$(now)
  kill -INT -- "-$first" 2>/dev/null
  for _ in $(seq 1 120); do kill -0 "$first" 2>/dev/null || break; sleep 1; done
  if kill -0 "$first" 2>/dev/null; then
    verdict="FAILED (still running 120 s after Ctrl-C)"
    failed=1
    kill -TERM -- "-$first" 2>/dev/null
  else
    wait "$first"
    code=$?
    left="$(docker ps -aq --filter "label=dev.storylabs.lab=$lab" --filter "label=dev.storylabs.instance=default" 2>/dev/null | wc -l)"
    if [ "$left" != 0 ]; then verdict="FAILED ($left container(s) left; exit $code)"; failed=1; else verdict="ok (exit $code, nothing left)"; fi
  fi
  seconds=$(elapsed "$started")
  tail -n 4 "$log" | sed 's/^/   | /'
  printf '   %s in %s s\n' "$verdict" "$seconds"
  summary+=("$(printf '%-58s %8s s  %s' "Ctrl-C (stop, remove everything)" "$seconds" "$verdict")")
fi

step "a new login shell has node 24 and the pinned pnpm" 0 \
  "node --version && pnpm --version && node -e 'process.exit(Number(process.versions.node.split(\".\")[0]) >= 22 ? 0 : 1)'"

# --- README: the test command
if [ -n "$run_test" ]; then
  step "pnpm test" 0 "pnpm test"
fi

if grep -rl 'Update available' "$logs" >/dev/null 2>&1; then
  summary+=("FAILED: pnpm printed an 'Update available' banner: $(grep -rl 'Update available' "$logs" | tr '\n' ' ')")
  failed=1
fi

printf '\n== rehearsal of README.md at %s, %s s in all\n' "$(git -C "$clone" rev-parse --short HEAD)" "$(($(date +%s) - rehearsal_started))"
printf '%s\n' "${summary[@]}" | tee "$logs/summary.txt"
if [ -n "$keep" ]; then
  echo "clone kept: $clone"
else
  rm -rf "$clone" "$home"
fi
echo "logs: $logs"
exit "$failed"
