#!/usr/bin/env bash
# Runs every test and ends with one line: "N passed, M failed".
#
#   tests/run.sh [filter]      (make test sets SHARD and UNIT_DIR)
#
# - C unit tests: one program each under $UNIT_DIR (exit 0 pass, 77 skip).
# - Script tests: tests/scripts/*.js run by shard; stdout, stderr and the
#   exit code must equal the expected files produced by Node
#   (tests/scripts/regen.sh rewrites them).
# - JS tests: tests/js/**/*.test.{js,mjs,cjs}, node:test files run by
#   `shard --test`; each test they report counts.
# - Integration tests: tests/integration/*.sh drive real servers and clients
#   (exit 0 pass, 77 skip).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export SHARD=${SHARD:-$top/out/shard}
SHARD=$(cd "$(dirname "$SHARD")" && pwd)/$(basename "$SHARD")
UNIT_DIR=${UNIT_DIR:-$top/out/tests/unit}
filter=${1:-}
# Scratch space of this run only (several runs may go at once).
mkdir -p "$top/tests/.work"
work=$(mktemp -d "$top/tests/.work/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TEST_WORK=$work

# Certificates for the TLS tests, made fresh by the openssl command (no
# private key is committed): tests/fixtures/tls/gen.sh into this run's
# scratch space, named by TLS_FIXTURES.
if [ -z "${TLS_FIXTURES:-}" ] && { [ -z "$filter" ] || [[ "tls https" == *"$filter"* ]] || [[ "$filter" == *tls* ]] || [[ "$filter" == *https* ]]; }; then
  TLS_FIXTURES=$(tests/fixtures/tls/gen.sh "$work/tls" 2>/dev/null) && export TLS_FIXTURES || unset TLS_FIXTURES
fi

passed=0
failed=0
skipped=0
failures=()

pass() { passed=$((passed + ${2:-1})); [ -n "${VERBOSE:-}" ] && printf 'ok   %s\n' "$1"; return 0; }
fail() { failed=$((failed + ${3:-1})); failures+=("$1"); printf 'FAIL %s\n%s\n' "$1" "$2" | head -60; }
skip() { skipped=$((skipped + 1)); printf 'skip %s (%s)\n' "$1" "$2"; }
wanted() { [ -z "$filter" ] || [[ "$1" == *"$filter"* ]]; }

# ---- C unit tests ----
if [ -d "$UNIT_DIR" ]; then
  while IFS= read -r t; do
    name=unit/${t#"$UNIT_DIR"/}
    wanted "$name" || continue
    out=$(timeout 60 "$t" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then pass "$name"
    elif [ $rc -eq 77 ]; then skip "$name" "$(printf '%s' "$out" | tail -1)"
    else fail "$name" "$out"; fi
  done < <(find "$UNIT_DIR" -type f -perm -u+x | sort)
fi

# ---- script tests (expected output from Node) ----
# Stack frames and the version trailer differ between runtimes by design.
normalize() {
  sed -E -e "s#$top/tests/scripts#<dir>#g" -e '/^    at /d' -e 's/^(Node\.js v[0-9.]+).*$/Node.js vX/' -e 's/\((node|shard):[0-9]+\)/(node:PID)/g' -e 's/`shard --trace/`node --trace/g' "$1"
}
for js in tests/scripts/*.js tests/scripts/*.mjs; do
  [ -e "$js" ] || continue
  name=${js%.*}
  wanted "$name" || continue
  args=()
  [ -f "$name.args" ] && read -r -a args < "$name.args"
  ( cd tests/scripts && timeout 30 "$SHARD" "${args[@]}" "$(basename "$js")" >"$work/out" 2>"$work/err" </dev/null; echo $? >"$work/code" )
  diffs=""
  for kind in out err code; do
    if [ -f "$name.$kind" ]; then
      d=$(diff <(normalize "$name.$kind") <(normalize "$work/$kind"))
      [ -n "$d" ] && diffs+="--- $kind (expected < > got)"$'\n'"$d"$'\n'
    fi
  done
  if [ -z "$diffs" ]; then pass "$name"; else fail "$name" "$diffs"; fi
done

# ---- JS tests (node:test, run by shard itself) ----
# run_js_test NAME FILE [VAR=value...]: one node:test file under shard.
run_js_test() {
  local name=$1 t=$2
  shift 2
  out=$(cd "$(dirname "$t")" && env "$@" timeout 120 "$SHARD" --test --test-reporter=tap "$(basename "$t")" 2>&1)
  rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)$/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)$/\1/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ $rc -eq 0 ] && [ "$f" = 0 ] && [ "$p" -gt 0 ]; then
    pass "$name" "$p"
  else
    [ "$f" = 0 ] && f=1
    fail "$name" "$(printf '%s\n' "$out" | grep -E -B2 -A12 '^not ok|Error|error' | head -60)" "$f"
    passed=$((passed + p))
  fi
}
while IFS= read -r t; do
  wanted "$t" || continue
  run_js_test "$t" "$t"
done < <(find tests/js -type f \( -name '*.test.js' -o -name '*.test.mjs' -o -name '*.test.cjs' \) 2>/dev/null | sort)
# The Worker tests again with every Worker started from the worker snapshot
# (js/snapshot.h), which otherwise only Workers after the second one use.
while IFS= read -r t; do
  wanted "$t (worker snapshot)" || continue
  run_js_test "$t (worker snapshot)" "$t" SHARD_WORKER_SNAPSHOT=eager
done < <(find tests/js/worker_threads -type f -name '*.test.js' 2>/dev/null | sort)

# ---- integration tests ----
for t in tests/integration/*.sh; do
  [ -e "$t" ] || continue
  wanted "$t" || continue
  out=$(timeout 600 bash "$t" 2>&1)
  rc=$?
  if [ $rc -eq 0 ]; then pass "$t"
  elif [ $rc -eq 77 ]; then skip "$t" "$(printf '%s' "$out" | tail -1)"
  else fail "$t" "$out"; fi
done

[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[*]}"
[ $skipped -gt 0 ] && printf '%d skipped\n' "$skipped"
printf '%d passed, %d failed\n' "$passed" "$failed"
[ $failed -eq 0 ]
