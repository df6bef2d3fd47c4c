#!/usr/bin/env bash
# Real npm packages, unmodified: each is installed from the registry into
# tests/.work/npm (not committed), and a small script per package
# (tests/npm/<name>.js or .mjs) runs under shard and under Node; their
# stdout and exit status must be the same. Skips (77) only when npm or the
# registry cannot be reached.
#
# yargs is pinned to 17: yargs 18 needs string-width 7, whose RegExp /v
# flag V8 10.2 cannot parse (a syntax shard cannot add).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
SHARD=$(cd "$(dirname "$SHARD")" && pwd)/$(basename "$SHARD")
NODE=${NODE:-node}
work=${TEST_WORK:-$top/tests/.work}/npm
packages=(lodash chalk@5 uuid semver debug ms yargs@17 commander dayjs zod nanoid)

command -v npm >/dev/null 2>&1 || { echo "npm is not installed"; exit 77; }
command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }
mkdir -p "$work"
cd "$work" || exit 1
[ -f package.json ] || echo '{ "name": "shard-npm-tests", "private": true }' > package.json

# Install (quick when everything is there already); an unreachable
# registry is the one reason to skip.
if ! out=$(timeout 300 npm install --no-audit --no-fund --loglevel=error "${packages[@]}" 2>&1); then
  if printf '%s' "$out" | grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network|getaddrinfo|proxy'; then
    echo "npm registry unreachable: $(printf '%s' "$out" | grep -iE 'ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|network' | head -1)"
    exit 77
  fi
  echo "npm install failed:"
  printf '%s\n' "$out" | tail -20
  exit 1
fi

failed=()
for script in "$top"/tests/npm/*.js "$top"/tests/npm/*.mjs; do
  [ -e "$script" ] || continue
  name=$(basename "$script")
  cp "$script" "$work/$name"
  timeout 60 "$NODE" "$name" >"$name.node.out" 2>"$name.node.err" </dev/null
  node_rc=$?
  timeout 60 "$SHARD" "$name" >"$name.shard.out" 2>"$name.shard.err" </dev/null
  shard_rc=$?
  if [ "$node_rc" != 0 ]; then
    # The script itself is wrong (or the package changed): say so.
    echo "FAIL $name: node itself exits $node_rc"
    tail -5 "$name.node.err"
    failed+=("$name")
  elif [ "$shard_rc" != "$node_rc" ] || ! cmp -s "$name.node.out" "$name.shard.out"; then
    echo "FAIL $name: shard exit $shard_rc (node $node_rc)"
    diff "$name.node.out" "$name.shard.out" | head -8 | sed 's/^/    /'
    grep -m1 -E '^[A-Za-z]*Error|^Error' "$name.shard.err" | sed 's/^/    shard: /'
    failed+=("$name")
  else
    echo "ok   $name"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "${#failed[@]} npm package script(s) differ from node: ${failed[*]}"
  exit 1
fi
exit 0
