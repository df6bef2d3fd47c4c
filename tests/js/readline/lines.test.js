'use strict';
// readline over streams without a terminal: line endings of every kind,
// lines split across chunks, the last line without an ending, 'close'
// after the input ends, pause/resume, and a million lines from a file and
// from a child's pipe, by events and by async iteration.
const test = require('node:test');
const assert = require('node:assert');
const readline = require('node:readline');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cp = require('node:child_process');
const { PassThrough } = require('node:stream');
const { once } = require('node:events');

test('\\n, \\r\\n and a lone \\r end lines; the last line needs no ending', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  input.write('a\r\nb\rc\n');
  input.write('\npartial');
  input.end(' end');
  await once(rl, 'close');
  assert.deepStrictEqual(lines, ['a', 'b', 'c', '', 'partial end']);
});

test('a \\r\\n split across two chunks is one line end', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  input.write('one\r');
  await new Promise((r) => setImmediate(r));
  input.end('\ntwo\n');
  await once(rl, 'close');
  assert.deepStrictEqual(lines, ['one', 'two']);
});

test('multi-byte characters split across chunks arrive whole', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  const bytes = Buffer.from('héllo wörld ✓\n');
  for (const b of bytes) input.write(Buffer.from([b]));
  input.end();
  await once(rl, 'close');
  assert.deepStrictEqual(lines, ['héllo wörld ✓']);
});

test('close, pause and resume events; close is final', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const events = [];
  rl.on('pause', () => events.push('pause'));
  rl.on('resume', () => events.push('resume'));
  rl.on('close', () => events.push('close'));
  rl.pause();
  rl.resume();
  rl.close();
  rl.close();
  assert.deepStrictEqual(events, ['pause', 'resume', 'pause', 'close']);
  assert.throws(() => rl.question('late?', () => {}), { code: 'ERR_USE_AFTER_CLOSE' });
});

test('close() from a line listener: close at once, the chunk\'s other lines still come', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const lines = [];
  const closed = once(rl, 'close');
  rl.on('line', (l) => {
    lines.push(l);
    if (l === 'stop') rl.close();
  });
  rl.on('close', () => lines.push('(close)'));
  input.end('a\nstop\nmore\n');
  await closed;
  await new Promise((r) => setImmediate(r));
  assert.deepStrictEqual(lines, ['a', 'stop', '(close)', 'more']);
  assert.strictEqual(rl.closed, true);
});

test('a million lines from a file: events and async iteration', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-'));
  const file = path.join(dir, 'lines.txt');
  const n = 1000000;
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(`line ${i}`);
  fs.writeFileSync(file, `${parts.join('\n')}\n`);

  let count = 0;
  let bad = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(file) });
  rl.on('line', (l) => {
    if (l !== `line ${count}`) bad++;
    count++;
  });
  await once(rl, 'close');
  assert.strictEqual(count, n);
  assert.strictEqual(bad, 0);

  let iterated = 0;
  let lastLine;
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (line !== `line ${iterated}`) bad++;
    iterated++;
    lastLine = line;
  }
  assert.strictEqual(iterated, n);
  assert.strictEqual(bad, 0);
  assert.strictEqual(lastLine, `line ${n - 1}`);
  fs.rmSync(dir, { recursive: true });
});

test('a million lines through a pipe from a child', async () => {
  const child = cp.spawn('seq', ['1', '1000000']);
  let count = 0;
  let sum = 0;
  for await (const line of readline.createInterface({ input: child.stdout })) {
    count++;
    sum += Number(line);
  }
  assert.strictEqual(count, 1000000);
  assert.strictEqual(sum, 500000500000);
});

test('breaking out of async iteration stops it', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const seen = [];
  setImmediate(() => input.write('1\n2\n3\n'));
  for await (const line of rl) {
    seen.push(line);
    if (line === '2') break;
  }
  assert.deepStrictEqual(seen, ['1', '2']);
  const more = [];
  rl.on('line', (l) => more.push(l));
  input.end('4\n');
  await once(rl, 'close');
  assert.deepStrictEqual(more, ['4']);
});

test('createInterface checks its options', () => {
  const input = new PassThrough();
  assert.throws(() => readline.createInterface({ input, completer: 'x' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => readline.createInterface({ input, historySize: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => readline.createInterface({ input, historySize: 'a' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => readline.createInterface({ input, history: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => readline.createInterface({ input, tabSize: 0 }), { code: 'ERR_OUT_OF_RANGE' });
});
