'use strict';
// Stream event order in many scenarios, printed so the output can be
// compared with Node's: each scenario logs what happens, in order.
// Waiting is done in setImmediate rounds (settle), never on timers.
const S = require('stream');
const SP = require('stream/promises');
const { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished } = S;
const scenarios = [];
function scen(name, fn) { scenarios.push([name, fn]); }
let out = [];
// Runs fn after enough event-loop rounds for pending ticks, immediates and
// the work they schedule to finish.
function settle(fn, rounds = 8) {
  if (rounds === 0) fn();
  else setImmediate(settle, fn, rounds - 1);
}
const later = (fn) => settle(fn, 2);
function log(...a) { out.push(a.map((x) => (x instanceof Error ? `${x.name}:${x.code}:${x.message}` : typeof x === 'object' && x !== null && !Buffer.isBuffer(x) ? JSON.stringify(x) : String(x))).join(' ')); }
function trace(s, name, events = ['data', 'end', 'finish', 'close', 'error', 'pause', 'resume', 'drain', 'prefinish', 'pipe', 'unpipe']) {
  for (const e of events) s.on(e, (a) => log(name, e, e === 'data' ? String(a) : a instanceof Error ? a.message : ''));
}

scen('readable flowing basic', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r');
  r.push('a'); r.push('b'); r.push(null);
  settle(done);
});
scen('readable paused mode', (done) => {
  const r = new Readable({ read() {} });
  r.push('abc'); r.push('def'); r.push(null);
  r.on('readable', () => { let c; while ((c = r.read(2)) !== null) log('read', c.toString()); log('readable end', r.readableLength); });
  r.on('end', () => log('end'));
  r.on('close', () => { log('close'); done(); });
});
scen('readable sync read impl', (done) => {
  let i = 0;
  const r = new Readable({ highWaterMark: 4, read() { log('_read', i); if (i < 3) this.push(String(i++)); else this.push(null); } });
  r.on('data', (d) => log('data', d.toString()));
  r.on('end', () => log('end'));
  r.on('close', () => { log('close'); done(); });
});
scen('readable async read impl', (done) => {
  let i = 0;
  const r = new Readable({ objectMode: true, read() { log('_read', i); setImmediate(() => this.push(i < 3 ? i++ : null)); } });
  r.on('data', (d) => log('data', d));
  r.on('end', () => log('end'));
  r.on('close', () => { log('close'); done(); });
});
scen('pause resume', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r');
  r.push('x');
  r.pause();
  log('isPaused', r.isPaused(), r.readableFlowing);
  settle(() => { r.resume(); log('flowing', r.readableFlowing); r.push(null); settle(done); });
});
scen('writable basic', (done) => {
  const w = new Writable({ write(c, e, cb) { log('_write', c.toString(), e); cb(); } });
  trace(w, 'w');
  log('ret', w.write('a', () => log('cb a')));
  log('ret', w.write('b'));
  w.end('c', () => log('end cb'));
  settle(done);
});
scen('writable async backpressure', (done) => {
  const w = new Writable({ highWaterMark: 3, write(c, e, cb) { log('_write', c.toString()); setImmediate(cb); } });
  trace(w, 'w');
  log('ret', w.write('aa'));
  log('ret', w.write('bb'), w.writableLength, w.writableNeedDrain);
  log('ret', w.write('c'));
  w.once('drain', () => { log('drained', w.writableLength); w.end(); });
  w.on('close', () => done());
});
scen('writable objectMode hwm', (done) => {
  const w = new Writable({ objectMode: true, write(c, e, cb) { setImmediate(cb); } });
  const rets = [];
  for (let i = 0; i < 18; i++) rets.push(w.write({ i }));
  log(rets.join(','), w.writableHighWaterMark);
  w.end(); w.on('finish', () => log('finish')); w.on('close', done);
});
scen('writable sync objectMode end', (done) => {
  const w = new Writable({ objectMode: true, write(c, e, cb) { cb(); } });
  trace(w, 'w');
  w.write(1); w.end();
  process.nextTick(() => log('tick1')); setImmediate(done);
});
scen('writable sync bytes end', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  trace(w, 'w');
  w.write('1'); w.end();
  process.nextTick(() => log('tick1')); setImmediate(done);
});
scen('writable error in write', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(new Error('boom')); } });
  trace(w, 'w');
  w.write('a', (err) => log('cb', err && err.message));
  w.write('b', (err) => log('cb2', err && err.message));
  settle(done);
});
scen('writable async error', (done) => {
  const w = new Writable({ write(c, e, cb) { setImmediate(() => cb(new Error('late'))); } });
  trace(w, 'w');
  w.write('a', (err) => log('cb', err && err.message));
  w.write('b', (err) => log('cb2', err && err.message));
  w.end((err) => log('endcb', err && err.message));
  settle(done);
});
scen('write after end', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  trace(w, 'w');
  w.end();
  log('ret', w.write('x', (err) => log('cb', err.code)));
  settle(done);
});
scen('cork uncork writev', (done) => {
  const w = new Writable({ write(c, e, cb) { log('_write', c.toString()); cb(); }, writev(chunks, cb) { log('_writev', chunks.map((c) => c.chunk.toString()).join('|'), chunks.allBuffers); cb(); } });
  trace(w, 'w');
  w.cork(); w.write('a'); w.write('b', () => log('cb b')); w.write('c');
  log('corked', w.writableCorked, w.writableLength);
  process.nextTick(() => { w.uncork(); w.end(); });
  settle(done);
});
scen('final', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { log('_final'); setImmediate(cb); } });
  trace(w, 'w');
  w.end('x');
  settle(done);
});
scen('final error', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { cb(new Error('fin')); } });
  trace(w, 'w');
  w.end('x', (err) => log('endcb', err && err.message));
  settle(done);
});
scen('destroy readable with error', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r');
  r.destroy(new Error('kaboom'), (err) => log('destroy cb', err && err.message));
  log('destroyed', r.destroyed, r.errored && r.errored.message, r.closed);
  settle(() => { log('closed', r.closed, r.readableAborted); done(); });
});
scen('destroy writable no error', (done) => {
  const w = new Writable({ write(c, e, cb) { setImmediate(cb); } });
  trace(w, 'w');
  w.write('a', (err) => log('cb a', err && err.code));
  w.write('b', (err) => log('cb b', err && err.code));
  w.end((err) => log('end cb', err && err.code));
  w.destroy();
  settle(() => { log(w.writableAborted, w.destroyed); done(); });
});
scen('autoDestroy false', (done) => {
  const r = new Readable({ autoDestroy: false, read() {} });
  trace(r, 'r');
  r.push('a'); r.push(null);
  r.resume();
  settle(() => { log('destroyed', r.destroyed); r.destroy(); settle(done); });
});
scen('emitClose false', (done) => {
  const r = new Readable({ emitClose: false, read() {} });
  trace(r, 'r');
  r.destroy();
  settle(done);
});
scen('construct', (done) => {
  const w = new Writable({ construct(cb) { log('construct'); setImmediate(cb); }, write(c, e, cb) { log('_write', c.toString()); cb(); } });
  trace(w, 'w');
  w.write('a'); w.end('b');
  settle(done);
});
scen('construct error', (done) => {
  const r = new Readable({ construct(cb) { cb(new Error('cons')); }, read() { log('read!'); } });
  trace(r, 'r');
  r.resume();
  settle(done);
});
scen('destroy during construct', (done) => {
  const d = new Duplex({ construct(cb) { setImmediate(cb); }, read() {}, write(c, e, cb) { cb(); }, destroy(err, cb) { log('_destroy', err && err.message); cb(err); } });
  trace(d, 'd');
  d.destroy(new Error('early'));
  settle(done);
});
scen('duplex allowHalfOpen false', (done) => {
  const d = new Duplex({ allowHalfOpen: false, read() {}, write(c, e, cb) { log('_write', c.toString()); cb(); } });
  trace(d, 'd');
  d.push('x'); d.push(null);
  settle(done);
});
scen('duplex readable false', (done) => {
  const d = new Duplex({ readable: false, write(c, e, cb) { cb(); } });
  trace(d, 'd');
  log(d.readable, d.writable, d.readableEnded);
  d.end('z');
  settle(done);
});
scen('transform basic', (done) => {
  const t = new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); }, flush(cb) { log('flush'); cb(null, '!'); } });
  trace(t, 't');
  t.write('ab'); t.end('cd');
  settle(done);
});
scen('transform backpressure', (done) => {
  const t = new Transform({ highWaterMark: 2, objectMode: true, transform(c, e, cb) { log('_transform', c); cb(null, c); } });
  const rets = [];
  for (let i = 0; i < 6; i++) rets.push(t.write(i));
  log('rets', rets.join(','), t.readableLength, t.writableLength);
  setImmediate(() => { log('later', t.readableLength, t.writableLength); t.on('data', (d) => log('data', d)); t.on('end', () => { log('end'); done(); }); t.end(); });
});
scen('transform error', (done) => {
  const t = new Transform({ transform(c, e, cb) { cb(new Error('terr')); } });
  trace(t, 't');
  t.write('x', (err) => log('wcb', err && err.message));
  settle(done);
});
scen('passthrough', (done) => {
  const p = new PassThrough();
  trace(p, 'p');
  p.end('hello');
  settle(done);
});
scen('pipe basic', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { log('_write', c.toString()); cb(); } });
  trace(r, 'r'); trace(w, 'w');
  r.pipe(w);
  r.push('1'); r.push('2'); r.push(null);
  settle(done);
});
scen('pipe backpressure', (done) => {
  let n = 0;
  const r = new Readable({ highWaterMark: 4, read() { if (n < 6) this.push('xx' + n++); else this.push(null); } });
  const w = new Writable({ highWaterMark: 4, write(c, e, cb) { log('_write', c.toString()); setImmediate(cb); } });
  r.on('pause', () => log('pause')); r.on('resume', () => log('resume')); w.on('drain', () => log('drain'));
  w.on('finish', () => log('finish'));
  w.on('close', () => { log('close'); done(); });
  r.pipe(w);
});
scen('unpipe', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { log('_write', c.toString()); cb(); } });
  trace(w, 'w', ['pipe', 'unpipe', 'finish']);
  r.pipe(w);
  r.push('a');
  setImmediate(() => { r.unpipe(w); log('flowing', r.readableFlowing); r.push('b'); settle(() => { log('len', r.readableLength); done(); }); });
});
scen('pipe dest error', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(new Error('werr')); } });
  trace(r, 'r', ['pause', 'close', 'end']); trace(w, 'w', ['unpipe', 'error', 'close']);
  r.pipe(w);
  r.push('a');
  settle(() => { log('pipes', r._readableState.pipes.length, r.readableFlowing); done(); });
});
scen('pipeline ok', (done) => {
  const r = Readable.from(['a', 'b', 'c']);
  const t = new Transform({ transform(c, e, cb) { cb(null, c.toString() + '!'); } });
  const w = new Writable({ write(c, e, cb) { log('_write', c.toString()); cb(); } });
  trace(w, 'w', ['finish', 'close']);
  pipeline(r, t, w, (err) => { log('pipeline cb', err); done(); });
});
scen('pipeline error propagation', (done) => {
  const r = new Readable({ read() {} });
  const t = new PassThrough();
  const w = new Writable({ write(c, e, cb) { cb(); } });
  trace(r, 'r', ['close', 'error']); trace(t, 't', ['close', 'error']); trace(w, 'w', ['close', 'error', 'finish']);
  pipeline(r, t, w, (err) => { log('cb', err); log(r.destroyed, t.destroyed, w.destroyed); done(); });
  r.push('a');
  setImmediate(() => t.destroy(new Error('mid')));
});
scen('pipeline premature close', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  pipeline(r, w, (err) => { log('cb', err); done(); });
  setImmediate(() => r.destroy());
});
scen('pipeline generator', (done) => {
  pipeline(function* () { yield 'a'; yield 'b'; }, async function* (src) { for await (const c of src) yield c.toUpperCase(); }, async function (src) { let s = ''; for await (const c of src) s += c; return s; }, (err, val) => { log('cb', err, val); done(); });
});
scen('pipeline promise', (done) => {
  const chunks = [];
  SP.pipeline(Readable.from([1, 2, 3]), new Writable({ objectMode: true, write(c, e, cb) { chunks.push(c); cb(); } })).then(() => { log('ok', chunks.join()); done(); });
});
scen('finished variants', (done) => {
  const r = new Readable({ read() {} });
  finished(r, (err) => log('r finished', err));
  const w = new Writable({ write(c, e, cb) { cb(); } });
  finished(w, (err) => log('w finished', err));
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  finished(w2, (err) => log('w2 finished', err));
  r.push(null); r.resume(); w.end(); w2.destroy();
  settle(done);
});
scen('finished already done', (done) => {
  const r = new Readable({ read() {} });
  r.push(null); r.resume();
  settle(() => { finished(r, (err) => { log('late finished', err); done(); }); });
});
scen('finished signal', (done) => {
  const ac = new AbortController();
  const r = new Readable({ read() {} });
  finished(r, { signal: ac.signal }, (err) => { log('fin', err && err.name); done(); });
  ac.abort();
});
scen('async iterator', (done) => {
  (async () => {
    const r = Readable.from([1, 2, 3, 4]);
    for await (const c of r) { log('it', c); if (c === 2) break; }
    log('destroyed', r.destroyed);
    await new Promise((res) => setImmediate(res));
    log('closed', r.closed);
    const r2 = new Readable({ read() {} });
    r2.push('x'); setImmediate(() => r2.destroy(new Error('iterr')));
    try { for await (const c of r2) log('it2', c.toString()); } catch (e) { log('caught', e.message); }
    const r3 = Readable.from(['a', 'b']);
    for await (const c of r3.iterator({ destroyOnReturn: false })) { log('it3', c); break; }
    log('r3 destroyed', r3.destroyed, r3.read());
    done();
  })();
});
scen('Readable.from', (done) => {
  (async () => {
    log((await Readable.from('abc').toArray()).join('|'));
    log((await Readable.from(Buffer.from('abc')).toArray()).length);
    log((await Readable.from([1, 2]).toArray()).join('|'));
    log((await Readable.from((async function* () { yield 'x'; yield 'y'; })()).toArray()).join('|'));
    const r = Readable.from([1, null, 2]);
    r.on('error', (e) => log('err', e.code)); r.resume();
    try { Readable.from(5); } catch (e) { log(e.code, e.message); }
    settle(done);
  })();
});
scen('operators', (done) => {
  (async () => {
    log(await Readable.from([1, 2, 3, 4]).map((x) => x * 2).toArray());
    log(await Readable.from([1, 2, 3, 4]).filter((x) => x % 2).toArray());
    log(await Readable.from([1, 2]).flatMap((x) => [x, x]).toArray());
    log(await Readable.from([1, 2, 3, 4]).drop(1).take(2).toArray());
    log(await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 0));
    log(await Readable.from([1, 2, 3]).some((x) => x > 2), await Readable.from([1, 2, 3]).every((x) => x > 2));
    log(await Readable.from([1, 2, 3]).find((x) => x > 1));
    const seen = []; await Readable.from([1, 2]).forEach((x) => { seen.push(x); }); log(seen);
    try { await Readable.from([]).reduce((a, b) => a + b); } catch (e) { log(e.code, e.message); }
    log(await Readable.from([3, 1, 2]).map(async (x) => { await new Promise((r) => settle(r, x)); return x; }, { concurrency: 3 }).toArray());
    try { Readable.from([1]).map(1); } catch (e) { log(e.code); }
    try { Readable.from([1]).take(-1); } catch (e) { log(e.code); }
    done();
  })();
});
scen('setEncoding multibyte', (done) => {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  const euro = Buffer.from('€uro');
  r.on('data', (d) => log('data', JSON.stringify(d), typeof d));
  r.on('end', () => { log('end'); done(); });
  r.push(euro.subarray(0, 1)); r.push(euro.subarray(1, 2)); r.push(euro.subarray(2));
  r.push(Buffer.from([0xe2])); r.push(null);
});
scen('unshift', (done) => {
  const r = new Readable({ read() {} });
  r.push('hello world');
  r.once('readable', () => { const c = r.read(5); log('got', c.toString()); r.unshift(Buffer.from('HELLO')); log('len', r.readableLength); log('all', r.read().toString()); r.push(null); r.resume(); r.on('end', () => { log('end'); done(); }); });
});
scen('read(n) hwm raise', (done) => {
  const r = new Readable({ highWaterMark: 2, read() {} });
  log(r.read(10), r.readableHighWaterMark);
  r.push('abcdefghijk');
  log(r.read(3).toString(), r.readableLength);
  r.push(null);
  r.on('end', () => { log('end'); done(); });
  r.resume();
});
scen('push after eof', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r', ['error', 'close']);
  r.push(null); r.push('x');
  settle(done);
});
scen('invalid chunk', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r', ['error', 'close']);
  r.push(5);
  const w = new Writable({ write(c, e, cb) { cb(); } });
  try { w.write(5); } catch (e) { log(e.code, e.message); }
  try { w.write(null); } catch (e) { log(e.code, e.message); }
  try { w.write('x', 'nope'); } catch (e) { log(e.code, e.message); }
  settle(done);
});
scen('states', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  const show = (s) => ['readable', 'writable', 'readableEnded', 'writableEnded', 'writableFinished', 'destroyed', 'closed', 'errored', 'readableFlowing', 'readableLength', 'writableLength', 'readableObjectMode', 'writableObjectMode', 'readableHighWaterMark', 'writableHighWaterMark', 'readableDidRead', 'readableAborted', 'writableAborted', 'writableNeedDrain', 'writableCorked', 'readableEncoding'].map((k) => `${k}=${s[k]}`).join(' ');
  log(show(r)); log(show(w)); log(show(d));
  log(S.isReadable(r), S.isWritable(w), S.isErrored(r), S.isDisturbed(r), S.isDestroyed(r));
  r.push('x'); r.read();
  log(S.isDisturbed(r));
  w.destroy(new Error('e')); w.on('error', () => {});
  settle(() => { log(show(w)); log(S.isErrored(w)); done(); });
});
scen('compose', (done) => {
  const c = S.compose(new Transform({ transform(ch, e, cb) { cb(null, ch.toString() + '1'); } }), async function* (src) { for await (const x of src) yield x.toString() + '2'; });
  c.on('data', (d) => log('data', d.toString()));
  c.on('end', () => log('end'));
  c.on('close', () => { log('close'); done(); });
  c.write('a'); c.end('b');
});
scen('duplex from', (done) => {
  (async () => {
    const d = Duplex.from(async function* (src) { for await (const x of src) yield String(x) + '!'; });
    d.write('q'); d.end();
    log(await d.toArray());
    const d2 = Duplex.from(Promise.resolve('pv'));
    log(await d2.toArray());
    const d3 = Duplex.from({ readable: Readable.from(['r']), writable: new Writable({ write(c, e, cb) { log('w got', c.toString()); cb(); } }) });
    d3.end('zz');
    log(await d3.toArray());
    done();
  })();
});
scen('addAbortSignal', (done) => {
  const ac = new AbortController();
  const r = S.addAbortSignal(ac.signal, new Readable({ read() {} }));
  trace(r, 'r', ['error', 'close']);
  ac.abort();
  settle(done);
});
scen('readable listener then data', (done) => {
  const r = new Readable({ read() {} });
  r.on('readable', () => log('readable', r.read()));
  r.on('data', (d) => log('data', d.toString()));
  log('flowing', r.readableFlowing);
  r.push('abc');
  settle(() => { r.removeAllListeners('readable'); later(() => { log('flowing', r.readableFlowing); r.push('zz'); settle(done); }); });
});
scen('duplexPair', (done) => {
  const [a, b] = S.duplexPair();
  b.on('data', (d) => log('b got', d.toString()));
  a.write('ping', () => log('write cb'));
  a.end();
  b.on('end', () => { log('b end'); done(); });
});
scen('hwm 0', (done) => {
  const r = new Readable({ highWaterMark: 0, read() { log('_read'); } });
  const w = new Writable({ highWaterMark: 0, write(c, e, cb) { setImmediate(cb); } });
  log(w.write('a'), w.write('b'));
  r.on('readable', () => log('readable'));
  log(r.push('x'));
  settle(done);
});
scen('stream stdout pipe no end', (done) => { done(); });
scen('errors thrown', (done) => {
  try { new Readable({ highWaterMark: -1 }); } catch (e) { log(e.code, e.message); }
  try { new Duplex({ readableHighWaterMark: 1.5 }); } catch (e) { log(e.code, e.message); }
  try { S.setDefaultHighWaterMark(false, -1); } catch (e) { log(e.code, e.message); }
  try { finished(1, () => {}); } catch (e) { log(e.code, e.message); }
  try { pipeline(new Readable()); } catch (e) { log(e.code, e.message); }
  try { S.addAbortSignal(1, new Readable()); } catch (e) { log(e.code, e.message); }
  try { new Readable().read(2 ** 31); } catch (e) { log(e.code, e.message); }
  try { new Writable().setDefaultEncoding('xx'); } catch (e) { log(e.code, e.message); }
  const r = new Readable(); r.on('error', (e) => log('async', e.code, e.message)); r.read();
  const w = new Writable(); try { w.write('x'); } catch (e) { log('sync', e.code, e.message); }
  settle(done);
});

