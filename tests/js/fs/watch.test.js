'use strict';
// fs.watch (inotify) and fs.watchFile (stat polling): events for create,
// modify, rename and delete, named as Node names them.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-watch-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
const tmpdir = () => {
  const d = path.join(base, `d${n++}`);
  fs.mkdirSync(d);
  return d;
};

// Resolves once events satisfy want(events).
function waitFor(events, want) {
  return new Promise((resolve) => {
    const check = () => {
      if (want(events)) resolve();
      else setTimeout(check, 5);
    };
    check();
  });
}
const has = (events, type, name) => events.some(([t, f]) => t === type && f === name);

test('directory watch: create, modify, rename, delete', async () => {
  const d = tmpdir();
  const events = [];
  const w = fs.watch(d, (type, filename) => events.push([type, filename]));
  assert.strictEqual(typeof w.close, 'function');
  fs.writeFileSync(path.join(d, 'a'), '1');
  await waitFor(events, (e) => has(e, 'rename', 'a') && has(e, 'change', 'a'));
  events.length = 0;
  fs.appendFileSync(path.join(d, 'a'), '2');
  await waitFor(events, (e) => has(e, 'change', 'a'));
  events.length = 0;
  fs.renameSync(path.join(d, 'a'), path.join(d, 'b'));
  await waitFor(events, (e) => has(e, 'rename', 'a') && has(e, 'rename', 'b'));
  events.length = 0;
  fs.chmodSync(path.join(d, 'b'), 0o600);
  await waitFor(events, (e) => has(e, 'change', 'b'));
  events.length = 0;
  fs.unlinkSync(path.join(d, 'b'));
  await waitFor(events, (e) => has(e, 'rename', 'b'));
  const closed = new Promise((resolve) => w.on('close', resolve));
  w.close();
  await closed;
  w.close(); // twice is fine
  const before = events.length;
  fs.writeFileSync(path.join(d, 'after-close'), '');
  await new Promise((r) => setTimeout(r, 50));
  assert.strictEqual(events.length, before);
});

test('file watch names the file', async () => {
  const d = tmpdir();
  const f = path.join(d, 'watched.txt');
  fs.writeFileSync(f, '');
  const events = [];
  const w = fs.watch(f, { encoding: 'utf8' });
  w.on('change', (type, filename) => events.push([type, filename]));
  fs.appendFileSync(f, 'more');
  await waitFor(events, (e) => has(e, 'change', 'watched.txt'));
  fs.renameSync(f, path.join(d, 'moved.txt'));
  await waitFor(events, (e) => has(e, 'rename', 'watched.txt'));
  w.close();
});

test('buffer filenames, recursive watch, unref', async () => {
  const d = tmpdir();
  const events = [];
  const w = fs.watch(d, { encoding: 'buffer' }, (type, filename) => events.push([type, filename]));
  fs.writeFileSync(path.join(d, 'x'), '');
  await waitFor(events, (e) => e.some(([, f]) => Buffer.isBuffer(f) && f.toString() === 'x'));
  w.close();

  fs.mkdirSync(path.join(d, 'sub', 'deeper'), { recursive: true });
  const rec = [];
  const rw = fs.watch(d, { recursive: true }, (type, filename) => rec.push([type, filename]));
  fs.writeFileSync(path.join(d, 'sub', 'deeper', 'leaf'), '1');
  await waitFor(rec, (e) => has(e, 'rename', path.join('sub', 'deeper', 'leaf')));
  fs.mkdirSync(path.join(d, 'sub', 'new'));
  await waitFor(rec, (e) => has(e, 'rename', path.join('sub', 'new')));
  // A directory made after the watch started is watched too.
  await new Promise((r) => setTimeout(r, 20));
  fs.writeFileSync(path.join(d, 'sub', 'new', 'inside'), '1');
  await waitFor(rec, (e) => has(e, 'rename', path.join('sub', 'new', 'inside')));
  rw.close();
  // An unref'd watcher does not keep the process alive; ref() and unref()
  // return the watcher.
  const u = fs.watch(d);
  assert.strictEqual(u.unref(), u);
  assert.strictEqual(u.ref(), u);
  u.close();
});

test('AbortSignal closes a watcher', async () => {
  const d = tmpdir();
  const ac = new AbortController();
  const w = fs.watch(d, { signal: ac.signal });
  const closed = new Promise((resolve) => w.on('close', resolve));
  ac.abort();
  await closed;
});

test('fs.promises.watch yields events and ends on abort', async () => {
  const d = tmpdir();
  const ac = new AbortController();
  const seen = [];
  const iter = fsp.watch(d, { signal: ac.signal });
  setTimeout(() => fs.writeFileSync(path.join(d, 'p'), 'x'), 10);
  await assert.rejects((async () => {
    for await (const event of iter) {
      seen.push(event);
      if (seen.some((e) => e.eventType === 'change' && e.filename === 'p')) ac.abort();
    }
  })(), { name: 'AbortError' });
  assert.ok(seen.some((e) => e.eventType === 'rename' && e.filename === 'p'));
});

test('watchFile: appears, changes, disappears', async () => {
  const d = tmpdir();
  const f = path.join(d, 'polled');
  const seen = [];
  const listener = (curr, prev) => seen.push([curr.size, prev.size, curr.mtimeMs > 0, prev.mtimeMs > 0]);
  const watcher = fs.watchFile(f, { interval: 20 }, listener);
  // A missing file reports once, with both Stats zeroed.
  await waitFor(seen, (s) => s.length >= 1);
  assert.deepStrictEqual(seen[0], [0, 0, false, false]);
  fs.writeFileSync(f, 'abc');
  await waitFor(seen, (s) => s.length >= 2);
  assert.deepStrictEqual(seen[1], [3, 0, true, false]);
  await new Promise((r) => setTimeout(r, 15)); // mtime granularity
  fs.writeFileSync(f, 'abcdef');
  await waitFor(seen, (s) => s.length >= 3);
  assert.deepStrictEqual(seen[2], [6, 3, true, true]);
  fs.unlinkSync(f);
  await waitFor(seen, (s) => s.length >= 4);
  assert.deepStrictEqual(seen[3], [0, 6, false, true]);
  assert.strictEqual(typeof watcher.ref, 'function');
  fs.unwatchFile(f, listener);
  const count = seen.length;
  fs.writeFileSync(f, 'again');
  await new Promise((r) => setTimeout(r, 80));
  assert.strictEqual(seen.length, count);
});

test('watchFile with bigint stats, and unwatchFile of every listener', async () => {
  const d = tmpdir();
  const f = path.join(d, 'big');
  fs.writeFileSync(f, '1');
  const seen = [];
  fs.watchFile(f, { interval: 20, bigint: true }, (curr, prev) => seen.push([curr.size, prev.size]));
  fs.watchFile(f, { interval: 20 }, () => {});
  await new Promise((r) => setTimeout(r, 40));
  fs.writeFileSync(f, '12');
  await waitFor(seen, (s) => s.length >= 1);
  assert.deepStrictEqual(seen[0], [2n, 1n]);
  fs.unwatchFile(f);
});
