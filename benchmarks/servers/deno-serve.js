// Deno's native server (Deno.serve), its fastest way to answer the same two
// endpoints as http.cjs.
const port = Number(Deno.env.get('PORT')) || 8080;
const plainHeaders = { 'Content-Type': 'text/plain' };

Deno.serve({ port, hostname: '127.0.0.1', onListen() { console.log('listening'); } }, (req) => {
  if (req.url.endsWith('/json')) return Response.json({ message: 'Hello, World!' });
  return new Response('Hello, World!', { headers: plainHeaders });
});
