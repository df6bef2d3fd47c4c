#!/usr/bin/env bash
# The `pg` npm package over TLS to a real PostgreSQL started here with
# ssl = on (certificates from tests/fixtures/tls/gen.sh): pg upgrades its
# plain socket with tls.connect({ socket }), checks the server against the
# CA, runs queries (a large result streams through TLS), and refuses a
# server it cannot verify. The script's output must equal Node's.
# PostgreSQL is installed with apt-get when missing and this runs as root;
# skips (77) only when it cannot be had, or npm cannot reach the registry.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
SHARD=$(cd "$(dirname "$SHARD")" && pwd)/$(basename "$SHARD")
NODE=${NODE:-node}
fail() { echo "FAIL: $*"; exit 1; }

pgbin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ] && { pg_config --bindir; return 0; }
  return 1
}
bin=$(pgbin)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1
    bin=$(pgbin)
  fi
  [ -n "$bin" ] || { echo "PostgreSQL is not installed and could not be"; exit 77; }
fi
command -v npm >/dev/null 2>&1 || { echo "npm is not installed"; exit 77; }
command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }

dir=$(mktemp -d)
chmod 755 "$dir"
pgdata=$dir/data
# PostgreSQL will not run as root: as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd -r -M postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
cleanup() {
  as_pg "$bin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT

certs=$(TLS_FIXTURES= "$top/tests/fixtures/tls/gen.sh" "$dir/certs") || fail "making certificates"
mkdir -p "$pgdata"
[ "$(id -u)" = 0 ] && chown postgres "$pgdata"
as_pg "$bin/initdb" -D "$pgdata" -A trust -U shard >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; fail "initdb"; }
cp "$certs/server.pem" "$certs/server.key" "$pgdata/"
chmod 600 "$pgdata/server.key"
[ "$(id -u)" = 0 ] && chown postgres "$pgdata/server.pem" "$pgdata/server.key"
cp "$pgdata/postgresql.conf" "$dir/postgresql.conf.orig"
# TLS only over TCP.
printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n' >"$pgdata/pg_hba.conf"
# A port below the kernel's ephemeral range (other tests' client sockets
# hold ports there); another try on a fresh port if one is taken anyway.
started=0
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 10000))
  cp "$dir/postgresql.conf.orig" "$pgdata/postgresql.conf"
  cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pgdata'
ssl = on
ssl_cert_file = 'server.pem'
ssl_key_file = 'server.key'
ssl_min_protocol_version = 'TLSv1.2'
CONF
  if as_pg "$bin/pg_ctl" -D "$pgdata" -w -l "$pgdata/pg.log" start >/dev/null 2>&1; then
    started=1
    break
  fi
  grep -q 'Address already in use' "$pgdata/pg.log" || break
done
[ $started = 1 ] || { cat "$pgdata/pg.log"; fail "PostgreSQL did not start"; }

work=${TEST_WORK:-$top/tests/.work}/npm-pg
mkdir -p "$work"
cd "$work" || exit 1
[ -f package.json ] || echo '{ "name": "shard-pg-tests", "private": true }' >package.json
if ! out=$(timeout 300 npm install --no-audit --no-fund --loglevel=error pg 2>&1); then
  if printf '%s' "$out" | grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network|getaddrinfo|proxy'; then
    echo "npm registry unreachable"
    exit 77
  fi
  printf '%s\n' "$out" | tail -20
  fail "npm install pg"
fi

cat >"$work/pg-tls.js" <<'JS'
const { Client } = require('pg');
const fs = require('fs');
const ca = fs.readFileSync(`${process.env.CERTS}/ca.pem`, 'utf8');
const base = { host: '127.0.0.1', port: +process.env.PGPORT, user: 'shard', database: 'postgres' };

async function main() {
  const client = new Client({ ...base, ssl: { ca } });
  await client.connect();
  const { rows } = await client.query('select ssl, version from pg_stat_ssl where pid = pg_backend_pid()');
  console.log('ssl', rows[0].ssl, rows[0].version);
  console.log('encrypted', client.connection.stream.encrypted, client.connection.stream.authorized);
  const r = await client.query('select $1::text as a, $2::int + 1 as b', ['hello', 41]);
  console.log(r.rows[0].a, r.rows[0].b);
  // A result of several MiB through TLS.
  const big = await client.query("select g, repeat('x', 100) as pad from generate_series(1, 50000) g");
  let sum = 0;
  for (const row of big.rows) sum += row.g + row.pad.length;
  console.log('rows', big.rows.length, 'sum', sum);
  await client.query('create temp table t (id int, body text)');
  for (let i = 0; i < 20; i++) await client.query('insert into t values ($1, $2)', [i, 'b'.repeat(i * 500)]);
  const t = await client.query('select count(*)::int as n, sum(length(body))::int as len from t');
  console.log('table', t.rows[0].n, t.rows[0].len);
  await client.end();

  // A server the client cannot verify is refused.
  const wrong = new Client({ ...base, ssl: { ca: fs.readFileSync(`${process.env.CERTS}/ca2.pem`, 'utf8') } });
  try {
    await wrong.connect();
    console.log('unexpectedly connected');
  } catch (err) {
    console.log('refused', err.code);
  }
  // Without TLS the server says no (hostnossl reject).
  const plain = new Client({ ...base, ssl: false });
  try {
    await plain.connect();
    console.log('unexpectedly connected without TLS');
  } catch (err) {
    console.log('plain refused', err.code);
  }
}
main().catch((err) => {
  console.log('error', err.code, err.message);
  process.exitCode = 1;
});
JS
expected=$(CERTS=$certs PGPORT=$port timeout 60 "$NODE" "$work/pg-tls.js" 2>&1)
got=$(CERTS=$certs PGPORT=$port timeout 60 "$SHARD" "$work/pg-tls.js" 2>&1)
rc=$?
if [ "$got" != "$expected" ] || [ $rc -ne 0 ]; then
  printf -- '--- node:\n%s\n--- shard (rc %s):\n%s\n' "$expected" "$rc" "$got"
  fail "pg over TLS differs from Node"
fi
grep -q '^ssl true TLSv1.3$' <<<"$got" || fail "not TLS 1.3: $got"
echo "pg over TLS: ok"
