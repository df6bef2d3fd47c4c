'use strict';
// console.time/timeLog/timeEnd: label handling, the duration format (ms,
// s, m:ss.mmm, h:mm:ss.mmm), extra data, and warnings for bad labels.
// process.hrtime is replaced so the durations are fixed.

const durations = [];
const realHrtime = process.hrtime;
process.hrtime = function hrtime(start) {
  if (start === undefined) return [1000, 0];
  const ms = durations.shift();
  const ns = Math.round(ms * 1e6);
  return [Math.floor(ns / 1e9), ns % 1e9];
};
function timed(ms, fn) {
  durations.push(ms);
  fn();
}

console.time();
timed(0.123456, () => console.timeLog());
timed(12.5, () => console.timeEnd());
console.time('label');
timed(999.9999, () => console.timeLog('label', 'extra', { data: [1, 2] }, 3));
timed(1000, () => console.timeLog('label'));
timed(1234.5678, () => console.timeLog('label'));
timed(59999.999, () => console.timeLog('label'));
timed(60000, () => console.timeLog('label'));
timed(61234.5, () => console.timeLog('label'));
timed(3599999, () => console.timeLog('label'));
timed(3600000, () => console.timeLog('label'));
timed(3723456.7, () => console.timeLog('label'));
timed(36000000 * 3 + 1, () => console.timeEnd('label'));
// Labels are strings: numbers, objects and null become their String().
console.time(1);
timed(1, () => console.timeEnd('1'));
console.time({});
timed(2, () => console.timeEnd('[object Object]'));
console.time(null);
timed(3, () => console.timeEnd(null));
console.time('%s');
timed(4, () => console.timeEnd('%s'));
console.time('group');
console.group('in a group');
timed(5, () => console.timeLog('group', 'data'));
console.groupEnd();
timed(6, () => console.timeEnd('group'));
try {
  console.time(Symbol('sym'));
} catch (e) {
  console.log(e.name);
}
// Misuse warns (on stderr) instead of throwing.
console.time('twice');
console.time('twice');
console.timeEnd('never started');
console.timeLog('never started either');
timed(7, () => console.timeEnd('twice'));
console.timeEnd('twice');
console.countReset('no such count');
process.hrtime = realHrtime;
