'use strict';
// The async context that AsyncLocalStorage reads: one value (a frame, a Map
// of store -> value) current at any time. Every callback the runtime
// schedules (nextTick, timers, immediates, I/O completions, promise
// reactions) captures the frame at scheduling time and re-enters it when it
// runs, so a store set before an async operation is seen in its callback.

let frame;

function current() {
  return frame;
}

// Enters a captured frame; returns the previous one for exit().
function enter(next) {
  const prev = frame;
  frame = next;
  return prev;
}

function exit(prev) {
  frame = prev;
}

module.exports = { current, enter, exit };
