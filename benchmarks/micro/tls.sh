#!/usr/bin/env bash
# TLS benchmarks, shard beside Node (and Bun when benchmarks/peers has it),
# as ratios, all on benchmarks/micro/tls.js:
#
#   hello      https keep-alive "Hello, World!" under wrk (requests/s)
#   hs-ec      new handshakes per second, ECDSA P-256 (wrk, Connection:
#              close, session tickets off so none resumes)
#   hs-rsa     the same with RSA 2048
#   file       100 MiB over https with curl: MiB/s and the server's CPU
#              time per GiB; shard with kTLS (when the kernel has it) and
#              without (SHARD_KTLS=0)
#
#   benchmarks/micro/tls.sh [--only hello,hs-ec,hs-rsa,file]
#
# SHARD (default out/shard), NODE (node), BUN (benchmarks/peers' bun),
# DUR (seconds per wrk run, 10), CONNS (wrk connections, 50), THREADS (wrk
# threads, 1), REPS (runs per figure, median kept, 3), SERVER_CPU (0) and
# LOAD_CPUS (1; a list for taskset -c) pin the server and the load.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
NODE=${NODE:-node}
BUN=${BUN:-$top/benchmarks/peers/node_modules/@oven/bun-linux-x64/bin/bun}
DUR=${DUR:-10}
CONNS=${CONNS:-50}
THREADS=${THREADS:-1}
REPS=${REPS:-3}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPUS=${LOAD_CPUS:-1}
only=hello,hs-ec,hs-rsa,file
[ "${1:-}" = --only ] && only=$2

command -v wrk >/dev/null || { echo "wrk is needed"; exit 1; }
command -v curl >/dev/null || { echo "curl is needed"; exit 1; }
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
certs=$(TLS_FIXTURES= "$top/tests/fixtures/tls/gen.sh" "$work/certs") || exit 1

pin() { if command -v taskset >/dev/null; then taskset -c "$1" "${@:2}"; else "${@:2}"; fi; }

runtimes=(shard node)
[ -x "$BUN" ] && runtimes+=(bun)
declare -A CMD=([shard]="$SHARD" [node]="$NODE" [bun]="$BUN")

# start RUNTIME [ENV=...]: the server, pinned; sets port and server_pid.
start() {
  local rt=$1
  shift
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  env CERTS="$certs" "$@" taskset -c "$SERVER_CPU" ${CMD[$rt]} "$top/benchmarks/micro/tls.js" >"$work/port" 2>"$work/err" &
  server_pid=$!
  for _ in $(seq 200); do
    port=$(head -1 "$work/port" 2>/dev/null)
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "$rt did not start: $(cat "$work/err")" >&2
  return 1
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}'; }

stats() { curl -sk "https://127.0.0.1:$port/stats"; }
field() { sed -E "s/.*\"$1\":([0-9]+).*/\\1/"; }

# wrk_rate ARGS...: "requests/s (median of REPS runs after a warm-up) and
# the server's CPU microseconds per request over those runs". The CPU
# figure holds up on a busy machine where the rate does not.
wrk_rate() {
  pin "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNS" -d2s "$@" >/dev/null 2>&1
  local before after total=0 rates=() out
  before=$(stats | field cpuMicros)
  for _ in $(seq "$REPS"); do
    out=$(pin "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" "$@" 2>/dev/null)
    rates+=("$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")")
    total=$((total + $(awk '/requests in/ {print $1}' <<<"$out")))
  done
  after=$(stats | field cpuMicros)
  printf '%s %s\n' "$(printf '%s\n' "${rates[@]}" | median)" \
    "$(awk -v c=$((after - before)) -v n="$total" 'BEGIN {printf "%.1f", n ? c / n : 0}')"
}

declare -A R
results=()
note() { results+=("$1"); printf '%s\n' "$1" >&2; }

