// Bun's native server (Bun.serve), its fastest way to answer the same two
// endpoints as http.cjs.
const port = Number(process.env.PORT) || 8080;
const plainHeaders = { 'Content-Type': 'text/plain' };

Bun.serve({
  port,
  hostname: '127.0.0.1',
  fetch(req) {
    if (req.url.endsWith('/json')) return Response.json({ message: 'Hello, World!' });
    return new Response('Hello, World!', { headers: plainHeaders });
  },
});
console.log('listening');
