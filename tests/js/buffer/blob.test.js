'use strict';
// Blob and File from node:buffer.
const { test } = require('node:test');
const assert = require('node:assert');
const util = require('node:util');
const { Blob, File, resolveObjectURL } = require('node:buffer');

test('a Blob joins its parts and lowercases its type', async () => {
  const b = new Blob(['ab', new Uint8Array([99]), new Blob(['d']), new Uint16Array([0x6665]).buffer], { type: 'Text/Plain' });
  assert.strictEqual(b.size, 6);
  assert.strictEqual(b.type, 'text/plain');
  assert.strictEqual(await b.text(), 'abcdef');
  assert.strictEqual(util.inspect(b), "Blob { size: 6, type: 'text/plain' }");
  assert.strictEqual(Object.prototype.toString.call(b), '[object Blob]');
  assert.strictEqual(util.inspect(new Blob()), "Blob { size: 0, type: '' }");
  assert.strictEqual(new Blob([1, {}]).size, 16); // '1[object Object]'
  assert.strictEqual(new Blob([], { type: 'a\u0100' }).type, '');
  assert.strictEqual(new Blob(['a\r\nb\rc'], { endings: 'native' }).size, 5);
  assert.strictEqual(new Blob(['a\r\nb\rc']).size, 6);
  // The parts are copied.
  const src = new Uint8Array([1, 2]);
  const c = new Blob([src]);
  src[0] = 9;
  assert.deepStrictEqual([...new Uint8Array(await c.arrayBuffer())], [1, 2]);
});

test('Blob argument errors', () => {
  assert.throws(() => new Blob('x'), {
    code: 'ERR_INVALID_ARG_TYPE', message: 'The "sources" argument must be a sequence. Received type string (\'x\')',
  });
  assert.throws(() => new Blob(null), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new Blob([], { endings: 'x' }), {
    code: 'ERR_INVALID_ARG_VALUE', message: 'The property \'options.endings\' is invalid. Received \'x\'',
  });
  assert.throws(() => new Blob([], 5), {
    code: 'ERR_INVALID_ARG_TYPE', message: 'The "options" argument must be a dictionary. Received type number (5)',
  });
});

test('slice, arrayBuffer, bytes, text', async () => {
  const b = new Blob(['hello world']);
  assert.strictEqual(await b.slice(-5).text(), 'world');
  assert.strictEqual(b.slice(2, 1).size, 0);
  assert.strictEqual(b.slice(1, 3, 'X/Y').type, 'x/y');
  assert.strictEqual(await b.slice(1, 3).text(), 'el');
  assert.strictEqual(await b.slice(-100, 100).text(), 'hello world');
  assert.strictEqual(await b.slice(2).slice(1, -1).text(), 'lo worl');
  const ab = await b.arrayBuffer();
  assert.ok(ab instanceof ArrayBuffer);
  assert.strictEqual(ab.byteLength, 11);
  const bytes = await b.bytes();
  assert.ok(bytes instanceof Uint8Array);
  assert.strictEqual(bytes[0], 104);
  bytes[0] = 0;
  assert.strictEqual(await b.text(), 'hello world'); // bytes() is a copy
  assert.strictEqual(await new Blob(['\ufeffA']).text(), 'A'); // UTF-8 decode drops a BOM
  assert.strictEqual(await new Blob([Buffer.from([0x61, 0xff])]).text(), 'a\ufffd');
  await assert.rejects(Blob.prototype.text.call({}), { code: 'ERR_INVALID_THIS' });
  await assert.rejects(Blob.prototype.arrayBuffer.call({}), { code: 'ERR_INVALID_THIS' });
});

test('File adds a name and lastModified', async () => {
  const f = new File(['a'], 'f.txt', { lastModified: 5, type: 'text/plain' });
  assert.ok(f instanceof Blob);
  assert.strictEqual(f.name, 'f.txt');
  assert.strictEqual(f.lastModified, 5);
  assert.strictEqual(f.size, 1);
  assert.strictEqual(await f.text(), 'a');
  assert.strictEqual(util.inspect(f), "File { size: 1, type: 'text/plain', name: 'f.txt', lastModified: 5 }");
  assert.ok(new File([], 'n').lastModified > 0);
  assert.strictEqual(Object.prototype.toString.call(f), '[object File]');
  assert.throws(() => new File(['a']), {
    code: 'ERR_MISSING_ARGS', message: 'The "fileBits" and "fileName" arguments must be specified',
  });
});

test('resolveObjectURL gives undefined for URLs it does not know', () => {
  assert.strictEqual(resolveObjectURL('blob:nodedata:abc'), undefined);
  assert.strictEqual(resolveObjectURL('http://x/'), undefined);
});

test('globals', () => {
  assert.strictEqual(globalThis.Blob, Blob);
  assert.strictEqual(globalThis.File, File);
});