for rt in "${runtimes[@]}"; do
  if [[ ",$only," == *,hello,* ]]; then
    start "$rt" || continue
    read -r R[hello,$rt] R[hellocpu,$rt] < <(wrk_rate "https://127.0.0.1:$port/")
    note "hello $rt: ${R[hello,$rt]} req/s, server CPU ${R[hellocpu,$rt]} us/request"
  fi
  for key in ec rsa; do
    [[ ",$only," == *,hs-$key,* ]] || continue
    start "$rt" KEY=$key TICKETS=0 || continue
    read -r R[hs-$key,$rt] R[hs-${key}cpu,$rt] < <(wrk_rate -H 'Connection: close' "https://127.0.0.1:$port/")
    note "hs-$key $rt: ${R[hs-$key,$rt]} handshakes/s, server CPU ${R[hs-${key}cpu,$rt]} us/handshake"
  done
done

if [[ ",$only," == *,file,* ]]; then
  variants=(shard shard-noktls node)
  [ -x "$BUN" ] && variants+=(bun)
  for v in "${variants[@]}"; do
    case $v in
      shard-noktls) start shard SHARD_KTLS=0 || continue ;;
      *) start "$v" || continue ;;
    esac
    before=$(stats)
    speeds=$(for _ in $(seq "$REPS"); do
      pin "$LOAD_CPUS" curl -sk -o /dev/null -w '%{speed_download}\n' "https://127.0.0.1:$port/100m"
    done)
    after=$(stats)
    mibs=$(printf '%s\n' "$speeds" | median | awk '{printf "%.0f", $1 / 1048576}')
    cpu=$(( $(field cpuMicros <<<"$after") - $(field cpuMicros <<<"$before") ))
    # CPU ms per GiB served (REPS x 100 MiB).
    per=$(awk -v c="$cpu" -v n="$REPS" 'BEGIN {printf "%.0f", c / 1000 / (n * 100 / 1024)}')
    kt=$(( $(field kernelTLS <<<"$after") - $(field kernelTLS <<<"$before") ))
    R[file,$v]=$mibs
    R[filecpu,$v]=$per
    note "file $v: $mibs MiB/s, server CPU $per ms/GiB, $kt of $REPS with kernel TLS"
  done
fi
[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "| workload | shard | node | shard/node |$( [ -x "$BUN" ] && echo ' bun | shard/bun |')"
echo "|---|---|---|---|$( [ -x "$BUN" ] && echo '---|---|')"
for w in hello hs-ec hs-rsa; do
  [ -n "${R[$w,shard]:-}" ] || continue
  line="| $w (/s) | ${R[$w,shard]} | ${R[$w,node]:-} | $(ratio "${R[$w,shard]}" "${R[$w,node]:-0}") |"
  [ -x "$BUN" ] && line+=" ${R[$w,bun]:-} | $(ratio "${R[$w,shard]}" "${R[$w,bun]:-0}") |"
  echo "$line"
  # CPU per request: lower is better, so the ratio is peer/shard.
  c=${w/hs-ec/hs-eccpu}; c=${c/hs-rsa/hs-rsacpu}; [ "$c" = hello ] && c=hellocpu
  line="| $w (server CPU us each) | ${R[$c,shard]} | ${R[$c,node]:-} | $(ratio "${R[$c,node]:-0}" "${R[$c,shard]}") (node/shard) |"
  [ -x "$BUN" ] && line+=" ${R[$c,bun]:-} | $(ratio "${R[$c,bun]:-0}" "${R[$c,shard]}") |"
  echo "$line"
done
if [ -n "${R[file,shard]:-}" ]; then
  for v in shard shard-noktls; do
    line="| 100 MiB, $v (MiB/s) | ${R[file,$v]} | ${R[file,node]:-} | $(ratio "${R[file,$v]}" "${R[file,node]:-0}") |"
    [ -x "$BUN" ] && line+=" ${R[file,bun]:-} | $(ratio "${R[file,$v]}" "${R[file,bun]:-0}") |"
    echo "$line"
    # CPU per GiB: lower is better, so the ratio is node/shard.
    line="| 100 MiB, $v (server CPU ms/GiB) | ${R[filecpu,$v]} | ${R[filecpu,node]:-} | $(ratio "${R[filecpu,node]:-0}" "${R[filecpu,$v]}") (node/shard) |"
    [ -x "$BUN" ] && line+=" ${R[filecpu,bun]:-} | $(ratio "${R[filecpu,bun]:-0}" "${R[filecpu,$v]}") |"
    echo "$line"
  done
fi
