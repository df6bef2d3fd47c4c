'use strict';
// The same program for every runtime: Node's http API, as a Node.js user
// writes it. GET /json answers a small JSON document, any other path a
// plaintext "Hello, World!" (the TechEmpower plaintext and JSON tests).
// PORT picks the port; "listening" on stdout says it is ready.
const http = require('node:http');

const port = Number(process.env.PORT) || 8080;
const plain = 'Hello, World!';

const server = http.createServer((req, res) => {
  if (req.url === '/json') {
    const body = JSON.stringify({ message: 'Hello, World!' });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  } else {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': plain.length });
    res.end(plain);
  }
});
// Under cluster.cjs the primary says when every worker listens.
server.listen(port, '127.0.0.1', () => {
  if (!process.env.BENCH_WORKER) console.log('listening');
});
