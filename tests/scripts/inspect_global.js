'use strict';
// globalThis as util.inspect shows it: [object global], Node's globals first,
// enumerable, in Node's order.
const util = require('util');
console.log(util.inspect(globalThis, { depth: -1 }), Object.prototype.toString.call(globalThis));
console.log(util.inspect({ g: globalThis }, { depth: 0 }));
console.log(Object.keys(globalThis).slice(0, 8).join());
console.log(util.inspect(globalThis).split('\n').slice(0, 5).join('\n'));
