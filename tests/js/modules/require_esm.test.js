'use strict';
// require() of ES modules (Node 22): the namespace, the __esModule facade,
// "module.exports", one instance shared with import, top-level await.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const Module = require('node:module');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'modules');
const fixtureRequire = Module.createRequire(path.join(fixtures, 'index.js'));

test('require() of an ES module returns its namespace', () => {
  const ns = fixtureRequire('./esm/lib.mjs');
  assert.strictEqual(Object.prototype.toString.call(ns), '[object Module]');
  assert.strictEqual(ns.name, 'lib');
  assert.strictEqual(ns.default('x'), 'hello x');
  // With a default export, __esModule: true is added for transpiled code.
  assert.strictEqual(ns.__esModule, true);
  const named = fixtureRequire('esm-only/named-only');
  assert.deepStrictEqual(Object.keys(named), ['a', 'b']);
  assert.strictEqual(named.__esModule, undefined);
});

test('an ES module that exports __esModule itself is returned as is', () => {
  const ns = fixtureRequire('./esm/has-esmodule.mjs');
  assert.strictEqual(ns.__esModule, false);
  assert.strictEqual(ns.default, 'd');
});

test('an export named "module.exports" is what require() returns', () => {
  assert.deepStrictEqual(fixtureRequire('./esm/module-exports-name.mjs'), { custom: true });
});

test('require and import share one instance of an ES module', async () => {
  const required = fixtureRequire('./esm/default-and-named.mjs');
  const imported = await import(path.join(fixtures, 'esm', 'default-and-named.mjs'));
  assert.strictEqual(required.default, imported.default);
  assert.strictEqual(required.named, imported.named);
});

test('packages with "type": "module" and .js files load through require()', () => {
  const esmOnly = fixtureRequire('esm-only');
  assert.strictEqual(esmOnly.default(), 'helped');
  assert.strictEqual(esmOnly.kind, 'esm-only');
  assert.strictEqual(fixtureRequire('./type-module/index.js').kind, 'module-js');
  assert.strictEqual(fixtureRequire('./typeless/esm-syntax.js').detected, 'esm:lib');
  assert.strictEqual(fixtureRequire('./typeless/cjs.js').detected, 'cjs');
});

test('a graph with top-level await cannot be required', () => {
  assert.throws(() => fixtureRequire('esm-tla'), (err) => {
    assert.strictEqual(err.code, 'ERR_REQUIRE_ASYNC_MODULE');
    assert.ok(err.message.startsWith('require() cannot be used on an ESM graph with top-level await.'), err.message);
    return true;
  });
  assert.throws(() => fixtureRequire('./esm/tla.mjs'), { code: 'ERR_REQUIRE_ASYNC_MODULE' });
});

test('errors thrown while evaluating reach the require() caller', () => {
  assert.throws(() => fixtureRequire('./esm/throws.mjs'), { message: 'thrown while evaluating' });
  assert.throws(() => fixtureRequire('./esm/throws.mjs'), { message: 'thrown while evaluating' });
});

test('a require() cycle back into an evaluating ES module is an error', async () => {
  const ns = await import(path.join(fixtures, 'esm', 'require-cycle-a.mjs'));
  assert.strictEqual(ns.error.code, 'ERR_REQUIRE_CYCLE_MODULE');
});
