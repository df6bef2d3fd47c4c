'use strict';
// Completions from the loop reach JavaScript here, in batches: C++ fills the
// shared `completions` array with [id, result, aux, flags, extra] records and calls
// onCompletions(count) once per batch. Each record's callback runs with the
// nextTick queue and microtasks drained after it, and an exception in one
// callback is reported without losing the rest of the batch.
//
// An id is a slot in plain arrays (a hot path: one lookup per completion)
// plus a generation: id = generation * 2^20 + slot. Slots are reused; a
// record still queued for a freed id carries the old generation and is
// dropped, so it never reaches the slot's next owner.

const { completions, triggerUncaughtException } = internalBinding('loop');
const { runNextTicks } = require('internal/process/task_queues');
const asyncContext = require('internal/async_context');

const kFields = 5; // [id, result, aux, flags, extra]
const kMore = 2; // SH_CQE_MORE: a multishot operation stays armed

const kSlots = 2 ** 20;
const kGenerations = 2 ** 10;    // ids stay below 2^30: small integers

const ids = [0];                 // by slot: the id it currently answers to
const callbacks = [undefined];   // by slot; undefined: free
const frames = [undefined];      // async context captured at registration
const persistent = [false];
const free = [];                 // slots to reuse

// Registers a callback for one completion (or, when persistent, for every
// completion until unregister). Returns the id to pass to the binding.
function register(callback, isPersistent = false) {
  let slot;
  let id;
  if (free.length > 0) {
    slot = free.pop();
    const generation = ((ids[slot] - slot) / kSlots + 1) % kGenerations;
    id = generation * kSlots + slot;
  } else {
    slot = callbacks.length;
    if (slot >= kSlots) throw new Error('shard: more than 2^20 handles and requests in flight');
    callbacks.push(undefined);
    frames.push(undefined);
    persistent.push(false);
    ids.push(0);
    id = kSlots + slot; // generation 1: id 0 is never valid
  }
  ids[slot] = id;
  callbacks[slot] = callback;
  frames[slot] = asyncContext.current();
  persistent[slot] = isPersistent;
  return id;
}

function release(slot) {
  callbacks[slot] = undefined;
  frames[slot] = undefined;
  free.push(slot);
}

function unregister(id) {
  const slot = id % kSlots;
  if (id > 0 && ids[slot] === id && callbacks[slot] !== undefined) release(slot);
}

function onCompletions(count) {
  for (let i = 0; i < count; i++) {
    const base = i * kFields;
    const id = completions[base];
    const slot = id % kSlots;
    // A record for a handle closed earlier (even one whose slot was reused).
    if (ids[slot] !== id) continue;
    const callback = callbacks[slot];
    if (callback === undefined) continue;
    const result = completions[base + 1];
    const aux = completions[base + 2];
    const flags = completions[base + 3];
    const extra = completions[base + 4];
    const frame = frames[slot];
    if (!persistent[slot] && (flags & kMore) === 0) release(slot);
    const prev = asyncContext.enter(frame);
    try {
      callback(result, aux, flags, extra);
    } catch (err) {
      triggerUncaughtException(err, false);
    } finally {
      asyncContext.exit(prev);
    }
    // After the last one, the ticks and microtasks are the C++ caller's
    // to run (Realm::MakeCallback runs them in the same order): a call into
    // C++ less per batch, and most batches hold one completion.
    if (i === count - 1) break;
    // A tick that throws (an 'error' nobody listens for, emitted on the
    // next tick) is reported like a throwing callback: the rest of the
    // batch still runs.
    try {
      runNextTicks();
    } catch (err) {
      triggerUncaughtException(err, false);
    }
  }
}

// Points a persistent id at another callback (tls wrapping a connected
// socket: the socket's events go to the TLSSocket from then on).
function replace(id, callback) {
  const slot = id % kSlots;
  if (id > 0 && ids[slot] === id && callbacks[slot] !== undefined) callbacks[slot] = callback;
}

module.exports = { register, unregister, replace, onCompletions, kSlots };
