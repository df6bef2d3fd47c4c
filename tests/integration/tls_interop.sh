#!/usr/bin/env bash
# TLS with real peers: shard's servers against `openssl s_client` and
# `curl --cacert`, shard's clients against `openssl s_server` and a Node
# https server. ALPN (h2, http/1.1), SNI choosing between two certificates,
# resumption by ticket (TLS 1.3 with -sess_out/-sess_in, TLS 1.2 with
# -reconnect, and across the cores of --cores=2), mutual TLS accepted and
# refused, and garbage before the ClientHello. Certificates are made here
# by tests/fixtures/tls/gen.sh.
set -u
SHARD=${SHARD:?}
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v openssl >/dev/null || { echo "openssl is missing"; exit 77; }
command -v curl >/dev/null || { echo "curl is missing"; exit 77; }
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
certs=$(TLS_FIXTURES= "$top/tests/fixtures/tls/gen.sh" "$dir/certs") || fail "making certificates"

# start_shard NAME SCRIPT [ARGS...]: runs a shard script that writes its
# port into $dir/NAME.port; waits for it.
start_shard() {
  local name=$1
  shift
  rm -f "$dir/$name.port"
  CERTS=$certs PORTFILE=$dir/$name.port "$SHARD" "$@" >"$dir/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    [ -s "$dir/$name.port" ] && return 0
    sleep 0.05
  done
  cat "$dir/$name.log"
  fail "$name did not start"
}

cat >"$dir/server.js" <<'JS'
// An https server with ALPN and a second certificate for other.test (SNI);
// with MTLS=1 it asks for client certificates from ca.pem.
const https = require('https');
const fs = require('fs');
const read = (f) => fs.readFileSync(`${process.env.CERTS}/${f}`);
const options = { key: read('server.key'), cert: read('server.pem') };
if (process.env.ALPN) options.ALPNProtocols = process.env.ALPN.split(',');
if (process.env.MTLS) Object.assign(options, { requestCert: true, ca: read('ca.pem') });
const server = https.createServer(options, (req, res) => {
  const s = req.socket;
  res.end(`hello ${req.url} ${s.getProtocol()} alpn=${s.alpnProtocol} sni=${s.servername} ` +
          `client=${s.authorized ? s.getPeerCertificate().subject.CN : '-'} core=${require('shard').core}\n`);
});
server.addContext('other.test', { key: read('other.key'), cert: read('other.pem') });
server.on('tlsClientError', (err) => console.log('tlsClientError', err.code));
server.listen(+(process.env.PORT || 0), '127.0.0.1', () => {
  if (require('shard').core === 0) fs.writeFileSync(process.env.PORTFILE, String(server.address().port));
});
JS

# ---- curl against shard ----
start_shard plain "$dir/server.js"
port=$(cat "$dir/plain.port")
out=$(curl -sS --cacert "$certs/ca.pem" "https://localhost:$port/a") || fail "curl: $out"
[[ "$out" == "hello /a TLSv1.3 alpn=http/1.1 sni=localhost client=- "* ]] || fail "curl got: $out"
out=$(curl -sS --cacert "$certs/ca.pem" --tls-max 1.2 "https://localhost:$port/b") || fail "curl 1.2: $out"
[[ "$out" == "hello /b TLSv1.2 alpn=http/1.1 "* ]] || fail "curl 1.2 got: $out"
# A POST body, and keep-alive: two requests, one connection.
out=$(curl -sS --cacert "$certs/ca.pem" --data-binary "@$certs/server.pem" "https://localhost:$port/c" \
  "https://localhost:$port/d" -w '%{num_connects}\n') || fail "curl keep-alive: $out"
[ "$(printf '%s\n' "$out" | grep -c '^hello')" = 2 ] || fail "keep-alive got: $out"
[ "$(printf '%s\n' "$out" | tail -1)" = 0 ] || fail "curl reconnected: $out"
# curl refuses a server it cannot verify.
curl -sS --cacert "$certs/ca2.pem" "https://localhost:$port/" >/dev/null 2>&1 && fail "curl trusted an unknown CA"
curl -sS --cacert "$certs/ca.pem" --resolve "wrong.example:$port:127.0.0.1" "https://wrong.example:$port/" \
  >/dev/null 2>&1 && fail "curl accepted the wrong host name"

