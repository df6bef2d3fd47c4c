#!/bin/bash
# Runs micro-benchmark scripts (benchmarks/micro/*.js) on this machine under
# shard, node and the peers `make bench` installed (benchmarks/peers: Bun),
# ROUNDS times in turn (shard, node, bun, then again), and prints medians and
# ratios (tools/micro_ratios.js). Each run's JSON summary line goes to
# $JSONL as {"runtime", "bench", "round", "results"}, as device/micro.sh
# writes them.
#
#   benchmarks/tools/micro_rounds.sh [bench ...]     (default: messaging)
#
# ROUNDS (default 5); SHARD (default out/shard); JSONL (default
# benchmarks/.work/micro-rounds.jsonl). Interleaving the runtimes spreads a
# noisy neighbour's effect over all of them instead of one.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
SHARD=${SHARD:-out/shard}
JSONL=${JSONL:-benchmarks/.work/micro-rounds.jsonl}
BUN=benchmarks/peers/node_modules/@oven/bun-linux-x64/bin/bun
benches=${*:-messaging}
runtimes="shard node"
[ -x "$BUN" ] && runtimes="$runtimes bun"
mkdir -p "$(dirname "$JSONL")"
: > "$JSONL"
for round in $(seq "${ROUNDS:-5}"); do
  for bench in $benches; do
    for rt in $runtimes; do
      case $rt in
        shard) bin=$SHARD ;;
        node) bin=node ;;
        bun) bin=$BUN ;;
      esac
      line=$("$bin" "benchmarks/micro/$bench.js" 2>/dev/null | tail -1)
      case "$line" in
        \{*) echo "{\"runtime\":\"$rt\",\"bench\":\"$bench\",\"round\":$round,\"results\":$line}" >> "$JSONL" ;;
        *) echo "$rt $bench round $round: no summary line" >&2 ;;
      esac
    done
  done
done
node benchmarks/tools/micro_ratios.js "$JSONL"
