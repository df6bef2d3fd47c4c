#!/usr/bin/env bash
# shard beside Node.js, Bun, Deno and a C ceiling, in one run on one machine.
#
#   benchmarks/run.sh [--quick] [--runtimes a,b,...] [--workloads a,b,...]
#   make bench [QUICK=1]          (SHARD=out/.../shard picks the binary)
#
# Peers: the machine's `node`; Bun (npm @oven/bun-linux-x64, or -baseline on
# CPUs without AVX2) and Deno (npm @deno/linux-x64-glibc) installed into
# benchmarks/peers/ (git-ignored); the ceiling (benchmarks/ceiling/) built
# there too. Tools: wrk, h2load (nghttp2-client), hyperfine and gnuplot,
# installed with apt when missing and run as root.
#
# Every runtime runs the same program, servers/http.cjs (Node's http API);
# Bun and Deno also run their native servers (Bun.serve, Deno.serve). The
# server is pinned to one CPU and the load generator to another; each
# throughput run has a warm-up, is repeated and the median kept. Figures:
# requests/s (wrk), p50/p99 latency at a constant rate (h2load --rps),
# server CPU time per request (from /proc/<pid>/stat, so runs where the load
# generator is the bottleneck still compare efficiency), RSS idle and with
# many idle connections, startup (hyperfine), errors.
#
# Output: benchmarks/results/<machine>-<date>.{md,json,png} (quick and
# partial runs: benchmarks/peers/results/, git-ignored). A runtime that
# cannot serve a workload shows "n/a" with the reason.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/benchmarks
peers=$bench/peers

