# Make sure bubblewrap (bwrap), which the grading sandbox runs candidate processes in, is installed and works.
# Sourced by scripts/setup.sh; idempotent.
ensure_bubblewrap() {
  if ! command -v bwrap >/dev/null 2>&1; then
    echo "ci: installing bubblewrap from Debian"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null
  fi
  bwrap --ro-bind / / true || { echo "ci: bwrap is installed but cannot make a sandbox here" >&2; exit 1; }
  echo "ci: $(bwrap --version) makes a sandbox"
}
