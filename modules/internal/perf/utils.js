'use strict';
// The clock of performance.now() and Event.timeStamp: milliseconds since
// the process started, as a double with sub-millisecond precision.
// Kept apart from perf_hooks so that events can read it without loading it.

const { uptime } = internalBinding('process');

function now() {
  return uptime() * 1000;
}

// performance.timeOrigin: the wall-clock time (ms since the epoch) at which
// now() was 0.
let timeOrigin;
function getTimeOrigin() {
  timeOrigin ??= Date.now() - now();
  return timeOrigin;
}

module.exports = { now, getTimeOrigin };
