#!/bin/bash
# Like the official image: `redis-server` plus arguments, reachable from outside the container.
set -euo pipefail
if [ "${1:0:1}" = '-' ]; then set -- redis-server "$@"; fi
if [ "$1" != redis-server ]; then exec "$@"; fi
shift
conf=()
if [ $# -gt 0 ] && [ "${1:0:1}" != '-' ]; then conf=("$1"); shift; fi
exec redis-server "${conf[@]}" --bind '* -::*' --protected-mode no --dir /tmp "$@"
