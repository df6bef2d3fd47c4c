#!/usr/bin/env bash
# An ordinary Node cluster program runs unchanged: the primary forks two
# workers (copies of the program on new cores), both serve one port
# (SO_REUSEPORT), curl reaches both, a worker that dies is reported with its
# code and replaced, and Ctrl-C ends everything.
set -u
SHARD=${SHARD:?}
command -v curl >/dev/null || { echo "curl is missing"; exit 77; }
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; cat "$dir/log"; exit 1; }

cat >"$dir/app.js" <<'JS'
const cluster = require('cluster');
const http = require('http');

if (cluster.isPrimary) {
  console.log(`primary ${process.pid} is running`);
  for (let i = 0; i < 2; i++) cluster.fork();
  cluster.on('listening', (worker, address) => {
    console.log(`worker ${worker.id} listening on ${address.port}`);
  });
  cluster.on('exit', (worker, code, signal) => {
    console.log(`worker ${worker.id} died (${signal || code})`);
    if (code === 7) cluster.fork();
  });
} else {
  http.createServer((req, res) => {
    if (req.url === '/die') {
      res.end('bye\n', () => process.exit(7));
      return;
    }
    res.writeHead(200);
    res.end(`hello from worker ${cluster.worker.id}\n`);
  }).listen(0);
}
JS
"$SHARD" "$dir/app.js" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 100); do [ "$(grep -c listening "$dir/log")" = 2 ] && break; sleep 0.1; done
[ "$(grep -c listening "$dir/log")" = 2 ] || fail "two workers did not listen"
port=$(grep -m1 -o 'listening on [0-9]*' "$dir/log" | grep -o '[0-9]*$')
[ "$(grep -o 'listening on [0-9]*' "$dir/log" | sort -u | wc -l)" = 1 ] || fail "the workers listen on different ports"

seen=""
for _ in $(seq 200); do
  body=$(curl -s "http://127.0.0.1:$port/") || fail "curl failed"
  case "$body" in "hello from worker "*) ;; *) fail "bad answer '$body'" ;; esac
  seen=$(printf '%s\n%s' "$seen" "$body" | sort -u | grep -c .)
  [ "$seen" = 2 ] && break
done
[ "$seen" = 2 ] || fail "only one worker answered"

# A worker exits with code 7: the primary sees it and forks a replacement.
curl -s "http://127.0.0.1:$port/die" >/dev/null
for _ in $(seq 100); do [ "$(grep -c listening "$dir/log")" = 3 ] && break; sleep 0.1; done
grep -q 'died (7)' "$dir/log" || fail "the exit code of the dead worker was not reported"
[ "$(grep -c listening "$dir/log")" = 3 ] || fail "no replacement worker"
curl -s "http://127.0.0.1:$port/" | grep -q 'hello from worker' || fail "no answer after the replacement"

kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || fail "Ctrl-C: exit status $rc"
echo ok
