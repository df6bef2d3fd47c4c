'use strict';
// util.inspect of errors: the stack, extra own properties in braces,
// `cause` and AggregateError `errors`, name/message changes, errors
// without a stack, subclasses, null prototypes, nesting indentation.
// (The test runner drops "    at" frame lines: they differ by runtime.)
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

// Four frames, all in this file, so both runtimes see the same stack shape.
Error.stackTraceLimit = 4;
function level3(fn) { return fn(); }
function level2(fn) { return level3(fn); }
function level1(fn) { return level2(fn); }
const make = (fn) => level1(() => level1(fn));

show(make(() => new Error('simple')));
show(make(() => new TypeError('typed')));
show(make(() => new RangeError('')));
show(make(() => new Error('multi\nline\nmessage')));
const withProps = make(() => new Error('with props'));
withProps.code = 'E_CODE';
withProps.details = { a: 1, b: [2, 3] };
withProps[Symbol('s')] = 'sym';
show(withProps);
show({ nested: { err: withProps } });
show([withProps]);
// No stack: shown in brackets.
const noStack = new Error('no stack here');
noStack.stack = '';
show(noStack);
const deleted = new Error('deleted stack');
delete deleted.stack;
show(deleted);
const stackless = new TypeError('stackless');
stackless.stack = undefined;
show(stackless);
const customStack = new Error('x');
customStack.stack = 'Just a custom stack string';
show(customStack);
Error.stackTraceLimit = 0;
show(new Error('limit zero'));
show(new SyntaxError('syntax, no frames'));
show({ inObject: new Error('in object') });
show([new Error('first'), new RangeError('second')]);
Error.stackTraceLimit = 4;
// name and message changes after creation.
const renamed = make(() => new Error('renamed'));
renamed.name = 'CustomName';
show(renamed);
const renamedError = make(() => new Error('renamed'));
renamedError.name = 'FancyError';
show(renamedError);
const messageChanged = make(() => new Error('original'));
messageChanged.message = 'changed';
show(messageChanged);
const nameOnProto = make(() => { class NamedError extends Error {} NamedError.prototype.name = 'NamedError'; return new NamedError('proto name'); });
show(nameOnProto);
// Subclasses.
class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.field = 'email';
  }
}
show(make(() => new ValidationError('bad email')));
class NamedValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NamedValidationError';
  }
}
show(make(() => new NamedValidationError('named')));
class NotAnError extends TypeError {}
show(make(() => new NotAnError('sub')));
class Weird extends Error { get name() { return 'WeirdName'; } }
show(make(() => new Weird('getter name')));
// Null prototype and toStringTag.
const nullProtoError = make(() => new Error('null proto'));
Object.setPrototypeOf(nullProtoError, null);
show(nullProtoError);
const nullProtoRange = make(() => new RangeError('null range'));
Object.setPrototypeOf(nullProtoRange, null);
show(nullProtoRange);
const taggedError = make(() => new Error('tagged'));
Object.defineProperty(taggedError, Symbol.toStringTag, { value: 'Tag' });
show(taggedError);
// cause.
const cause = make(() => new Error('the cause'));
show(make(() => new Error('wrapper', { cause })));
show(make(() => new Error('primitive cause', { cause: 'just a string' })));
show(make(() => new Error('undefined cause', { cause: undefined })));
show(make(() => new Error('object cause', { cause: { code: 1, info: [1, 2] } })));
const chain = make(() => new Error('top', { cause: new Error('middle', { cause: new Error('bottom') }) }));
show(chain);
const selfCause = make(() => new Error('self'));
selfCause.cause = selfCause;
show(selfCause);
const causeNoStack = new Error('wrapper of stackless', { cause: noStack });
causeNoStack.stack = 'Error: wrapper of stackless';
show(causeNoStack);
show(make(() => new Error('deep cause', { cause: { a: { b: { c: { d: 1 } } } } })));
// AggregateError.
show(make(() => new AggregateError([new Error('one'), new TypeError('two')], 'many')));
show(make(() => new AggregateError([], 'none')));
show(make(() => new AggregateError([1, 'two', { three: 3 }], 'primitives')));
const aggregateNoStack = new AggregateError([make(() => new Error('inner'))], 'agg');
aggregateNoStack.stack = '';
show(aggregateNoStack);
// Options.
show({ e: make(() => new Error('depth')) }, { depth: 0 });
show(make(() => new Error('compact')), { compact: false });
// Error-like objects that are not errors.
show({ name: 'Error', message: 'fake', stack: 'Error: fake\n    at nowhere' });
show(Object.create(Error.prototype));
const plain = Object.create(Error.prototype);
plain.message = 'proto only';
show(plain);
// An error whose message appears twice in its stack.
const twice = make(() => new Error('at'));
show(twice);
