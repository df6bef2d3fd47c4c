'use strict';
// An https server for the TLS benchmarks (benchmarks/micro/tls.sh drives
// it with wrk and curl). Runs under node, bun and shard:
//
//   CERTS=dir out/shard benchmarks/micro/tls.js      # prints the port
//
// CERTS: the folder tests/fixtures/tls/gen.sh made. KEY=ec (P-256, the
// default) or rsa (RSA 2048). TICKETS=0 turns session tickets off, so every
// connection is a full handshake. PORT picks the port (default: any).
//
//   GET /       "Hello, World!" (keep-alive)
//   GET /100m   100 MiB from a file (made at start in the OS temporary
//               directory), fs.createReadStream(file).pipe(res)
//   GET /stats  the process's CPU time so far (microseconds), and how many
//               /100m responses went out with the kernel encrypting
//               (socket.kernelTLS, shard's kTLS)

const fs = require('fs');
const https = require('https');
const os = require('os');
const path = require('path');

const certs = process.env.CERTS;
if (!certs) {
  console.error('CERTS must name the folder tests/fixtures/tls/gen.sh made');
  process.exit(2);
}
const rsa = process.env.KEY === 'rsa';
const options = {
  key: fs.readFileSync(path.join(certs, rsa ? 'rsa-server.key' : 'server.key')),
  cert: fs.readFileSync(path.join(certs, rsa ? 'rsa-server.pem' : 'server.pem')),
};
if (process.env.TICKETS === '0') options.secureOptions = 0x4000; // SSL_OP_NO_TICKET

const big = path.join(os.tmpdir(), `shard-tls-bench-${process.pid}`);
const size = 100 * 1024 * 1024;
{
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = 97 + (i % 26);
  const fd = fs.openSync(big, 'w');
  for (let i = 0; i < size / chunk.length; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    fs.rmSync(big, { force: true });
    process.exit(0);
  });
}

let kernel = 0;
let files = 0;
const hello = 'Hello, World!';
const server = https.createServer(options, (req, res) => {
  if (req.url === '/') {
    res.setHeader('Content-Type', 'text/plain');
    res.end(hello);
  } else if (req.url === '/100m') {
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', size);
    const socket = res.socket;
    res.on('finish', () => {
      files++;
      if (socket.kernelTLS) kernel++;
    });
    fs.createReadStream(big, { start: 0, end: size - 1 }).pipe(res);
  } else if (req.url === '/stats') {
    const u = process.cpuUsage();
    res.end(JSON.stringify({ cpuMicros: u.user + u.system, files, kernelTLS: kernel }));
  } else {
    res.statusCode = 404;
    res.end();
  }
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(server.address().port);
});
