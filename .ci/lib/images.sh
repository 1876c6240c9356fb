# Make the images of every service of the registry (harness/services/service-registry.ts) available.
# Where the official images (pinned in each service's definition) can be pulled, they are used as they are;
# where no registry is reachable, stand-ins are built from Debian's packages (harness/services/<name>/stand-in) and
# exported as BCH_<NAME>_IMAGE (BCH_POSTGRES_IMAGE …) and recorded in bch's cache folder (images.json), where
# the containers provider finds them without exports. Sourced by scripts/setup.sh; idempotent: a stand-in is tagged
# with the hash of its folder's files, so it is rebuilt only when they change.
BCH_SERVICES_DIR="$(pwd)/harness/services"

# "<service> <official image>" per line, from the registry (needs Node.js >= 22.22 on PATH; no packages: runs before npm ci).
service_images() {
  node harness/services/list-service-images.ts
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
  local name=$1 official=$2 var hash tag context="$BCH_SERVICES_DIR/$1/stand-in"
  var="BCH_$(echo "$name" | tr '[:lower:]' '[:upper:]')_IMAGE"
  if docker image inspect "$official" >/dev/null 2>&1 || timeout 60 docker pull -q "$official" >/dev/null 2>&1; then
    echo "ci: using official image $official"
    return
  fi
  hash=$(cd "$context" && cat $(ls | sort) | sha256sum | cut -c1-12)
  tag="bch-local/$name:$hash"
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    ensure_base_image
    echo "ci: building stand-in image $tag"
    docker build -q -t "$tag" "$context" >/tmp/bch-build-$name.log 2>&1 \
      || { tail -30 /tmp/bch-build-$name.log >&2; exit 1; }
  fi
  export "$var=$tag"
  BCH_STAND_INS+=("\"$name\": \"$tag\"")
  echo "ci: $official cannot be pulled here; using stand-in $tag"
}

# Writes the stand-ins used into <cache dir>/images.json (an empty map when the official images are there).
write_image_map() {
  local dir="${BCH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bch}" body
  mkdir -p "$dir"
  body=$(IFS=,; echo "${BCH_STAND_INS[*]:-}")
  echo "{${body}}" >"$dir/images.json.tmp" && mv "$dir/images.json.tmp" "$dir/images.json"
  echo "ci: image map written to $dir/images.json"
}

ensure_images() {
  local listed
  BCH_STAND_INS=()
  listed=$(service_images) || { echo "ci: could not list the services' images (node harness/services/list-service-images.ts)" >&2; exit 1; }
  set -- $listed
  while [ $# -ge 2 ]; do
    ensure_service_image "$1" "$2"
    shift 2
  done
  write_image_map
}
