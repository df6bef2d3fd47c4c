#!/usr/bin/env bash
# Real frameworks, unmodified: express 4, express 5, fastify 5 and koa (with
# @koa/router and koa-bodyparser) from the npm registry, installed once into
# tests/.work/frameworks (kept between runs). Each runs the same small app
# (tests/fixtures/apps/<name>.js) under node and under shard; one client
# script (tests/fixtures/apps/_drive.js, run by node) sends the same
# requests to both, and status, the headers that matter and the bodies must
# be equal. Skips (77) only when npm or the registry cannot be reached.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
SHARD=$(cd "$(dirname "$SHARD")" && pwd)/$(basename "$SHARD")
NODE=${NODE:-node}
work=$top/tests/.work/frameworks
apps=(express4 express5 fastify koa)
packages=(express4@npm:express@4 express5@npm:express@5 fastify@5 koa @koa/router koa-bodyparser ws)

command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }
mkdir -p "$work"
cd "$work" || exit 1
[ -f package.json ] || echo '{ "name": "shard-framework-tests", "private": true }' > package.json

# Install only what is missing (the folder is kept between runs).
missing=0
for dir in express4 express5 fastify koa @koa/router koa-bodyparser ws; do
  [ -f "node_modules/$dir/package.json" ] || missing=1
done
if [ $missing = 1 ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm is not installed"; exit 77; }
  if ! out=$(timeout 300 npm install --no-audit --no-fund --loglevel=error "${packages[@]}" 2>&1); then
    if printf '%s' "$out" | grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network|proxy'; then
      echo "npm registry unreachable"
      exit 77
    fi
    echo "npm install failed:"
    printf '%s\n' "$out" | tail -20
    exit 1
  fi
fi
rm -rf apps && cp -r "$top/tests/fixtures/apps" apps
out=${TEST_WORK:-$work}/frameworks.$$
mkdir -p "$out"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$out"' EXIT

# start <runtime> <app> <tag>: starts the app, sets $port (empty on failure).
start() {
  local log=$out/$3.log
  port=
  "$1" "apps/$2.js" >"$log" 2>"$out/$3.err" </dev/null &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 200); do
    port=$(sed -n 's/^listening \([0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# A gzip-compressed body needs node:zlib in shard.
drive_args=()
if ! "$SHARD" -e "require('zlib').gunzipSync(require('zlib').gzipSync('x'))" >/dev/null 2>&1; then
  echo "note: shard has no working node:zlib yet: the gzip-compressed JSON body case is skipped"
  drive_args+=(--no-gzip)
fi

failed=()
for app in "${apps[@]}"; do
  ok=1
  for runtime in node shard; do
    if [ $runtime = node ]; then bin=$NODE; else bin=$SHARD; fi
    if ! start "$bin" "$app" "$app.$runtime"; then
      echo "FAIL $app: the app did not start under $runtime"
      tail -15 "$out/$app.$runtime.err"
      ok=0
      break
    fi
    timeout 60 "$NODE" apps/_drive.js "$port" "${drive_args[@]}" >"$out/$app.$runtime.out" 2>&1
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ $ok = 1 ] && ! cmp -s "$out/$app.node.out" "$out/$app.shard.out"; then
    echo "FAIL $app: responses differ (< node, > shard)"
    diff "$out/$app.node.out" "$out/$app.shard.out" | head -40 | cut -c1-600
    if [ -s "$out/$app.shard.err" ]; then
      echo "  shard stderr:"; head -20 "$out/$app.shard.err" | sed 's/^/    /'
    fi
    ok=0
  fi
  if [ $ok = 1 ]; then
    echo "ok   $app ($(wc -l <"$out/$app.node.out") responses equal)"
  else
    failed+=("$app")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "${#failed[@]} of ${#apps[@]} apps differ: ${failed[*]}"
  exit 1
fi
