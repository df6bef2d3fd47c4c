'use strict';
// node:process, node:sys, node:constants, node:inspector, node:trace_events,
// node:wasi and the navigator global: they load, and what cannot work says so
// with Node's errors.
const { test } = require('node:test');
const assert = require('node:assert');
const os = require('node:os');
const fs = require('node:fs');

const major = Number(process.versions.node.split('.')[0]);

test('node:process is the process object', () => {
  assert.strictEqual(require('node:process'), process);
  assert.strictEqual(require('process'), process);
});

test('node:sys is node:util and warns once (DEP0025)', async () => {
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  assert.strictEqual(require('sys'), require('util'));
  await new Promise((resolve) => setImmediate(resolve));
  process.removeListener('warning', onWarning);
  // The warning fires when the module first loads; a runner may have loaded it.
  for (const w of warnings) {
    assert.strictEqual(w.name, 'DeprecationWarning');
    assert.strictEqual(w.code, 'DEP0025');
  }
});

test('node:constants merges os and fs constants, frozen', () => {
  const c = require('constants');
  assert.ok(Object.isFrozen(c));
  assert.strictEqual(c.O_RDONLY, fs.constants.O_RDONLY);
  assert.strictEqual(c.O_CREAT, fs.constants.O_CREAT);
  assert.strictEqual(c.SIGINT, os.constants.signals.SIGINT);
  assert.strictEqual(c.ENOENT, os.constants.errno.ENOENT);
  assert.strictEqual(c.RTLD_LAZY, os.constants.dlopen.RTLD_LAZY);
  assert.strictEqual(c.PRIORITY_LOW, os.constants.priority.PRIORITY_LOW);
  assert.strictEqual(c.S_IFMT, fs.constants.S_IFMT);
  assert.strictEqual(typeof c.defaultCoreCipherList, 'string');
  assert.strictEqual(c.defaultCipherList, undefined);
  assert.strictEqual(c.UV_UDP_REUSEADDR, undefined);
  assert.strictEqual(Object.getPrototypeOf(c), Object.prototype);
});

test('node:inspector loads with Node\'s shape and no active inspector', () => {
  const inspector = require('inspector');
  for (const name of ['open', 'close', 'url', 'waitForDebugger', 'console', 'Session']) {
    assert.ok(name in inspector, name);
  }
  assert.strictEqual(inspector.url(), undefined);
  assert.strictEqual(inspector.close(), undefined);
  assert.throws(() => inspector.waitForDebugger(), { code: 'ERR_INSPECTOR_NOT_ACTIVE' });
  assert.strictEqual(typeof inspector.console.log, 'function');
  const session = new inspector.Session();
  assert.ok(session instanceof require('events'));
  assert.throws(() => session.post(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => session.post('Runtime.evaluate'), { code: 'ERR_INSPECTOR_NOT_CONNECTED' });
  assert.strictEqual(session.disconnect(), undefined);
});

test('node:inspector/promises has a Session whose post rejects when not connected', async () => {
  const inspector = require('inspector/promises');
  const session = new inspector.Session();
  await assert.rejects(session.post('Runtime.evaluate'), { code: 'ERR_INSPECTOR_NOT_CONNECTED' });
  assert.strictEqual(inspector.url(), undefined);
});

test('node:trace_events checks its options', () => {
  const traceEvents = require('trace_events');
  assert.deepStrictEqual(Object.keys(traceEvents).sort(), ['createTracing', 'getEnabledCategories']);
  assert.strictEqual(traceEvents.getEnabledCategories(), undefined);
  assert.throws(() => traceEvents.createTracing({}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => traceEvents.createTracing({ categories: [] }), { code: 'ERR_TRACE_EVENTS_CATEGORY_REQUIRED' });
});

test('node:wasi checks its options', () => {
  const { WASI } = require('wasi');
  assert.strictEqual(typeof WASI, 'function');
  assert.throws(() => new WASI(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new WASI({ version: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('navigator', { skip: major < 21 && 'navigator is Node 21+' }, () => {
  assert.strictEqual(typeof navigator, 'object');
  assert.strictEqual(navigator.hardwareConcurrency, os.availableParallelism());
  assert.strictEqual(navigator.userAgent, `Node.js/${major}`);
  assert.strictEqual(typeof navigator.language, 'string');
  assert.ok(navigator.language.length > 0);
  assert.ok(navigator.platform.startsWith('Linux'), navigator.platform);
  assert.strictEqual(Object.prototype.toString.call(navigator), '[object Object]');
  assert.throws(() => new navigator.constructor(), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  assert.strictEqual(desc.enumerable, true);
  assert.strictEqual(desc.configurable, true);
  assert.deepStrictEqual(Object.keys(navigator), []);
});
