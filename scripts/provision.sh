#!/usr/bin/env bash
# Provisions a machine for Storylabs: Node 24 + pnpm, a Docker engine, the offline-capable base image,
# and chromium. Idempotent and quick when everything is present. Run it directly, or source it to keep
# the PATH it sets (CI does).
#
#   bash scripts/provision.sh            everything
#   bash scripts/provision.sh node docker base-image chromium lab-tools   only the named parts
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(node docker base-image chromium lab-tools)
for part in "${parts[@]}"; do
  case "$part" in
    node) . "$here/ensure-node.sh" ;;
    docker) . "$here/ensure-docker.sh" ;;
    base-image) . "$here/ensure-base-image.sh" ;;
    chromium) . "$here/ensure-chromium.sh" ;;
    lab-tools) . "$here/ensure-lab-tools.sh" ;;
    *) echo "provision: unknown part '$part' (parts: node docker base-image chromium lab-tools)" >&2; exit 2 ;;
  esac
done
