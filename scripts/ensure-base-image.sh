# Source this file: makes sure the base image every lab builds FROM is present locally.
# With a registry it is pulled; without one (CI here, a workshop venue) it is built with debootstrap.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  note "base image $BASE_IMAGE is present"
else
  pulled=""
  if [ "${STORYLABS_OFFLINE:-}" != 1 ]; then
    step "pulling $BASE_IMAGE (60 s limit; set STORYLABS_OFFLINE=1 to skip)"
    if bounded 60 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then pulled=1; else note "no registry answered"; fi
  fi
  if [ -z "$pulled" ]; then
    step "building $BASE_IMAGE with debootstrap from $DEBIAN_MIRROR (about a minute)"
    command -v debootstrap >/dev/null || apt_install debootstrap
    need_root_for "debootstrap" "sudo debootstrap --variant=minbase bookworm ROOTFS $DEBIAN_MIRROR"
    rootfs="$(mktemp -d /tmp/storylabs-rootfs.XXXXXX)"
    trap 'as_root rm -rf "$rootfs"' EXIT
    as_root timeout --foreground 600 debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$rootfs.log" 2>&1 ||
      die "debootstrap failed or timed out" "is $DEBIAN_MIRROR reachable? log: $rootfs.log"
    # Match the official slim image: no apt caches, no docs.
    as_root sh -c 'rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' sh "$rootfs"
    as_root tar -C "$rootfs" -c . | docker import \
      --change 'CMD ["bash"]' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      - "$BASE_IMAGE" >/dev/null || die "docker import of the base image failed"
    as_root rm -rf "$rootfs" "$rootfs.log"
    trap - EXIT
    note "built $BASE_IMAGE locally"
  fi
fi