quick=0
only_runtimes=""
only_workloads=""
while [ $# -gt 0 ]; do
  case $1 in
  --quick) quick=1 ;;
  --runtimes) only_runtimes=$2; shift ;;
  --runtimes=*) only_runtimes=${1#*=} ;;
  --workloads) only_workloads=$2; shift ;;
  --workloads=*) only_workloads=${1#*=} ;;
  -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
  *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

SHARD=${SHARD:-$top/out/shard}
case $SHARD in /*) ;; *) SHARD=$top/$SHARD ;; esac

if [ $quick = 1 ]; then
  DUR=${DUR:-2} WARM=${WARM:-1} REPS=${REPS:-1} IDLE_CONNS=${IDLE_CONNS:-1000}
  LAT_DUR=${LAT_DUR:-1} HF_ARGS=(--warmup 1 --runs 5)
else
  DUR=${DUR:-5} WARM=${WARM:-2} REPS=${REPS:-3} IDLE_CONNS=${IDLE_CONNS:-10000}
  LAT_DUR=${LAT_DUR:-5} HF_ARGS=(--warmup 3 --min-runs 10)
fi
# The constant rate of the latency run: well under what every runtime
# sustains here, so the figures are response times, not queueing.
# 1,000 connections, as the http issue asks for tail latency (5 requests/s
# each); QUICK=1 uses fewer so h2load's start-up does not dominate.
LAT_RATE=${LAT_RATE:-5000}
LAT_CLIENTS=${LAT_CLIENTS:-$([ $quick = 1 ] && echo 200 || echo 1000)}

ncpu=$(nproc)
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-$((ncpu > 1 ? 1 : 0))}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
started=$(date +%s)

# ---- tools ----
need_pkgs=()
command -v wrk >/dev/null || need_pkgs+=(wrk)
command -v h2load >/dev/null || need_pkgs+=(nghttp2-client)
command -v hyperfine >/dev/null || need_pkgs+=(hyperfine)
command -v gnuplot >/dev/null || need_pkgs+=(gnuplot-nox)
command -v taskset >/dev/null || need_pkgs+=(util-linux)
command -v curl >/dev/null || need_pkgs+=(curl)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${need_pkgs[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >/dev/null 2>&1; } ||
      log "apt-get could not install ${need_pkgs[*]}"
  else
    log "missing ${need_pkgs[*]} (run as root to have them installed); those parts are skipped"
  fi
fi
for t in wrk python3 node curl taskset; do
  command -v $t >/dev/null || { echo "run.sh: $t is required" >&2; exit 1; }
done

# ---- peers ----
mkdir -p "$peers/bin"
bun_pkg=@oven/bun-linux-x64
grep -qw avx2 /proc/cpuinfo || bun_pkg=@oven/bun-linux-x64-baseline
deno_pkg=@deno/linux-x64-glibc
BUN=$peers/node_modules/$bun_pkg/bin/bun
DENO=$peers/node_modules/$deno_pkg/deno
if [ ! -x "$BUN" ] || [ ! -x "$DENO" ]; then
  log "installing $bun_pkg and $deno_pkg into benchmarks/peers"
  (cd "$peers" && npm install --no-save --no-audit --no-fund --no-package-lock --prefix . "$bun_pkg" "$deno_pkg" >"$peers/npm.log" 2>&1) ||
    log "npm install failed (see benchmarks/peers/npm.log)"
fi
CEILING=$peers/bin/ceiling
if [ ! -x "$CEILING" ] || [ "$bench/ceiling/ceiling.c" -nt "$CEILING" ]; then
  log "building the ceiling"
  ${CC:-cc} -std=c17 -O2 -D_GNU_SOURCE -Wall -Wextra -o "$CEILING" "$bench/ceiling/ceiling.c" -luring ||
    log "the ceiling did not build (liburing-dev missing?)"
fi
export DENO_DIR=$peers/deno-dir DENO_NO_UPDATE_CHECK=1 BUN_RUNTIME_TRANSPILER_CACHE_PATH=0
export NO_COLOR=1

# ---- what runs ----
# name|binary|command (the server script is appended for http and native servers)
http=$bench/servers/http.cjs
declare -A SERVER_CMD STARTUP_BIN
SERVER_CMD[shard]="$SHARD $http"
SERVER_CMD[node]="$(command -v node) $http"
SERVER_CMD[bun]="$BUN $http"
SERVER_CMD[deno]="$DENO run -A $http"
SERVER_CMD[bun-serve]="$BUN $bench/servers/bun-serve.js"
SERVER_CMD[deno-serve]="$DENO run -A $bench/servers/deno-serve.js"
SERVER_CMD[ceiling]="$CEILING"
all_servers=(shard node bun deno bun-serve deno-serve ceiling)
# -e 0 and the hello script, per runtime.
declare -A EVAL_CMD HELLO_CMD
EVAL_CMD[shard]="$SHARD -e 0"; HELLO_CMD[shard]="$SHARD $bench/servers/hello.js"
EVAL_CMD[node]="$(command -v node) -e 0"; HELLO_CMD[node]="$(command -v node) $bench/servers/hello.js"
EVAL_CMD[bun]="$BUN -e 0"; HELLO_CMD[bun]="$BUN $bench/servers/hello.js"
EVAL_CMD[deno]="$DENO eval 0"; HELLO_CMD[deno]="$DENO run $bench/servers/hello.js"
declare -A IDLE_CMD
IDLE_CMD[shard]="$SHARD $bench/servers/idle.js"
IDLE_CMD[node]="$(command -v node) $bench/servers/idle.js"
IDLE_CMD[bun]="$BUN $bench/servers/idle.js"
IDLE_CMD[deno]="$DENO run $bench/servers/idle.js"
startup_runtimes=(shard node bun deno)

# workload|path|connections|pipeline depth
workloads=(
  "plaintext-100|/|100|1"
  "plaintext-1000|/|1000|1"
  "pipelined-16|/|256|16"
  "json|/json|100|1"
)
wanted() { # wanted LIST NAME
  [ -z "$1" ] || [[ ",$1," == *",$2,"* ]]
}

work=$(mktemp -d "${TMPDIR:-/tmp}/shard-bench.XXXXXX")
records=$work/records.jsonl
: >"$records"
# Every server runs at once, each on its own port, all pinned to the
# server CPU: an idle server costs nothing, and the measured runs go round
# the runtimes in turn, so drift in the machine's load (other work, thermal
# state) falls on all of them alike instead of on whoever ran last.
declare -A PID PORT
idle_pid=""
cleanup() {
  for p in "${PID[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$idle_pid" ] && kill "$idle_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

record() { printf '%s\n' "$1" >>"$records"; }
json_str() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' -- "$1"; }
fail_record() { # kind runtime workload why
  record "{\"kind\":\"$1\",\"runtime\":\"$2\",\"workload\":\"$3\",\"failed\":$(json_str "$4")}"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# CPU time (user + system, clock ticks) of a process and all its threads.
cpu_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) }
  # after "pid (comm) ": state is the first field; utime and stime (fields
  # 14 and 15 of the whole line) are the 12th and 13th
  set -- $stat
  echo $((${12} + ${13}))
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
CLK_TCK=$(getconf CLK_TCK)
alive() { [ -n "${PID[$1]:-}" ] && kill -0 "${PID[$1]}" 2>/dev/null; }

# start_server NAME [SCRIPT-CMD]: sets PID[NAME] and PORT[NAME], or returns
# 1 with $start_error. The program prints "listening" when ready; a server
# must then answer GET / with 200.
start_server() {
  local name=$1 cmd=${2:-${SERVER_CMD[$1]}} i code port log=$work/$1.log
  port=$(free_port)
  start_error=""
  : >"$log"
  # taskset execs the runtime itself, so $! is the server's pid.
  PORT=$port taskset -c "$SERVER_CPU" $cmd >"$log" 2>&1 </dev/null &
  PID[$name]=$!
  PORT[$name]=$port
  for i in $(seq 200); do
    if ! kill -0 "${PID[$name]}" 2>/dev/null; then
      wait "${PID[$name]}" 2>/dev/null
      start_error="exited: $(grep -v '^\s*$' "$log" | grep -m1 -iE 'error|cannot|not ' || tail -1 "$log")"
      unset "PID[$name]"
      return 1
    fi
    if grep -q listening "$log"; then
      [ -n "${2:-}" ] && return 0 # not a server: ready is enough
      code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/")
      [ "$code" = 200 ] && return 0
    fi
    sleep 0.05
  done
  start_error="no answer within 10 s"
  stop_server "$name"
  return 1
}

stop_server() {
  local pid=${PID[$1]:-}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  unset "PID[$1]"
}

# wrk_run RUNTIME WORKLOAD PATH CONNS DEPTH DURATION REP (REP 0: warm-up, not kept)
wrk_run() {
  local rt=$1 wl=$2 path=$3 conns=$4 depth=$5 dur=$6 rep=$7 t0 t1 out line pid=${PID[$1]}
  t0=$(cpu_ticks "$pid")
  out=$(taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"${dur}s" --timeout 5s -s "$bench/wrk/bench.lua" \
    "http://127.0.0.1:${PORT[$rt]}$path" -- "$depth" 2>&1)
  t1=$(cpu_ticks "$pid")
  [ "$rep" = 0 ] && return 0
  line=$(printf '%s\n' "$out" | sed -n 's/^JSON //p' | tail -1)
  if [ -z "$line" ]; then
    fail_record wrk "$rt" "$wl" "wrk: $(printf '%s' "$out" | tail -1)"
    return 1
  fi
  record "{\"kind\":\"wrk\",\"runtime\":\"$rt\",\"workload\":\"$wl\",\"rep\":$rep,\"connections\":$conns,\"depth\":$depth,\"cpu_s\":$(awk "BEGIN{print ($t1-$t0)/$CLK_TCK}"),\"rss_kb\":$(rss_kb "$pid"),\"wrk\":$line}"
}

# h2load at a constant rate: per-request times from its log file.
latency_run() {
  local rt=$1 rps_each out stats
  rps_each=$(awk "BEGIN{print $LAT_RATE/$LAT_CLIENTS}")
  rm -f "$work/h2load.log"
  out=$(taskset -c "$LOAD_CPU" h2load --h1 -t1 -c"$LAT_CLIENTS" --rps="$rps_each" -D "$LAT_DUR" --warm-up-time=1 \
    --log-file="$work/h2load.log" "http://127.0.0.1:${PORT[$rt]}/" 2>&1)
  if [ ! -s "$work/h2load.log" ]; then
    fail_record latency "$rt" plaintext "h2load: $(printf '%s' "$out" | grep -m1 -iE 'error|fail' || printf '%s' "$out" | tail -1)"
    return 1
  fi
  stats=$(sort -t$'\t' -k3,3n "$work/h2load.log" | awk -F'\t' '
    { n++; d[n] = $3; if ($2 != 200) bad++ }
    END {
      if (n == 0) { print "{}"; exit }
      p50 = d[int((n - 1) * 0.50) + 1]; p99 = d[int((n - 1) * 0.99) + 1]
      printf "{\"requests\":%d,\"non200\":%d,\"p50_us\":%d,\"p99_us\":%d,\"max_us\":%d}", n, bad + 0, p50, p99, d[n]
    }')
  record "{\"kind\":\"latency\",\"runtime\":\"$rt\",\"workload\":\"plaintext\",\"rate\":$LAT_RATE,\"clients\":$LAT_CLIENTS,\"duration_s\":$LAT_DUR,\"h2load\":$stats}"
}

# RSS of a fresh server holding IDLE_CONNS idle keep-alive connections.
idle_run() {
  local rt=$1 line i pid=${PID[$1]} before
  sleep 0.5
  before=$(rss_kb "$pid")
  rm -f "$work/idle.out" "$work/idle.in"
  mkfifo "$work/idle.in"
  taskset -c "$LOAD_CPU" python3 "$bench/tools/idle_conns.py" 127.0.0.1 "${PORT[$rt]}" "$IDLE_CONNS" \
    <"$work/idle.in" >"$work/idle.out" 2>&1 &
  idle_pid=$!
  exec 7>"$work/idle.in" # holds the tool's stdin open until we are done
  for i in $(seq 1200); do
    grep -q '^ready' "$work/idle.out" 2>/dev/null && break
    kill -0 "$idle_pid" 2>/dev/null || break
    sleep 0.05
  done
  line=$(grep '^ready' "$work/idle.out" 2>/dev/null)
  if [ -n "$line" ] && kill -0 "$pid" 2>/dev/null; then
    sleep 1
    set -- $line
    record "{\"kind\":\"rss_conns\",\"runtime\":\"$rt\",\"workload\":\"idle-conns\",\"connections\":$IDLE_CONNS,\"open\":$2,\"ok\":$3,\"rss_before_kb\":$before,\"rss_kb\":$(rss_kb "$pid")}"
  else
    fail_record rss_conns "$rt" idle-conns "$(tail -1 "$work/idle.out" 2>/dev/null) $(kill -0 "$pid" 2>/dev/null || echo 'server died')"
  fi
  exec 7>&-
  kill "$idle_pid" 2>/dev/null
  wait "$idle_pid" 2>/dev/null
  idle_pid=""
  rm -f "$work/idle.in"
}

# ---- throughput and latency: every server up at once ----
log "shard: $SHARD; servers on CPU $SERVER_CPU, load on CPU $LOAD_CPU; $([ $quick = 1 ] && echo quick || echo full) run"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
servers=()
for rt in "${all_servers[@]}"; do
  wanted "$only_runtimes" "$rt" || continue
  if start_server "$rt"; then
    servers+=("$rt")
  else
    log "$rt: server failed to start ($start_error)"
    for w in "${workloads[@]}"; do
      IFS='|' read -r wl _ _ _ <<<"$w"
      wanted "$only_workloads" "$wl" && fail_record wrk "$rt" "$wl" "server failed to start: $start_error"
    done
    fail_record rss_server "$rt" idle-server "server failed to start: $start_error"
    wanted "$only_workloads" latency && fail_record latency "$rt" plaintext "server failed to start: $start_error"
  fi
done
sleep 0.5
for rt in "${servers[@]}"; do
  record "{\"kind\":\"rss_server\",\"runtime\":\"$rt\",\"workload\":\"idle-server\",\"rss_kb\":$(rss_kb "${PID[$rt]}")}"
done

declare -A DEAD
for w in "${workloads[@]}"; do
  IFS='|' read -r wl path conns depth <<<"$w"
  wanted "$only_workloads" "$wl" || continue
  order=("${servers[@]}")
  for rep in $(seq "$REPS"); do
    log "$wl: round $rep of $REPS"
    for rt in "${order[@]}"; do
      [ -n "${DEAD[$rt]:-}" ] && continue
      if ! alive "$rt"; then
        DEAD[$rt]=1
        fail_record wrk "$rt" "$wl" "server died during an earlier run"
        continue
      fi
      wrk_run "$rt" "$wl" "$path" "$conns" "$depth" "$WARM" 0
      wrk_run "$rt" "$wl" "$path" "$conns" "$depth" "$DUR" "$rep"
      alive "$rt" || fail_record wrk "$rt" "$wl" "server died during the run"
    done
    # The next round goes the other way round.
    rev=()
    for ((i = ${#order[@]} - 1, j = 0; i >= 0; i--, j++)); do rev[j]=${order[i]}; done
    order=("${rev[@]}")
  done
done
if wanted "$only_workloads" latency && command -v h2load >/dev/null; then
  for rt in "${servers[@]}"; do
    alive "$rt" || continue
    log "$rt: latency at $LAT_RATE requests/s"
    latency_run "$rt"
  done
fi
for rt in "${servers[@]}"; do stop_server "$rt"; done

# ---- scaling: shard --cores=N beside node cluster with N workers ----
# N server CPUs (0..N-1) and N load CPUs (wrk threads) after them, so only
# counts with 2N CPUs available run. SCALE_CORES="1 2 4" picks the counts.
if [ -z "${SCALE_CORES+x}" ]; then
  SCALE_CORES=""
  for n in 1 2 4 8; do [ $((2 * n)) -le "$ncpu" ] && SCALE_CORES+="$n "; done
  [ "$(wc -w <<<"$SCALE_CORES")" -lt 2 ] && SCALE_CORES=""
fi
# CPU ticks of a process and its children (cluster workers).
tree_ticks() {
  local total=0 p
  for p in $1 $(pgrep -P "$1"); do total=$((total + $(cpu_ticks "$p"))); done
  echo $total
}
if wanted "$only_workloads" scaling && [ -n "$SCALE_CORES" ]; then
  for n in $SCALE_CORES; do
    server_cpus="0-$((n - 1))"
    load_cpus="$n-$((2 * n - 1))"
    scale_rts=()
    for rt in shard node-cluster; do
      wanted "$only_runtimes" "${rt%-cluster}" || continue
      if [ $rt = shard ]; then cmd="$SHARD --cores=$n $http"; else cmd="$(command -v node) $bench/servers/cluster.cjs"; fi
      SERVER_CPU_SAVE=$SERVER_CPU
      SERVER_CPU=$server_cpus
      if WORKERS=$n start_server "$rt-$n" "$cmd" && [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${PORT[$rt-$n]}/")" = 200 ]; then
        scale_rts+=("$rt")
      else
        fail_record scale "$rt" "cores-$n" "server failed to start: ${start_error:-no answer}"
        stop_server "$rt-$n"
      fi
      SERVER_CPU=$SERVER_CPU_SAVE
    done
    for rep in $(seq "$REPS"); do
      log "scaling: $n cores, round $rep of $REPS"
      for rt in "${scale_rts[@]}"; do
        alive "$rt-$n" || continue
        url="http://127.0.0.1:${PORT[$rt-$n]}/"
        taskset -c "$load_cpus" wrk -t"$n" -c$((100 * n)) -d"${WARM}s" "$url" >/dev/null 2>&1
        t0=$(tree_ticks "${PID[$rt-$n]}")
        out=$(taskset -c "$load_cpus" wrk -t"$n" -c$((100 * n)) -d"${DUR}s" --timeout 5s -s "$bench/wrk/bench.lua" "$url" 2>&1)
        t1=$(tree_ticks "${PID[$rt-$n]}")
        line=$(printf '%s\n' "$out" | sed -n 's/^JSON //p' | tail -1)
        if [ -n "$line" ]; then
          record "{\"kind\":\"scale\",\"runtime\":\"$rt\",\"workload\":\"cores-$n\",\"cores\":$n,\"rep\":$rep,\"cpu_s\":$(awk "BEGIN{print ($t1-$t0)/$CLK_TCK}"),\"wrk\":$line}"
        else
          fail_record scale "$rt" "cores-$n" "wrk: $(printf '%s' "$out" | tail -1)"
        fi
      done
    done
    for rt in "${scale_rts[@]}"; do stop_server "$rt-$n"; done
  done
elif wanted "$only_workloads" scaling; then
  fail_record scale shard cores "the scaling curve needs at least 4 CPUs (this machine has $ncpu)"
fi

# ---- memory: idle programs and idle connections ----
for rt in "${all_servers[@]}"; do
  wanted "$only_runtimes" "$rt" || continue
  if wanted "$only_workloads" idle-conns; then
    # A fresh server alone: memory held by connections, not left over by load.
    log "$rt: $IDLE_CONNS idle connections"
    if start_server "$rt"; then
      idle_run "$rt"
      stop_server "$rt"
    else
      fail_record rss_conns "$rt" idle-conns "server failed to start: $start_error"
    fi
  fi
done
if wanted "$only_workloads" idle; then
  for rt in "${startup_runtimes[@]}"; do
    wanted "$only_runtimes" "$rt" || continue
    # The runtime's own floor: a program that only waits on a timer.
    if start_server "$rt-idle" "${IDLE_CMD[$rt]}"; then
      sleep 1
      record "{\"kind\":\"rss_idle\",\"runtime\":\"$rt\",\"workload\":\"idle\",\"rss_kb\":$(rss_kb "${PID[$rt-idle]}")}"
      stop_server "$rt-idle"
    else
      fail_record rss_idle "$rt" idle "$start_error"
    fi
  done
fi

# ---- startup ----
if wanted "$only_workloads" startup && command -v hyperfine >/dev/null; then
  for rt in "${startup_runtimes[@]}"; do
    wanted "$only_runtimes" "$rt" || continue
    for kind in eval hello; do
      if [ $kind = eval ]; then cmd=${EVAL_CMD[$rt]}; else cmd=${HELLO_CMD[$rt]}; fi
      log "$rt: startup ($kind)"
      if ! (cd "$work" && taskset -c "$SERVER_CPU" $cmd >/dev/null 2>"$work/startup.err"); then
        fail_record startup "$rt" "startup-$kind" "$(head -1 "$work/startup.err")"
        continue
      fi
      (cd "$work" && hyperfine -N "${HF_ARGS[@]}" --export-json "$work/hf.json" "taskset -c $SERVER_CPU $cmd" >/dev/null 2>&1)
      if [ -s "$work/hf.json" ]; then
        record "{\"kind\":\"startup\",\"runtime\":\"$rt\",\"workload\":\"startup-$kind\",\"hyperfine\":$(node -e '
          const r = require(process.argv[1]).results[0];
          process.stdout.write(JSON.stringify({ mean: r.mean, median: r.median, stddev: r.stddev, min: r.min, max: r.max, runs: r.times.length }));' "$work/hf.json")}"
      else
        fail_record startup "$rt" "startup-$kind" "hyperfine failed"
      fi
      rm -f "$work/hf.json"
    done
  done
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- versions and the report ----
ver() { "$@" 2>/dev/null | head -1; }
versions=$(node -e '
  const [shard, node, bun, deno, wrk, h2load, hyperfine, kernel] = process.argv.slice(1);
  process.stdout.write(JSON.stringify({ shard, node, bun, deno, wrk, h2load, hyperfine, kernel }));' \
  "$(ver "$SHARD" --version)" "$(ver node --version)" "$(ver "$BUN" --version)" "$(ver "$DENO" --version)" \
  "$(wrk --version 2>&1 | head -1 | awk '{print $2}')" "$(ver h2load --version)" "$(ver hyperfine --version)" "$(uname -r)")
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
partial=0
[ -n "$only_runtimes$only_workloads" ] && partial=1
# Only full runs go to results/ (to be committed); quick and partial ones to
# the git-ignored peers/results/.
results=$bench/results
[ $quick = 1 ] || [ $partial = 1 ] && results=$peers/results
node "$bench/report.js" --records "$records" --out "$results" --quick "$quick" --partial "$partial" \
  --versions "$versions" --commit "$commit" --load "$load_before|$load_after" \
  --settings "{\"duration_s\":$DUR,\"warmup_s\":$WARM,\"repeats\":$REPS,\"idle_connections\":$IDLE_CONNS,\"latency_rate\":$LAT_RATE,\"latency_clients\":$LAT_CLIENTS,\"latency_duration_s\":$LAT_DUR,\"server_cpu\":$SERVER_CPU,\"load_cpu\":$LOAD_CPU}"
rc=$?
log "done in $(($(date +%s) - started)) s"
exit $rc
