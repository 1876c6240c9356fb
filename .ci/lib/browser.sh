# Make sure Debian's Chromium is installed for the browser tests (test/html-report.test.ts drives it with
# playwright-core; Playwright's own browser downloads are not reachable). Sourced by .ci/run; idempotent.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then echo "ci: chromium is installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"; return; fi
  echo "ci: installing chromium from Debian"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] || { echo "ci: chromium did not install (/usr/bin/chromium is missing)" >&2; exit 1; }
}