# ---- openssl s_client against shard ----
sclient() { timeout 10 openssl s_client -connect "127.0.0.1:$port" -CAfile "$certs/ca.pem" "$@" 2>&1; }
out=$(sclient -servername localhost -alpn http/1.1 </dev/null)
grep -q 'ALPN protocol: http/1.1' <<<"$out" || fail "ALPN http/1.1: $out"
grep -q 'Verify return code: 0 (ok)' <<<"$out" || fail "verify: $out"
# SNI: the second certificate for other.test.
out=$(sclient -servername other.test </dev/null)
grep -q 'subject=O = shard, CN = other.test' <<<"$out" || fail "SNI other.test: $(grep subject= <<<"$out")"
out=$(sclient -servername localhost </dev/null)
grep -q 'CN = localhost' <<<"$out" || fail "SNI localhost: $(grep subject= <<<"$out")"
# Resumption: TLS 1.3 by ticket, the session saved after a request.
printf 'GET /r HTTP/1.0\r\n\r\n' | sclient -servername localhost -sess_out "$dir/sess.pem" -ign_eof >"$dir/s1"
grep -q '^New, TLSv1.3' "$dir/s1" || fail "first TLS 1.3 session: $(cat "$dir/s1")"
printf 'GET /r HTTP/1.0\r\n\r\n' | sclient -servername localhost -sess_in "$dir/sess.pem" -ign_eof >"$dir/s2"
grep -q '^Reused, TLSv1.3' "$dir/s2" || fail "TLS 1.3 resumption: $(grep -E 'New|Reused' "$dir/s2")"
grep -q 'hello /r' "$dir/s2" || fail "no answer on the resumed session"
# TLS 1.2: -reconnect resumes five times.
out=$(sclient -servername localhost -tls1_2 -reconnect </dev/null)
[ "$(grep -c '^Reused, TLSv1.2' <<<"$out")" = 5 ] || fail "TLS 1.2 -reconnect: $(grep -E 'New|Reused' <<<"$out")"
# Garbage before the ClientHello: the server says why and closes.
(
  trap '' PIPE
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' >&3
  timeout 5 cat <&3 >/dev/null
) 2>/dev/null
# A client's TLS 1.2 renegotiation is refused.
out=$( (echo R; sleep 1) | sclient -servername localhost -tls1_2)
grep -q 'RENEGOTIATING' <<<"$out" && grep -q 'no renegotiation' <<<"$out" || fail "renegotiation not refused: $out"
# Only old protocols: refused.
out=$(sclient -servername localhost -tls1_1 </dev/null)
grep -qE 'alert protocol version|no protocols available' <<<"$out" || fail "TLS 1.1 accepted: $out"
sleep 0.2
grep -q 'tlsClientError ERR_SSL_HTTP_REQUEST' "$dir/plain.log" || fail "no tlsClientError for garbage: $(cat "$dir/plain.log")"
kill "${pids[-1]}"

# ---- ALPN: h2 chosen when first on the server's list ----
ALPN=h2,http/1.1 start_shard alpn "$dir/server.js"
port=$(cat "$dir/alpn.port")
out=$(sclient -servername localhost -alpn http/1.1,h2 </dev/null)
grep -q 'ALPN protocol: h2' <<<"$out" || fail "ALPN h2: $(grep ALPN <<<"$out")"
out=$(sclient -servername localhost -alpn spdy/1 </dev/null)
grep -q 'no application protocol' <<<"$out" || fail "ALPN mismatch not refused: $out"
kill "${pids[-1]}"

# ---- mutual TLS ----
MTLS=1 start_shard mtls "$dir/server.js"
port=$(cat "$dir/mtls.port")
out=$(curl -sS --cacert "$certs/ca.pem" --cert "$certs/client.pem" --key "$certs/client.key" "https://localhost:$port/m") \
  || fail "mTLS with a good certificate: $out"
[[ "$out" == *"client=client "* ]] || fail "mTLS got: $out"
curl -sS --cacert "$certs/ca.pem" "https://localhost:$port/m" >/dev/null 2>&1 && fail "mTLS without a certificate accepted"
curl -sS --cacert "$certs/ca.pem" --cert "$certs/client2.pem" --key "$certs/client2.key" "https://localhost:$port/m" \
  >/dev/null 2>&1 && fail "mTLS with an unknown CA's certificate accepted"
kill "${pids[-1]}"

