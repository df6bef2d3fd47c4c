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

module.exports = {
  core: options.core,
  cores: options.cores,
  cpu: options.cpu,
  version: process.versions.shard,
  stats,
};
