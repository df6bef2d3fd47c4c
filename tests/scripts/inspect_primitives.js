'use strict';
// util.inspect of primitives: quote selection, escapes, numbers, bigints,
// symbols, long strings split over lines, maxStringLength, numericSeparator.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

// Quote selection: single, then double, then backtick, then escaped single.
show('plain');
show("it's");
show('say "hi"');
show(`it's "quoted"`);
show('it\'s "both" and `tick`');
show("it's \"both\" and ${x}");
show('');
// Escapes: C0, DEL, C1 controls, backslash, lone surrogates, pairs kept.
show('\n\t\r\b\f\v\0\x01\x1b\x7f\x80\x9f\\');
show('tab\there\nnew line');
show('\ud83d\ude00 ok \ud800 lone \udc00 low');
show('é ü 日本語 \u200b zero-width');
show(['\x00', "'", '"', '`', '\\']);
// Numbers.
show(0); show(-0); show([-0, 0, +0]); show(NaN); show(-Infinity); show(1e21); show(1.5e-7);
show(0.1 + 0.2); show(-1234567.891); show(Number.MAX_SAFE_INTEGER);
// numericSeparator.
for (const n of [1234, 123456789, -1234567, 1234.5678, 1e21, 123, 0.123456789, 1_000_000.000_001, NaN, -0]) {
  show(n, { numericSeparator: true });
}
show(123456789012345678901234567890n, { numericSeparator: true });
show(-1234n, { numericSeparator: true });
show([1234567, 2n ** 64n], { numericSeparator: true });
// BigInt, booleans, undefined, null.
show(0n); show(-12345678901234567890n); show(true); show(false); show(undefined); show(null);
// Symbols, with odd descriptions.
show(Symbol()); show(Symbol('')); show(Symbol('desc')); show(Symbol('with space')); show(Symbol.iterator);
show(Symbol.for('registered')); show(Symbol('new\nline'));
show({ [Symbol('a b')]: 1, [Symbol()]: 2, [Symbol('\n')]: 3, [Symbol.toPrimitive]: 4 });
// Long strings: split after newlines when longer than the line allows.
const long = 'first line of text\nsecond line of text that is longer\nthird\n' + 'x'.repeat(40);
show(long);
show({ key: long });
show([long]);
show('a'.repeat(100));
show('short\nlines\nonly');
show('x'.repeat(30) + '\n', { breakLength: 20 });
show(long, { compact: true });
show(long, { compact: false });
show(long, { breakLength: Infinity });
// maxStringLength.
show('abcdefghij', { maxStringLength: 4 });
show('abcdefghij', { maxStringLength: 9 });
show('abcdefghij', { maxStringLength: 0 });
show(['abcdefghij', 'kl'], { maxStringLength: 1 });
show('abcdefghij', { maxStringLength: null });
show({ s: 'ab\ncd\nef'.repeat(10) }, { maxStringLength: 20 });
