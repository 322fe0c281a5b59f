# Source this file: makes sure a Docker engine answers, installing and starting one when needed.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

docker_answers() { bounded 15 docker info >/dev/null 2>&1; }
# The engine runs, but this (non-root) user may not talk to it.
docker_denied() {
  local out
  is_root && return 1
  out="$(bounded 15 docker info 2>&1 || true)"
  case "$out" in *"permission denied"*) return 0 ;; *) return 1 ;; esac
}

if docker_answers; then
  note "docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) is running"
else
  if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix:///var/run/docker.sock}" = "$DOCKER_HOST" ]; then
    die "DOCKER_HOST=$DOCKER_HOST does not answer" \
      "start that engine (Docker Desktop, Colima, Podman machine), or unset DOCKER_HOST to use a local dockerd"
  fi
  if docker_denied; then
    # The engine runs; this user may not use it. Debian's docker.io lets the docker group in.
    can_be_root || die "Docker runs, but $(id -un) may not use it" \
      "ask an administrator to add you to the docker group (usermod -aG docker $(id -un)), then log in again"
    as_root usermod -aG docker "$(id -un)"
    die "Docker runs, but $(id -un) may not use it yet: provisioning added $(id -un) to the docker group" \
      "log out and back in (or run \`newgrp docker\`), then run the same command again"
  fi
  if ! command -v docker >/dev/null || ! { command -v dockerd || [ -x /usr/sbin/dockerd ]; } >/dev/null; then
    is_debian_like ||
      die "no Docker engine found" "install Docker Desktop, Docker Engine, or Podman/Colima (then set DOCKER_HOST)"
    step "installing Docker Engine from the distribution's packages (docker.io, iptables)"
    apt_install docker.io iptables ca-certificates
  fi
  need_root_for "starting dockerd" "sudo systemctl start docker"
  log="${STORYLABS_DOCKERD_LOG:-/var/log/storylabs-dockerd.log}"
  step "starting dockerd in the background (log: $log)"
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    as_root systemctl start docker >/dev/null 2>&1 || true
  fi
  if ! docker_answers; then
    # setsid: the engine must outlive this script and not receive its Ctrl-C.
    as_root setsid sh -c 'exec nohup dockerd >>"$1" 2>&1 </dev/null' sh "$log" &
  fi
  for _ in $(seq 1 60); do
    docker_answers && break
    sleep 1
  done
  if ! docker_answers && docker_denied; then
    as_root usermod -aG docker "$(id -un)"
    die "Docker runs now, but $(id -un) may not use it yet: provisioning added $(id -un) to the docker group" \
      "log out and back in (or run \`newgrp docker\`), then run the same command again"
  fi
  docker_answers || die "dockerd did not answer within 60 s" "last lines of $log:" \
    "$(tail -n 5 "$log" 2>/dev/null | sed 's/^/  /')"
  note "docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) is running"
fi
