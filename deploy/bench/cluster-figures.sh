#!/usr/bin/env bash
# The cluster's speed figures (README, Cluster): REPS repeats of each, one line per measurement.
#   1. formation: local-cluster.sh 3, seconds until the last member prints "node: Up";
#   2. sweep throughput: the same sweep over 1 worker pinned to core 0, then 2 workers pinned to
#      cores 0 and 1 (taskset), seeds per second from the sweep's own wall time;
#   3. run --cluster (2 workers) vs run: wall time, and the coordinator's wait beyond the learners'
#      training (summary.json actorMessagingOverhead) as a share of the seed's wall time.
# Usage: deploy/bench/cluster-figures.sh [REPS]   (app folder: STACKELGRID_APP or deploy/target/stackelgrid)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${STACKELGRID_APP:-$here/target/stackelgrid}"
reps="${1:-3}"
work="$(mktemp -d /tmp/stackelgrid-bench.XXXXXX)"
base=26520
seeds=6
days=6
sets=(--set learning.ppo.total-timesteps=192 --set learning.ppo.n-steps=96 --set learning.ppo.batch-size=48
  --set learning.follower.learn-every-step=false --set learning.inner-loop.max-iterations=2)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_up() { # wait_up LOG...: until every log has its Up line (120 s at most)
  for _ in $(seq 1 1200); do
    local all=1
    for l in "$@"; do grep -q "node: Up" "$l" 2>/dev/null || all=0; done
    [ "$all" = 1 ] && return 0
    sleep 0.1
  done
  echo "cluster-figures: members not Up after 120 s: $*" >&2; return 1
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$reps"); do
  d="$work/formation-$r"
  STACKELGRID_APP="$app" STACKELGRID_CLUSTER_DIR="$d" STACKELGRID_BASE_PORT=$base "$here/local-cluster.sh" 3 >/dev/null
  wait_up "$d"/logs/node-{1,2,3}.log
  up=$(grep -h "node: Up" "$d"/logs/*.log | awk '{print $3}' | sort -g | tail -1)
  echo "formation rep $r: last of 3 members Up after $up s (load $(cut -d' ' -f1 /proc/loadavg))"
  STACKELGRID_APP="$app" STACKELGRID_CLUSTER_DIR="$d" "$here/local-cluster.sh" stop >/dev/null
done

node_conf() { # node_conf FILE PORT ROLES
  echo "stackelgrid.node { host = \"127.0.0.1\", port = $2, roles = [$3], seed-nodes = [\"127.0.0.1:$base\"] }" > "$1"
}
for r in $(seq 1 "$reps"); do
  for workers in 1 2; do
    d="$work/sweep-$workers-$r"; mkdir -p "$d"
    pids=()
    for w in $(seq 1 "$workers"); do
      node_conf "$d/w$w.conf" $((base + w - 1)) worker
      taskset -c $((w - 1)) "$app/bin/stackelgrid" node --config "$d/w$w.conf" > "$d/w$w.log" 2>&1 &
      pids+=($!)
    done
    logs=(); for w in $(seq 1 "$workers"); do logs+=("$d/w$w.log"); done
    wait_up "${logs[@]}"
    node_conf "$d/c.conf" 0 coordinator
    "$app/bin/stackelgrid" sweep --cluster "$d/c.conf" --seeds $seeds --days $days "${sets[@]}" --out "$d/out" > "$d/sweep.log" 2>&1
    wall=$(grep -o "in [0-9.]* s, " "$d/sweep.log" | awk '{print $2}')
    outside=$(grep -o "[0-9]* % of worker time outside them" "$d/sweep.log" | awk '{print $1}')
    echo "sweep rep $r: $workers worker(s) pinned, $seeds seeds x $days days in $wall s = $(awk -v s=$seeds -v w="$wall" 'BEGIN{printf "%.3f", s/w}') seeds/s; $outside % of worker time outside seed runs (load $(cut -d' ' -f1 /proc/loadavg))"
    cleanup
  done
done

for r in $(seq 1 "$reps"); do
  d="$work/run-$r"; mkdir -p "$d"
  pids=()
  for w in 1 2; do
    node_conf "$d/w$w.conf" $((base + w - 1)) worker
    "$app/bin/stackelgrid" node --config "$d/w$w.conf" > "$d/w$w.log" 2>&1 &
    pids+=($!)
  done
  wait_up "$d/w1.log" "$d/w2.log"
  node_conf "$d/c.conf" 0 coordinator
  for mode in single cluster; do
    extra=(); [ $mode = cluster ] && extra=(--cluster "$d/c.conf")
    t0=$(date +%s.%N)
    "$app/bin/stackelgrid" run --seed 0 --days $days "${sets[@]}" --out "$d/$mode" "${extra[@]}" > "$d/$mode.log" 2>&1
    t1=$(date +%s.%N)
    total=$(grep -o '"total" *: *[0-9.]*' "$d/$mode/seed-0/summary.json" | grep -o '[0-9.]*$')
    msg=$(grep -o '"actorMessagingOverhead" *: *[0-9.]*' "$d/$mode/seed-0/summary.json" | grep -o '[0-9.]*$')
    echo "run rep $r $mode: process $(awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.1f", b-a}') s, seed $total s, learner messaging beyond training $msg s = $(awk -v m=$msg -v t=$total 'BEGIN{printf "%.1f", 100*m/t}') % (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  cmp -s "$d/single/seed-0/steps.csv" "$d/cluster/seed-0/steps.csv" && echo "run rep $r: steps.csv identical" || echo "run rep $r: steps.csv DIFFERS"
  cleanup
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); work folder $work"
