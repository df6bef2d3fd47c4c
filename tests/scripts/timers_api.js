// setInterval/clearInterval, refresh, unref/hasRef, clearTimeout by id,
// timer arguments, and an unref'd timer that must not keep the process alive.
const t = setInterval((a, b) => {
  console.log('interval', a, b, ++t.count);
  if (t.count === 3) clearInterval(t);
}, 1, 'x', 'y');
t.count = 0;
const u = setTimeout(() => console.log('unref never fires'), 60000);
u.unref();
console.log('hasRef', u.hasRef(), t.hasRef());
const byId = setTimeout(() => console.log('cleared by id never fires'), 5);
clearTimeout(+byId);
const imm = setImmediate(() => console.log('cleared immediate never fires'));
clearImmediate(imm);
setImmediate((v) => console.log('immediate', v), 42);
let refreshed = 0;
// Wide margins: the interval's three turns must come first even on a
// loaded machine or under ASan.
const r = setTimeout(() => console.log('refreshed fired', refreshed), 100);
setTimeout(() => { refreshed++; r.refresh(); }, 50);
require('timers/promises').setTimeout(300, 'value').then((v) => console.log('promises', v));
