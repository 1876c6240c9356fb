# Put a Node.js >= 22.22 first on PATH, installing one from the npm registry when the system's is older.
# Sourced by .ci/run; idempotent: a node already installed in $BCH_TOOLS_DIR is reused.
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
