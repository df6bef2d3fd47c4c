// The first request of a program that never required 'buffer' itself: the
// request's headers, its body chunks and the response body are complete
// Buffers/strings (regression: views made before node:buffer loaded).
const http = require('http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (d) => chunks.push(d.toString('utf8')));
  req.on('end', () => {
    res.setHeader('content-type', 'text/plain');
    res.end(`${req.method} ${req.url} ${req.headers['x-one']} ${req.rawHeaders.length} [${chunks.join('')}]`);
  });
});
server.listen(0, '127.0.0.1', () => {
  const req = http.request({ port: server.address().port, host: '127.0.0.1', method: 'POST', path: '/p?q=1',
    headers: { 'X-One': 'uno', 'Content-Length': 5 } }, (res) => {
    res.on('data', (d) => console.log('body:', d.toString(), typeof d.readUInt8));
    res.on('end', () => {
      console.log('status:', res.statusCode, res.headers['content-type']);
      server.close();
    });
  });
  req.end('hello');
});
