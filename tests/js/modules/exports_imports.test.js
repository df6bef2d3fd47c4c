'use strict';
// package.json "exports" and "imports" from require(): conditions,
// subpaths, patterns, null targets, fallback arrays, self references.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const Module = require('node:module');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'modules');
const nm = path.join(fixtures, 'node_modules');
const fixtureRequire = Module.createRequire(path.join(fixtures, 'index.js'));

test('conditional main export picks "require"', () => {
  assert.deepStrictEqual(fixtureRequire('exports-pkg'), { format: 'cjs', pkg: 'exports-pkg' });
  assert.strictEqual(fixtureRequire.resolve('exports-pkg'), path.join(nm, 'exports-pkg', 'cjs.js'));
});

test('subpaths and patterns', () => {
  assert.strictEqual(fixtureRequire('exports-pkg/sub'), 'sub');
  assert.strictEqual(fixtureRequire('exports-pkg/features/a.js'), 'feature-a');
  assert.strictEqual(fixtureRequire('exports-pkg/features/b'), 'feature-b');
  assert.strictEqual(fixtureRequire('exports-pkg/package.json').name, 'exports-pkg');
});

test('nested conditions, "default", and conditions not set', () => {
  assert.strictEqual(fixtureRequire('exports-pkg/nested'), 'nested-require');
  // "custom" is only matched with --conditions=custom.
  assert.strictEqual(fixtureRequire('exports-pkg/custom'), 'no-custom');
});

test('"node-addons": Node matches it; shard, which loads no addons, does not', () => {
  const expected = process.versions.shard ? 'js-entry' : 'addon-entry';
  assert.strictEqual(fixtureRequire('exports-pkg/addons'), expected);
});

test('fallback arrays skip invalid targets', () => {
  assert.strictEqual(fixtureRequire('exports-pkg/array'), 'array-target');
});

test('"module-sync" matches for require() (Node 22)', () => {
  const value = fixtureRequire('exports-pkg/module-sync');
  assert.strictEqual(value.default, 'module-sync');
});

test('dual packages: require gets the CommonJS build', () => {
  const dual = fixtureRequire('dual');
  assert.strictEqual(dual.format, 'cjs');
  assert.strictEqual(fixtureRequire('dual/package.json').name, 'dual');
});

test('a package requires itself by name through its "exports"', () => {
  const self = fixtureRequire('self-ref');
  assert.strictEqual(self.util, 'self-util');
  assert.strictEqual(self.resolved, path.join(nm, 'self-ref', 'index.js'));
});

test('"imports": exact names, patterns, conditions, package and built-in targets', () => {
  assert.strictEqual(fixtureRequire('#internal'), 'internal');
  assert.strictEqual(fixtureRequire('#lib/a'), 'lib-a');
  assert.strictEqual(fixtureRequire('#cond'), 'cond-require');
  assert.deepStrictEqual(fixtureRequire('#dep'), { format: 'cjs', pkg: 'exports-pkg' });
  assert.strictEqual(fixtureRequire.resolve('#internal'), path.join(fixtures, 'lib', 'internal.js'));
  assert.deepStrictEqual(fixtureRequire('imports-pkg'), { dep: 'sub', local: 'local-helper' });
});

test('"imports" mapped to a built-in cannot be required (as in Node 22)', () => {
  const pkgRequire = Module.createRequire(path.join(nm, 'imports-pkg', 'src', 'index.js'));
  assert.throws(() => pkgRequire('#builtin'), { code: 'ERR_INVALID_URL_SCHEME' });
});
