// ES module errors: codes and messages as Node's.
import { test } from 'node:test';
import assert from 'node:assert';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tryImport } from '../../fixtures/modules/esm/errors.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', '..', 'fixtures', 'modules');
const errorsFile = path.join(fixtures, 'esm', 'errors.mjs');
const fixtureURL = (rel) => pathToFileURL(path.join(fixtures, rel)).href;

test('missing files and packages', async () => {
  let { error } = await tryImport('./not-here.mjs');
  assert.strictEqual(error.code, 'ERR_MODULE_NOT_FOUND');
  assert.strictEqual(error.message, `Cannot find module '${path.join(fixtures, 'esm', 'not-here.mjs')}' imported from ${errorsFile}`);
  assert.strictEqual(error.url, fixtureURL('esm/not-here.mjs'));

  ({ error } = await tryImport('no-such-package'));
  assert.strictEqual(error.code, 'ERR_MODULE_NOT_FOUND');
  assert.strictEqual(error.message, `Cannot find package 'no-such-package' imported from ${errorsFile}`);

  // No extension searching in ESM; Node suggests what CommonJS would find
  // (relative specifiers are tried from the working directory).
  ({ error } = await tryImport('./lib'));
  assert.strictEqual(error.message, `Cannot find module '${path.join(fixtures, 'esm', 'lib')}' imported from ${errorsFile}`);
  ({ error } = await tryImport('main-pkg/lib/entry'));
  assert.match(error.message, /\nDid you mean to import "main-pkg\/lib\/entry.js"\?$/);
});

test('directories cannot be imported', async () => {
  const { error } = await tryImport('../cjs/dir');
  assert.strictEqual(error.code, 'ERR_UNSUPPORTED_DIR_IMPORT');
  assert.ok(error.message.startsWith(
    `Directory import '${path.join(fixtures, 'cjs', 'dir')}' is not supported resolving ES modules imported from ${errorsFile}`));
  assert.strictEqual(error.url, fixtureURL('cjs/dir'));
});

test('"exports" and "imports" errors name the importing file', async () => {
  const pjson = path.join(fixtures, 'node_modules', 'exports-pkg', 'package.json');
  let { error } = await tryImport('exports-pkg/cjs.js');
  assert.strictEqual(error.code, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  assert.strictEqual(error.message,
    `Package subpath './cjs.js' is not defined by "exports" in ${pjson} imported from ${errorsFile}`);
  ({ error } = await tryImport('exports-pkg/bad-target'));
  assert.strictEqual(error.code, 'ERR_INVALID_PACKAGE_TARGET');
  ({ error } = await tryImport('#not-defined'));
  assert.strictEqual(error.code, 'ERR_PACKAGE_IMPORT_NOT_DEFINED');
  assert.strictEqual(error.message,
    `Package import specifier "#not-defined" is not defined in package ${fixtures}${path.sep}package.json imported from ${errorsFile}`);
  ({ error } = await tryImport('broken-json'));
  assert.strictEqual(error.code, 'ERR_INVALID_PACKAGE_CONFIG');
});

test('built-ins and URL schemes', async () => {
  let { error } = await tryImport('node:no-such-builtin');
  assert.strictEqual(error.code, 'ERR_UNKNOWN_BUILTIN_MODULE');
  ({ error } = await tryImport('https://example.com/x.mjs'));
  assert.strictEqual(error.code, 'ERR_UNSUPPORTED_ESM_URL_SCHEME');
  const { ns } = await tryImport('node:test');
  assert.strictEqual(typeof ns.test, 'function');
});

test('a missing export is a SyntaxError at link time', async () => {
  const { error } = await tryImport('./missing-export.mjs');
  assert.strictEqual(error.name, 'SyntaxError');
  assert.match(error.message, /does not provide an export named 'notThere'/);
});

test('a missing named export of CommonJS suggests the default import', async () => {
  const { error } = await tryImport('data:text/javascript,import { nope } from "' + fixtureURL('cjs/counter.js') + '";');
  assert.strictEqual(error.name, 'SyntaxError');
  assert.ok(error.message.startsWith(`Named export 'nope' not found. The requested module '${fixtureURL('cjs/counter.js')}' is a CommonJS module`), error.message);
  assert.ok(error.message.endsWith(`import pkg from '${fixtureURL('cjs/counter.js')}';\nconst { nope } = pkg;\n`), error.message);
});

test('a dependency that is missing fails the whole graph', async () => {
  const { error } = await tryImport('./missing-dep.mjs');
  assert.strictEqual(error.code, 'ERR_MODULE_NOT_FOUND');
  assert.match(error.message, /not-a-file\.mjs' imported from .*missing-dep\.mjs$/);
});

test('an error during evaluation rejects every import of that module', async () => {
  const first = await tryImport('./throws.mjs');
  const second = await tryImport('./throws.mjs');
  assert.strictEqual(first.error.message, 'thrown while evaluating');
  assert.strictEqual(second.error, first.error);
});

test('native addons cannot be imported', async () => {
  const { error } = await tryImport('../node_modules/native-addon/addon.node');
  assert.strictEqual(error.code, 'ERR_UNKNOWN_FILE_EXTENSION');
});
