#!/usr/bin/env bash
# Zero copy from files to sockets: a 2 GiB sparse file served over HTTP
# (a read stream piped into the response) reaches curl intact, while
# shard's own counters show every byte moved by splice and none read into
# user memory, and its RSS stays flat. A variant with a 'data' listener on
# the read stream takes the ordinary path (bytes read into memory, none
# spliced), and a raw net.Socket with writes around the piped range keeps
# their order.
set -u
SHARD=${SHARD:?}
dir=$(mktemp -d "${TEST_WORK:-/tmp}/fs-zc.XXXXXX")
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/integration/lib/server.sh"
trap 'stop_servers; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v curl >/dev/null || { echo "curl is missing"; exit 77; }

# 2 GiB, sparse, with data at its start, middle and end so the checksum
# means something.
big=$dir/big.bin
truncate -s 2G "$big"
head -c 65536 /dev/urandom | dd of="$big" conv=notrunc bs=65536 seek=0 status=none
head -c 65536 /dev/urandom | dd of="$big" conv=notrunc bs=65536 seek=16384 status=none
head -c 65536 /dev/urandom | dd of="$big" conv=notrunc bs=65536 seek=32767 status=none
size=$(stat -c %s "$big")
[ "$size" = 2147483648 ] || fail "sparse file is $size bytes"
small=$dir/small.bin
head -c 8000000 /dev/urandom >"$small"

cat >"$dir/server.js" <<'JS'
const fs = require('fs');
const http = require('http');
const { stats } = require('shard');
const [file, mode] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  if (req.url === '/stats') {
    const s = stats().core;
    res.end(JSON.stringify({ spliceBytes: s.spliceBytes, fileReadBytes: s.fileReadBytes,
                             rss: process.memoryUsage().rss }));
    return;
  }
  res.setHeader('content-length', fs.statSync(file).size);
  const rs = fs.createReadStream(file);
  if (mode === 'data') rs.on('data', () => {});
  rs.pipe(res);
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
JS

serve() { # serve <file> <mode>: sets $port and $pid
  start_server "$dir/server" "$SHARD" "$dir/server.js" "$@" || fail "server did not start: $(cat "$dir/server.err")"
}
stop_server() {
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
hwm_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"; }
field() { sed -n "s/.*\"$1\":\\([0-9]*\\).*/\\1/p"; }

# ---- the splice path ----
serve "$big" splice
curl -s "http://127.0.0.1:$port/stats" >/dev/null # warm up (loads http, the pool)
before=$(curl -s "http://127.0.0.1:$port/stats")
rss_before=$(rss_kb)
cksum <"$big" >"$dir/want" &
hasher=$!
got=$(curl -s "http://127.0.0.1:$port/" | cksum)
wait "$hasher"
want=$(cat "$dir/want")
[ "$got" = "$want" ] || fail "body checksum $got, file $want"
after=$(curl -s "http://127.0.0.1:$port/stats")
hwm=$(hwm_kb)
spliced=$(( $(echo "$after" | field spliceBytes) - $(echo "$before" | field spliceBytes) ))
read_bytes=$(( $(echo "$after" | field fileReadBytes) - $(echo "$before" | field fileReadBytes) ))
[ "$spliced" = "$size" ] || fail "spliced $spliced bytes of $size"
[ "$read_bytes" = 0 ] || fail "$read_bytes bytes read into memory on the splice path"
grown=$(( hwm - rss_before ))
[ "$grown" -lt 65536 ] || fail "RSS grew by $grown KiB serving 2 GiB (from $rss_before KiB to a peak of $hwm KiB)"
stop_server

# ---- a 'data' listener: the ordinary path ----
serve "$small" data
before=$(curl -s "http://127.0.0.1:$port/stats")
got=$(curl -s "http://127.0.0.1:$port/" | cksum)
want=$(cksum <"$small")
[ "$got" = "$want" ] || fail "data variant: body checksum $got, file $want"
after=$(curl -s "http://127.0.0.1:$port/stats")
spliced=$(( $(echo "$after" | field spliceBytes) - $(echo "$before" | field spliceBytes) ))
read_bytes=$(( $(echo "$after" | field fileReadBytes) - $(echo "$before" | field fileReadBytes) ))
[ "$spliced" = 0 ] || fail "data variant spliced $spliced bytes"
[ "$read_bytes" = 8000000 ] || fail "data variant read $read_bytes bytes, want 8000000"
stop_server

# ---- raw sockets, chunked responses, ranges: bytes in order ----
cat >"$dir/order.js" <<'JS'
const fs = require('fs');
const net = require('net');
const http = require('http');
const { stats } = require('shard');
const file = process.argv[2];
const data = fs.readFileSync(file);
const s0 = stats().core;
function check(what, ok) {
  if (!ok) { console.log(`FAIL ${what}`); process.exitCode = 1; }
}
const tcp = net.createServer((sock) => {
  sock.resume(); // read, so the peer's FIN is seen and the socket closes
  sock.write('HEAD');
  const rs = fs.createReadStream(file, { start: 100, end: 5_000_099 });
  rs.pipe(sock, { end: false });
  rs.on('end', () => sock.end('TAIL'));
}).listen(0, () => {
  const c = net.connect(tcp.address().port);
  const chunks = [];
  c.on('data', (d) => chunks.push(d));
  c.on('end', () => {
    const all = Buffer.concat(chunks);
    check('net: head', all.subarray(0, 4).toString() === 'HEAD');
    check('net: tail', all.subarray(-4).toString() === 'TAIL');
    check('net: range', all.subarray(4, -4).equals(data.subarray(100, 5_000_100)));
    tcp.close();
    chunked();
  });
});
function chunked() {
  const srv = http.createServer((req, res) => {
    res.write('pre:');
    fs.createReadStream(file).pipe(res);
  }).listen(0, () => {
    http.get({ port: srv.address().port }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        check('chunked: framing', res.headers['transfer-encoding'] === 'chunked');
        check('chunked: body', all.subarray(0, 4).toString() === 'pre:' && all.subarray(4).equals(data));
        const s1 = stats().core;
        check('spliced both', s1.spliceBytes - s0.spliceBytes === 5_000_000 + data.length);
        check('read nothing', s1.fileReadBytes === s0.fileReadBytes);
        srv.close();
      });
    });
  });
}
JS
out=$(timeout 60 "$SHARD" "$dir/order.js" "$small" 2>&1) || fail "order.js: $out"
[ -z "$out" ] || fail "$out"
exit 0
