'use strict';
// Colours: the default style of every kind of value, error stacks with
// built-in frames dimmed, node_modules packages underlined and the current
// directory greyed, custom styles, and util.styleText.
const util = require('util');
const show = (v, o) => console.log(JSON.stringify(util.inspect(v, { colors: true, ...o })));

show('string');
show(1);
show(-0);
show(1n);
show(true);
show(undefined);
show(null);
show(Symbol('s'));
show(new Date(0));
show(/re/);
show(function f() {});
show(class C {});
show([1, 'a', null, undefined, , 2n]);
show({ key: 'value', 'quoted-key': 1, [Symbol('k')]: 2 });
show(new Map([['k', 'v']]));
show(new Set([1]));
show(new WeakSet());
show(Promise.resolve(1));
show(new Promise(() => {}));
show(new Number(1));
show(new String('s'));
show(new Boolean(true));
show(Object(Symbol('b')));
show(new Number(1), { colors: true, showHidden: false });
show(Object.assign(new Number(2), { x: 1 }));
show(new Uint8Array([1]));
show(new ArrayBuffer(1));
show({ a: { b: { c: {} } } }, { depth: 0 });
show({ get g() { return 'v'; }, get n() { return null; } }, { getters: true });
show(new Proxy({}, {}), { showProxy: true });
show(Array.from({ length: 10 }, (_, i) => i * 11));
show(Array.from({ length: 10 }, (_, i) => `s${i}`));
show({ s: 'x'.repeat(50) + '\n' + 'y'.repeat(50) });
show('str', { colors: false });
// Stacks: built-in frames grey, node_modules packages underlined, the
// current directory dimmed.
const cwd = process.cwd();
const err = new Error('colored');
err.stack = [
  'Error: colored',
  `    at userCode (${cwd}/app.js:1:1)`,
  `    at dep (${cwd}/node_modules/dep/index.js:2:2)`,
  `    at scoped (${cwd}/node_modules/@scope/pkg/lib/x.js:3:3)`,
  `    at nested (/elsewhere/node_modules/a/node_modules/b/c.js:4:4)`,
  '    at EventEmitter.emit (node:events:1:1)',
  '    at node:events:2:2',
  '    at unknownBuiltin (node:no_such_builtin_module:3:3)',
  `    at file:///${cwd.slice(1)}/esm.mjs:5:5`,
  '    at /some/other/place.js:6:6',
].join('\n');
show(err);
show({ nested: err });
const noFrames = new TypeError('no frames');
noFrames.stack = 'TypeError: no frames';
show(noFrames);
show(Object.assign(noFrames, { code: 'E' }));
// Changing styles and colours changes every later inspect.
util.inspect.styles.number = 'red';
util.inspect.styles.string = 'bgBlue';
util.inspect.colors.red = [91, 39];
show([1, 'a']);
util.inspect.styles.number = 'no-such-colour';
show(1);
util.inspect.styles.string = undefined;
show('plain now');
util.inspect.colors.grey = [2, 22];
console.log(util.inspect.colors.gray, util.inspect.colors.grey, Object.keys(util.inspect.colors).includes('grey'));
show(undefined);
// A custom stylize is used as given.
console.log(util.inspect({ a: [1, 'b'] }, { stylize: (s, t) => `<${t}:${s}>` }));
// styleText.
const styles = [['red', 'x'], [['bold', 'underline'], 'y'], ['bgGreen', 'z']];
for (const [format, text] of styles) {
  try {
    console.log(JSON.stringify(util.styleText(format, text, { validateStream: false })));
  } catch (e) {
    console.log(e.code, e.message.split('.')[0]);
  }
}
// With stream checks on, a non-TTY stream gets no colours for a single format.
console.log(JSON.stringify(util.styleText('red', 'checked', { stream: process.stdout })));
console.log(JSON.stringify(util.styleText('red', 'default stream')));
for (const [format, text, options] of [['red', 1], ['bogus', 'x'], [['red', 'bogus'], 'x'], ['red', 'x', { validateStream: 'yes' }], ['red', 'x', { stream: {} }]]) {
  try {
    util.styleText(format, text, options);
    console.log('ok');
  } catch (e) {
    console.log(e.code, e.message.slice(0, 60));
  }
}
