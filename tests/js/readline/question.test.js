'use strict';
// question() with callbacks and promises, prompts written to the output,
// AbortSignal cancelling a question, and readline/promises' Readline.
const test = require('node:test');
const assert = require('node:assert');
const readline = require('node:readline');
const readlinePromises = require('node:readline/promises');
const { PassThrough } = require('node:stream');
const { once } = require('node:events');

function outputOf(stream) {
  let text = '';
  stream.on('data', (d) => { text += d; });
  return () => text;
}

test('question writes the query and hands the next line to the callback', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  const text = outputOf(output);
  const rl = readline.createInterface({ input, output, terminal: false });
  const answer = new Promise((resolve) => rl.question('Name? ', resolve));
  input.write('Ada\n');
  assert.strictEqual(await answer, 'Ada');
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  input.write('after\n');
  await new Promise((r) => setImmediate(r));
  assert.deepStrictEqual(lines, ['after']);
  assert.strictEqual(text(), 'Name? ');
  rl.close();
});

test('readline/promises question resolves; an aborted signal rejects', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  const rl = readlinePromises.createInterface({ input, output, terminal: false });
  const p = rl.question('Age? ');
  input.write('36\n');
  assert.strictEqual(await p, '36');
  const ac = new AbortController();
  const q = rl.question('Never? ', { signal: ac.signal });
  ac.abort();
  await assert.rejects(q, { name: 'AbortError' });
  await assert.rejects(rl.question('x', { signal: AbortSignal.abort() }), { name: 'AbortError' });
  rl.close();
});

test('util.promisify(rl.question) resolves the answer', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input, output: new PassThrough(), terminal: false });
  const q = require('node:util').promisify(rl.question).bind(rl);
  const p = q('? ');
  input.write('yes\n');
  assert.strictEqual(await p, 'yes');
  rl.close();
});

test('prompt writes the prompt; setPrompt/getPrompt', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  const text = outputOf(output);
  const rl = readline.createInterface({ input, output, prompt: '$ ', terminal: false });
  assert.strictEqual(rl.getPrompt(), '$ ');
  rl.prompt();
  rl.setPrompt('# ');
  rl.prompt();
  await new Promise((r) => setImmediate(r));
  assert.strictEqual(text(), '$ # ');
  rl.close();
});

test('Readline gathers cursor moves and writes them on commit', async () => {
  const output = new PassThrough();
  const text = outputOf(output);
  const r = new readlinePromises.Readline(output);
  r.cursorTo(0).cursorTo(2, 3).moveCursor(1, -1).clearLine(0).clearLine(-1).clearLine(1).clearScreenDown();
  await new Promise((res) => setImmediate(res));
  assert.strictEqual(text(), '');
  await r.commit();
  assert.strictEqual(text(), '\x1b[1G\x1b[4;3H\x1b[1C\x1b[1A\x1b[2K\x1b[1K\x1b[0K\x1b[0J');
  r.cursorTo(5).rollback();
  await r.commit();
  assert.strictEqual(text(), '\x1b[1G\x1b[4;3H\x1b[1C\x1b[1A\x1b[2K\x1b[1K\x1b[0K\x1b[0J');
  assert.throws(() => new readlinePromises.Readline({}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => r.cursorTo('x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('cursorTo, moveCursor, clearLine and clearScreenDown write control sequences', () => {
  const written = [];
  const stream = { write(d, cb) { written.push(d); if (cb) cb(); return true; } };
  assert.strictEqual(readline.cursorTo(stream, 3), true);
  readline.cursorTo(stream, 3, 4);
  readline.moveCursor(stream, -2, 5);
  readline.moveCursor(stream, 0, 0);
  readline.clearLine(stream, -1);
  readline.clearLine(stream, 0);
  readline.clearLine(stream, 1);
  readline.clearScreenDown(stream);
  assert.deepStrictEqual(written, ['\x1b[4G', '\x1b[5;4H', '\x1b[2D\x1b[5B', '\x1b[1K', '\x1b[2K', '\x1b[0K', '\x1b[0J']);
  assert.throws(() => readline.cursorTo(stream, undefined, 2), { code: 'ERR_INVALID_CURSOR_POS' });
  assert.throws(() => readline.cursorTo(stream, NaN), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.strictEqual(readline.cursorTo(null, 1), true);
});

test('the module exports Node\'s names', () => {
  assert.deepStrictEqual(Object.keys(readline).sort(),
                         ['Interface', 'clearLine', 'clearScreenDown', 'createInterface', 'cursorTo',
                          'emitKeypressEvents', 'moveCursor', 'promises'].sort());
  assert.strictEqual(readline.promises, readlinePromises);
  assert.ok(readline.createInterface({ input: new PassThrough() }) instanceof readline.Interface);
  // Callable without new, as Node's is.
  const rl = readline.Interface({ input: new PassThrough() });
  assert.ok(rl instanceof readline.Interface);
  rl.close();
  void once;
});
