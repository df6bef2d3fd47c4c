'use strict';
// Certificates for the TLS tests: made by tests/fixtures/tls/gen.sh (the
// openssl command). tests/run.sh makes them per run and names the folder in
// TLS_FIXTURES; otherwise tests/fixtures/tls/out is used, made here when
// child_process is there to run the script.
const fs = require('node:fs');
const path = require('node:path');

function folder() {
  if (process.env.TLS_FIXTURES) return process.env.TLS_FIXTURES;
  const out = path.join(__dirname, '..', '..', 'fixtures', 'tls', 'out');
  if (!fs.existsSync(path.join(out, 'done'))) {
    const { execFileSync } = require('node:child_process');
    execFileSync(path.join(__dirname, '..', '..', 'fixtures', 'tls', 'gen.sh'), [out]);
  }
  return out;
}

const dir = folder();
const cache = new Map();
function read(name) {
  if (!cache.has(name)) cache.set(name, fs.readFileSync(path.join(dir, name)));
  return cache.get(name);
}

module.exports = {
  dir,
  read,
  // The usual server: a P-256 certificate for localhost/127.0.0.1 by ca.pem.
  server: () => ({ key: read('server.key'), cert: read('server.pem') }),
  ca: () => read('ca.pem'),
};
