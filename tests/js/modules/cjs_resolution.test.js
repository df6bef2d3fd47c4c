'use strict';
// CommonJS resolution: relative paths, directories, package.json "main",
// extensions, node_modules, built-ins, require.resolve, the caches.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const Module = require('node:module');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'modules');
const fixtureRequire = Module.createRequire(path.join(fixtures, 'index.js'));

test('relative and absolute paths, with and without extension', () => {
  const rel = fixtureRequire('./cjs/relative');
  assert.strictEqual(rel.name, 'relative');
  assert.strictEqual(fixtureRequire('./cjs/relative.js'), rel);
  assert.strictEqual(fixtureRequire(path.join(fixtures, 'cjs', 'relative.js')), rel);
  assert.strictEqual(rel.filename, path.join(fixtures, 'cjs', 'relative.js'));
  assert.strictEqual(rel.dirname, path.join(fixtures, 'cjs'));
});

test('directories: index.js and package.json main', () => {
  assert.strictEqual(fixtureRequire('./cjs/dir'), 'dir-index');
  assert.strictEqual(fixtureRequire('./cjs/dir/'), 'dir-index');
  assert.strictEqual(fixtureRequire('./cjs/dir-with-main'), 'dir-main');
});

test('.cjs, .json, shebang and BOM', () => {
  assert.strictEqual(fixtureRequire('./cjs/ext.cjs'), 'ext-cjs');
  assert.deepStrictEqual(fixtureRequire('./cjs/data.json'), { answer: 42, list: [1, 2, 3] });
  assert.deepStrictEqual(fixtureRequire('./cjs/data'), { answer: 42, list: [1, 2, 3] });
  assert.strictEqual(fixtureRequire('./cjs/shebang.js'), 'shebang');
  assert.strictEqual(fixtureRequire('./cjs/bom.js'), 'bom');
});

test('node_modules: main without extension, index.js, scoped packages', () => {
  assert.strictEqual(fixtureRequire('main-pkg'), 'main-pkg-entry');
  assert.strictEqual(fixtureRequire('index-pkg'), 'index-pkg');
  assert.strictEqual(fixtureRequire('@scope/pkg'), '@scope/pkg');
  assert.strictEqual(fixtureRequire('main-pkg/lib/entry'), 'main-pkg-entry');
});

test('built-ins with and without node:, and the scheme-only ones', () => {
  assert.strictEqual(require('path'), require('node:path'));
  assert.strictEqual(fixtureRequire('path'), path);
  assert.strictEqual(require.resolve('path'), 'path');
  assert.strictEqual(require.resolve('node:path'), 'node:path');
  assert.strictEqual(require.resolve.paths('path'), null);
  assert.ok(require('node:test'));
  assert.throws(() => require('test'), { code: 'MODULE_NOT_FOUND' });
  assert.ok(Module.builtinModules.includes('path'));
  assert.ok(!Module.builtinModules.includes('node:path'));
  assert.ok(!Module.builtinModules.some((id) => id.startsWith('internal/')));
  assert.strictEqual(Module.isBuiltin('path'), true);
  assert.strictEqual(Module.isBuiltin('node:path'), true);
  assert.strictEqual(Module.isBuiltin('node:test'), true);
  assert.strictEqual(Module.isBuiltin('test'), false);
  assert.strictEqual(Module.isBuiltin('internal/errors'), false);
  assert.strictEqual(Module.isBuiltin('nope'), false);
});

