#!/usr/bin/env bash
# User and system CPU time per request of one server under wrk, from
# /proc/<pid>/stat: how much of a request's cost is the kernel's.
#
#   benchmarks/tools/cpu_split.sh <runtime> [connections] [seconds]
#   benchmarks/tools/cpu_split.sh out/shard 100 6
#   benchmarks/tools/cpu_split.sh node 1000
#   benchmarks/tools/cpu_split.sh benchmarks/peers/bin/ceiling 100
#
# The server (benchmarks/servers/http.cjs; the C ceiling serves by itself)
# runs on SERVER_CPU (0), wrk with WRK_THREADS (1) threads on LOAD_CPU (1,
# or a list such as 10-15), after a 2 s warm-up. PORT (8201) is where it
# listens.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
runtime=$1
conns=${2:-100}
secs=${3:-6}
port=${PORT:-8201}
command -v wrk >/dev/null || { echo "wrk is needed" >&2; exit 1; }

if [ "$(basename "$runtime")" = ceiling ]; then
  taskset -c "${SERVER_CPU:-0}" "$runtime" "$port" >/dev/null 2>&1 &
else
  PORT=$port taskset -c "${SERVER_CPU:-0}" "$runtime" "$top/benchmarks/servers/http.cjs" >/dev/null 2>&1 &
fi
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

load() { taskset -c "${LOAD_CPU:-1}" wrk -t"${WRK_THREADS:-1}" -c"$conns" -d"$1"s "http://127.0.0.1:$port/"; }
load 2 >/dev/null
read -r user0 sys0 < <(awk '{print $14, $15}' /proc/$pid/stat)
requests=$(load "$secs" | awk '/requests in/ {print $1}')
read -r user1 sys1 < <(awk '{print $14, $15}' /proc/$pid/stat)

awk -v u=$((user1 - user0)) -v s=$((sys1 - sys0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" -v rt="$runtime" -v c="$conns" 'BEGIN {
  k = 1e6 / hz / n
  printf "%s, %d connections: user %.2f µs/request, system %.2f, total %.2f (%d requests)\n", rt, c, u * k, s * k, (u + s) * k, n
}'
