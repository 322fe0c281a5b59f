# Source this file: host tools the labs' own tests and learners use (redis-cli and redis-benchmark
# for toy-redis; redis-server for its "real Redis passes every stage" self-test).
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v redis-cli >/dev/null || ! command -v redis-server >/dev/null; then
  step "installing redis-tools and redis-server from Debian's packages"
  # policy-rc.d: install the binaries without starting a system service.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt_install redis-tools redis-server
  rm -f /usr/sbin/policy-rc.d
fi
note "$(redis-cli --version)"
