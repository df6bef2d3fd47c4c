'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const {
  AsyncResource, AsyncLocalStorage, executionAsyncId, triggerAsyncId, executionAsyncResource, createHook,
  asyncWrapProviders,
} = require('node:async_hooks');
const { EventEmitterAsyncResource } = require('node:events');

test('runInAsyncScope runs in the context of the resource creation', () => {
  const als = new AsyncLocalStorage();
  const resource = als.run('created', () => new AsyncResource('Test'));
  const seen = als.run('caller', () =>
    resource.runInAsyncScope(function (a, b) { return [this, a, b, als.getStore()]; }, 'self', 1, 2));
  assert.deepStrictEqual(seen, ['self', 1, 2, 'created']);
});

test('ids: the resource is the execution resource inside its scope', () => {
  const resource = new AsyncResource('Test');
  assert.strictEqual(typeof resource.asyncId(), 'number');
  assert.ok(resource.asyncId() > 0);
  assert.strictEqual(resource.triggerAsyncId(), executionAsyncId());
  const inside = resource.runInAsyncScope(() => [executionAsyncId(), triggerAsyncId(), executionAsyncResource()]);
  assert.deepStrictEqual(inside, [resource.asyncId(), resource.triggerAsyncId(), resource]);
  assert.notStrictEqual(new AsyncResource('Test').asyncId(), resource.asyncId());
  assert.strictEqual(new AsyncResource('Test', { triggerAsyncId: 7 }).triggerAsyncId(), 7);
  assert.strictEqual(new AsyncResource('Test', 8).triggerAsyncId(), 8);
  assert.strictEqual(typeof executionAsyncResource(), 'object');
});

test('bind and AsyncResource.bind', () => {
  const als = new AsyncLocalStorage();
  const fn = function (x, y) { return [this, x, y, als.getStore()]; };
  const bound = als.run('b', () => AsyncResource.bind(fn));
  assert.strictEqual(bound.length, 2);
  const self = {};
  assert.deepStrictEqual(bound.call(self, 1, 2), [self, 1, 2, 'b']);
  const resource = als.run('r', () => new AsyncResource('X'));
  const withThis = resource.bind(fn, 'fixed');
  assert.deepStrictEqual(withThis(3), ['fixed', 3, undefined, 'r']);
  assert.strictEqual(resource.emitDestroy(), resource);
});

test('argument validation', () => {
  assert.throws(() => new AsyncResource(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new AsyncResource('x', { triggerAsyncId: -2 }), { code: 'ERR_INVALID_ASYNC_ID' });
  assert.throws(() => new AsyncResource('x').bind(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => createHook({ init: 1 }), { code: 'ERR_ASYNC_CALLBACK', message: 'hook.init must be a function' });
});

test('createHook returns an enable/disable hook', () => {
  const hook = createHook({ init() {} });
  const saved = process.listeners('warning');
  process.removeAllListeners('warning');
  try {
    process.on('warning', () => {});
    assert.strictEqual(hook.enable(), hook);
    assert.strictEqual(hook.disable(), hook);
  } finally {
    process.removeAllListeners('warning');
    for (const l of saved) process.on('warning', l);
  }
  assert.strictEqual(asyncWrapProviders.NONE, 0);
  assert.strictEqual(typeof asyncWrapProviders.TCPWRAP, 'number');
});

test('EventEmitterAsyncResource emits in its creation context', () => {
  const als = new AsyncLocalStorage();
  const ee = als.run('made', () => new EventEmitterAsyncResource({ name: 'Mine' }));
  let seen;
  ee.on('x', (v) => { seen = [v, als.getStore()]; });
  als.run('emitting', () => ee.emit('x', 1));
  assert.deepStrictEqual(seen, [1, 'made']);
  assert.strictEqual(typeof ee.asyncId, 'number');
  assert.strictEqual(ee.asyncResource.eventEmitter, ee);
  assert.throws(() => new EventEmitterAsyncResource({}), { code: 'ERR_INVALID_ARG_TYPE' });
});
