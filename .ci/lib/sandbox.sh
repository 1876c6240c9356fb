# Make the grading sandbox available: bubblewrap (bwrap) from Debian; nsenter, setpriv and setsid come with
# util-linux. Sourced by .ci/run; idempotent.
ensure_sandbox() {
  if command -v bwrap >/dev/null 2>&1; then echo "ci: bubblewrap $(bwrap --version | cut -d' ' -f2) is installed"; return; fi
  echo "ci: installing bubblewrap from Debian (the grading sandbox)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null
}
