# Start a long-running daemon fully detached: its own session, stdin from /dev/null, output to a log, and none of
# the caller's other file descriptors (a dockerd that inherited a caller's lock file held that lock as long as it ran).
# Usage: start_detached LOG COMMAND [ARGS…]; prints the daemon's pid.
start_detached() {
  local log=$1; shift
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid "$@" </dev/null >>"$log" 2>&1
  ) &
  echo $!
}
