'use strict';
// util.format / formatWithOptions, styleText, debuglog and the util module
// surface that goes with inspect.
const test = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

test('format specifiers', () => {
  assert.strictEqual(util.format('%s|%s', 'a', 1.5), 'a|1.5');
  assert.strictEqual(util.format('%s', -0), '-0');
  assert.strictEqual(util.format('%s', 2n), '2n');
  assert.strictEqual(util.format('%s', Symbol('x')), 'Symbol(x)');
  assert.strictEqual(util.format('%s', { a: { b: 1 } }), '{ a: [Object] }');
  assert.strictEqual(util.format('%s', { toString() { return 'own'; } }), 'own');
  class T { toString() { return 'class'; } }
  assert.strictEqual(util.format('%s', new T()), 'class');
  assert.strictEqual(util.format('%d %d %d %d', '42', 1.5, 3n, Symbol('s')), '42 1.5 3n NaN');
  assert.strictEqual(util.format('%i %i', '42.9', -1.9), '42 -1');
  assert.strictEqual(util.format('%f', '1.5e3'), '1500');
  assert.strictEqual(util.format('%j', { a: [1] }), '{"a":[1]}');
  const cyclic = {};
  cyclic.self = cyclic;
  assert.strictEqual(util.format('%j', cyclic), '[Circular]');
  assert.strictEqual(util.format('%o', [1]), '[ 1, [length]: 1 ]');
  assert.strictEqual(util.format('%O', { a: { b: { c: { d: 1 } } } }), '{ a: { b: { c: [Object] } } }');
  assert.strictEqual(util.format('%c%s', 'color: red', 'x'), 'x');
  assert.strictEqual(util.format('%% %s %%', 'x'), '% x %');
  assert.strictEqual(util.format('%%'), '%%');
  assert.strictEqual(util.format('%x %s', 'a'), '%x a');
  assert.strictEqual(util.format('%s %s', 'a'), 'a %s');
  assert.strictEqual(util.format('a', 'b', { c: 1 }, 2), "a b { c: 1 } 2");
  assert.strictEqual(util.format(1, '%s', 'x'), '1 %s x');
  assert.strictEqual(util.format(), '');
});

test('formatWithOptions', () => {
  assert.strictEqual(util.formatWithOptions({ colors: true }, 'x', 1), 'x \u001b[33m1\u001b[39m');
  assert.strictEqual(util.formatWithOptions({ colors: true }, '%s', { a: 1 }), '{ a: 1 }');
  assert.strictEqual(util.formatWithOptions({ depth: 0 }, { a: { b: 1 } }), '{ a: [Object] }');
  assert.strictEqual(util.formatWithOptions({ numericSeparator: true }, '%d', 1234567), '1_234_567');
  assert.strictEqual(util.formatWithOptions([], 'ok'), 'ok');
  for (const bad of [null, undefined, 'str', 1]) {
    assert.throws(() => util.formatWithOptions(bad, 'x'), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
  }
});

test('styleText', () => {
  assert.strictEqual(util.styleText('red', 'x', { validateStream: false }), '\u001b[31mx\u001b[39m');
  assert.strictEqual(util.styleText(['bold', 'italic'], 'y', { validateStream: false }), '\u001b[1m\u001b[3my\u001b[23m\u001b[22m');
  assert.throws(() => util.styleText('nope', 'x'), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => util.styleText('red', 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => util.styleText('red', 'x', { stream: {} }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => util.styleText('red', 'x', { validateStream: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('debuglog is off unless NODE_DEBUG names the section', () => {
  const log = util.debuglog('inspect-test-section-not-enabled');
  assert.strictEqual(log.enabled, false);
  assert.strictEqual(log('ignored'), undefined);
  assert.strictEqual(util.debug, util.debuglog);
});

test('debuglog writes "SECTION pid: message" to stderr', (t) => {
  let childProcess;
  try {
    childProcess = require('node:child_process');
  } catch {
    t.skip('no child_process');
    return;
  }
  const script = "const d = require('util').debuglog('sect'); d('hi %s', 'there', { a: 1 }); " +
    "console.log(d.enabled, require('util').debuglog('other').enabled)";
  const run = (env) => childProcess.spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, ...env }, encoding: 'utf8',
  });
  const on = run({ NODE_DEBUG: 'foo,SECT' });
  assert.match(on.stderr, /^SECT \d+: hi there \{ a: 1 \}\n$/);
  assert.strictEqual(on.stdout, 'true false\n');
  const wildcard = run({ NODE_DEBUG: 'se*' });
  assert.match(wildcard.stderr, /^SECT \d+: hi there/);
  const off = run({ NODE_DEBUG: '' });
  assert.strictEqual(off.stderr, '');
  assert.strictEqual(off.stdout, 'false false\n');
});

test('util exports the inspect family', () => {
  assert.strictEqual(typeof util.inspect, 'function');
  assert.strictEqual(typeof util.format, 'function');
  assert.strictEqual(typeof util.formatWithOptions, 'function');
  assert.strictEqual(typeof util.stripVTControlCharacters, 'function');
  assert.strictEqual(typeof util.styleText, 'function');
  assert.strictEqual(util.inspect.custom, Symbol.for('nodejs.util.inspect.custom'));
});

test('getCallSites', { skip: typeof util.getCallSites !== 'function' }, () => {
  function where() { return util.getCallSites(2); }
  const sites = where();
  assert.strictEqual(sites.length, 2);
  assert.strictEqual(sites[0].functionName, 'where');
  assert.strictEqual(sites[0].scriptName, __filename);
  assert.strictEqual(typeof sites[0].lineNumber, 'number');
  assert.strictEqual(typeof sites[0].column, 'number');
  assert.strictEqual(Object.getPrototypeOf(sites[0]), null);
  assert.throws(() => util.getCallSites(0), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => util.getCallSites(201), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => util.getCallSites('x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('FORCE_COLOR colours console output even on a pipe', (t) => {
  let childProcess;
  try {
    childProcess = require('node:child_process');
  } catch {
    t.skip('no child_process');
    return;
  }
  const run = (env) => childProcess.spawnSync(process.execPath,
    ['-e', "console.log({ a: 1 }, 'str'); console.log(require('util').styleText('red', 'x'))"],
    { env: { ...process.env, NO_COLOR: undefined, NODE_DISABLE_COLORS: undefined, ...env }, encoding: 'utf8' });
  const forced = run({ FORCE_COLOR: '1' });
  assert.strictEqual(forced.stdout, '{ a: \u001b[33m1\u001b[39m } str\n\u001b[31mx\u001b[39m\n');
  const off = run({ FORCE_COLOR: '0' });
  assert.strictEqual(off.stdout, '{ a: 1 } str\nx\n');
  const plain = run({});
  assert.strictEqual(plain.stdout, '{ a: 1 } str\nx\n');
});
