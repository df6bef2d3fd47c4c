'use strict';
// Static files over HTTP, as express.static and res.sendFile serve them: a
// read stream of the range stat gave, piped into the response, with
// Content-Length from stat. On
// shard the bytes go file -> socket by splice (no copy through JS memory);
// elsewhere through the runtime's ordinary path. Runs under node, bun and
// shard:
//
//   out/shard benchmarks/micro/fs_static.js          # prints the port
//   wrk -t1 -c50 -d10s http://127.0.0.1:PORT/64k
//
// Files: /1k, /64k, /10m (made in FS_DIR, default the OS temporary
// directory, removed on SIGINT/SIGTERM). PORT picks the port (default: any).
// GET /cpu answers the process's CPU time so far in microseconds
// (user+system) and the bytes served, so a driver can report CPU time per
// GiB served: read it before and after a run.

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(process.env.FS_DIR || os.tmpdir(), 'shard-static-'));
const sizes = { '/1k': 1024, '/64k': 64 * 1024, '/10m': 10 * 1024 * 1024 };
for (const [name, size] of Object.entries(sizes)) {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = 97 + (i % 26);
  fs.writeFileSync(path.join(dir, name.slice(1)), buf);
}

let served = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/cpu') {
    const u = process.cpuUsage();
    res.end(JSON.stringify({ cpuMicros: u.user + u.system, served }));
    return;
  }
  if (!(req.url in sizes)) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const file = path.join(dir, req.url.slice(1));
  fs.stat(file, (err, st) => {
    if (err) {
      res.statusCode = 500;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', st.size);
    served += st.size;
    // As the `send` package (express.static, res.sendFile) opens it: the
    // range from stat, so the stream knows where the file ends.
    fs.createReadStream(file, { start: 0, end: Math.max(0, st.size - 1) }).pipe(res);
  });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(server.address().port);
});

function stop() {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
