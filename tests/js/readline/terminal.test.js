'use strict';
// readline in terminal mode, driven by keypresses written to its input:
// editing keys, history, tab completion, Ctrl+C and Ctrl+D, and the
// keypress decoder behind emitKeypressEvents.
const test = require('node:test');
const assert = require('node:assert');
const readline = require('node:readline');
const { PassThrough } = require('node:stream');

function fakeTerminal(options = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  output.columns = 80;
  output.isTTY = true;
  output.resume();
  const rl = readline.createInterface({ input, output, terminal: true, ...options });
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  return { input, output, rl, lines };
}

test('typing, moving and deleting edit the line', () => {
  const { input, rl, lines } = fakeTerminal();
  input.write('helo');
  input.write('\x1b[D'); // left
  input.write('l');
  input.write('\x1b[F'); // end
  input.write(' wrld');
  input.write('\x1bb'); // meta+b: back a word
  input.write('\x1b[C'); // right
  input.write('o');
  input.write('\r');
  input.write('abc def');
  input.write('\x17'); // ctrl+w: delete the word to the left
  input.write('\x01'); // ctrl+a: start of line
  input.write('X');
  input.write('\x05'); // ctrl+e
  input.write('\x7f'); // backspace
  input.write('\r');
  input.write('gone');
  input.write('\x15'); // ctrl+u: delete to the start
  input.write('kept\r');
  assert.deepStrictEqual(lines, ['hello world', 'Xabc', 'kept']);
  rl.close();
});

test('up and down walk the history, newest first, searching by what was typed', () => {
  const { input, rl, lines } = fakeTerminal();
  input.write('first\r');
  input.write('second\r');
  input.write('fish\r');
  assert.deepStrictEqual(rl.history, ['fish', 'second', 'first']);
  input.write('\x1b[A'); // up
  assert.strictEqual(rl.line, 'fish');
  input.write('\x1b[A');
  assert.strictEqual(rl.line, 'second');
  input.write('\x1b[B'); // down
  assert.strictEqual(rl.line, 'fish');
  input.write('\x1b[B');
  assert.strictEqual(rl.line, '');
  input.write('fi');
  input.write('\x1b[A');
  assert.strictEqual(rl.line, 'fish');
  input.write('\x1b[A');
  assert.strictEqual(rl.line, 'first');
  input.write('\r');
  assert.deepStrictEqual(lines, ['first', 'second', 'fish', 'first']);
  rl.close();
});

test('history options: size, duplicates removed, history event', () => {
  const { input, rl } = fakeTerminal({ historySize: 2, removeHistoryDuplicates: true });
  const seen = [];
  rl.on('history', (h) => seen.push([...h]));
  input.write('a\r');
  input.write('b\r');
  input.write('a\r');
  input.write('c\r');
  assert.deepStrictEqual(rl.history, ['c', 'a']);
  assert.deepStrictEqual(seen[2], ['a', 'b']);
  rl.close();
});

test('tab completes the common prefix', async () => {
  const completer = (line) => [['apple', 'apricot'].filter((c) => c.startsWith(line)), line];
  const { input, rl } = fakeTerminal({ completer });
  input.write('a');
  input.write('\t');
  await new Promise((r) => setImmediate(r));
  assert.strictEqual(rl.line, 'ap');
  input.write('pl');
  input.write('\t');
  await new Promise((r) => setImmediate(r));
  assert.strictEqual(rl.line, 'apple');
  rl.close();
});

test('Ctrl+C emits SIGINT when listened for, else closes; Ctrl+D on an empty line closes', () => {
  const a = fakeTerminal();
  let sigints = 0;
  a.rl.on('SIGINT', () => sigints++);
  a.input.write('\x03');
  assert.strictEqual(sigints, 1);
  assert.notStrictEqual(a.rl.closed, true);
  a.rl.close();

  const b = fakeTerminal();
  b.input.write('\x03');
  assert.strictEqual(b.rl.closed, true);

  const c = fakeTerminal();
  c.input.write('x');
  c.input.write('\x04'); // not empty: deletes to the right (nothing there)
  assert.notStrictEqual(c.rl.closed, true);
  c.input.write('\x15\x04');
  assert.strictEqual(c.rl.closed, true);
});

test('emitKeypressEvents decodes keys and escape sequences', () => {
  const input = new PassThrough();
  readline.emitKeypressEvents(input);
  const keys = [];
  input.on('keypress', (s, key) => keys.push([s, key.name, key.ctrl, key.meta, key.shift]));
  input.write('a');
  input.write('B');
  input.write('\x1b[A');
  input.write('\x1b[1;5C');
  input.write('\x03');
  input.write('\r');
  input.write('\x1bf');
  input.write('\x1b[3~');
  input.write('\x1bOP');
  input.write('é');
  assert.deepStrictEqual(keys, [
    ['a', 'a', false, false, false],
    ['B', 'b', false, false, true],
    [undefined, 'up', false, false, false],
    [undefined, 'right', true, false, false],
    ['\x03', 'c', true, false, false],
    ['\r', 'return', false, false, false],
    [undefined, 'f', false, true, false],
    [undefined, 'delete', false, false, false],
    [undefined, 'f1', false, false, false],
    ['é', undefined, false, false, false],
  ]);
});

test('the prompt is drawn with the line and the cursor put back', () => {
  const { input, output, rl } = fakeTerminal({ prompt: '> ' });
  let text = '';
  output.on('data', (d) => { text += d; });
  rl.prompt();
  input.write('ab');
  input.write('\x1b[D');
  assert.ok(text.includes('> '));
  assert.deepStrictEqual(rl.getCursorPos(), { rows: 0, cols: 3 });
  rl.close();
});
