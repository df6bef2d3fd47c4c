#!/usr/bin/env bash
# node:zlib interoperates with Debian's command-line tools: what shard
# compresses (streams through files and pipes) `gzip -d` and `brotli -d`
# restore, and what they compress shard restores, multi-member gzip files
# included; a truncated or corrupt file gives Node's error, not a crash.
# The brotli half runs when the `brotli` tool is installed.
set -u
SHARD=${SHARD:?}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v gzip >/dev/null || { echo "gzip not installed"; exit 77; }

# 8 MB of text and random bytes.
{ seq 1 400000; head -c 3000000 /dev/urandom; seq 400000 -1 1; } >"$dir/data"

cat >"$dir/compress.js" <<'JS'
// compress.js FORMAT IN OUT: a file through a compression stream to a file.
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
const [format, input, output] = process.argv.slice(2);
const make = { gzip: () => zlib.createGzip({ level: 6 }), brotli: () => zlib.createBrotliCompress({
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }) }[format];
pipeline(fs.createReadStream(input), make(), fs.createWriteStream(output), (err) => {
  if (err) { console.error(err); process.exit(1); }
});
JS

cat >"$dir/decompress.js" <<'JS'
// decompress.js FORMAT: stdin through a decompression stream to stdout;
// an error prints "code message" and exits 2.
const zlib = require('zlib');
const { pipeline } = require('stream');
const make = { gzip: () => zlib.createGunzip(), unzip: () => zlib.createUnzip(),
  brotli: () => zlib.createBrotliDecompress() }[process.argv[2]];
pipeline(process.stdin, make(), process.stdout, (err) => {
  if (err) { console.error(`${err.code} ${err.message}`); process.exit(2); }
});
JS

cat >"$dir/sync.js" <<'JS'
// sync.js FORMAT IN: the one-shot sync form, written to stdout.
const fs = require('fs');
const zlib = require('zlib');
const [format, input] = process.argv.slice(2);
process.stdout.write(zlib[format](fs.readFileSync(input)));
JS

# ---- gzip ----
"$SHARD" "$dir/compress.js" gzip "$dir/data" "$dir/data.gz" || fail "shard gzip stream"
gzip -dc "$dir/data.gz" | cmp -s - "$dir/data" || fail "gzip -d of shard's gzip output differs"
gzip -t "$dir/data.gz" || fail "gzip -t of shard's output"

for level in 1 6 9; do
  gzip -c "-$level" "$dir/data" >"$dir/tool.gz"
  "$SHARD" "$dir/decompress.js" gzip <"$dir/tool.gz" | cmp -s - "$dir/data" || fail "shard gunzip of gzip -$level"
  "$SHARD" "$dir/decompress.js" unzip <"$dir/tool.gz" | cmp -s - "$dir/data" || fail "shard unzip of gzip -$level"
  "$SHARD" "$dir/sync.js" gunzipSync "$dir/tool.gz" | cmp -s - "$dir/data" || fail "gunzipSync of gzip -$level"
done

# Two members in one file, as cat makes them.
printf 'second member\n' | gzip -c >"$dir/two.gz"
cat "$dir/tool.gz" "$dir/two.gz" >"$dir/multi.gz"
{ cat "$dir/data"; printf 'second member\n'; } >"$dir/multi"
"$SHARD" "$dir/decompress.js" gzip <"$dir/multi.gz" | cmp -s - "$dir/multi" || fail "multi-member gzip"

# A truncated file and a corrupt one: Node's errors, exit 2 (not a crash).
head -c 100000 "$dir/tool.gz" >"$dir/cut.gz"
err=$("$SHARD" "$dir/decompress.js" gzip <"$dir/cut.gz" 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] || fail "truncated gzip: exit $rc ($err)"
[ "$err" = "Z_BUF_ERROR unexpected end of file" ] || fail "truncated gzip: '$err'"
printf 'this is not gzip data at all' >"$dir/bad.gz"
err=$("$SHARD" "$dir/decompress.js" gzip <"$dir/bad.gz" 2>&1 >/dev/null)
[ "$err" = "Z_DATA_ERROR incorrect header check" ] || fail "corrupt gzip: '$err'"

# ---- brotli ----
if command -v brotli >/dev/null; then
  "$SHARD" "$dir/compress.js" brotli "$dir/data" "$dir/data.br" || fail "shard brotli stream"
  brotli -dc "$dir/data.br" | cmp -s - "$dir/data" || fail "brotli -d of shard's output differs"
  for q in 1 6; do
    brotli -c -q "$q" "$dir/data" >"$dir/tool.br"
    "$SHARD" "$dir/decompress.js" brotli <"$dir/tool.br" | cmp -s - "$dir/data" || fail "shard of brotli -q $q"
  done
  head -c 1000 "$dir/tool.br" >"$dir/cut.br"
  err=$("$SHARD" "$dir/decompress.js" brotli <"$dir/cut.br" 2>&1 >/dev/null)
  [ "$err" = "Z_BUF_ERROR unexpected end of file" ] || fail "truncated brotli: '$err'"
else
  echo "note: brotli tool not installed; brotli interop covered by tests/fixtures/zlib/tools.json only"
fi
exit 0
