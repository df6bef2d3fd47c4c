// ES modules: static and dynamic imports, packages, CommonJS and built-ins
// seen from ESM, JSON modules, import.meta, top-level await, cycles.
import { test } from 'node:test';
import assert from 'node:assert';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pathNamespace from 'node:path';
import { join as joinFromPath } from 'path';

import greet, { name, counter, increment } from '../../fixtures/modules/esm/lib.mjs';
import * as libNamespace from '../../fixtures/modules/esm/lib.mjs';
import * as packages from '../../fixtures/modules/esm/packages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', '..', 'fixtures', 'modules');
const fixtureURL = (rel) => pathToFileURL(path.join(fixtures, rel)).href;

test('static imports: default, named, namespaces and live bindings', () => {
  assert.strictEqual(greet('you'), 'hello you');
  assert.strictEqual(name, 'lib');
  const before = counter;
  increment();
  assert.strictEqual(counter, before + 1);
  assert.strictEqual(libNamespace.counter, counter);
  assert.strictEqual(Object.prototype.toString.call(libNamespace), '[object Module]');
  assert.deepStrictEqual(Object.keys(libNamespace), ['counter', 'default', 'increment', 'name']);
  assert.throws(() => { libNamespace.name = 'x'; }, TypeError);
});

test('packages through "exports" and "imports" with the import conditions', () => {
  assert.strictEqual(packages.exportsPkg.format, 'esm');
  assert.strictEqual(packages.nested, 'nested-import');
  assert.strictEqual(packages.moduleSync, 'module-sync');
  assert.strictEqual(packages.custom, 'no-custom');
  assert.strictEqual(packages.featureB, 'feature-b');
  assert.strictEqual(packages.dual.format, 'esm');
  assert.strictEqual(packages.condImport, 'cond-import');
  assert.strictEqual(packages.internal, 'internal');
  assert.strictEqual(packages.libA, 'lib-a');
  assert.strictEqual(packages.mainPkg, 'main-pkg-entry');
  assert.strictEqual(packages.scoped, '@scope/pkg');
  assert.strictEqual(packages.esmOnly(), 'helped');
  assert.strictEqual(packages.esmOnlyKind, 'esm-only');
});

test('a package imports itself by name', async () => {
  const ns = await import(fixtureURL('node_modules/self-ref/esm.mjs'));
  assert.strictEqual(ns.util, 'self-util');
});

test('built-ins as ES modules: default is module.exports, named exports are its keys', () => {
  assert.strictEqual(pathNamespace.default, path);
  assert.strictEqual(joinFromPath, path.join);
  for (const key of Object.keys(path)) assert.ok(key in pathNamespace, key);
});

test('CommonJS from ESM: default is module.exports, names found by the lexer', async () => {
  const ns = await import(fixtureURL('esm/cjs-import.mjs'));
  assert.strictEqual(ns.counter.value, 1);
  assert.strictEqual(ns.value, 1);
  // Named exports of CommonJS are a snapshot taken after it ran.
  ns.bump();
  assert.strictEqual(ns.counter.value, 2);
  assert.strictEqual(ns.value, 1);
  // Re-exports (module.exports = require('./inner')) carry the inner names.
  assert.deepStrictEqual(Object.keys(ns.reexported).sort(), ['__esModule', 'alpha', 'beta', 'default']);
  assert.strictEqual(ns.reexported.alpha, 'alpha');
  assert.strictEqual(ns.sep, '/');
  assert.strictEqual(ns.pathDefault, path);

  const callable = await import(fixtureURL('node_modules/module-exports-pkg/index.js'));
  assert.strictEqual(callable.default(), 'called');
  assert.strictEqual(callable.extra, 'extra');
});

test('JSON modules need the type attribute', async () => {
  const ns = await import(fixtureURL('esm/json-import.mjs'));
  assert.deepStrictEqual(ns.default, { answer: 42, list: [1, 2, 3] });
  assert.strictEqual(ns.viaDynamic, ns.default);
  await assert.rejects(import(fixtureURL('cjs/data.json')), { code: 'ERR_IMPORT_ATTRIBUTE_MISSING' });
  await assert.rejects(import(fixtureURL('esm/lib.mjs'), { with: { type: 'json' } }),
                       { code: 'ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE' });
  // Attributes are checked when a module is first loaded.
  await assert.rejects(import(fixtureURL('esm/default-and-named.mjs'), { with: { other: 'x' } }), {
    code: 'ERR_IMPORT_ATTRIBUTE_UNSUPPORTED',
    message: `Import attribute "other" with value "x" is not supported in ${fixtureURL('esm/default-and-named.mjs')}`,
  });
});