# ---- resumption on any core (--cores=2, one ticket key for all) ----
start_shard cores --cores=2 "$dir/server.js"
port=$(cat "$dir/cores.port")
printf 'GET /c HTTP/1.0\r\n\r\n' | sclient -servername localhost -sess_out "$dir/sess2.pem" -ign_eof >"$dir/c0"
grep -q '^New, TLSv1.3' "$dir/c0" || fail "--cores first session: $(grep -E 'New|Reused' "$dir/c0")"
# The kernel spreads connections over the cores: resume until both have.
cores=""
for i in $(seq 40); do
  printf 'GET /c HTTP/1.0\r\n\r\n' | sclient -servername localhost -sess_in "$dir/sess2.pem" -ign_eof >"$dir/c1"
  grep -q '^Reused, TLSv1.3' "$dir/c1" || fail "--cores resumption $i: $(grep -E 'New|Reused|hello' "$dir/c1")"
  cores+=" $(grep -o 'core=[0-9]' "$dir/c1")"
  [[ "$cores" == *core=0* && "$cores" == *core=1* ]] && break
done
[[ "$cores" == *core=0* && "$cores" == *core=1* ]] || fail "resumed only on:$cores"
kill "${pids[-1]}"

# ---- shard's client against openssl s_server and a Node server ----
cat >"$dir/client.js" <<'JS'
// Fetches URL with https.get (CA from ca.pem), prints the body's first line
// and what TLS agreed on; with ALPN set, a tls.connect offering it instead.
const https = require('https');
const tls = require('tls');
const fs = require('fs');
const ca = fs.readFileSync(`${process.env.CERTS}/ca.pem`);
if (process.env.ALPN) {
  const c = tls.connect({ port: +process.env.PORT, host: '127.0.0.1', servername: 'localhost', ca,
    ALPNProtocols: process.env.ALPN.split(',') }, () => {
    console.log(`alpn=${c.alpnProtocol} authorized=${c.authorized}`);
    c.end();
  });
  c.on('error', (e) => console.log('error', e.code));
} else {
  https.get(process.env.URL, { ca }, (res) => {
    let body = '';
    res.on('data', (d) => { body += d; });
    res.on('end', () => console.log(`${res.statusCode} ${res.socket.getProtocol?.() ?? ''} ${body.split('\n')[0]}`));
  }).on('error', (e) => console.log('error', e.code, e.message));
}
JS
# s_server says ACCEPT once it listens; a port someone holds makes it
# exit, and another is tried.
started=no
for _ in 1 2 3 4 5; do
  sport=$((20000 + RANDOM % 20000))
  openssl s_server -accept "127.0.0.1:$sport" -cert "$certs/server.pem" -key "$certs/server.key" -www \
    -alpn h2,http/1.1 >"$dir/s_server.log" 2>&1 &
  spid=$!
  for _ in $(seq 200); do
    grep -q ACCEPT "$dir/s_server.log" && { started=yes; break; }
    kill -0 "$spid" 2>/dev/null || break
    sleep 0.05
  done
  [ "$started" = yes ] && break
  kill "$spid" 2>/dev/null
done
[ "$started" = yes ] || fail "openssl s_server did not start: $(cat "$dir/s_server.log")"
pids+=("$spid")
out=$(CERTS=$certs URL="https://localhost:$sport/" timeout 10 "$SHARD" "$dir/client.js" 2>&1)
[[ "$out" == "200 TLSv1.3 "* ]] || fail "shard against s_server: $out"
out=$(CERTS=$certs PORT=$sport ALPN=x-none,h2 timeout 10 "$SHARD" "$dir/client.js" 2>&1)
[ "$out" = "alpn=h2 authorized=true" ] || fail "ALPN against s_server: $out"
kill "${pids[-1]}"

if command -v node >/dev/null; then
  cat >"$dir/node-server.js" <<'JS'
const https = require('https');
const fs = require('fs');
const read = (f) => fs.readFileSync(`${process.env.CERTS}/${f}`);
const server = https.createServer({ key: read('server.key'), cert: read('server.pem') },
  (req, res) => res.end(`node says ${req.url}\n`));
server.listen(0, '127.0.0.1', () => fs.writeFileSync(process.env.PORTFILE, String(server.address().port)));
JS
  rm -f "$dir/node.port"
  CERTS=$certs PORTFILE=$dir/node.port node "$dir/node-server.js" &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$dir/node.port" ] && break; sleep 0.05; done
  out=$(CERTS=$certs URL="https://localhost:$(cat "$dir/node.port")/n" timeout 10 "$SHARD" "$dir/client.js" 2>&1)
  [ "$out" = "200 TLSv1.3 node says /n" ] || fail "shard against a Node server: $out"
