#!/usr/bin/env bash
# Rewrites the expected stdout/stderr/exit code of the script tests by
# running each fixture under Node (the oracle):  tests/scripts/regen.sh [name]
set -u
cd "$(dirname "$0")"
NODE=${NODE:-node}
for js in *.js *.mjs; do
  [ -e "$js" ] || continue
  name=${js%.*}
  [ -n "${1:-}" ] && [ "$1" != "$name" ] && continue
  [ -f "$name.shard-only" ] && continue
  args=()
  [ -f "$name.args" ] && read -r -a args < "$name.args"
  timeout 30 "$NODE" "${args[@]}" "$js" >"$name.out" 2>"$name.err" </dev/null
  echo $? >"$name.code"
  # Absolute paths differ between checkouts: stored as <dir>.
  sed -i "s#$PWD#<dir>#g" "$name.out" "$name.err"
  echo "$name: exit $(cat "$name.code")"
done
