# Make sure a Docker engine answers: install Debian's docker.io and start dockerd when none does.
# Sourced by scripts/setup.sh (with detach.sh); idempotent.
ensure_docker() {
  if docker info >/dev/null 2>&1; then echo "ci: docker engine answers"; return; fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "ci: installing docker.io from Debian"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  fi
  echo "ci: starting dockerd (log: /var/log/bch-dockerd.log)"
  start_detached /var/log/bch-dockerd.log dockerd >/dev/null
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && { echo "ci: docker engine up"; return; }; sleep 1; done
  echo "ci: dockerd did not answer within 60 s; see /var/log/bch-dockerd.log" >&2
  tail -20 /var/log/bch-dockerd.log >&2
  exit 1
}
