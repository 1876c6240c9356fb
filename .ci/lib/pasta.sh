# Make sure pasta (Debian's passt), which forwards the grade's ports into the sandbox's network namespace, is installed.
# Sourced by scripts/setup.sh; idempotent.
ensure_pasta() {
  if ! command -v pasta >/dev/null 2>&1; then
    echo "ci: installing passt (pasta) from Debian"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq passt >/dev/null
  fi
  bwrap --ro-bind / / --unshare-net true || { echo "ci: bwrap cannot make a network namespace here" >&2; exit 1; }
  echo "ci: pasta is installed, and bwrap makes a network namespace"
}
