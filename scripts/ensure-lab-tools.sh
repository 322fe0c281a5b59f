# Source this file: host tools the labs' briefings suggest and their own tests use: redis-cli and
# redis-benchmark (toy-redis; redis-server for its "real Redis passes every stage" self-test) and nc
# (netcat-openbsd) to talk to a server by hand.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! is_debian_like || ! can_be_root; then
  for tool in redis-cli redis-server nc; do
    command -v "$tool" >/dev/null || note "$tool: not found; the labs' briefings suggest it (install it with your package manager: redis-tools, netcat-openbsd)"
  done
else
  if ! command -v redis-cli >/dev/null || ! command -v redis-server >/dev/null || ! command -v nc >/dev/null; then
    step "installing redis-tools, redis-server and netcat-openbsd from the distribution's packages"
    # policy-rc.d: install the binaries without starting a system service.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
      apt_install redis-tools redis-server netcat-openbsd
      as_root rm -f /usr/sbin/policy-rc.d
    else
      apt_install redis-tools redis-server netcat-openbsd
    fi
  fi
  note "$(redis-cli --version), nc ($(command -v nc))"
fi
