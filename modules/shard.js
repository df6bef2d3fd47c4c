'use strict';
// node's `shard` module: which core this copy of the program runs on, and
// the runtime's own facilities.

const options = internalBinding('process').getOptions();

// The performance counters of the calling core and of the whole process:
// loop turns, completions (and per turn), submits, CQ overflows, accepted
// connections, requests, bytes in and out, buffer-ring empty events and
// low-water mark, and the event-loop delay (nanoseconds: mean, p50, p99, max
// of the time each loop turn ran). `threads` lists every loop thread's own.
function stats() {
  return internalBinding('perf').stats();
}

// ---- messages between cores ----
// Each core has an inbox: send(core, value[, transferList]) puts a
// structured clone of value there (transferred ArrayBuffers move), and that
// core's `channel` (a MessagePort: on('message', (value) => ...), or
// onmessage with a MessageEvent) delivers them, in the order each sender
// sent them. Messages wait in the inbox until the core listens. A listening
// channel keeps its core alive, as a port does: unref() it, or close() it.
// BroadcastChannel (node:worker_threads) reaches every core and Worker.

function send(core, value, transferList) {
  if (arguments.length < 2) {
    const { codes: { ERR_MISSING_ARGS } } = require('internal/errors');
    throw new ERR_MISSING_ARGS('core', 'value');
  }
  const { validateInteger } = require('internal/validators');
  const binding = internalBinding('messaging');
  validateInteger(core, 'core', 0, binding.coreCount() - 1);
  require('internal/worker/io').postFrom(core, value, transferList);
}

let channel;
function getChannel() {
  if (channel === undefined) {
    // A Worker has no inbox of its own: cores do.
    if (internalBinding('worker').kind === 'worker') return null;
    require('internal/worker/io');
    channel = internalBinding('messaging').coreInbox();
  }
  return channel;
}

module.exports = {
  core: options.core,
  cores: options.cores,
  cpu: options.cpu,
  version: process.versions.shard,
  stats,
  send,
};
Object.defineProperty(module.exports, 'channel', { get: getChannel, enumerable: true, configurable: true });