test('import.meta: url, filename, dirname, resolve', async () => {
  const { meta, resolved, resolvedMissing, resolvedBare, resolvedBuiltin } = await import(fixtureURL('esm/meta.mjs'));
  assert.strictEqual(meta.url, fixtureURL('esm/meta.mjs'));
  assert.strictEqual(meta.filename, path.join(fixtures, 'esm', 'meta.mjs'));
  assert.strictEqual(meta.dirname, path.join(fixtures, 'esm'));
  assert.strictEqual(Object.getPrototypeOf(meta), null);
  assert.strictEqual(resolved, fixtureURL('esm/lib.mjs'));
  assert.strictEqual(resolvedMissing, fixtureURL('esm/does-not-exist.mjs'));
  assert.strictEqual(resolvedBare, fixtureURL('node_modules/exports-pkg/esm.mjs'));
  assert.strictEqual(resolvedBuiltin, 'node:path');
  assert.strictEqual(import.meta.filename, fileURLToPath(import.meta.url));
});

test('top-level await: dependencies finish before their importers run', async () => {
  const ns = await import(fixtureURL('esm/tla.mjs'));
  assert.deepStrictEqual(ns.order, ['dep-start', 'dep-end', 'main']);
  assert.strictEqual(ns.value, 'tla-value');
  assert.strictEqual(ns.later, 'awaited');
});

test('cycles: bindings in their temporal dead zone, then live', async () => {
  const a = await import(fixtureURL('esm/cycle-a.mjs'));
  const b = await import(fixtureURL('esm/cycle-b.mjs'));
  assert.strictEqual(a.fromB, 'b');
  assert.strictEqual(b.sawA, 'ReferenceError');
  assert.strictEqual(a.aThroughB(), 'a');
});

test('ES modules are strict and have no CommonJS variables', async () => {
  const ns = await import(fixtureURL('esm/uses-require.mjs'));
  assert.deepStrictEqual(ns.kinds, ['undefined', 'undefined', 'undefined', 'undefined']);
  assert.strictEqual(ns.thisValue, undefined);
});

test('the same URL is one module instance; a query makes another', async () => {
  const one = await import(fixtureURL('esm/lib.mjs'));
  const two = await import('../../fixtures/modules/esm/lib.mjs');
  assert.strictEqual(one, two);
  assert.strictEqual(one, libNamespace);
  const other = await import(`${fixtureURL('esm/lib.mjs')}?instance=2`);
  assert.notStrictEqual(other, one);
});

test('"type": "module", .cjs inside it, and syntax detection in typeless packages', async () => {
  const mod = await import(fixtureURL('type-module/index.js'));
  assert.strictEqual(mod.kind, 'module-js');
  assert.strictEqual(mod.hasRequire, 'undefined');
  const legacy = await import(fixtureURL('type-module/legacy.cjs'));
  assert.deepStrictEqual(legacy.default, { kind: 'cjs-in-module-package' });
  const detected = await import(fixtureURL('typeless/esm-syntax.js'));
  assert.strictEqual(detected.detected, 'esm:lib');
  const cjs = await import(fixtureURL('typeless/cjs.js'));
  assert.strictEqual(cjs.detected, 'cjs');
});

test('data: URLs', async () => {
  const js = await import('data:text/javascript,export default 40 + 2;');
  assert.strictEqual(js.default, 42);
  const json = await import('data:application/json,{"a":1}', { with: { type: 'json' } });
  assert.deepStrictEqual(json.default, { a: 1 });
});

test('import() from CommonJS resolves relative to the CommonJS file', async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const load = require('../../fixtures/modules/cjs/dynamic-import.js');
  const ns = await load();
  assert.strictEqual(ns, libNamespace);
});
