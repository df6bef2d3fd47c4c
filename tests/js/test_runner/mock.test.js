'use strict';
// mock.fn, mock.method, mock.getter/setter, mock.property: recorded calls,
// replaced implementations, restoring, and t.mock being reset after a test.
const { test, mock } = require('node:test');
const assert = require('node:assert');

test('mock.fn records calls', (t) => {
  const add = t.mock.fn((a, b) => a + b);
  assert.strictEqual(add(1, 2), 3);
  assert.strictEqual(add.call('self', 3, 4), 7);
  assert.strictEqual(add.mock.callCount(), 2);
  const [first, second] = add.mock.calls;
  assert.deepStrictEqual(first.arguments, [1, 2]);
  assert.strictEqual(first.result, 3);
  assert.strictEqual(first.error, undefined);
  assert.strictEqual(first.this, undefined);
  assert.strictEqual(first.target, undefined);
  assert.ok(first.stack instanceof Error);
  assert.strictEqual(second.this, 'self');
  // calls is a copy.
  add.mock.calls.length = 0;
  assert.strictEqual(add.mock.calls.length, 2);
});

test('mock.fn without arguments returns undefined', (t) => {
  const fn = t.mock.fn();
  assert.strictEqual(fn('x'), undefined);
  assert.deepStrictEqual(fn.mock.calls[0].arguments, ['x']);
});

test('mock.fn records errors', (t) => {
  const fail = t.mock.fn(() => {
    throw new RangeError('nope');
  });
  assert.throws(() => fail(), RangeError);
  assert.strictEqual(fail.mock.calls[0].error.message, 'nope');
  assert.strictEqual(fail.mock.calls[0].result, undefined);
});

test('mock.fn as a constructor', (t) => {
  class Point {
    constructor(x) {
      this.x = x;
    }
  }
  const MockPoint = t.mock.fn(Point);
  const p = new MockPoint(3);
  assert.ok(p instanceof Point);
  assert.strictEqual(p.x, 3);
  assert.strictEqual(MockPoint.mock.calls[0].target, Point);
  assert.strictEqual(MockPoint.mock.calls[0].this, p);
});

test('implementations can be replaced, once or for good', (t) => {
  const fn = t.mock.fn(() => 'original');
  fn.mock.mockImplementation(() => 'replaced');
  assert.strictEqual(fn(), 'replaced');
  fn.mock.mockImplementationOnce(() => 'once');
  assert.strictEqual(fn(), 'once');
  assert.strictEqual(fn(), 'replaced');
  fn.mock.mockImplementationOnce(() => 'fifth call', 4);
  assert.strictEqual(fn(), 'replaced');
  assert.strictEqual(fn(), 'fifth call');
  assert.throws(() => fn.mock.mockImplementationOnce(() => {}, 1), { code: 'ERR_OUT_OF_RANGE' });
  fn.mock.resetCalls();
  assert.strictEqual(fn.mock.callCount(), 0);
  fn.mock.restore();
  assert.strictEqual(fn(), 'original');
});

test('times: the mock restores itself after that many calls', (t) => {
  const fn = t.mock.fn(() => 'original', () => 'mocked', { times: 2 });
  assert.deepStrictEqual([fn(), fn(), fn()], ['mocked', 'mocked', 'original']);
  assert.throws(() => t.mock.fn(() => {}, { times: 0 }), { code: 'ERR_OUT_OF_RANGE' });
});

test('mock.method replaces a method and restores it', (t) => {
  const account = {
    balance: 10,
    read() {
      return this.balance;
    },
  };
  const original = account.read;
  const spy = t.mock.method(account, 'read');
  assert.strictEqual(account.read(), 10);
  assert.strictEqual(spy.mock.calls[0].this, account);
  spy.mock.mockImplementation(() => 99);
  assert.strictEqual(account.read(), 99);
  t.mock.restoreAll();
  assert.strictEqual(account.read, original);
  assert.strictEqual(account.read(), 10);
});

test('mock.method finds methods on the prototype chain', (t) => {
  class Base {
    greet() {
      return 'hi';
    }
  }
  const obj = new Base();
  t.mock.method(obj, 'greet', () => 'mocked');
  assert.strictEqual(obj.greet(), 'mocked');
  assert.strictEqual(new Base().greet(), 'hi');
});

test('mock.method validates its arguments', (t) => {
  const obj = { value: 1, fn() {} };
  assert.throws(() => t.mock.method(obj, 'value'), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => t.mock.method(obj, 'missing'), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => t.mock.method(null, 'fn'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => t.mock.method(obj, 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => t.mock.method(obj, 'fn', { getter: true, setter: true }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('getters and setters', (t) => {
  const obj = {
    stored: 1,
    get value() {
      return this.stored;
    },
    set value(v) {
      this.stored = v;
    },
  };
  const getter = t.mock.getter(obj, 'value', () => 42);
  assert.strictEqual(obj.value, 42);
  assert.strictEqual(getter.mock.callCount(), 1);
  const setter = t.mock.setter(obj, 'value', function(v) {
    this.stored = v * 10;
  });
  obj.value = 2;
  assert.strictEqual(obj.stored, 20);
  assert.deepStrictEqual(setter.mock.calls[0].arguments, [2]);
  assert.throws(() => t.mock.getter(obj, 'value', { getter: false }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('mock.property records reads and writes', (t) => {
  const config = { level: 'info' };
  const prop = t.mock.property(config, 'level', 'debug');
  assert.strictEqual(config.level, 'debug');
  config.level = 'trace';
  assert.strictEqual(config.level, 'trace');
  assert.strictEqual(prop.mock.accessCount(), 3);
  assert.deepStrictEqual(prop.mock.accesses.map((a) => [a.type, a.value]),
    [['get', 'debug'], ['set', 'trace'], ['get', 'trace']]);
  prop.mock.mockImplementationOnce('once');
  assert.strictEqual(config.level, 'once');
  assert.strictEqual(config.level, 'trace');
  prop.mock.restore();
  assert.strictEqual(config.level, 'info');
});

const shared = {
  now() {
    return 'real';
  },
};

test('t.mock is reset when the test ends', async (t) => {
  await t.test('mocks', (t2) => {
    t2.mock.method(shared, 'now', () => 'fake');
    assert.strictEqual(shared.now(), 'fake');
  });
  assert.strictEqual(shared.now(), 'real');
});

test('the module-level mock lives until reset', () => {
  const fn = mock.fn();
  fn();
  assert.strictEqual(fn.mock.callCount(), 1);
  mock.method(shared, 'now', () => 'global fake');
  assert.strictEqual(shared.now(), 'global fake');
  mock.reset();
  assert.strictEqual(shared.now(), 'real');
});
