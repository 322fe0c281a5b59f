# Source this file: Debian's chromium for the site's browser tests (Playwright drives it; no browser download).
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STORYLABS_CHROMIUM="${STORYLABS_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$STORYLABS_CHROMIUM" ]; then
  note "$("$STORYLABS_CHROMIUM" --version 2>/dev/null)"
elif is_debian_like && [ "$(. /etc/os-release && echo "$ID")" = debian ] && can_be_root; then
  step "installing chromium from Debian's packages"
  apt_install chromium
  note "$("$STORYLABS_CHROMIUM" --version 2>/dev/null)"
else
  # Ubuntu's chromium is a snap, other systems have their own: the labs do not need it, only `pnpm test`.
  note "chromium: not found at $STORYLABS_CHROMIUM; the site's browser tests need one (set STORYLABS_CHROMIUM)"
fi
