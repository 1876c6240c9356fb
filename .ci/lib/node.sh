# Put a Node.js >= 22.22 first on PATH, installing one from the npm registry when the system's is older.
# Sourced by scripts/setup.sh and .ci/run; idempotent: a node already installed in $BCH_TOOLS_DIR is reused.
bch_node_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=22)?0:1)' 2>/dev/null
}
ensure_node() {
  local dir="$BCH_TOOLS_DIR/node"
  if bch_node_ok; then echo "ci: node $(node --version) is recent enough"; return; fi
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    echo "ci: installing Node.js 24 from the npm registry into $dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error node@24 >/dev/null
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  bch_node_ok || { echo "ci: could not get Node.js >= 22.22 (have $(node --version))" >&2; exit 1; }
  echo "ci: using node $(node --version) from $dir"
}

# Makes the installed Node.js the `node` of new shells: a symlink in /usr/local/bin (before /usr/bin on PATH), made
# only where none exists or where it is already ours; a `node` someone else put there is left alone.
link_node() {
  local dir="$BCH_TOOLS_DIR/node/node_modules/.bin" link=/usr/local/bin/node
  [ -x "$dir/node" ] || return 0
  if [ -e "$link" ] && [ "$(readlink -f "$link")" != "$(readlink -f "$dir/node")" ]; then
    echo "ci: $link exists and is not ours; new shells get $("$link" --version 2>/dev/null || echo it)"
    return 0
  fi
  if [ -w "$(dirname "$link")" ]; then
    ln -sfn "$(readlink -f "$dir/node")" "$link"
    echo "ci: new shells get node $("$link" --version) from $link"
  else
    echo "ci: cannot write $(dirname "$link"); add this to your shell profile: export PATH=\"$dir:\$PATH\""
  fi
}
