# Make the Postgres, Redis and RabbitMQ images the harness needs available.
# Where the official images (pinned in harness/config/images.ts) can be pulled, they are used as they are;
# where no registry is reachable, stand-ins are built from Debian's packages (.ci/images) and exported as
# BCH_POSTGRES_IMAGE / BCH_REDIS_IMAGE / BCH_RABBITMQ_IMAGE. Sourced by .ci/run; idempotent: a stand-in
# is tagged with the hash of its folder, so it is rebuilt only when its files change.
BCH_IMAGES_DIR="$(pwd)/.ci/images"

# The official image for a service, read from the one place it is pinned.
official_image() {
  sed -n "s/^ *$1: '\([^']*\)'.*/\1/p" harness/config/images.ts
}

# Builds the local Debian base image (debootstrap) once.
ensure_base_image() {
  local tag=bch-local/debian:bookworm
  docker image inspect "$tag" >/dev/null 2>&1 && return
  command -v debootstrap >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local mirror root
  mirror=$(grep -rhE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)
  root=$(mktemp -d)
  echo "ci: building $tag with debootstrap from ${mirror:-the default mirror}"
  debootstrap --variant=minbase bookworm "$root" ${mirror:+"$mirror"} >/tmp/bch-debootstrap.log 2>&1 \
    || { tail -20 /tmp/bch-debootstrap.log >&2; exit 1; }
  tar -C "$root" -c . | docker import - "$tag" >/dev/null
  rm -rf "$root"
}

# Uses the official image of one service when it can be had, else builds and exports its stand-in.
ensure_service_image() {
  local name=$1 var=$2 official hash tag
  official=$(official_image "$name")
  if docker image inspect "$official" >/dev/null 2>&1 || timeout 60 docker pull -q "$official" >/dev/null 2>&1; then
    echo "ci: using official image $official"
    return
  fi
  hash=$(cd "$BCH_IMAGES_DIR/$name" && cat $(ls | sort) | sha256sum | cut -c1-12)
  tag="bch-local/$name:$hash"
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    ensure_base_image
    echo "ci: building stand-in image $tag"
    docker build -q -t "$tag" "$BCH_IMAGES_DIR/$name" >/tmp/bch-build-$name.log 2>&1 \
      || { tail -30 /tmp/bch-build-$name.log >&2; exit 1; }
  fi
  export "$var=$tag"
  echo "ci: $official cannot be pulled here; using stand-in $tag"
}

ensure_images() {
  ensure_service_image postgres BCH_POSTGRES_IMAGE
  ensure_service_image redis BCH_REDIS_IMAGE
  ensure_service_image rabbitmq BCH_RABBITMQ_IMAGE
}
