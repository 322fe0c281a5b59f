# Source this file: the fonts the site's browser tests assume. Debian's DejaVu, explicitly: a fresh
# machine has only these, and CI renders with them; the tests keep chromium to them on any machine
# (packages/chromium/fonts.conf), so a developer's machine with more fonts renders alike.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if is_debian_like; then
  if ! apt_has_package fonts-dejavu-core || ! apt_has_package fontconfig; then
    can_be_root || die "the DejaVu fonts are missing, and installing them needs root (no sudo here)" \
      "as root: apt-get install fonts-dejavu-core fontconfig"
    step "installing the DejaVu fonts (fonts-dejavu-core, fontconfig) from the distribution's packages"
    apt_install fonts-dejavu-core fontconfig
  fi
  note "fonts: $(fc-list : family 2>/dev/null | grep -c DejaVu) DejaVu families"
else
  note "fonts: not a Debian/Ubuntu machine; the site's screenshot tests assume DejaVu Sans (install it to match CI)"
fi
