#!/bin/bash
# Runs on a lent many-core machine that has no network: the micro-benchmarks
# (benchmarks/micro/*.js) under every runtime the bundle holds, ROUNDS times
# in turn (shard, then each peer, then again), each run's JSON summary line
# appended to $OUT/micro.jsonl as {"runtime", "bench", "round", "results"}.
# benchmarks/tools/micro_ratios.js turns that file into medians and ratios.
#
# devbundle/ (git-ignored) holds what the machine lacks:
#   bundle-shard.tar.xz   shard and lib/ (the shared libraries it needs but
#                         glibc/libstdc++), as for run.sh
#   node.xz, bun.xz       peers, xz-compressed (any subset; a bundle under
#                         64 MiB in all, so usually shard and one peer)
# BENCHES (default "buffer events stream messaging") picks the scripts;
# the micro scripts run on CPUs 2-15 (messaging spreads its workers there).
set -u
B=/tmp/b
mkdir -p $B
SRC=$PWD
cd $B
[ -f $SRC/devbundle/bundle-shard.tar.xz ] && tar xJf $SRC/devbundle/bundle-shard.tar.xz
for peer in node bun; do
  [ -f $SRC/devbundle/$peer.xz ] && xz -dc $SRC/devbundle/$peer.xz > $peer && chmod +x $peer
done
export LD_LIBRARY_PATH=$B/lib
runtimes=""
for rt in shard node bun; do [ -x $B/$rt ] && runtimes="$runtimes $rt"; done
echo "runtimes:$runtimes"
J=$OUT/micro.jsonl
: > $J
# The device returns only a few files: each run's stderr goes into one tarball.
E=$B/err
rm -rf $E && mkdir -p $E
for round in $(seq ${ROUNDS:-3}); do
  for bench in ${BENCHES:-buffer events stream messaging}; do
    for rt in $runtimes; do
      line=$(taskset -c 2-15 $B/$rt $SRC/benchmarks/micro/$bench.js 2>$E/$rt-$bench-$round.err | tail -1)
      case "$line" in
        \{*) echo "{\"runtime\":\"$rt\",\"bench\":\"$bench\",\"round\":$round,\"results\":$line}" >> $J ;;
        *) echo "$rt $bench round $round: no summary line (see $rt-$bench-$round.err)" ;;
      esac
    done
  done
done
tar czf $OUT/stderr.tar.gz -C $E .
wc -l $J
