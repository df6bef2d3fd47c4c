#!/usr/bin/env bash
# Permission errors need a user the kernel checks: root reads and writes
# anything (CAP_DAC_OVERRIDE), so as root the fs error tests run again as
# nobody, where EACCES from open() is real.
set -u
SHARD=${SHARD:?}
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" != 0 ]; then
  echo "not root: tests/js/fs/errors.test.js already covers EACCES"
  exit 77
fi
command -v setpriv >/dev/null || { echo "setpriv is missing"; exit 77; }
uid=$(id -u nobody 2>/dev/null) || { echo "no user nobody"; exit 77; }
gid=$(id -g nobody)
# A checkout under a private home (/root) is out of nobody's reach: the
# binary, its libraries in deps/ and the test file must all be readable.
if ! setpriv --reuid="$uid" --regid="$gid" --clear-groups \
    sh -c '[ -x "$1" ] && [ -r "$2" ] && "$1" -e 0' _ "$SHARD" "$top/tests/js/fs/errors.test.js" 2>/dev/null; then
  echo "nobody cannot run $SHARD from this checkout"
  exit 77
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
chmod 1777 "$scratch"
out=$(cd "$top/tests/js/fs" && setpriv --reuid="$uid" --regid="$gid" --clear-groups \
  env -u TEST_WORK TMPDIR="$scratch" HOME="$scratch" \
  "$SHARD" --test --test-reporter=tap errors.test.js 2>&1)
rc=$?
pass=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)$/\1/p')
skip=$(printf '%s\n' "$out" | sed -n 's/^# skipped \([0-9]*\)$/\1/p')
if [ $rc -ne 0 ] || [ "${skip:-1}" != 0 ] || [ "${pass:-0}" -lt 5 ]; then
  echo "FAIL: errors.test.js as nobody (rc $rc, pass ${pass:-?}, skipped ${skip:-?})"
  printf '%s\n' "$out" | tail -40
  exit 1
fi
