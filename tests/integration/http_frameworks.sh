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
apps=(express4 express5 fastify koa)
. "$top/tests/integration/lib/npm_work.sh"
. "$top/tests/integration/lib/server.sh"

command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }
npm_work_setup
trap 'stop_servers; rm -rf "$scratch"' EXIT
cp -r "$top/tests/fixtures/apps" "$scratch/apps"
cd "$scratch" || exit 1

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
    if ! start_server "$app.$runtime" "$bin" "apps/$app.js"; then
      echo "FAIL $app: the app did not start under $runtime"
      tail -15 "$app.$runtime.err"
      ok=0
      break
    fi
    timeout 60 "$NODE" apps/_drive.js "$port" "${drive_args[@]}" >"$app.$runtime.out" 2>&1
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ $ok = 1 ] && ! cmp -s "$app.node.out" "$app.shard.out"; then
    echo "FAIL $app: responses differ (< node, > shard)"
    diff "$app.node.out" "$app.shard.out" | head -40 | cut -c1-600
    if [ -s "$app.shard.err" ]; then
      echo "  shard stderr:"; head -20 "$app.shard.err" | sed 's/^/    /'
    fi
    ok=0
  fi
  if [ $ok = 1 ]; then
    echo "ok   $app ($(wc -l <"$app.node.out") responses equal)"
  else
    failed+=("$app")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "${#failed[@]} of ${#apps[@]} apps differ: ${failed[*]}"
  exit 1
fi
