'use strict';
// new console.Console(...) writing to recording streams: formatting,
// stream choice, groups, table, dir, time labels, constructor errors.
const test = require('node:test');
const assert = require('node:assert');
const { Console } = require('node:console');
const EventEmitter = require('node:events');

function recorder() {
  const stream = new EventEmitter();
  stream.data = '';
  stream.write = (chunk, cb) => {
    stream.data += chunk;
    if (typeof cb === 'function') cb(null);
    return true;
  };
  return stream;
}

function makeConsole(options = {}) {
  const stdout = recorder();
  const stderr = recorder();
  return { console: new Console({ stdout, stderr, ...options }), stdout, stderr };
}

test('log family to stdout, warn family to stderr', () => {
  const { console: c, stdout, stderr } = makeConsole();
  c.log('a %s', 'b', { c: 1 });
  c.info('info');
  c.debug('debug');
  c.warn('warn');
  c.error('error', [1]);
  assert.strictEqual(stdout.data, 'a b { c: 1 }\ninfo\ndebug\n');
  assert.strictEqual(stderr.data, 'warn\nerror [ 1 ]\n');
});

test('groups indent every line', () => {
  const { console: c, stdout, stderr } = makeConsole({ groupIndentation: 3 });
  c.group('title');
  c.log('one\ntwo');
  c.group();
  c.error('deep');
  c.groupEnd();
  c.groupEnd();
  c.groupEnd();
  c.log('flat');
  assert.strictEqual(stdout.data, 'title\n   one\n   two\nflat\n');
  assert.strictEqual(stderr.data, '      deep\n');
});

test('table', () => {
  const { console: c, stdout } = makeConsole();
  c.table([{ a: 1, b: 'x' }, { a: 2 }]);
  assert.strictEqual(stdout.data,
    '┌─────────┬───┬─────┐\n' +
    '│ (index) │ a │ b   │\n' +
    '├─────────┼───┼─────┤\n' +
    "│ 0       │ 1 │ 'x' │\n" +
    '│ 1       │ 2 │     │\n' +
    '└─────────┴───┴─────┘\n');
  stdout.data = '';
  c.table('not tabular');
  assert.strictEqual(stdout.data, 'not tabular\n');
  assert.throws(() => c.table([], 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('dir ignores custom inspect and takes options', () => {
  const { console: c, stdout } = makeConsole();
  c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
  c.dir({ [Symbol.for('nodejs.util.inspect.custom')]: () => 'custom', v: 1 });
  assert.strictEqual(stdout.data.split('\n')[0], '{ a: [Object] }');
  assert.match(stdout.data, /v: 1/);
});

test('assert and count', () => {
  const { console: c, stdout, stderr } = makeConsole();
  c.assert(true, 'hidden');
  c.assert(false, 'shown %d', 1);
  c.assert(false);
  c.count();
  c.count();
  c.count('x');
  c.countReset();
  c.count();
  assert.strictEqual(stderr.data, 'Assertion failed: shown 1\nAssertion failed\n');
  assert.strictEqual(stdout.data, 'default: 1\ndefault: 2\nx: 1\ndefault: 1\n');
});

test('time labels', () => {
  const { console: c, stdout } = makeConsole();
  c.time('t');
  c.timeLog('t', 'extra');
  c.timeEnd('t');
  const lines = stdout.data.split('\n');
  assert.match(lines[0], /^t: \d+(\.\d+)?ms extra$/);
  assert.match(lines[1], /^t: \d+(\.\d+)?ms$/);
});

test('colorMode and inspectOptions', () => {
  const colored = makeConsole({ colorMode: true });
  colored.console.log(1, 'str');
  assert.strictEqual(colored.stdout.data, '\u001b[33m1\u001b[39m str\n');
  const withOptions = makeConsole({ inspectOptions: { depth: 0 } });
  withOptions.console.log({ a: { b: 1 } });
  assert.strictEqual(withOptions.stdout.data, '{ a: [Object] }\n');
});

test('constructor checks its arguments', () => {
  assert.throws(() => new Console(), { code: 'ERR_CONSOLE_WRITABLE_STREAM' });
  assert.throws(() => new Console({ stdout: recorder(), stderr: 1 }), { code: 'ERR_CONSOLE_WRITABLE_STREAM' });
  assert.throws(() => new Console({ stdout: recorder(), colorMode: 'x' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => new Console({ stdout: recorder(), groupIndentation: 1001 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => new Console({ stdout: recorder(), colorMode: true, inspectOptions: { colors: true } }),
    { code: 'ERR_INCOMPATIBLE_OPTION_PAIR' });
  const c = Console(recorder());
  assert.ok(c instanceof Console);
  assert.ok(console instanceof Console);
});

test('methods are bound', () => {
  const { console: c, stdout } = makeConsole();
  const { log } = c;
  log('bound');
  assert.strictEqual(stdout.data, 'bound\n');
  assert.strictEqual(c.dirxml.name, 'dirxml');
});
