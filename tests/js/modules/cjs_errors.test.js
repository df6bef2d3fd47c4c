'use strict';
// CommonJS errors: their codes, messages and extra properties match Node's.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const Module = require('node:module');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'modules');
const fixtureFile = path.join(fixtures, 'index.js');
const fixtureRequire = Module.createRequire(fixtureFile);
const nm = path.join(fixtures, 'node_modules');

test('MODULE_NOT_FOUND names the request and the require stack', () => {
  assert.throws(() => require('./does-not-exist'), (err) => {
    assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
    assert.strictEqual(err.message, `Cannot find module './does-not-exist'\nRequire stack:\n- ${__filename}`);
    assert.strictEqual(err.requireStack[0], __filename);
    return true;
  });
  assert.throws(() => fixtureRequire('no-such-package'), {
    code: 'MODULE_NOT_FOUND',
    message: `Cannot find module 'no-such-package'\nRequire stack:\n- ${fixtureFile}`,
    requireStack: [fixtureFile],
  });
});

test('a package.json "main" that leads nowhere falls back to index.js', () => {
  assert.strictEqual(fixtureRequire('bad-main'), 'bad-main-index');
});

test('ERR_PACKAGE_PATH_NOT_EXPORTED for subpaths outside "exports"', () => {
  const pjson = path.join(nm, 'exports-pkg', 'package.json');
  assert.throws(() => fixtureRequire('exports-pkg/cjs.js'), {
    code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    message: `Package subpath './cjs.js' is not defined by "exports" in ${pjson}`,
  });
  assert.throws(() => fixtureRequire('exports-pkg/features/private/secret'), {
    code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    message: `Package subpath './features/private/secret' is not defined by "exports" in ${pjson}`,
  });
  assert.throws(() => fixtureRequire('dual/index.cjs'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
});

test('invalid "exports" targets', () => {
  const pjson = path.join(nm, 'exports-pkg', 'package.json');
  assert.throws(() => fixtureRequire('exports-pkg/bad-target'), {
    code: 'ERR_INVALID_PACKAGE_TARGET',
    message: `Invalid "exports" target "bad.js" defined for './bad-target' in the package config ${pjson}; targets must start with "./"`,
  });
  assert.throws(() => fixtureRequire('exports-pkg/escape'), { code: 'ERR_INVALID_PACKAGE_TARGET' });
  // An exported file that is missing: MODULE_NOT_FOUND without a require stack.
  assert.throws(() => fixtureRequire('exports-pkg/missing-file'), (err) => {
    assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
    assert.strictEqual(err.message, `Cannot find module '${path.join(nm, 'exports-pkg', 'missing.js')}'`);
    assert.strictEqual(err.path, path.join(nm, 'exports-pkg'));
    return true;
  });
});

test('subpaths matched into patterns may not leave the pattern', () => {
  const pjson = path.join(nm, 'exports-pkg', 'package.json');
  assert.throws(() => fixtureRequire('exports-pkg/features/../cjs'), {
    code: 'ERR_INVALID_MODULE_SPECIFIER',
    message: `Invalid module "./features/../cjs" request is not a valid match in pattern "./features/*" for the "exports" resolution of ${pjson}`,
  });
  assert.throws(() => fixtureRequire('exports-pkg/features/node_modules/x'), { code: 'ERR_INVALID_MODULE_SPECIFIER' });
  assert.throws(() => fixtureRequire('exports-pkg/features/x%2F..%2Fa'), {
    code: 'ERR_INVALID_MODULE_SPECIFIER',
    message: `Invalid module "file://${path.join(nm, 'exports-pkg', 'features', 'x%2F..%2Fa.js')}" must not include encoded "/" or "\\" characters`,
  });
});

test('a package.json that does not parse', () => {
  const pjson = path.join(nm, 'broken-json', 'package.json');
  assert.throws(() => fixtureRequire('broken-json'), {
    code: 'ERR_INVALID_PACKAGE_CONFIG',
    message: `Invalid package config ${pjson}.`,
  });
  assert.throws(() => fixtureRequire('./node_modules/broken-json/index.js'), { code: 'ERR_INVALID_PACKAGE_CONFIG' });
});

test('a JSON file that does not parse names the file', () => {
  const file = path.join(fixtures, 'cjs', 'bad.json');
  assert.throws(() => fixtureRequire('./cjs/bad.json'), (err) => {
    assert.strictEqual(err.name, 'SyntaxError');
    assert.ok(err.message.startsWith(`${file}: `), err.message);
    return true;
  });
  assert.strictEqual(require.cache[file], undefined);
});

test('a syntax error in a module is a SyntaxError and the module stays out of the cache', () => {
  const file = path.join(fixtures, 'cjs', 'syntax-error.js');
  assert.throws(() => fixtureRequire('./cjs/syntax-error.js'), { name: 'SyntaxError' });
  assert.strictEqual(require.cache[file], undefined);
  const before = module.children.length;
  assert.throws(() => require(file), { name: 'SyntaxError' });
  assert.strictEqual(module.children.length, before);
});

test('native addons fail with ERR_DLOPEN_FAILED naming the file', () => {
  const file = path.join(nm, 'native-addon', 'addon.node');
  assert.throws(() => fixtureRequire('native-addon'), (err) => {
    assert.strictEqual(err.code, 'ERR_DLOPEN_FAILED');
    assert.ok(err.message.includes(file), err.message);
    return true;
  });
});

test('unknown node: built-ins', () => {
  assert.throws(() => require('node:no-such-builtin'), {
    code: 'ERR_UNKNOWN_BUILTIN_MODULE',
    message: 'No such built-in module: node:no-such-builtin',
  });
});

test('"imports" errors', () => {
  assert.throws(() => fixtureRequire('#not-defined'), {
    code: 'ERR_PACKAGE_IMPORT_NOT_DEFINED',
  });
  assert.throws(() => fixtureRequire('#excluded'), { code: 'ERR_PACKAGE_IMPORT_NOT_DEFINED' });
  assert.throws(() => fixtureRequire('#missing'), {
    code: 'MODULE_NOT_FOUND',
    message: `Cannot find module '${path.join(fixtures, 'lib', 'nope.js')}'`,
  });
  assert.throws(() => fixtureRequire('#'), { code: 'ERR_INVALID_MODULE_SPECIFIER' });
  // Outside any package with "imports", # requests are plain module names.
  assert.throws(() => require('#anything'), { code: 'MODULE_NOT_FOUND' });
});
