#!/bin/bash
# Runs on a lent many-core machine: several shard binaries (an A/B of a
# change, built here and bundled) beside node, on one micro script, in
# turn, ROUNDS times. Each run's JSON summary line goes to $OUT/ab.jsonl as
# {"runtime", "bench", "round", "results"}; tools/micro_ratios.js reads it.
#
# devbundle/ (git-ignored) holds:
#   bundle-ab.tar.xz   lib/ (as for run.sh) and the binaries, named
#                      shard-<label> (stripped: tar cf - lib shard-a shard-b | xz -1)
#   node.xz            the peer, xz-compressed
# RUNTIMES (default: every shard-* in the bundle, then node) picks and
# orders them; BENCH (default messaging) names benchmarks/micro/$BENCH.js;
# its own variables (MESSAGING_BENCH_FILTER=roundtrip...) pass through.
# Scripts run on CPUs 2-15.
set -u
B=/tmp/b
mkdir -p $B
SRC=$PWD
cd $B
tar xJf $SRC/devbundle/bundle-ab.tar.xz
[ -f $SRC/devbundle/node.xz ] && xz -dc $SRC/devbundle/node.xz > node && chmod +x node
export LD_LIBRARY_PATH=$B/lib
runtimes=${RUNTIMES:-$(ls -d shard-* 2>/dev/null | tr '\n' ' ') $([ -x node ] && echo node)}
bench=${BENCH:-messaging}
echo "runtimes: $runtimes"
J=$OUT/ab.jsonl
: > $J
for round in $(seq ${ROUNDS:-5}); do
  for rt in $runtimes; do
    line=$(taskset -c 2-15 $B/$rt $SRC/benchmarks/micro/$bench.js 2>>$OUT/stderr.txt | tail -1)
    case "$line" in
      \{*) echo "{\"runtime\":\"$rt\",\"bench\":\"$bench\",\"round\":$round,\"results\":$line}" >> $J ;;
      *) echo "$rt round $round: no summary line (see stderr.txt)" ;;
    esac
  done
done
wc -l $J