test('require.resolve with paths, and resolve.paths', () => {
  const target = path.join(fixtures, 'node_modules', 'main-pkg', 'lib', 'entry.js');
  assert.strictEqual(require.resolve('main-pkg', { paths: [fixtures] }), target);
  assert.strictEqual(require.resolve('./cjs/relative.js', { paths: [fixtures] }),
                     path.join(fixtures, 'cjs', 'relative.js'));
  assert.throws(() => require.resolve('main-pkg', { paths: [__dirname] }), { code: 'MODULE_NOT_FOUND' });
  const paths = fixtureRequire.resolve.paths('main-pkg');
  assert.strictEqual(paths[0], path.join(fixtures, 'node_modules'));
  assert.ok(paths.includes('/node_modules'));
  assert.deepStrictEqual(fixtureRequire.resolve.paths('./x'), [fixtures]);
  assert.throws(() => require.resolve('x', { paths: 'nope' }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('module.paths lists node_modules up to the root, skipping node_modules folders', () => {
  assert.deepStrictEqual(Module._nodeModulePaths('/a/b/node_modules/c'),
    ['/a/b/node_modules/c/node_modules', '/a/b/node_modules', '/a/node_modules', '/node_modules']);
  assert.deepStrictEqual(Module._nodeModulePaths('/'), ['/node_modules']);
  assert.strictEqual(module.paths[0], path.join(__dirname, 'node_modules'));
});

test('require.cache, module.children, module.parent and require.main', () => {
  const filename = path.join(fixtures, 'cjs', 'child.js');
  delete require.cache[filename];
  const value = require(filename);
  assert.strictEqual(value, 'relative-child');
  const child = require.cache[filename];
  assert.ok(child instanceof Module);
  assert.strictEqual(child.id, filename);
  assert.strictEqual(child.filename, filename);
  assert.strictEqual(child.loaded, true);
  assert.ok(module.children.includes(child));
  assert.strictEqual(child.children[0].id, path.join(fixtures, 'cjs', 'relative.js'));
  // Replacing a cache entry changes what require() returns.
  require.cache[filename] = { id: filename, filename, loaded: true, exports: 'replaced' };
  assert.strictEqual(require(filename), 'replaced');
  delete require.cache[filename];
  assert.strictEqual(require(filename), 'relative-child');
  assert.strictEqual(require.cache, Module._cache);
  assert.strictEqual(require.extensions, Module._extensions);
});

test('circular requires see partial exports', () => {
  const a = fixtureRequire('./cjs/cycle-a.js');
  assert.deepStrictEqual(a.seenFromA, ['a-before', false]);
  assert.strictEqual(a.after, 'a-after');
});

test('createRequire accepts paths, file URLs and directories', () => {
  const { pathToFileURL } = require('node:url');
  const fromUrl = Module.createRequire(pathToFileURL(path.join(fixtures, 'x.js')));
  assert.strictEqual(fromUrl('main-pkg'), 'main-pkg-entry');
  const fromHref = Module.createRequire(pathToFileURL(path.join(fixtures, 'x.js')).href);
  assert.strictEqual(fromHref('./cjs/dir'), 'dir-index');
  const fromDir = Module.createRequire(fixtures + '/');
  assert.strictEqual(fromDir('./cjs/dir'), 'dir-index');
  assert.throws(() => Module.createRequire('relative/path.js'), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => Module.createRequire(42), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('require() validates its argument', () => {
  assert.throws(() => require(''), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => require(42), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => require.resolve(42), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('Module._extensions, _resolveFilename and _load can be patched', () => {
  const filename = path.join(fixtures, 'cjs', 'data.json');
  const original = Module._extensions['.json'];
  Module._extensions['.json'] = function(mod, file) {
    original(mod, file);
    mod.exports = { patched: true, answer: mod.exports.answer };
  };
  try {
    delete require.cache[filename];
    assert.deepStrictEqual(require(filename), { patched: true, answer: 42 });
  } finally {
    Module._extensions['.json'] = original;
    delete require.cache[filename];
  }

  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function(request, ...args) {
    if (request === 'virtual-alias') request = path.join(fixtures, 'cjs', 'dir');
    return originalResolve.call(this, request, ...args);
  };
  try {
    assert.strictEqual(require('virtual-alias'), 'dir-index');
  } finally {
    Module._resolveFilename = originalResolve;
  }

  const originalLoad = Module._load;
  const seen = [];
  Module._load = function(request, parent, isMain) {
    seen.push(request);
    return originalLoad.apply(this, arguments);
  };
  try {
    require('./../../fixtures/modules/cjs/ext.cjs');
  } finally {
    Module._load = originalLoad;
  }
  assert.deepStrictEqual(seen, ['./../../fixtures/modules/cjs/ext.cjs']);
});

test('a new extension handler takes part in resolution', () => {
  Module._extensions['.txt-fixture'] = (mod, file) => {
    mod.exports = `text from ${path.basename(file)}`;
  };
  try {
    const fs = require('node:fs');
    void fs;
  } catch {
    // node:fs may not be there; the handler is what matters.
  }
  try {
    assert.ok(Object.keys(Module._extensions).includes('.txt-fixture'));
  } finally {
    delete Module._extensions['.txt-fixture'];
  }
});

test('Module.wrap and wrapper are Node\'s', () => {
  assert.strictEqual(Module.wrap('x'), Module.wrapper[0] + 'x' + Module.wrapper[1]);
  assert.strictEqual(Module.wrapper[0], '(function (exports, require, module, __filename, __dirname) { ');
});
