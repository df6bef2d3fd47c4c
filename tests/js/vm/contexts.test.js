'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const vm = require('node:vm');

test('a context reads and writes its sandbox', () => {
  const sandbox = { a: 1 };
  const ctx = vm.createContext(sandbox);
  assert.strictEqual(ctx, sandbox);
  assert.ok(vm.isContext(sandbox));
  assert.strictEqual(vm.isContext({}), false);
  const result = vm.runInContext('a + 1; var b = 5; c = 7; this.d = 8; typeof require', ctx);
  assert.strictEqual(result, 'undefined');
  assert.deepStrictEqual(Object.keys(sandbox), ['a', 'b', 'c', 'd']);
  assert.deepStrictEqual({ ...sandbox }, { a: 1, b: 5, c: 7, d: 8 });
  sandbox.a = 41;
  assert.strictEqual(vm.runInContext('a + 1', ctx), 42);
  assert.strictEqual(vm.createContext(sandbox), sandbox);
});

test('declarations, deletion and defineProperty reach the sandbox', () => {
  const sb = {};
  vm.createContext(sb);
  vm.runInContext('function f() { return 42 } let L = 1; const C = 2; class K {}', sb);
  assert.strictEqual(typeof sb.f, 'function');
  assert.strictEqual(sb.f(), 42);
  // Lexical declarations stay in the context's script scope.
  assert.strictEqual(sb.L, undefined);
  assert.strictEqual(vm.runInContext('typeof f + typeof L + typeof K', sb), 'functionnumberfunction');

  const del = vm.createContext({ z: 1 });
  vm.runInContext('delete z', del);
  assert.strictEqual('z' in del, false);

  const def = vm.createContext({});
  vm.runInContext('Object.defineProperty(this, "q", { value: 3, enumerable: true })', def);
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(def, 'q'),
                         { value: 3, writable: false, enumerable: true, configurable: false });
  // (an array of the other context: compared by contents)
  assert.deepStrictEqual([...vm.runInContext('Object.keys(this)', vm.createContext({ m: 1, n: 2 }))], ['m', 'n']);
  const inherited = vm.createContext(Object.create({ fromProto: 5 }));
  assert.strictEqual(vm.runInContext('fromProto', inherited), 5);
});

test('the context has its own built-ins', () => {
  const arr = vm.runInNewContext('[1, 2]');
  assert.strictEqual(arr instanceof Array, false);
  assert.ok(Array.isArray(arr));
  assert.strictEqual(vm.runInNewContext('Object.getPrototypeOf([]) === Array.prototype'), true);
  assert.strictEqual(vm.runInNewContext('this.constructor.name'), 'Object');
  assert.strictEqual(vm.runInNewContext('globalThis === this'), true);
  const obj = vm.runInNewContext('({ a: 1 })');
  assert.notStrictEqual(Object.getPrototypeOf(obj), Object.prototype);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(obj)), { a: 1 });
  // The newer ECMAScript built-ins are there too.
  assert.deepStrictEqual([...vm.runInNewContext('[3, 1, 2].toSorted()')], [1, 2, 3]);
  assert.strictEqual(vm.runInNewContext('typeof Object.groupBy'), 'function');
});

test('strict mode: assignment to an undeclared name throws in the context', () => {
  const box = { r: null };
  vm.runInNewContext('"use strict"; try { undeclared = 1 } catch (e) { r = e.name }', box);
  assert.strictEqual(box.r, 'ReferenceError');
  assert.strictEqual('undeclared' in box, false);
});

test('a frozen sandbox still runs code', () => {
  assert.strictEqual(vm.runInNewContext('var x = 1; x', Object.freeze({})), 1);
});

test('code generation from strings can be refused', () => {
  assert.strictEqual(vm.runInNewContext('eval("1+1")'), 2);
  assert.throws(() => vm.runInNewContext('eval("1+1")', {}, { contextCodeGeneration: { strings: false } }),
                (err) => err.name === 'EvalError' &&
                  err.message === 'Code generation from strings disallowed for this context');
});

test('microtaskMode afterEvaluate runs the context\'s microtasks before returning', () => {
  const ctx = vm.createContext({ log: [] }, { microtaskMode: 'afterEvaluate' });
  vm.runInContext('Promise.resolve().then(() => log.push(1)); log.push(0)', ctx);
  assert.deepStrictEqual([...ctx.log], [0, 1]);
});

test('DONT_CONTEXTIFY gives the context\'s own global', () => {
  const g = vm.createContext(vm.constants.DONT_CONTEXTIFY);
  assert.ok(vm.isContext(g));
  assert.strictEqual(vm.runInContext('typeof Array', g), 'function');
  assert.notStrictEqual(g.Array, Array);
  g.foo = 1;
  assert.strictEqual(vm.runInContext('foo', g), 1);
  assert.strictEqual(typeof vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER, 'symbol');
});

test('argument validation', () => {
  assert.throws(() => vm.createContext(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => vm.createContext(null), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => vm.createContext({}, { name: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => vm.createContext({}, { microtaskMode: 'x' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => vm.runInContext('1', {}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: /The "contextifiedObject" argument must be an vm.Context/,
  });
  assert.throws(() => vm.isContext(1), { code: 'ERR_INVALID_ARG_TYPE' });
});