scen('sync writes with callbacks', (done) => {
  const w = new Writable({ highWaterMark: 2, write(c, e, cb) { log('_write', c.toString()); cb(); } });
  trace(w, 'w');
  const cb = () => log('shared cb');
  log(w.write('aa', cb), w.write('bb', cb), w.write('c', () => log('own cb')));
  process.nextTick(() => log('tick'));
  w.end();
  settle(done);
});
scen('pipe after end', (done) => {
  const r = new Readable({ read() {} });
  r.push(null); r.resume();
  r.on('end', () => { const w = new Writable({ write(c, e, cb) { cb(); } }); trace(w, 'w', ['finish', 'close', 'unpipe']); r.pipe(w); settle(done); });
});
scen('destroy while flowing', (done) => {
  let n = 0;
  const r = new Readable({ read() { setImmediate(() => this.push('d' + n++)); } });
  trace(r, 'r');
  r.on('data', () => { if (n === 2) r.destroy(); });
  settle(done);
});
scen('pipeline signal abort', (done) => {
  const ac = new AbortController();
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  S.addAbortSignal(ac.signal, r); pipeline(r, w, (err) => { log('cb', err && err.name); });
  SP.pipeline(new Readable({ read() {} }), new Writable({ write(c, e, cb) { cb(); } }), { signal: ac.signal }).catch((e) => { log('promise', e.name, e.code); done(); });
  setImmediate(() => ac.abort());
});
scen('finished duplex', (done) => {
  const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  finished(d, (err) => log('both', err));
  finished(d, { readable: false }, (err) => log('writable only', err));
  finished(d, { writable: false }, (err) => log('readable only', err));
  d.end();
  settle(() => { d.push(null); d.resume(); settle(done); });
});
scen('iterator error after data', (done) => {
  (async () => {
    const r = new Readable({ objectMode: true, read() {} });
    r.push(1); r.push(2);
    later(() => r.destroy(new Error('later')));
    try { for await (const x of r) log('x', x); } catch (e) { log('err', e.message); }
    done();
  })();
});
scen('transform async flush', (done) => {
  const t = new Transform({ objectMode: true, transform(c, e, cb) { setImmediate(cb, null, c * 10); }, flush(cb) { settle(() => { this.push('extra'); cb(); }); } });
  trace(t, 't');
  t.write(1); t.write(2); t.end();
  settle(done);
});
scen('wrap', (done) => {
  const EE = require('events');
  const old = new EE();
  old.pause = () => log('old pause'); old.resume = () => log('old resume');
  const r = new Readable({ highWaterMark: 2 }).wrap(old);
  old.emit('data', Buffer.from('abc'));
  old.emit('data', Buffer.from('de'));
  old.emit('end');
  r.on('data', (d) => log('data', d.toString()));
  r.on('end', () => { log('end'); done(); });
});
scen('asyncDispose', (done) => {
  (async () => {
    const sym = Symbol.asyncDispose ?? Object.getOwnPropertySymbols(Readable.prototype).find((s) => s.toString().includes('asyncDispose'));
    const r = new Readable({ read() {} });
    r.on('error', (e) => log('error', e.name));
    await r[sym]();
    log('destroyed', r.destroyed, r.errored && r.errored.name);
    const w = new Writable({ write(c, e, cb) { cb(); } });
    w.on('error', (e) => log('werror', e.name));
    await w[sym]();
    log('w destroyed', w.destroyed);
    done();
  })();
});
scen('end twice', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.on('error', (e) => log('error', e.code));
  w.end(() => { log('first end cb'); w.end((err) => { log('second', err && err.code); done(); }); });
});
scen('encodings', (done) => {
  const w = new Writable({ decodeStrings: false, write(c, e, cb) { log('_write', typeof c, c, e); cb(); } });
  w.write('ab', 'hex'); w.setDefaultEncoding('LATIN1'); w.write('x'); w.write(Buffer.from('y')); w.write(new Uint8Array([65]));
  const w2 = new Writable({ write(c, e, cb) { log('_write2', c.toString('hex'), e, c.constructor.name); cb(); } });
  w2.write('ff00', 'hex'); w2.write(new Uint16Array([1])); w2.write(new DataView(new ArrayBuffer(2)));
  const r = new Readable({ read() {} });
  r.push('6869', 'hex'); r.push(new Uint8Array([33]));
  log('r', r.read().toString());
  const r2 = new Readable({ encoding: 'hex', read() {} });
  r2.push('hi'); r2.push('ab', 'hex');
  log('r2', r2.read(), r2.readableEncoding);
  const r3 = new Readable({ read() {} });
  r3.push('abc'); r3.push('def'); r3.setEncoding('base64');
  log('r3', r3.read(), r3.readableLength);
  settle(done);
});
scen('duplex from streams', (done) => {
  (async () => {
    const r = Readable.from(['a']);
    log(Duplex.from(r) === r, typeof Duplex.from(new Writable({ write(c, e, cb) { cb(); } })).write);
    const c = Readable.from([1, 2, 3]).compose(async function* (src) { for await (const x of src) yield x + 1; });
    log(await c.toArray());
    const d = S.compose(Readable.from(['x', 'y']), new PassThrough({ objectMode: true }));
    log(d.readable, d.writable, await d.toArray());
    done();
  })();
});
scen('stream.destroy', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r', ['error', 'close']);
  S.destroy(r);
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.end(); w.on('finish', () => { S.destroy(w); trace(w, 'w', ['error', 'close']); });
  settle(done);
});
scen('once readable cycles', (done) => {
  const r = new Readable({ read() {} });
  let n = 0;
  const onr = () => { const c = r.read(); log('chunk', c && c.toString()); if (++n < 3) { r.push('p' + n); r.once('readable', onr); } else { r.push(null); r.resume(); } };
  r.once('readable', onr);
  r.push('p0');
  r.on('end', () => { log('end'); done(); });
});
scen('read in readable after end', (done) => {
  const r = new Readable({ read() {} });
  r.push('a'); r.push(null);
  r.on('readable', () => log('readable', String(r.read())));
  r.on('end', () => { log('end', r.read()); done(); });
});
scen('pipe to stdout no end', (done) => {
  const r = Readable.from(['']);
  r.pipe(process.stdout);
  r.on('end', () => { log('end', process.stdout.writableEnded); done(); });
});
scen('pipeline with iterable source and function', (done) => {
  pipeline([1, 2, 3], async function* (src) { for await (const x of src) yield String(x * 2); }, new Writable({ write(c, e, cb) { log('w', c.toString()); cb(); } }), (err) => { log('done', err); done(); });
});
scen('pipeline error in generator', (done) => {
  pipeline(Readable.from([1, 2]), async function* (src) { for await (const x of src) { if (x === 2) throw new Error('gen'); yield String(x); } }, new Writable({ write(c, e, cb) { log('w', c.toString()); cb(); } }), (err) => { log('done', err && err.message); done(); });
});
scen('writable destroy in write', (done) => {
  const w = new Writable({ write(c, e, cb) { this.destroy(new Error('self')); cb(); } });
  trace(w, 'w');
  w.write('a', (err) => log('cb', err && err.message));
  settle(done);
});
scen('multiple callback', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); cb(); } });
  trace(w, 'w', ['error', 'close']);
  w.write('a');
  settle(done);
});
scen('readable construct then read', (done) => {
  const r = new Readable({ construct(cb) { log('construct'); setImmediate(cb); }, read() { log('_read'); this.push('c'); this.push(null); } });
  r.on('data', (d) => log('data', d.toString()));
  r.on('end', () => { log('end'); done(); });
});
scen('objectMode falsy values', (done) => {
  const r = new Readable({ objectMode: true, read() {} });
  r.push(0); r.push(''); r.push(false); r.push(undefined); r.push(null);
  r.on('data', (d) => log('data', typeof d, d));
  r.on('end', () => { log('end'); done(); });
});
scen('empty push', (done) => {
  let i = 0;
  const r = new Readable({ read() { log('_read', i); if (i++ < 2) this.push(''); else this.push(null); } });
  r.on('data', (d) => log('data', d.length));
  r.on('end', () => { log('end'); done(); });
});

