// Hello world on every core: `shard --cores=auto examples/hello.js`.
// Each core runs this file; all of them listen on the same port.
const http = require('node:http');
const { core, cores } = require('shard');

const port = Number(process.env.PORT) || 3000;

http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('Hello, world!\n');
}).listen(port, () => {
  if (core === 0) console.log(`shard: http://localhost:${port}/ on ${cores} core${cores > 1 ? 's' : ''}`);
});
