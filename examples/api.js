// A small JSON API on every core: `shard --cores=auto examples/api.js`.
// Each core keeps its own in-memory store (cores share nothing): this is a
// demonstration of routing, JSON bodies and status codes, not a database.
const http = require('node:http');
const { core } = require('shard');

const port = Number(process.env.PORT) || 3001;
const items = new Map();
let nextId = 1;

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function readJson(req, done) {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    raw += chunk;
    if (raw.length > 1e6) req.destroy();
  });
  req.on('end', () => {
    try {
      done(null, raw ? JSON.parse(raw) : {});
    } catch (err) {
      done(err);
    }
  });
}

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const match = /^\/items(?:\/(\d+))?$/.exec(url.pathname);
  if (url.pathname === '/health') return send(res, 200, { ok: true, core });
  if (!match) return send(res, 404, { error: 'not found' });
  const id = match[1] && Number(match[1]);
  if (req.method === 'GET' && !id) return send(res, 200, [...items.values()]);
  if (req.method === 'GET') {
    return items.has(id) ? send(res, 200, items.get(id)) : send(res, 404, { error: 'no such item' });
  }
  if (req.method === 'POST' && !id) {
    return readJson(req, (err, body) => {
      if (err || typeof body.name !== 'string') return send(res, 400, { error: 'expected {"name": string}' });
      const item = { id: nextId++, name: body.name, core };
      items.set(item.id, item);
      send(res, 201, item);
    });
  }
  if (req.method === 'DELETE' && id) {
    return items.delete(id) ? send(res, 204, {}) : send(res, 404, { error: 'no such item' });
  }
  send(res, 405, { error: 'method not allowed' });
}).listen(port, () => {
  if (core === 0) console.log(`shard: JSON API on http://localhost:${port}/items`);
});
