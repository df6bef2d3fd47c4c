'use strict';
// node:domain: run/bind/intercept/add/remove, EventEmitters made inside a
// domain, and exceptions from callbacks routed to the domain's 'error'.
const { test } = require('node:test');
const assert = require('node:assert');
const domain = require('node:domain');
const EventEmitter = require('node:events');
const fs = require('node:fs');

test('run makes the domain active, also in callbacks it schedules', async () => {
  const d = domain.create();
  const seen = {};
  await new Promise((resolve) => {
    d.run(() => {
      seen.sync = process.domain === d && domain.active === d;
      process.nextTick(() => {
        seen.tick = process.domain === d;
      });
      setTimeout(() => {
        seen.timer = process.domain === d;
        setImmediate(() => {
          seen.immediate = process.domain === d;
          resolve();
        });
      }, 1);
      Promise.resolve().then(() => {
        seen.promise = process.domain === d;
      });
    });
  });
  assert.deepStrictEqual(seen, { sync: true, tick: true, timer: true, immediate: true, promise: true });
  assert.notStrictEqual(process.domain, d);
});

test('run passes arguments and returns the result', () => {
  const d = domain.create();
  assert.strictEqual(d.run((a, b) => a + b, 2, 3), 5);
  assert.deepStrictEqual(d.members, []);
  assert.ok(d instanceof EventEmitter);
  assert.ok(d instanceof domain.Domain);
});

test('an emitter made inside a domain sends unhandled errors there', () => {
  const d = domain.create();
  const errors = [];
  d.on('error', (err) => errors.push(err));
  let ee;
  d.run(() => {
    ee = new EventEmitter();
  });
  assert.strictEqual(ee.domain, d);
  const err = new Error('boom');
  assert.strictEqual(ee.emit('error', err), false);
  assert.deepStrictEqual(errors, [err]);
  assert.strictEqual(err.domain, d);
  assert.strictEqual(err.domainEmitter, ee);
  assert.strictEqual(err.domainThrown, false);
  // With its own listener the emitter keeps its error.
  const own = [];
  ee.on('error', (e) => own.push(e));
  ee.emit('error', new Error('mine'));
  assert.strictEqual(own.length, 1);
  assert.strictEqual(errors.length, 1);
});

test('add and remove', () => {
  const d = domain.create();
  const ee = new EventEmitter();
  d.add(ee);
  assert.strictEqual(ee.domain, d);
  assert.deepStrictEqual(d.members, [ee]);
  const errors = [];
  d.on('error', (err) => errors.push(err.message));
  ee.emit('error', new Error('added'));
  assert.deepStrictEqual(errors, ['added']);
  d.remove(ee);
  assert.strictEqual(ee.domain, null);
  assert.deepStrictEqual(d.members, []);
  assert.throws(() => ee.emit('error', new Error('alone')), /alone/);
});

test('intercept sends the error argument to the domain', () => {
  const d = domain.create();
  const errors = [];
  d.on('error', (err) => errors.push(err));
  const results = [];
  const cb = d.intercept((a, b) => {
    results.push([a, b, process.domain === d]);
  });
  cb(null, 1, 2);
  assert.deepStrictEqual(results, [[1, 2, true]]);
  const err = new Error('intercepted');
  cb(err, 3);
  assert.strictEqual(results.length, 1);
  assert.deepStrictEqual(errors, [err]);
  assert.strictEqual(err.domainThrown, false);
  assert.strictEqual(typeof err.domainBound, 'function');
});

test('bind runs in the domain and throws synchronously to its caller', () => {
  const d = domain.create();
  d.on('error', () => assert.fail('not routed: the caller catches it'));
  const bound = d.bind(function(x) {
    return [this, x, process.domain === d];
  });
  assert.strictEqual(bound.domain, d);
  const self = {};
  assert.deepStrictEqual(bound.call(self, 7), [self, 7, true]);
  const thrower = d.bind(() => {
    throw new Error('sync');
  });
  assert.throws(thrower, /sync/);
});

test('exceptions thrown by callbacks in a domain go to its error event', async () => {
  const d = domain.create();
  const caught = [];
  const done = new Promise((resolve) => {
    d.on('error', (err) => {
      caught.push([err.message, err.domainThrown, err.domain === d, process.domain === d]);
      if (caught.length === 3) resolve();
    });
  });
  d.run(() => {
    process.nextTick(() => {
      throw new Error('tick');
    });
    setTimeout(() => {
      throw new Error('timer');
    }, 1);
    fs.readFile(__filename, () => {
      throw new Error('io');
    });
  });
  await done;
  caught.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  assert.deepStrictEqual(caught, [
    ['io', true, true, false],
    ['tick', true, true, false],
    ['timer', true, true, false],
  ]);
});

test('a bound callback called later routes its exception to the domain', async () => {
  const d = domain.create();
  const got = new Promise((resolve) => d.on('error', resolve));
  const cb = d.bind(() => {
    throw new Error('later');
  });
  setTimeout(cb, 1);
  const err = await got;
  assert.strictEqual(err.message, 'later');
  assert.strictEqual(err.domainThrown, true);
});

test('an emitter listener throwing inside the domain goes to the domain', async () => {
  const d = domain.create();
  let ee;
  d.run(() => {
    ee = new EventEmitter();
  });
  ee.on('ping', () => {
    throw new Error('listener');
  });
  const got = new Promise((resolve) => d.on('error', resolve));
  setImmediate(() => ee.emit('ping'));
  const err = await got;
  assert.strictEqual(err.message, 'listener');
  assert.strictEqual(err.domain, d);
});

test('enter and exit', () => {
  const d1 = domain.create();
  const d2 = domain.create();
  d1.enter();
  assert.strictEqual(process.domain, d1);
  d2.enter();
  assert.strictEqual(process.domain, d2);
  d2.exit();
  assert.strictEqual(process.domain, d1);
  d1.exit();
  assert.notStrictEqual(process.domain, d1);
  assert.notStrictEqual(process.domain, d2);
});

test('setUncaughtExceptionCaptureCallback cannot be used with domains', () => {
  assert.throws(() => process.setUncaughtExceptionCaptureCallback(() => {}),
    { code: 'ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE' });
});
