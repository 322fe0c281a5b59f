#!/usr/bin/env bash
# Provisions a Debian/Ubuntu machine for Storylabs: Node 24 and the pinned pnpm (linked into
# /usr/local/bin, so every shell finds them), a Docker engine, the offline-capable base image, the
# DejaVu fonts and chromium for the site's tests, the tools the labs' briefings suggest, and Go (for
# toy-redis's Go starter and its self-test).
# Idempotent and quick when everything is present. Runs as root, or as a user with sudo (used only for
# what needs root). `./lab` runs it by itself when something is missing.
#
#   bash scripts/provision.sh            everything
#   bash scripts/provision.sh node docker compose base-image fonts chromium lab-tools go   only the named parts
#
# Sourcing it (`. scripts/provision.sh`) also works: it runs in a child shell, then puts the tools'
# directory on the caller's PATH. It never leaves `set -e` or an `exit` behind in the caller's shell.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: do the work in a child bash, keep only the PATH.
  bash "${BASH_SOURCE[0]}" "$@"
  __storylabs_status=$?
  __storylabs_bin="$(bash -c '. "$1/lib.sh" >/dev/null 2>&1; echo "$STORYLABS_BIN"' _ "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)")"
  case ":$PATH:" in
    *":$__storylabs_bin:"*) ;;
    *) export PATH="$__storylabs_bin:$PATH" ;;
  esac
  hash -r
  eval "unset __storylabs_bin __storylabs_status; return $__storylabs_status"
fi

set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(node docker compose base-image fonts chromium lab-tools go)
for part in "${parts[@]}"; do
  case "$part" in
    node) . "$here/ensure-node.sh" ;;
    docker) . "$here/ensure-docker.sh" ;;
    compose) . "$here/ensure-compose.sh" ;;
    base-image) . "$here/ensure-base-image.sh" ;;
    fonts) . "$here/ensure-fonts.sh" ;;
    chromium) . "$here/ensure-chromium.sh" ;;
    lab-tools) . "$here/ensure-lab-tools.sh" ;;
    go) . "$here/ensure-go.sh" ;;
    *) echo "provision: unknown part '$part' (parts: node docker compose base-image fonts chromium lab-tools go)" >&2; exit 2 ;;
  esac
done
