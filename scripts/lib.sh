# Shared helpers for the provisioning scripts. Source it; do not run it.
# Every step is idempotent: it checks first and only acts when something is missing.

# CI may run with a bare environment: take HOME from the user database when it is unset.
: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
NODE_VERSION="24.21.0"        # node-linux-<arch> on the npm registry carries the official binary
NODE_MIN="22.22.0"            # engines.node; older Node cannot run vitest 5 / testcontainers 12
BASE_IMAGE="debian:bookworm-slim"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
STORYLABS_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$STORYLABS_REPO/package.json")"

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

is_root() { [ "$(id -u)" = 0 ]; }
can_sudo() { command -v sudo >/dev/null; }
can_be_root() { is_root || can_sudo; }
# A Debian or Ubuntu machine: what apt-get can provision.
is_debian_like() { [ "$(uname -s)" = Linux ] && [ -r /etc/debian_version ] && command -v apt-get >/dev/null; }

# Runs a command as root: directly when root, through sudo otherwise (and only then).
as_root() {
  if is_root; then
    "$@"
  elif can_sudo; then
    sudo "$@"
  else
    die "'$*' needs root, and there is no sudo" "run this script as root, or install what it names yourself"
  fi
}

need_root_for() {
  is_root || can_sudo || die "$1 needs root, and there is no sudo" "run it as root, or do it yourself: $2"
}

# Where Node and pnpm go, and where their commands are linked: system-wide (/usr/local, on every user's
# PATH, also in shells that are already open) when root or sudo is available, else under $HOME/.local.
if [ -n "${STORYLABS_PREFIX:-}" ]; then
  :
elif is_root || can_sudo; then
  STORYLABS_PREFIX=/usr/local
else
  STORYLABS_PREFIX="$HOME/.local"
fi
STORYLABS_TOOLS="${STORYLABS_TOOLS:-$STORYLABS_PREFIX/lib/storylabs}"
STORYLABS_BIN="${STORYLABS_BIN:-$STORYLABS_PREFIX/bin}"
# Runs a command as root when the prefix is a system one, as the user otherwise.
as_prefix_owner() {
  case "$STORYLABS_PREFIX" in
    "$HOME"/*) "$@" ;;
    *) as_root "$@" ;;
  esac
}

apt_install() {
  need_root_for "installing $*" "apt-get install $*"
  if [ -z "${STORYLABS_APT_UPDATED:-}" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive timeout --foreground 300 apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null ||
      die "apt-get update failed or timed out" "is Debian's package mirror reachable?"
    STORYLABS_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive timeout --foreground 900 \
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null ||
    die "apt-get install $* failed or timed out" "is the package mirror reachable?"
}

# apt_has_package NAME: installed (dpkg knows it as installed)
apt_has_package() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
