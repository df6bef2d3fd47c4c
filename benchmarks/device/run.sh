#!/bin/bash
# Runs on a lent many-core machine that has no network: shard vs node vs the
# C ceiling on one core, and the --cores scaling curve against node cluster.
# Output to $OUT/results.txt (MODE=quick: the one-core runs only).
#
# The machine gets devbundle/ from the working tree (git-ignored):
#   bundle-shard.tar.xz   shard, wrk and lib/ (every shared library of both
#                         but glibc/libstdc++), made with
#                         tar cf - shard wrk lib | xz -1
#   node.xz               the node binary, xz-compressed
#   ceiling               gcc -O2 benchmarks/ceiling/ceiling.c -luring
#   run.sh                this script
# Results of such a run: benchmarks/results/16core-2026-11-22.md.
set -u
B=/tmp/b
mkdir -p $B
cd $B
tar xJf $OLDPWD/devbundle/bundle-shard.tar.xz
xz -dc $OLDPWD/devbundle/node.xz > node && chmod +x node
cp $OLDPWD/devbundle/ceiling . && chmod +x ceiling
SRV=$OLDPWD/benchmarks/servers
LUA=$OLDPWD/benchmarks/wrk/bench.lua
export LD_LIBRARY_PATH=$B/lib
ulimit -n 65536 2>/dev/null
R=$OUT/results.txt
: > $R
tck=$(getconf CLK_TCK)

wait_port() { for i in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$1/ && return 0; sleep 0.1; done; return 1; }

# measure <label> <server cpus> <wrk threads> <conns> <depth> <secs> <cmd...>
measure() {
  local label=$1 cpus=$2 thr=$3 conns=$4 depth=$5 secs=$6; shift 6
  PORT=8080 taskset -c $cpus "$@" >/dev/null 2>&1 &
  local pid=$!
  wait_port 8080 || { echo "$label: server failed" >> $R; kill $pid; return; }
  taskset -c 10-15 ./wrk -t$thr -c$conns -d2s -s $LUA http://127.0.0.1:8080/ -- $depth >/dev/null 2>&1
  local t0=0
  for p in $pid $(pgrep -P $pid); do t0=$((t0 + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  local out=$(taskset -c 10-15 ./wrk -t$thr -c$conns -d${secs}s -s $LUA http://127.0.0.1:8080/ -- $depth 2>&1)
  local t1=0
  for p in $pid $(pgrep -P $pid); do t1=$((t1 + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  local rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  local lat=$(echo "$out" | awk '/Latency/ {print $2" "$4}')
  local cpu=$(awk -v a=$t0 -v b=$t1 -v t=$tck -v r=$reqs 'BEGIN {printf "%.2f", (b-a)*1000000/t/r}')
  echo "$label: req/s=$rps cpu_us/req=$cpu lat(avg,max)=$lat" >> $R
  kill $pid 2>/dev/null; pkill -P $pid 2>/dev/null; wait $pid 2>/dev/null
  sleep 0.3
}

echo "== one core (server on CPU 2, wrk on 10-15) ==" >> $R
for conns in 100 1000; do
  measure "shard  c$conns" 2 6 $conns 1 5 ./shard $SRV/http.cjs
  measure "node   c$conns" 2 6 $conns 1 5 ./node $SRV/http.cjs
  [ "${MODE:-full}" = quick ] || measure "ceil   c$conns" 2 6 $conns 1 5 ./ceiling 8080
done
measure "shard  pipe16" 2 6 256 16 5 ./shard $SRV/http.cjs
measure "node   pipe16" 2 6 256 16 5 ./node $SRV/http.cjs
measure "ceil   pipe16" 2 6 256 16 5 ./ceiling 8080

if [ "${MODE:-full}" = quick ]; then cat $R; exit 0; fi
echo "== scaling (servers on CPUs 0..N-1, wrk on 10-15, c512) ==" >> $R
for n in 1 2 4 8; do
  last=$((n - 1))
  measure "shard --cores=$n" 0-$last 6 512 1 4 ./shard --cores=$n $SRV/http.cjs
  WORKERS=$n measure "node cluster $n" 0-$last 6 512 1 4 ./node $SRV/cluster.cjs
done
cat $R
