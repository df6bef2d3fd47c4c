'use strict';
// node:module: the parts of its API that are not about resolving one file.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const Module = require('node:module');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'modules');

test('node:module is the Module class', () => {
  assert.strictEqual(require('module'), Module);
  assert.strictEqual(Module.Module, Module);
  assert.ok(module instanceof Module);
  assert.strictEqual(typeof Module.createRequire, 'function');
  assert.strictEqual(typeof Module.syncBuiltinESMExports, 'function');
  assert.strictEqual(typeof Module.findSourceMap, 'function');
  assert.strictEqual(typeof Module.register, 'function');
  assert.deepStrictEqual(Object.keys(Module._extensions), ['.js', '.json', '.node']);
  assert.ok(Array.isArray(Module.globalPaths));
});

test('a module object as Node builds it', () => {
  assert.strictEqual(module.id, require.main === module ? '.' : __filename);
  assert.strictEqual(module.filename, __filename);
  assert.strictEqual(module.path, __dirname);
  assert.strictEqual(typeof module.require, 'function');
  assert.deepStrictEqual(Object.keys(new Module('/x/y.js')),
    ['id', 'path', 'exports', 'filename', 'loaded', 'children']);
});

test('findPackageJSON', () => {
  if (typeof Module.findPackageJSON !== 'function') return; // Node 22.14+
  const pjson = path.join(fixtures, 'package.json');
  assert.strictEqual(Module.findPackageJSON(`file://${path.join(fixtures, 'lib', 'a.js')}`), pjson);
  assert.strictEqual(Module.findPackageJSON('./lib/a.js', path.join(fixtures, 'index.js')), pjson);
  assert.strictEqual(Module.findPackageJSON('main-pkg', path.join(fixtures, 'index.js')),
                     path.join(fixtures, 'node_modules', 'main-pkg', 'package.json'));
});

test('syncBuiltinESMExports updates the named exports of built-ins', async () => {
  const fs = require('node:path');
  const ns = await import('node:path');
  const original = fs.basename;
  const replacement = () => 'replaced';
  fs.basename = replacement;
  try {
    assert.strictEqual(ns.basename, original);
    Module.syncBuiltinESMExports();
    assert.strictEqual(ns.basename, replacement);
  } finally {
    fs.basename = original;
    Module.syncBuiltinESMExports();
  }
  assert.strictEqual(ns.basename, original);
});

test('process.getBuiltinModule', () => {
  assert.strictEqual(process.getBuiltinModule('path'), require('path'));
  assert.strictEqual(process.getBuiltinModule('node:path'), require('path'));
  assert.strictEqual(process.getBuiltinModule('node:test'), require('node:test'));
  assert.strictEqual(process.getBuiltinModule('test'), undefined);
  assert.strictEqual(process.getBuiltinModule('no-such-module'), undefined);
  assert.throws(() => process.getBuiltinModule(1), { code: 'ERR_INVALID_ARG_TYPE' });
});
