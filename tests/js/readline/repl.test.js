'use strict';
// repl.start() on streams: results printed with inspect, a context of its
// own (or the global one), `_` and `_error`, multi-line input, custom eval
// and writer, defineCommand, and 'exit' when the input ends.
const test = require('node:test');
const assert = require('node:assert');
const repl = require('node:repl');
const { PassThrough } = require('node:stream');
const { once } = require('node:events');

function start(options = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => { text += d; });
  const server = repl.start({ input, output, terminal: false, prompt: '> ', ...options });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { input, server, text: () => text, settle };
}

test('lines are evaluated and their values printed', async () => {
  const r = start();
  r.input.write('1 + 1\n');
  r.input.write("'str'\n");
  r.input.write('({ a: [1, 2] })\n');
  await r.settle();
  assert.strictEqual(r.text(), "> 2\n> 'str'\n> { a: [ 1, 2 ] }\n> ");
  r.server.close();
});

test('multi-line input waits behind "... " until complete', async () => {
  const r = start();
  r.input.write('function add(a, b) {\n');
  r.input.write('  return a + b;\n');
  r.input.write('}\n');
  r.input.write('add(2, 3)\n');
  await r.settle();
  assert.strictEqual(r.text(), '> ... ... undefined\n> 5\n> ');
  r.server.close();
});

test('_ and _error; errors print as Uncaught', async () => {
  const r = start();
  r.input.write('6 * 7\n');
  r.input.write('null.x\n');
  r.input.write('_\n');
  r.input.write('_error.name\n');
  await r.settle();
  assert.match(r.text(), /^> 42\n> Uncaught TypeError: Cannot read properties of null \(reading 'x'\)\n> 42\n> 'TypeError'\n> $/);
  r.server.close();
});

test('a context of its own unless useGlobal', async () => {
  const own = start();
  own.input.write('var replOnlyVariable = 1\n');
  await own.settle();
  assert.strictEqual(globalThis.replOnlyVariable, undefined);
  assert.strictEqual(own.server.context.replOnlyVariable, 1);
  own.server.close();
  const shared = start({ useGlobal: true });
  shared.input.write('globalThis.replSharedVariable = 2\n');
  await shared.settle();
  assert.strictEqual(globalThis.replSharedVariable, 2);
  delete globalThis.replSharedVariable;
  shared.server.close();
});

test('top-level await', async () => {
  const r = start();
  r.input.write('await Promise.resolve(99)\n');
  await r.settle();
  assert.strictEqual(r.text(), '> 99\n> ');
  r.server.close();
});

test('custom eval and writer, defineCommand, ignoreUndefined', async () => {
  const r = start({
    eval: (cmd, context, file, cb) => cb(null, cmd.trim().toUpperCase()),
    writer: (v) => `<${v}>`,
  });
  r.server.defineCommand('hello', { help: 'Say hello', action(name) { this.output.write(`hello ${name}\n`); this.displayPrompt(); } });
  r.input.write('abc\n');
  r.input.write('.hello you\n');
  await r.settle();
  assert.strictEqual(r.text(), '> <ABC>\n> hello you\n> ');
  r.server.close();
  const quiet = start({ ignoreUndefined: true });
  quiet.input.write('undefined\n');
  await quiet.settle();
  assert.strictEqual(quiet.text(), '> > ');
  quiet.server.close();
});

test('the end of the input closes the REPL with exit', async () => {
  const r = start();
  const exited = once(r.server, 'exit');
  r.input.end('1\n');
  await exited;
  assert.ok(r.text().startsWith('> 1\n'));
});