fi
# ---- the system store: SSL_CERT_FILE and NODE_EXTRA_CA_CERTS ----
start_shard sys "$dir/server.js"
port=$(cat "$dir/sys.port")
cat >"$dir/sys-client.js" <<'JS'
const tls = require('tls');
const c = tls.connect({ port: +process.env.PORT, host: '127.0.0.1', servername: 'localhost' }, () => {
  console.log(`authorized=${c.authorized}`);
  c.end();
});
c.on('error', (e) => console.log(`error=${e.code}`));
JS
out=$(PORT=$port timeout 10 "$SHARD" "$dir/sys-client.js" 2>&1)
[ "$out" = "error=UNABLE_TO_VERIFY_LEAF_SIGNATURE" ] || fail "the test CA is not in the system store: $out"
out=$(PORT=$port NODE_EXTRA_CA_CERTS=$certs/ca.pem timeout 10 "$SHARD" "$dir/sys-client.js" 2>&1)
[ "$out" = "authorized=true" ] || fail "NODE_EXTRA_CA_CERTS: $out"
out=$(PORT=$port SSL_CERT_FILE=$certs/ca.pem timeout 10 "$SHARD" "$dir/sys-client.js" 2>&1)
[ "$out" = "authorized=true" ] || fail "SSL_CERT_FILE: $out"
kill "${pids[-1]}"

# ---- kTLS: the send side handed over after the handshake ----
# Where the kernel has no kTLS, SHARD_KTLS=emulate seals the records in
# user space exactly as the kernel would from the same keys and sequence:
# curl (OpenSSL) must read them. Where it has kTLS, the real thing.
cat >"$dir/big.js" <<'JS'
const https = require('https');
const fs = require('fs');
const read = (f) => fs.readFileSync(`${process.env.CERTS}/${f}`);
const file = `${process.env.DIR}/big.bin`;
const server = https.createServer({ key: read('server.key'), cert: read('server.pem') }, (req, res) => {
  res.on('finish', () => console.log('sealed by', res.socket._kernelTLSMode));
  fs.createReadStream(file).pipe(res);
});
server.listen(0, '127.0.0.1', () => fs.writeFileSync(process.env.PORTFILE, String(server.address().port)));
JS
head -c $((8 * 1024 * 1024 + 333)) /dev/urandom >"$dir/big.bin"
want=$(sha256sum <"$dir/big.bin")
ktls_kernel=no
command -v python3 >/dev/null && python3 - <<'PY' 2>/dev/null && ktls_kernel=yes
import socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
c = socket.create_connection(s.getsockname())
c.setsockopt(socket.IPPROTO_TCP, 31, b"tls")
PY
for mode in emulate default; do
  [ "$mode" = default ] && [ "$ktls_kernel" = no ] && continue
  SHARD_KTLS=$([ "$mode" = emulate ] && echo emulate || echo 1) DIR=$dir start_shard "big-$mode" "$dir/big.js"
  port=$(cat "$dir/big-$mode.port")
  for _ in 1 2; do
    got=$(curl -sS --cacert "$certs/ca.pem" "https://localhost:$port/" | sha256sum)
    [ "$got" = "$want" ] || fail "8 MiB over https ($mode kTLS): the bytes differ"
  done
  sleep 0.2
  expect=$([ "$mode" = emulate ] && echo emulated || echo kernel)
  [ "$(grep -c "sealed by $expect" "$dir/big-$mode.log")" = 2 ] || fail "$mode kTLS not used: $(cat "$dir/big-$mode.log")"
  kill "${pids[-1]}"
done
out=$(cd "$top/tests/js/tls" && TLS_FIXTURES=$certs SHARD_KTLS=emulate timeout 120 "$SHARD" --test ktls.test.js 2>&1)
grep -q '^# fail 0' <<<"$out" || fail "ktls.test.js under SHARD_KTLS=emulate: $(grep -A12 '^not ok' <<<"$out" | head -30)"
if [ "$ktls_kernel" = yes ]; then
  out=$(cd "$top/tests/js/tls" && TLS_FIXTURES=$certs SHARD_EXPECT_KTLS=1 timeout 120 "$SHARD" --test ktls.test.js 2>&1)
  grep -q '^# fail 0' <<<"$out" || fail "ktls.test.js with the kernel's kTLS: $(grep -A12 '^not ok' <<<"$out" | head -30)"
fi
echo "kTLS: kernel ${ktls_kernel}, emulation checked"
echo "tls interop: ok"
