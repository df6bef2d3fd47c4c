'use strict';
// File streams piped into sockets and HTTP responses (the zero-copy path
// on shard): the bytes arrive whole and in order whatever the stream does
// meanwhile (ranges, unpipe, pause, a late 'data' listener, a destination
// that goes away), and the stream's events stay Node's.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const net = require('node:net');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-pipe-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
const data = Buffer.alloc(6 * 1024 * 1024 + 123);
for (let i = 0; i + 4 <= data.length; i += 4) data.writeUInt32LE(i, i);
const file = path.join(base, 'data.bin');
fs.writeFileSync(file, data);

const shard = process.versions.shard ? require('shard') : null;
const counters = () => (shard ? shard.stats().core : { spliceBytes: 0, fileReadBytes: 0 });

// Runs serve(sock) for one connection; resolves with what the client got.
function overTcp(serve) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((sock) => {
      sock.resume(); // read, so the client's FIN closes it
      serve(sock);
    }).listen(0, '127.0.0.1', () => {
      const c = net.connect(server.address().port, '127.0.0.1');
      const chunks = [];
      c.on('data', (d) => chunks.push(d));
      c.on('error', reject);
      c.on('end', () => {
        server.close();
        resolve(Buffer.concat(chunks));
      });
    });
  });
}

test('pipe into a socket, with writes before and after', async () => {
  const before = counters();
  const events = [];
  const got = await overTcp((sock) => {
    sock.write('<');
    const rs = fs.createReadStream(file);
    rs.on('open', () => events.push('open'));
    rs.on('end', () => { events.push('end'); sock.end('>'); });
    rs.on('close', () => events.push('close'));
    sock.on('pipe', () => events.push('pipe'));
    rs.pipe(sock, { end: false });
  });
  assert.strictEqual(got.length, data.length + 2);
  assert.ok(got.subarray(1, -1).equals(data));
  assert.strictEqual(got[0], 0x3c);
  assert.strictEqual(got[got.length - 1], 0x3e);
  assert.deepStrictEqual(events, ['pipe', 'open', 'end', 'close']);
  if (shard) {
    const now = counters();
    assert.strictEqual(now.spliceBytes - before.spliceBytes, data.length);
    assert.strictEqual(now.fileReadBytes, before.fileReadBytes);
  }
});

test('ranges and pipe() ending the socket', async () => {
  for (const [start, end] of [[0, 0], [1, 100], [4 * 1024 * 1024 - 3, 4 * 1024 * 1024 + 3], [6 * 1024 * 1024, undefined]]) {
    const got = await overTcp((sock) => fs.createReadStream(file, { start, end }).pipe(sock));
    const last = end === undefined ? data.length : end + 1;
    assert.ok(got.equals(data.subarray(start, last)), `range ${start}-${end}`);
  }
});

test('unpipe halfway, then the rest through data events', async () => {
  const got = await overTcp((sock) => {
    const rs = fs.createReadStream(file);
    rs.pipe(sock, { end: false });
    setTimeout(() => {
      rs.unpipe(sock);
      setTimeout(() => {
        rs.on('data', (d) => sock.write(d));
        rs.on('end', () => sock.end());
        rs.resume();
      }, 20);
    }, 2);
  });
  assert.ok(got.equals(data));
});

test('pause and resume while piped, and a data listener added later', async () => {
  let seen = 0;
  const got = await overTcp((sock) => {
    const rs = fs.createReadStream(file);
    rs.pipe(sock);
    setTimeout(() => {
      rs.pause();
      setTimeout(() => rs.resume(), 20);
    }, 1);
    setTimeout(() => rs.on('data', (d) => { seen += d.length; }), 5);
  });
  assert.ok(got.equals(data));
  assert.ok(seen > 0 && seen <= data.length);
});

test('the destination goes away: the stream is unpiped and can close', async () => {
  await new Promise((resolve) => {
    const server = net.createServer((sock) => {
      const rs = fs.createReadStream(file);
      rs.pipe(sock);
      sock.on('error', () => {}); // ECONNRESET or EPIPE, as the timing falls
      sock.on('close', () => {
        rs.destroy();
        rs.on('close', () => {
          server.close();
          resolve();
        });
      });
    }).listen(0, '127.0.0.1', () => {
      const c = net.connect(server.address().port, '127.0.0.1');
      c.once('data', () => c.destroy());
    });
  });
});

test('HTTP responses: content-length, chunked, HEAD, pipeline', async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/length') {
      res.setHeader('content-length', data.length);
      fs.createReadStream(file).pipe(res);
    } else if (req.url === '/chunked') {
      res.write('head:');
      fs.createReadStream(file, { start: 10, end: 5_000_009 }).pipe(res);
    } else {
      res.setHeader('content-length', 1000);
      pipeline(fs.createReadStream(file, { start: 0, end: 999 }), res, () => {});
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const get = (p, method = 'GET') => new Promise((resolve, reject) => {
    http.request({ port: server.address().port, host: '127.0.0.1', path: p, method }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
  const a = await get('/length');
  assert.strictEqual(a.headers['content-length'], String(data.length));
  assert.ok(a.body.equals(data));
  const b = await get('/chunked');
  assert.strictEqual(b.headers['transfer-encoding'], 'chunked');
  assert.strictEqual(b.body.subarray(0, 5).toString(), 'head:');
  assert.ok(b.body.subarray(5).equals(data.subarray(10, 5_000_010)));
  const c = await get('/pipeline');
  assert.ok(c.body.equals(data.subarray(0, 1000)));
  const d = await get('/length', 'HEAD');
  assert.strictEqual(d.body.length, 0);
  server.close();
});
