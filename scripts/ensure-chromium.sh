# Source this file: Debian's chromium for the site's browser tests (Playwright drives it; no browser download).
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export STORYLABS_CHROMIUM="${STORYLABS_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$STORYLABS_CHROMIUM" ]; then
  step "installing chromium from Debian's packages"
  apt_install chromium fonts-dejavu-core
fi
note "$("$STORYLABS_CHROMIUM" --version 2>/dev/null)"
