'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const dc = require('node:diagnostics_channel');
const { AsyncLocalStorage } = require('node:async_hooks');

test('channel() returns one object per name', () => {
  const c = dc.channel('test:same');
  assert.strictEqual(dc.channel('test:same'), c);
  assert.ok(c instanceof dc.Channel);
  assert.strictEqual(c.name, 'test:same');
  const sym = Symbol('test:symbol');
  assert.strictEqual(dc.channel(sym).name, sym);
  assert.throws(() => dc.channel(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('publish reaches subscribers with the message and the name', () => {
  const c = dc.channel('test:publish');
  const got = [];
  const a = (message, name) => got.push(['a', message, name]);
  const b = (message) => got.push(['b', message]);
  assert.strictEqual(c.hasSubscribers, false);
  c.publish('nobody listens');
  c.subscribe(a);
  dc.subscribe('test:publish', b);
  assert.strictEqual(c.hasSubscribers, true);
  assert.strictEqual(dc.hasSubscribers('test:publish'), true);
  c.publish({ n: 1 });
  assert.deepStrictEqual(got, [['a', { n: 1 }, 'test:publish'], ['b', { n: 1 }]]);
  assert.strictEqual(c.unsubscribe(a), true);
  assert.strictEqual(c.unsubscribe(a), false);
  assert.strictEqual(dc.unsubscribe('test:publish', b), true);
  assert.strictEqual(c.hasSubscribers, false);
  assert.strictEqual(dc.hasSubscribers('test:never-made'), false);
  assert.throws(() => c.subscribe('x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('a subscriber that throws does not stop the others', async () => {
  const c = dc.channel('test:throws');
  const seen = [];
  const thrower = () => { throw new Error('subscriber failed'); };
  const after = (m) => seen.push(m);
  c.subscribe(thrower);
  c.subscribe(after);
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  const errors = [];
  const onError = (err) => errors.push(err.message);
  process.on('uncaughtException', onError);
  try {
    c.publish(1);
    assert.deepStrictEqual(seen, [1]);
    assert.deepStrictEqual(errors, []);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('uncaughtException', onError);
    for (const l of saved) process.on('uncaughtException', l);
    c.unsubscribe(thrower);
    c.unsubscribe(after);
  }
  assert.deepStrictEqual(errors, ['subscriber failed']);
});

test('bindStore and runStores', () => {
  const c = dc.channel('test:stores');
  const als = new AsyncLocalStorage();
  const plain = new AsyncLocalStorage();
  c.bindStore(als, (message) => ({ wrapped: message }));
  c.bindStore(plain);
  assert.strictEqual(c.hasSubscribers, true);
  const published = [];
  c.subscribe((m) => published.push([m, als.getStore()]));
  const result = c.runStores('msg', function (x) {
    return [this, x, als.getStore(), plain.getStore()];
  }, 'self', 7);
  assert.deepStrictEqual(result, ['self', 7, { wrapped: 'msg' }, 'msg']);
  // Subscribers run inside the stores.
  assert.deepStrictEqual(published, [['msg', { wrapped: 'msg' }]]);
  assert.strictEqual(als.getStore(), undefined);
  assert.strictEqual(c.unbindStore(als), true);
  assert.strictEqual(c.unbindStore(als), false);
  c.unbindStore(plain);
});

test('tracingChannel traceSync publishes start, end and error', () => {
  const tc = dc.tracingChannel('test:sync');
  assert.strictEqual(tc.start.name, 'tracing:test:sync:start');
  assert.strictEqual(tc.hasSubscribers, false);
  const events = [];
  const handlers = {
    start: (ctx) => events.push(['start', ctx.id]),
    end: (ctx) => events.push(['end', ctx.result, ctx.error?.message]),
    asyncStart: () => events.push(['asyncStart']),
    asyncEnd: () => events.push(['asyncEnd']),
    error: (ctx) => events.push(['error', ctx.error.message]),
  };
  tc.subscribe(handlers);
  assert.strictEqual(tc.hasSubscribers, true);
  assert.strictEqual(tc.traceSync((a, b) => a + b, { id: 1 }, null, 2, 3), 5);
  assert.throws(() => tc.traceSync(() => { throw new Error('bad'); }, { id: 2 }), { message: 'bad' });
  assert.deepStrictEqual(events, [
    ['start', 1], ['end', 5, undefined],
    ['start', 2], ['error', 'bad'], ['end', undefined, 'bad'],
  ]);
  assert.strictEqual(tc.unsubscribe(handlers), true);
  assert.strictEqual(tc.hasSubscribers, false);
  // Without subscribers the function runs untraced.
  assert.strictEqual(tc.traceSync(() => 'plain'), 'plain');
});

test('tracingChannel tracePromise and traceCallback', async () => {
  const tc = dc.tracingChannel('test:async');
  const events = [];
  const handlers = {
    start: (ctx) => events.push(['start', ctx.id]),
    end: (ctx) => events.push(['end', ctx.id]),
    asyncStart: (ctx) => events.push(['asyncStart', ctx.id, ctx.result, ctx.error?.message]),
    asyncEnd: (ctx) => events.push(['asyncEnd', ctx.id]),
    error: (ctx) => events.push(['error', ctx.id, ctx.error.message]),
  };
  tc.subscribe(handlers);
  try {
    assert.strictEqual(await tc.tracePromise(async (x) => x * 2, { id: 'p' }, null, 21), 42);
    await assert.rejects(tc.tracePromise(async () => { throw new Error('nope'); }, { id: 'r' }), { message: 'nope' });
    const result = await new Promise((resolve) => {
      tc.traceCallback((value, cb) => setImmediate(cb, null, value), -1, { id: 'c' }, null, 'v', (err, res) => {
        events.push(['callback', err, res]);
        resolve(res);
      });
    });
    assert.strictEqual(result, 'v');
  } finally {
    tc.unsubscribe(handlers);
  }
  assert.deepStrictEqual(events, [
    ['start', 'p'], ['end', 'p'], ['asyncStart', 'p', 42, undefined], ['asyncEnd', 'p'],
    ['start', 'r'], ['end', 'r'], ['error', 'r', 'nope'], ['asyncStart', 'r', undefined, 'nope'], ['asyncEnd', 'r'],
    ['start', 'c'], ['end', 'c'], ['asyncStart', 'c', 'v', undefined], ['callback', null, 'v'], ['asyncEnd', 'c'],
  ]);
});

test('tracingChannel from channel objects and argument validation', () => {
  const channels = {
    start: dc.channel('x:start'), end: dc.channel('x:end'), asyncStart: dc.channel('x:asyncStart'),
    asyncEnd: dc.channel('x:asyncEnd'), error: dc.channel('x:error'),
  };
  const tc = dc.tracingChannel(channels);
  assert.strictEqual(tc.end, channels.end);
  assert.throws(() => dc.tracingChannel(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => dc.tracingChannel({ start: 1 }), { code: 'ERR_INVALID_ARG_TYPE', message: /nameOrChannels\.start/ });
  const traced = dc.tracingChannel('test:cbcheck');
  const h = { start() {} };
  traced.subscribe(h);
  assert.throws(() => traced.traceCallback(() => {}, 0, {}, null, 'not a function'), { code: 'ERR_INVALID_ARG_TYPE' });
  traced.unsubscribe(h);
});
