#!/usr/bin/env bash
# Machine set-up for bch on Debian (as root), idempotent: each step skips what is already there.
#   - Node.js >= 22.22 (from the npm registry when the system's is older), linked as /usr/local/bin/node for new shells;
#   - a Docker engine (Debian's docker.io; dockerd started detached when none answers);
#   - the service images: the official ones where they can be pulled, else local stand-ins, recorded in
#     ${BCH_CACHE_DIR:-~/.cache/bch}/images.json so that bch finds them with nothing exported;
#   - bubblewrap, which the grading sandbox uses, and pasta (Debian's passt), which forwards the grade's ports into its network.
# Then `npx bch doctor` says what is still missing. .ci/run calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."
export BCH_TOOLS_DIR="${BCH_TOOLS_DIR:-/opt/bch-tools}"

source .ci/lib/detach.sh
source .ci/lib/node.sh
source .ci/lib/docker.sh
source .ci/lib/images.sh
source .ci/lib/bubblewrap.sh
source .ci/lib/pasta.sh

started=$(date +%s)
ensure_node
link_node
ensure_docker
ensure_images
ensure_bubblewrap
ensure_pasta
echo "ci: machine set-up took $(( $(date +%s) - started )) s"
