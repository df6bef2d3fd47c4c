'use strict';
// node:console: the global console. As the Console spec asks, it is a
// namespace object (its prototype an empty object), not a Console instance,
// yet `console instanceof console.Console` holds; its methods are bound so
// they can be passed around.

const { Console, kBindStreamsLazy, kBindProperties } = require('internal/console/constructor');

const globalConsole = { __proto__: {} };

for (const prop of Reflect.ownKeys(Console.prototype)) {
  if (prop === 'constructor') continue;
  const desc = Reflect.getOwnPropertyDescriptor(Console.prototype, prop);
  if (typeof desc.value === 'function') {
    // Named after the key: dirxml is log underneath but says dirxml.
    const name = typeof prop === 'string' ? prop : desc.value.name;
    desc.value = desc.value.bind(globalConsole);
    Reflect.defineProperty(desc.value, 'name', { value: name });
  }
  Reflect.defineProperty(globalConsole, prop, desc);
}

globalConsole[kBindProperties](true, 'auto');
globalConsole.Console = Console;

// The methods V8's own console adds to Node's. Without an inspector session
// (shard has none) they do nothing visible, as in Node.
const inspectorOnly = {
  profile() {},
  profileEnd() {},
  timeStamp() {},
  context(name) {
    const methods = ['dir', 'dirXml', 'table', 'groupEnd', 'clear', 'count', 'countReset', 'profile',
      'profileEnd', 'timeLog', 'debug', 'error', 'info', 'log', 'warn', 'trace', 'group',
      'groupCollapsed', 'assert', 'time', 'timeEnd', 'timeStamp'];
    const context = {};
    for (const method of methods) {
      context[method] = { [method]() {} }[method];
    }
    return context;
  },
  createTask(name) {
    const task = Object.create(Object.create(null));
    task.run = function run(fn) { return fn(); };
    return task;
  },
};
for (const key of Object.keys(inspectorOnly)) {
  Reflect.defineProperty(globalConsole, key, {
    value: inspectorOnly[key], writable: true, enumerable: true, configurable: true,
  });
}

// Last, as in Node (the order shows in Object.getOwnPropertyNames(console)).
globalConsole[kBindStreamsLazy](process);

module.exports = globalConsole;
