'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { AsyncLocalStorage } = require('node:async_hooks');
const EventEmitter = require('node:events');

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('getStore outside run is undefined', () => {
  const als = new AsyncLocalStorage();
  assert.strictEqual(als.getStore(), undefined);
  assert.strictEqual(als.run(1, () => als.getStore()), 1);
  assert.strictEqual(als.getStore(), undefined);
});

test('run passes arguments and returns the result', () => {
  const als = new AsyncLocalStorage();
  assert.strictEqual(als.run({}, (a, b) => a + b, 2, 3), 5);
  assert.throws(() => als.run(1, () => { throw new Error('inner'); }), { message: 'inner' });
  assert.strictEqual(als.getStore(), undefined);
});

test('the store follows awaits', async () => {
  const als = new AsyncLocalStorage();
  const seen = await als.run('a', async () => {
    const out = [als.getStore()];
    await null;
    out.push(als.getStore());
    await new Promise((resolve) => setTimeout(resolve, 1));
    out.push(als.getStore());
    await tick();
    out.push(als.getStore());
    return out;
  });
  assert.deepStrictEqual(seen, ['a', 'a', 'a', 'a']);
  assert.strictEqual(als.getStore(), undefined);
});

test('concurrent runs keep their own stores across interleaved awaits', async () => {
  const als = new AsyncLocalStorage();
  const results = [];
  async function work(id, delay) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    results.push([id, als.getStore()]);
    await null;
    results.push([id, als.getStore()]);
  }
  await Promise.all([
    als.run('one', () => work('one', 5)),
    als.run('two', () => work('two', 1)),
    als.run('three', () => work('three', 3)),
  ]);
  assert.strictEqual(results.length, 6);
  for (const [id, store] of results) assert.strictEqual(store, id);
});

test('then callbacks see the store current when then() was called', async () => {
  const als = new AsyncLocalStorage();
  const p = Promise.resolve(1); // made outside any store
  const seen = [];
  await als.run('x', () => p.then(() => seen.push(als.getStore())));
  await als.run('y', () => p.then(() => seen.push(als.getStore())).then(() => seen.push(als.getStore())));
  await p.then(() => seen.push(als.getStore()));
  assert.deepStrictEqual(seen, ['x', 'y', 'y', undefined]);
});

test('rejections and catch handlers keep the store', async () => {
  const als = new AsyncLocalStorage();
  const seen = await als.run('r', async () => {
    try {
      await Promise.reject(new Error('no'));
    } catch {
      return als.getStore();
    }
  });
  assert.strictEqual(seen, 'r');
  const viaCatch = await als.run('c', () => Promise.reject(new Error('x')).catch(() => als.getStore()));
  assert.strictEqual(viaCatch, 'c');
});

test('timers, immediates, nextTick and queueMicrotask carry the store', async () => {
  const als = new AsyncLocalStorage();
  const seen = {};
  await new Promise((resolve) => {
    let pending = 5;
    const done = () => { if (--pending === 0) resolve(); };
    als.run('s', () => {
      setTimeout(() => { seen.timeout = als.getStore(); done(); }, 1);
      setImmediate(() => { seen.immediate = als.getStore(); done(); });
      process.nextTick(() => { seen.tick = als.getStore(); done(); });
      queueMicrotask(() => { seen.microtask = als.getStore(); done(); });
      const iv = setInterval(() => {
        seen.interval = als.getStore();
        clearInterval(iv);
        done();
      }, 1);
    });
  });
  assert.deepStrictEqual(seen, { timeout: 's', immediate: 's', tick: 's', microtask: 's', interval: 's' });
});

test('EventEmitter listeners run in the emitter caller\'s context', () => {
  const als = new AsyncLocalStorage();
  const ee = new EventEmitter();
  const seen = [];
  als.run('listener-added', () => ee.on('x', () => seen.push(als.getStore())));
  als.run('emitted', () => ee.emit('x'));
  ee.emit('x');
  assert.deepStrictEqual(seen, ['emitted', undefined]);
});

test('nested runs and several storages', async () => {
  const a = new AsyncLocalStorage();
  const b = new AsyncLocalStorage();
  await a.run(1, async () => {
    await b.run(2, async () => {
      await null;
      assert.strictEqual(a.getStore(), 1);
      assert.strictEqual(b.getStore(), 2);
      await a.run(3, async () => {
        await null;
        assert.strictEqual(a.getStore(), 3);
        assert.strictEqual(b.getStore(), 2);
      });
      assert.strictEqual(a.getStore(), 1);
    });
    assert.strictEqual(b.getStore(), undefined);
  });
});

test('exit hides the store from the callback and what it schedules', async () => {
  const als = new AsyncLocalStorage();
  await als.run('v', async () => {
    const inner = await als.exit(async () => {
      const now = als.getStore();
      await null;
      return [now, als.getStore()];
    });
    assert.deepStrictEqual(inner, [undefined, undefined]);
    assert.strictEqual(als.getStore(), 'v');
  });
});

test('enterWith sets the store for the rest of the callback', async () => {
  const als = new AsyncLocalStorage();
  const seen = await new Promise((resolve) => {
    setImmediate(() => {
      als.enterWith('entered');
      const now = als.getStore();
      setTimeout(() => resolve([now, als.getStore()]), 1);
    });
  });
  assert.deepStrictEqual(seen, ['entered', 'entered']);
  // A callback scheduled from elsewhere does not see it.
  await new Promise((resolve) => setImmediate(() => { assert.strictEqual(als.getStore(), undefined); resolve(); }));
});

test('snapshot and bind capture the current context', () => {
  const als = new AsyncLocalStorage();
  const snap = als.run('snap', () => AsyncLocalStorage.snapshot());
  const bound = als.run('bound', () => AsyncLocalStorage.bind((x) => [als.getStore(), x]));
  assert.strictEqual(snap(() => als.getStore()), 'snap');
  assert.strictEqual(snap((a, b) => a * b, 6, 7), 42);
  assert.deepStrictEqual(bound(9), ['bound', 9]);
  assert.strictEqual(als.getStore(), undefined);
  als.run('other', () => assert.strictEqual(snap(() => als.getStore()), 'snap'));
});

test('disable clears the store until run is called again', async () => {
  const als = new AsyncLocalStorage();
  await als.run('d', async () => {
    als.disable();
    assert.strictEqual(als.getStore(), undefined);
    await null;
    assert.strictEqual(als.getStore(), undefined);
    als.run('again', () => assert.strictEqual(als.getStore(), 'again'));
  });
});

test('async generators and for await keep the store', async () => {
  const als = new AsyncLocalStorage();
  async function* gen() {
    yield als.getStore();
    await null;
    yield als.getStore();
  }
  const got = await als.run('g', async () => {
    const out = [];
    for await (const v of gen()) out.push(v, als.getStore());
    return out;
  });
  assert.deepStrictEqual(got, ['g', 'g', 'g', 'g']);
});

test('thenables and Promise combinators keep the store', async () => {
  const als = new AsyncLocalStorage();
  const thenable = { then(resolve) { setTimeout(() => resolve(als.getStore()), 1); } };
  const got = await als.run('t', async () => {
    const fromThenable = await thenable;
    const all = await Promise.all([Promise.resolve(1), new Promise((r) => setImmediate(r))]);
    void all;
    const raced = await Promise.race([new Promise((r) => setTimeout(r, 1))]);
    void raced;
    return [fromThenable, als.getStore()];
  });
  assert.deepStrictEqual(got, ['t', 't']);
});
