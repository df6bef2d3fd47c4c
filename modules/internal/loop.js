'use strict';
// Completions from the loop reach JavaScript here, in batches: C++ fills the
// shared `completions` array with [id, result, aux, flags] records and calls
// onCompletions(count) once per batch. Each record's callback runs with the
// nextTick queue and microtasks drained after it, and an exception in one
// callback is reported without losing the rest of the batch.

const { completions, triggerUncaughtException } = internalBinding('loop');
const { runNextTicks } = require('internal/process/task_queues');
const asyncContext = require('internal/async_context');

const kFields = 4;
const kMore = 2; // SH_CQE_MORE: a multishot operation stays armed

// id -> { callback(result, aux, flags), frame, persistent }
const pending = new Map();
let nextId = 1;

// Registers a callback for one completion (or, when persistent, for every
// completion until unregister). Returns the id to pass to the binding.
function register(callback, persistent = false) {
  const id = nextId++;
  if (nextId === 2 ** 31) nextId = 1;
  pending.set(id, { callback, frame: asyncContext.current(), persistent });
  return id;
}

function unregister(id) {
  pending.delete(id);
}

function onCompletions(count) {
  for (let i = 0; i < count; i++) {
    const base = i * kFields;
    const id = completions[base];
    const result = completions[base + 1];
    const aux = completions[base + 2];
    const flags = completions[base + 3];
    const entry = pending.get(id);
    if (entry === undefined) continue; // its handle was closed earlier in this batch
    if (!entry.persistent && (flags & kMore) === 0) pending.delete(id);
    const prev = asyncContext.enter(entry.frame);
    try {
      entry.callback(result, aux, flags);
    } catch (err) {
      triggerUncaughtException(err, false);
    } finally {
      asyncContext.exit(prev);
    }
    runNextTicks();
  }
}

module.exports = { register, unregister, onCompletions, pending };