scen('finished legacy stream', (done) => {
  const EE = require('events');
  const legacy = new EE(); legacy.write = () => true; legacy.writable = true;
  finished(legacy, (err) => log('legacy writable finished', err));
  const legacyR = new S.Stream(); legacyR.readable = true;
  finished(legacyR, (err) => log('legacy readable finished', err));
  setImmediate(() => { legacy.writable = false; legacy.emit('close'); legacyR.emit('end'); settle(done); });
});
scen('finished after error emitted', (done) => {
  const r = new Readable({ read() {} });
  r.on('error', () => {});
  r.destroy(new Error('pre'));
  setImmediate(() => finished(r, (err) => { log('fin', err); done(); }));
});
scen('finished writable pending cb', (done) => {
  const w = new Writable({ write(c, e, cb) { setImmediate(cb); } });
  w.write('x');
  w.end();
  finished(w, (err) => log('fin', err, w.writableFinished));
  w.on('finish', () => log('finish'));
  settle(done);
});
scen('pipeline end false', (done) => {
  const w = new Writable({ write(c, e, cb) { log('w', c.toString()); cb(); } });
  SP.pipeline(Readable.from(['a']), w, { end: false }).then(() => { log('resolved', w.writableEnded); done(); });
});
scen('pipeline duplex last returns readable', (done) => {
  const t = new PassThrough();
  const ret = pipeline(Readable.from(['a', 'b']), t, (err) => log('cb', err));
  log(ret === t);
  ret.on('data', (d) => log('data', d.toString()));
  ret.on('end', () => { log('end'); settle(done); });
});
scen('iterator legacy stream', (done) => {
  (async () => {
    const legacy = new S.Stream();
    legacy.readable = true;
    setImmediate(() => { legacy.emit('data', 'a'); legacy.emit('data', 'b'); legacy.emit('end'); });
    for await (const c of Readable.prototype[Symbol.asyncIterator].call(legacy)) log('c', c);
    log('done');
    done();
  })();
});
scen('map abort signal', (done) => {
  (async () => {
    const ac = new AbortController();
    const r = Readable.from([1, 2, 3, 4, 5]).map(async (x, { signal }) => { if (x === 2) ac.abort(); return x; }, { signal: ac.signal });
    try { log(await r.toArray()); } catch (e) { log('err', e.name); }
    log('destroyed', r.destroyed);
    done();
  })();
});
scen('compose error', (done) => {
  const c = S.compose(new PassThrough(), new Transform({ transform(ch, e, cb) { cb(new Error('inner')); } }));
  c.on('error', (e) => log('error', e.message));
  c.on('close', () => { log('close'); done(); });
  c.write('x');
});
scen('writable final sync callback ordering', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { log('_final'); cb(); } });
  ['prefinish', 'finish', 'close'].forEach((e) => w.on(e, () => log(e)));
  w.end();
  process.nextTick(() => log('tick'));
  setImmediate(done);
});
scen('readable sync read in readable listener with hwm', (done) => {
  let i = 0;
  const r = new Readable({ highWaterMark: 3, read() { setImmediate(() => this.push(i < 5 ? 'ab' + (i++) : null)); } });
  r.on('readable', () => { log('readable', r.readableLength); let c; while ((c = r.read()) !== null) log('read', c.toString()); });
  r.on('end', () => { log('end'); done(); });
});
scen('resume after end listener', (done) => {
  const r = new Readable({ read() {} });
  r.push('a'); r.push(null);
  r.on('end', () => log('end'));
  setImmediate(() => { log('flowing', r.readableFlowing, r.readableLength); r.resume(); setImmediate(() => { log('after', r.readableEnded); done(); }); });
});
scen('data listener removed mid-flow', (done) => {
  const r = new Readable({ read() {} });
  const h = (d) => { log('data', d.toString()); r.removeListener('data', h); };
  r.on('data', h);
  r.push('a'); r.push('b');
  setImmediate(() => { log('flowing', r.readableFlowing, r.readableLength); r.push('c'); setImmediate(() => { log('len', r.readableLength); done(); }); });
});
scen('transform objectMode null push', (done) => {
  const t = new Transform({ objectMode: true, transform(c, e, cb) { this.push(c); this.push(c * 2); cb(); } });
  t.on('data', (d) => log('d', d));
  t.on('end', () => { log('end'); done(); });
  t.end(3);
});
scen('writev partial buffers', (done) => {
  const w = new Writable({ decodeStrings: false, writev(chunks, cb) { log('writev', chunks.length, chunks.allBuffers, chunks.map((c) => c.encoding).join()); setImmediate(cb); } });
  w.write('a'); w.write(Buffer.from('b')); w.write('c', 'latin1'); w.end();
  w.on('finish', () => { log('finish'); done(); });
});
scen('write cb error when destroyed mid write', (done) => {
  const w = new Writable({ write(c, e, cb) { setImmediate(() => { this.destroy(); cb(); }); } });
  w.write('a', (err) => log('a', err && err.code));
  w.write('b', (err) => log('b', err && err.code));
  w.on('close', () => log('close'));
  settle(done);
});
scen('end with chunk callback and error', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(new Error('x')); } });
  w.on('error', (e) => log('error', e.message));
  w.end('chunk', (err) => log('end cb', err && err.message));
  settle(done);
});
scen('unpipe all', (done) => {
  const r = new Readable({ read() {} });
  const a = new PassThrough(), b = new PassThrough();
  a.on('unpipe', () => log('a unpipe')); b.on('unpipe', () => log('b unpipe'));
  r.pipe(a); r.pipe(b);
  r.unpipe();
  log('pipes', r._readableState.pipes.length, r.readableFlowing);
  setImmediate(done);
});
scen('pipe same dest twice', (done) => {
  const r = new Readable({ read() {} });
  const got = [];
  const w = new Writable({ write(c, e, cb) { got.push(c.toString()); cb(); } });
  r.pipe(w); r.pipe(w);
  r.push('x'); r.push(null);
  w.on('finish', () => { log(got.join()); done(); });
});
scen('readable.read(0) triggers read', (done) => {
  let k = 0; const r = new Readable({ highWaterMark: 3, read() { log('_read'); if (k++ < 5) this.push('z'); } });
  log(r.read(0));
  log('len', r.readableLength);
  setImmediate(() => { log('len2', r.readableLength); done(); });
});
scen('destroy with writable pending writev', (done) => {
  const w = new Writable({ writev(chunks, cb) { log('writev', chunks.length); setImmediate(cb); }, write(c, e, cb) { log('write'); setImmediate(cb); } });
  w.write('1', (e) => log('cb1', e && e.code)); w.write('2', (e) => log('cb2', e && e.code)); w.write('3', (e) => log('cb3', e && e.code));
  setImmediate(() => w.destroy());
  settle(done);
});
scen('errorMonitor and captureRejections', (done) => {
  const EE = require('events');
  const r = new Readable({ read() {}, captureRejections: true });
  r.on(EE.errorMonitor, (e) => log('monitor', e.message));
  r.on('error', (e) => log('error', e.message));
  r.on('data', async () => { throw new Error('async listener'); });
  r.push('x');
  settle(() => { log('destroyed', r.destroyed); done(); });
});

(async () => {
  const only = process.argv[2];
  for (const [name, fn] of scenarios) {
    if (only && !name.includes(only)) continue;
    out = [];
    await new Promise((res) => fn(res));
    console.log(`== ${name}\n${out.join('\n')}`);
  }
})();
