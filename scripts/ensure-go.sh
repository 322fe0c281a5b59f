# Source this file: Go, for toy-redis's Go starter (`pnpm lab toy-redis --starter go`) and its self-test,
# which builds that starter. Debian's golang-go (Go 1.19 on bookworm) is enough: the starter uses only
# the standard library and downloads no module.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if command -v go >/dev/null; then
  note "$(go version)"
elif is_debian_like && can_be_root; then
  step "installing Go (golang-go) from the distribution's packages"
  apt_install golang-go
  hash -r
  note "$(go version)"
else
  note "go: not found; the Go starter of toy-redis and its self-test need Go 1.19 or newer (https://go.dev/dl/)"
fi
