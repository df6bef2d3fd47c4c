'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const vm = require('node:vm');

test('a Script runs many times, in any context', () => {
  const script = new vm.Script('x = (typeof x === "number" ? x : 0) + 1', { filename: 'inc.js' });
  const ctx = vm.createContext({});
  script.runInContext(ctx);
  script.runInContext(ctx);
  assert.strictEqual(ctx.x, 2);
  assert.strictEqual(script.runInNewContext({ x: 10 }), 11);
  assert.strictEqual(vm.createScript('6 * 7').runInThisContext(), 42);
  globalThis.__vmThisContext = 1;
  try {
    assert.strictEqual(vm.runInThisContext('__vmThisContext + 1'), 2);
  } finally {
    delete globalThis.__vmThisContext;
  }
});

test('syntax errors carry the arrow in their stack', () => {
  assert.throws(() => new vm.Script('foo bar', { filename: 'x.js' }), (err) => {
    assert.ok(err instanceof SyntaxError);
    const lines = err.stack.split('\n');
    assert.deepStrictEqual(lines.slice(0, 4), ['x.js:1', 'foo bar', '    ^^^', '']);
    assert.match(lines[4], /^SyntaxError: Unexpected identifier/);
    return true;
  });
});

test('runtime errors: displayErrors decorates, line and column offsets apply', () => {
  assert.throws(() => vm.runInThisContext('null.x'), (err) => {
    assert.deepStrictEqual(err.stack.split('\n').slice(0, 4), ['evalmachine.<anonymous>:1', 'null.x', '     ^', '']);
    return true;
  });
  assert.throws(() => vm.runInThisContext('null.x', { displayErrors: false }), (err) => {
    assert.match(err.stack, /^TypeError: /);
    return true;
  });
  const script = new vm.Script('throw new Error("x")', { filename: 'f.js', lineOffset: 10, columnOffset: 5 });
  assert.throws(() => script.runInThisContext(), (err) => {
    const lines = err.stack.split('\n');
    assert.deepStrictEqual(lines.slice(0, 5), ['f.js:11', 'throw new Error("x")', '^', '', 'Error: x']);
    assert.strictEqual(lines[5], '    at f.js:11:12');
    return true;
  });
  // An error crossing two vm calls is decorated once.
  const inner = vm.createContext({ run: () => vm.runInThisContext('null.y') });
  assert.throws(() => vm.runInContext('run()', inner), (err) => {
    assert.strictEqual(err.stack.split('\n').filter((l) => l === 'null.y').length, 1);
    return true;
  });
});

test('timeouts stop runaway code', () => {
  assert.throws(() => vm.runInNewContext('while (true) {}', {}, { timeout: 20 }), (err) => {
    assert.strictEqual(err.code, 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    assert.strictEqual(err.message, 'Script execution timed out after 20ms');
    assert.strictEqual(err.name, 'Error');
    return true;
  });
  // The isolate runs normally afterwards.
  assert.strictEqual(vm.runInThisContext('1 + 1', { timeout: 1000 }), 2);
  assert.throws(() => new vm.Script('for (;;) {}').runInThisContext({ timeout: 10 }),
                { code: 'ERR_SCRIPT_EXECUTION_TIMEOUT' });
});

test('nested timeouts: the inner one fires, the outer goes on', () => {
  const ctx = vm.createContext({ vm, result: null });
  vm.runInContext(`
    try { vm.runInThisContext('while (true) {}', { timeout: 10 }); } catch (e) { result = e.code; }
  `, ctx, { timeout: 5000 });
  assert.strictEqual(ctx.result, 'ERR_SCRIPT_EXECUTION_TIMEOUT');
});

test('option validation', () => {
  assert.throws(() => new vm.Script('1').runInThisContext({ timeout: 0 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => new vm.Script('1').runInThisContext({ timeout: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => vm.runInContext('x', vm.createContext({}), { timeout: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new vm.Script('1', 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new vm.Script('1', { lineOffset: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new vm.Script('1', { produceCachedData: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(new vm.Script('1', 'file.js').runInThisContext(), 1);
});

test('code caches', () => {
  const produced = new vm.Script('1 + 1', { produceCachedData: true });
  assert.strictEqual(produced.cachedDataProduced, true);
  assert.ok(Buffer.isBuffer(produced.cachedData));
  assert.ok(produced.cachedData.length > 0);
  const data = new vm.Script('function add(a, b) { return a + b } add(2, 3)').createCachedData();
  assert.ok(Buffer.isBuffer(data));
  const consumer = new vm.Script('function add(a, b) { return a + b } add(2, 3)', { cachedData: data });
  assert.strictEqual(consumer.cachedDataRejected, false);
  assert.strictEqual(consumer.runInThisContext(), 5);
  const mismatch = new vm.Script('"something else entirely, much longer than before"', { cachedData: data });
  assert.strictEqual(mismatch.cachedDataRejected, true);
  assert.strictEqual(new vm.Script('//# sourceMappingURL=foo.map\n1').sourceMapURL, 'foo.map');
});

test('compileFunction', () => {
  const fn = vm.compileFunction('return a + b + c', ['a', 'b'], { contextExtensions: [{ c: 100 }] });
  assert.strictEqual(fn(1, 2), 103);
  assert.strictEqual(fn.length, 2);
  const inContext = vm.compileFunction('return typeof x', [], { parsingContext: vm.createContext({ x: 1 }) });
  assert.strictEqual(inContext(), 'number');
  assert.strictEqual(vm.compileFunction('return this', []).call(5).valueOf(), 5);
  assert.throws(() => vm.compileFunction('return (', []), SyntaxError);
  assert.throws(() => vm.compileFunction(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => vm.compileFunction('', [1]), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => vm.compileFunction('', [], { parsingContext: {} }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => vm.compileFunction('', [], { contextExtensions: [1] }), { code: 'ERR_INVALID_ARG_TYPE' });
  const cached = vm.compileFunction('return 1', [], { produceCachedData: true });
  assert.strictEqual(cached.cachedDataProduced, true);
  assert.ok(Buffer.isBuffer(cached.cachedData));
});

test('module surface', () => {
  assert.deepStrictEqual(Object.keys(vm), ['Script', 'createContext', 'createScript', 'runInContext',
    'runInNewContext', 'runInThisContext', 'isContext', 'compileFunction', 'measureMemory', 'constants']);
  assert.strictEqual(typeof vm.Script.prototype.createCachedData, 'function');
});
