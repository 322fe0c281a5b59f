# Source this file: a Compose implementation, for `pnpm lab compose` files and the test that starts one
# (packages/cli/test/compose.docker.test.ts). Compose v2 (`docker compose`) is used when present;
# otherwise Debian's docker-compose 1.29 (python) is installed, which reads the exported files too.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if bounded 15 docker compose version >/dev/null 2>&1; then
  note "$(docker compose version 2>/dev/null | head -n1)"
elif command -v docker-compose >/dev/null; then
  note "$(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"
elif is_debian_like && can_be_root; then
  step "installing docker-compose from the distribution's packages (for Compose exports of the labs)"
  apt_install docker-compose
  note "$(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"
else
  note "no Compose found: \`pnpm lab compose\` files need Docker Compose (docker compose) to start"
fi
