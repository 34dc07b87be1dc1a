#!/usr/bin/env bash
# N worker members on loopback from the built app folder, for trying sweeps on one machine.
#
#   deploy/local-cluster.sh N        start N members (ports BASE … BASE+N−1; the first is the seed)
#   deploy/local-cluster.sh status   which members run
#   deploy/local-cluster.sh stop     SIGTERM each (it leaves the cluster cleanly), SIGKILL after 60 s
#
# Then: bin/stackelgrid sweep --cluster DIR/conf/coordinator.conf --seeds 6 --out results/sweep
# Environment: STACKELGRID_APP (default: the app folder this script sits in, else deploy/target/stackelgrid), STACKELGRID_CLUSTER_DIR
# (default ./local-cluster: conf/, logs/, pids/), STACKELGRID_BASE_PORT (default 25520).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# From the source tree (deploy/) the app is deploy/target/stackelgrid; from an app folder's deploy/ it is ..
if [ -z "${STACKELGRID_APP:-}" ] && [ -x "$here/../bin/stackelgrid" ]; then app="$(cd "$here/.." && pwd)"
else app="${STACKELGRID_APP:-$here/target/stackelgrid}"; fi
dir="${STACKELGRID_CLUSTER_DIR:-$PWD/local-cluster}"
base="${STACKELGRID_BASE_PORT:-25520}"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  local n="$1"
  [ -x "$app/bin/stackelgrid" ] || { echo "local-cluster.sh: no app folder at $app (mvn install first)" >&2; exit 2; }
  mkdir -p "$dir/conf" "$dir/logs" "$dir/pids"
  for pid in "$dir"/pids/*.pid; do
    if alive "$pid"; then echo "local-cluster.sh: already running ($pid); stop it first" >&2; exit 2; fi
  done
  rm -f "$dir"/pids/*.pid
  # Loopback only: these members are unreachable from other hosts, so plain TCP is acceptable.
  cat > "$dir/conf/coordinator.conf" <<CONF
stackelgrid.node { host = "127.0.0.1", port = 0, roles = [coordinator], seed-nodes = ["127.0.0.1:$base"] }
CONF
  for i in $(seq 1 "$n"); do
    local port=$((base + i - 1))
    cat > "$dir/conf/node-$i.conf" <<CONF
stackelgrid.node { host = "127.0.0.1", port = $port, roles = [worker], seed-nodes = ["127.0.0.1:$base"] }
CONF
    nohup "$app/bin/stackelgrid" node --config "$dir/conf/node-$i.conf" > "$dir/logs/node-$i.log" 2>&1 &
    echo $! > "$dir/pids/node-$i.pid"
    echo "local-cluster.sh: node $i on 127.0.0.1:$port (pid $!, log $dir/logs/node-$i.log)"
  done
  echo "local-cluster.sh: sweep with: $app/bin/stackelgrid sweep --cluster $dir/conf/coordinator.conf --seeds N"
}

stop() {
  local any=0
  for pid in "$dir"/pids/*.pid; do
    [ -f "$pid" ] || continue
    any=1
    if alive "$pid"; then kill -TERM "$(cat "$pid")"; fi
  done
  [ "$any" = 1 ] || { echo "local-cluster.sh: nothing running in $dir"; return 0; }
  # Coordinated shutdown: each member leaves the cluster, then its JVM exits.
  for pid in "$dir"/pids/*.pid; do
    [ -f "$pid" ] || continue
    for _ in $(seq 1 600); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
      echo "local-cluster.sh: $(basename "$pid" .pid) did not stop in 60 s: SIGKILL" >&2
      kill -KILL "$(cat "$pid")" 2>/dev/null || true
    fi
    rm -f "$pid"
  done
  echo "local-cluster.sh: stopped (logs kept in $dir/logs)"
}

status() {
  echo "local-cluster.sh: app $app, members in $dir"
  for pid in "$dir"/pids/*.pid; do
    [ -f "$pid" ] || continue
    if alive "$pid"; then echo "$(basename "$pid" .pid): running (pid $(cat "$pid"))"
    else echo "$(basename "$pid" .pid): not running"; fi
  done
}

case "${1:-}" in
  stop) stop ;;
  status) status ;;
  ''|-h|--help) sed -n '2,11p' "$0" ;;
  *[!0-9]*) echo "local-cluster.sh: expected N, stop or status, got $1" >&2; exit 2 ;;
  *) [ "$1" -ge 1 ] || { echo "local-cluster.sh: N must be at least 1" >&2; exit 2; }; start "$1" ;;
esac
