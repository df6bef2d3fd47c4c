'use strict';
// Console methods on the global console and on new Console(streams):
// which stream each writes to, group indentation, assert, count, dir,
// trace, the constructor's options and errors, and bound methods.
const { Console } = require('console');
const EventEmitter = require('events');

// A stream that records what it is given.
function recorder(name) {
  const stream = new EventEmitter();
  stream.chunks = [];
  stream.write = (chunk, cb) => {
    stream.chunks.push(chunk);
    if (typeof cb === 'function') cb(null);
    return true;
  };
  return stream;
}

const out = recorder('out');
const err = recorder('err');
const c = new Console({ stdout: out, stderr: err });
c.log('log %s', 'fmt', { a: 1 });
c.info('info');
c.debug('debug');
c.dirxml('dirxml', [1]);
c.warn('warn');
c.error('error', new Map([[1, 2]]));
c.dir({ a: { b: { c: { d: 1 } } } });
c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
c.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom ignored by dir'; }, x: 1 });
c.dir('string through dir');
c.table([{ x: 1 }]);
console.log(JSON.stringify(out.chunks));
console.log(JSON.stringify(err.chunks));

// Groups indent every line of every write, on both streams.
const g = new Console({ stdout: out, stderr: err, groupIndentation: 4 });
out.chunks.length = 0;
err.chunks.length = 0;
g.group('outer');
g.log('in\nmultiline');
g.groupCollapsed('collapsed');
g.error('err in group');
g.table([1]);
g.groupEnd();
g.groupEnd();
g.groupEnd();
g.log('after');
console.log(JSON.stringify(out.chunks));
console.log(JSON.stringify(err.chunks));
console.group('Global group');
console.log({ multi: 'x'.repeat(50), line: 'y'.repeat(50) });
console.group();
console.warn('nested warn');
console.groupEnd();
console.groupEnd();
console.groupEnd();
console.log('ungrouped');

// assert and count.
console.assert(true, 'not printed');
console.assert(false, 'printed %s', 'with format');
console.assert(false);
console.assert(0, 'zero is falsy');
console.count();
console.count('default');
console.count('other');
console.count(null);
console.count(undefined);
console.countReset('other');
console.count('other');

// Bound methods and the console's shape.
const { log, error } = console;
log('detached log works');
error('detached error works');
console.log(typeof console.Console, console instanceof Console, c instanceof Console, {} instanceof Console);
console.log(Object.keys(c).join());
console.log(Object.getOwnPropertyNames(Console.prototype).filter((k) => k !== 'constructor').join());
console.log(Object.prototype.toString.call(console), Object.prototype.toString.call(c));
console.log(Object.getPrototypeOf(Object.getPrototypeOf(console)) === Object.prototype);
console.log(console.log.name, console.dirxml.name, console.error.name, c.log.name, c.groupCollapsed.name);
const unbound = Console.prototype.log;
console.log(typeof unbound, unbound.name);

// Console is callable without new, and accepts (stdout, stderr).
const legacy = Console(out, err);
out.chunks.length = 0;
legacy.log('legacy');
console.log(JSON.stringify(out.chunks), legacy instanceof Console);
// Constructor errors.
for (const args of [[{}], [{ stdout: out, stderr: {} }], [null], [{ stdout: out, colorMode: 'always' }],
  [{ stdout: out, groupIndentation: -1 }], [{ stdout: out, groupIndentation: 1001 }],
  [{ stdout: out, inspectOptions: 'x' }], [{ stdout: out, colorMode: true, inspectOptions: { colors: true } }]]) {
  try {
    new Console(...args);
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try {
  console.table([], 'not an array');
} catch (e) {
  console.log(e.code, e.message);
}

// Colour modes and inspect options.
const colored = new Console({ stdout: out, colorMode: true });
const plain = new Console({ stdout: out, colorMode: false });
const opts = new Console({ stdout: out, inspectOptions: { depth: 0, breakLength: 20 } });
out.chunks.length = 0;
colored.log('str', 1, { a: 'b' }, [null, undefined]);
plain.log('str', 1, { a: 'b' });
opts.log({ a: { b: 1 } }, 'long string that is longer than twenty', { k1: 1, k2: 2, k3: 3 });
colored.dir({ x: 1n });
console.log(JSON.stringify(out.chunks));

// Write errors are swallowed unless ignoreErrors is false.
const broken = recorder('broken');
broken.write = () => { throw new Error('write failed'); };
new Console(broken).log('swallowed');
try {
  new Console({ stdout: broken, ignoreErrors: false }).log('thrown');
} catch (e) {
  console.log('caught:', e.message);
}

// trace goes to stderr, message first.
Error.stackTraceLimit = 0;
console.trace('trace message %d', 1, { obj: true });
console.trace();
const traceErr = recorder('traceErr');
new Console({ stdout: out, stderr: traceErr }).trace('to', 'recorder');
console.log(JSON.stringify(traceErr.chunks));

// Calls with nothing to print, and the global console's own properties.
console.log();
console.log('%s');
console.dir();
console.table();
console.info();
console.error();
console.assert();
console.clear();
try {
  console.count(Symbol('label'));
} catch (e) {
  console.log(e.name, e.message);
}
console.log('%s', 'a', '%s', 'b');
console.log(null, undefined, '', ' ');
console.log('multi\nline', { a: 'x\ny' });
console.log(Object.getOwnPropertyNames(console).join());
console.log(typeof console._stdout, typeof console._stderr, console._ignoreErrors, console._times);
console.log(Object.getOwnPropertyNames(new Console(process.stdout)).join());
