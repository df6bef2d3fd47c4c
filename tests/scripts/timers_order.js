// Node's phase order: nextTick before promises, timers before immediates in
// a timer callback's turn. (Timers against immediates across turns depend
// on how much of a millisecond has passed, in Node too: not asserted here.)
const log = [];
setTimeout(() => {
  log.push('timeout1');
  setImmediate(() => {
    log.push('immediate-in-timeout');
    process.nextTick(() => log.push('tick-in-immediate'));
  });
  process.nextTick(() => log.push('tick-in-timeout'));
  Promise.resolve().then(() => log.push('promise-in-timeout'));
}, 1);
process.nextTick(() => log.push('tick'));
Promise.resolve().then(() => {
  log.push('promise');
  process.nextTick(() => log.push('tick-in-promise'));
});
queueMicrotask(() => log.push('microtask'));
setTimeout(() => console.log(log.join('\n')), 30);
