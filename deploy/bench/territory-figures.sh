#!/usr/bin/env bash
# One big world across the cluster (docs/PERFORMANCE.md, "A territory across members"): one seed of
# a scenario (default case118-territory) at its own budgets, the leader's rollouts in K copies, played
#   one-jvm-1core   run, the JVM pinned to core 0 (taskset)
#   one-jvm-2cores  run, both cores
#   one-member      run --cluster: one worker in a network namespace pinned to core 0
#   two-members     run --cluster: two workers in namespaces of their own, pinned to cores 0 and 1
#   two-killed      as two-members, the second worker SIGKILLed once the first period is done
# The run's own member (role coordinator: the world, the placer) has a namespace of its own on both
# cores. Prints per mode the process's wall time, the seed's wall-time parts (summary.json), every
# process's CPU seconds and the coordinator's share of them, and whether the files equal one-jvm-2cores'.
# Needs root and iproute2 (ip netns).
# Usage: deploy/bench/territory-figures.sh [DAYS] [K] [MODES...] (app folder: STACKELGRID_APP or
#   deploy/target/stackelgrid; scenario: SCENARIO; more --set options: SETS="k=v k=v")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${STACKELGRID_APP:-$here/target/stackelgrid}"
days="${1:-9}"
copies="${2:-4}"
shift $(( $# > 2 ? 2 : $# ))
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(one-jvm-2cores one-jvm-1core one-member two-members two-killed)
scenario="${SCENARIO:-case118-territory}"
sets=(--scenario "$scenario" --days "$days" --seed 0 --set "learning.leader.env-copies=$copies")
for s in ${SETS:-}; do sets+=(--set "$s"); done
work="$(mktemp -d /tmp/stackelgrid-territory.XXXXXX)"
ns="sgt$$"
subnet="10.231.78."
hz=$(getconf CLK_TCK)
pids=()

cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for n in sw h1 h2 h3; do ip netns del "$ns-$n" 2>/dev/null || true; done
}
trap cleanup EXIT

network() { # a bridge in $ns-sw; hosts h1..h3 on it by veth pairs, 10.231.78.1..3
  ip netns add "$ns-sw"
  ip netns exec "$ns-sw" ip link add br0 type bridge
  ip netns exec "$ns-sw" ip link set br0 up
  for i in 1 2 3; do
    ip netns add "$ns-h$i"
    ip link add "${ns}v$i" type veth peer name "${ns}b$i"
    ip link set "${ns}v$i" netns "$ns-h$i"
    ip link set "${ns}b$i" netns "$ns-sw"
    ip netns exec "$ns-sw" ip link set "${ns}b$i" master br0 up
    ip netns exec "$ns-h$i" ip addr add "$subnet$i/24" dev "${ns}v$i"
    ip netns exec "$ns-h$i" ip link set "${ns}v$i" up
    ip netns exec "$ns-h$i" ip link set lo up
  done
}

node_conf() { # node_conf FILE HOST ROLES
  echo "stackelgrid.node { host = \"$subnet$2\", port = 25520, roles = [$3], seed-nodes = [\"${subnet}1:25520\"] }" > "$1"
}

wait_up() { # wait_up LOG...
  for _ in $(seq 1 1200); do
    local all=1
    for l in "$@"; do grep -q "node: Up" "$l" 2>/dev/null || all=0; done
    [ "$all" = 1 ] && return 0
    sleep 0.1
  done
  echo "territory-figures: members not Up after 120 s: $*" >&2; return 1
}

cpu_of() { # cpu_of PID: user + system seconds so far
  awk -v hz="$hz" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"
}

part() { # part FILE KEY
  grep -o "\"$2\" *: *[0-9.]*" "$1" | head -1 | grep -o '[0-9.]*$'
}

report() { # report MODE OUT WALL CPU_LINE
  local s="$2/seed-0/summary.json"
  echo "$1: wall $3 s; seed total $(part "$s" total) s = inner loop $(part "$s" innerLoop) + leader BR $(part "$s" leaderBestResponse) + real steps $(part "$s" playSteps) + exploitability $(part "$s" exploitabilityEstimates) (+ rest); $4 (load $(cut -d' ' -f1 /proc/loadavg))"
  if [ "$1" != one-jvm-2cores ] && [ -d "$work/one-jvm-2cores" ]; then
    local same=identical
    for f in seed-0/steps.csv seed-0/periods.csv summary.json; do
      cmp -s "$work/one-jvm-2cores/$f" "$2/$f" || same="DIFFERENT ($f)"
    done
    echo "$1: files $same to one-jvm-2cores"
  fi
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $scenario, $days days, K = $copies; work folder $work"
if [[ " ${modes[*]} " == *" member"* ]] || [[ " ${modes[*]} " == *"members"* ]] || [[ " ${modes[*]} " == *"killed"* ]]; then
  network
fi
for mode in "${modes[@]}"; do
  out="$work/$mode"
  case "$mode" in
    one-jvm-1core|one-jvm-2cores)
      cores=0,1; [ "$mode" = one-jvm-1core ] && cores=0
      t0=$(date +%s.%N)
      /usr/bin/time -f "%U %S" -o "$work/$mode.time" taskset -c "$cores" "$app/bin/stackelgrid" run "${sets[@]}" \
        --out "$out" > "$work/$mode.log" 2>&1
      t1=$(date +%s.%N)
      peak=$(awk 'END{printf "%.1f", $1 + $2}' "$work/$mode.time")
      report "$mode" "$out" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')" "CPU $peak s"
      ;;
    one-member|two-members|two-killed)
      workers=2; [ "$mode" = one-member ] && workers=1
      pids=()
      for w in $(seq 1 "$workers"); do
        node_conf "$work/$mode-w$w.conf" "$w" worker
        ip netns exec "$ns-h$w" taskset -c $((w - 1)) "$app/bin/stackelgrid" node --config "$work/$mode-w$w.conf" \
          > "$work/$mode-w$w.log" 2>&1 &
        pids+=($!)
        [ "$w" = 1 ] && wait_up "$work/$mode-w1.log"
      done
      logs=(); for w in $(seq 1 "$workers"); do logs+=("$work/$mode-w$w.log"); done
      wait_up "${logs[@]}"
      node_conf "$work/$mode-c.conf" 3 coordinator
      t0=$(date +%s.%N)
      ip netns exec "$ns-h3" /usr/bin/time -f "%U %S" -o "$work/$mode-c.time" "$app/bin/stackelgrid" run "${sets[@]}" \
        --cluster "$work/$mode-c.conf" --out "$out" > "$work/$mode.log" 2>&1 &
      c=$!
      declare -A cpu=()
      killed=""
      while kill -0 "$c" 2>/dev/null; do
        for w in $(seq 1 "$workers"); do
          [ "$killed" = "$w" ] && continue
          cpu[w$w]=$(cpu_of "${pids[$((w - 1))]}" 2>/dev/null || echo "${cpu[w$w]:-0}")
        done
        if [ "$mode" = two-killed ] && [ -z "$killed" ] && grep -q "(1/" "$work/$mode.log"; then
          kill -KILL "${pids[1]}"; killed=2
          echo "$mode: worker 2 SIGKILLed after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s (first period done)"
        fi
        sleep 1
      done
      wait "$c" || { echo "$mode: run failed:"; tail -20 "$work/$mode.log"; }
      t1=$(date +%s.%N)
      for w in $(seq 1 "$workers"); do
        [ "$killed" = "$w" ] || cpu[w$w]=$(cpu_of "${pids[$((w - 1))]}" 2>/dev/null || echo "${cpu[w$w]:-0}")
      done
      cpu[c]=$(awk 'END{printf "%.1f", $1 + $2}' "$work/$mode-c.time")
      total=$(awk -v a="${cpu[c]}" -v b="${cpu[w1]:-0}" -v d="${cpu[w2]:-0}" 'BEGIN{printf "%.1f", a+b+d}')
      line="CPU coordinator ${cpu[c]} s, worker 1 ${cpu[w1]:-0} s"
      [ "$workers" = 2 ] && line="$line, worker 2 ${cpu[w2]:-0} s${killed:+ (until killed)}"
      line="$line; the coordinator's share $(awk -v a="${cpu[c]}" -v t="$total" 'BEGIN{printf "%.1f", 100*a/t}') %"
      report "$mode" "$out" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')" "$line"
      for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
      wait 2>/dev/null || true
      pids=()
      unset cpu
      ;;
    *) echo "territory-figures: unknown mode $mode" >&2; exit 2 ;;
  esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); work folder $work"
