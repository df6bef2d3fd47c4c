// The ES module entry point: imports evaluate first, in order; the body
// runs from a microtask, so promise callbacks it queues run before its
// process.nextTick callbacks (the reverse of a CommonJS entry).
import { a } from './modules/order-a.mjs';
import order from './modules/order-b.cjs';
console.log('main body', a, order.b, typeof require, typeof module, this);
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('microtask'));
setTimeout(() => console.log('timeout'), 0);
const later = await new Promise((resolve) => setTimeout(() => resolve('after await'), 5));
console.log(later);
