'use strict';
// [util.inspect.custom](depth, options, inspect): what it receives, what
// its return value becomes, stylize, and where it is not called.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

console.log(util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
class Money {
  constructor(amount) { this.amount = amount; }
  [util.inspect.custom](depth, options, inspect) {
    return `Money<${options.stylize(this.amount.toFixed(2), 'number')}>`;
  }
}
show(new Money(3));
show(new Money(3), { colors: true });
show({ price: new Money(1.5), list: [new Money(2)] });
// What the function receives.
const probe = {
  [util.inspect.custom](depth, options, inspect) {
    const keys = Object.keys(options).filter((k) => k !== 'stylize').sort();
    return `depth=${depth} keys=${keys.join(',')} inspectIsUtil=${inspect === util.inspect} ` +
      `custom=${options.custom} colors=${options.colors} proto=${Object.getPrototypeOf(options) === Object.prototype}`;
  },
};
show(probe);
show({ a: { b: probe } });
show(probe, { depth: 5, custom: 'user option' });
show(probe, { depth: Infinity });
show(probe, { depth: null });
show(new Proxy(probe, {}));
// Return values: other values are inspected in its place; `this` is not.
show({ [util.inspect.custom]() { return { replaced: [1, 2] }; } });
show({ [util.inspect.custom]() { return 42; } });
show({ [util.inspect.custom]() { return null; } });
show({ [util.inspect.custom]() { return undefined; } });
show({ x: 1, [util.inspect.custom]() { return this; } });
show({ [util.inspect.custom]() { return [this.y]; }, y: 'why' });
show({ outer: { [util.inspect.custom]() { return 'line one\nline two'; } } });
show([{ [util.inspect.custom]() { return 'a\nb'; } }]);
// Using the inspect it is given, with adjusted options.
class Box {
  constructor(v) { this.v = v; }
  [util.inspect.custom](depth, options, inspect) {
    if (depth < 0) return options.stylize('[Box]', 'special');
    const inner = inspect(this.v, { ...options, depth: options.depth === null ? null : options.depth - 1 });
    return `Box(${inner.replace(/\n/g, '\n    ')})`;
  }
}
show(new Box(new Box(new Box(new Box(1)))));
show(new Box({ a: 1, b: [1, 2, 3] }));
show([new Box('x')], { depth: 0 });
// Not called: customInspect false, on prototypes, and util.inspect itself.
show(new Money(9), { customInspect: false });
show(Money.prototype);
show({ [util.inspect.custom]: util.inspect, z: 1 });
// A custom function on a class still lets instances of subclasses use it.
class Cents extends Money {}
show(new Cents(0.5));
// Throwing inside propagates.
try {
  util.inspect({ [util.inspect.custom]() { throw new Error('custom threw'); } });
} catch (e) {
  console.log('caught:', e.message);
}
// console.log and util.format go through the same hook.
console.log(new Money(4), [new Money(5)]);
console.log('%s and %o and %O', new Money(6), new Money(7), new Money(8));
console.log(util.format('%j', { toJSON() { return 'json'; } }));
// A custom inspect that returns an object with its own custom inspect.
show({ [util.inspect.custom]() { return new Money(10); } });
// inspect() called with unknown options passes them on.
show({ [util.inspect.custom](d, o) { return `extra=${o.extra}`; } }, { extra: 'yes' });
