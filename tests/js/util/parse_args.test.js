'use strict';
// util.parseArgs: short and long options, groups, inline and separate
// values, multiple, defaults, positionals, tokens, allowNegative, strict
// errors and configuration validation.
const test = require('node:test');
const assert = require('node:assert');
const { parseArgs } = require('node:util');

const options = {
  foo: { type: 'boolean', short: 'f' },
  bar: { type: 'string', short: 'b' },
  many: { type: 'string', multiple: true, short: 'm' },
  flag: { type: 'boolean', multiple: true, short: 'F' },
  def: { type: 'string', default: 'd' },
};

const parse = (args, extra = {}) => {
  const { values, positionals, tokens } = parseArgs({ args, options, ...extra });
  return tokens ? { values: { ...values }, positionals, tokens } : { values: { ...values }, positionals };
};

test('long and short options', () => {
  assert.deepStrictEqual(parse(['--foo', '--bar', 'x']), { values: { foo: true, bar: 'x', def: 'd' }, positionals: [] });
  assert.deepStrictEqual(parse(['-f', '-b', 'x']).values, { foo: true, bar: 'x', def: 'd' });
  assert.deepStrictEqual(parse(['--bar=x=y']).values.bar, 'x=y');
  assert.deepStrictEqual(parse(['-bx']).values.bar, 'x');
  assert.deepStrictEqual(parse(['--bar=']).values.bar, '');
  assert.deepStrictEqual(parse(['-b=']).values.bar, '=');
});

test('short option groups', () => {
  assert.deepStrictEqual(parse(['-fF']).values, { foo: true, flag: [true], def: 'd' });
  assert.deepStrictEqual(parse(['-ffF']).values, { foo: true, flag: [true], def: 'd' });
  // A string option in a group takes the rest of it, or the next argument.
  assert.deepStrictEqual(parse(['-fbxyz']).values, { foo: true, bar: 'xyz', def: 'd' });
  assert.deepStrictEqual(parse(['-fb', 'x']).values, { foo: true, bar: 'x', def: 'd' });
});

test('multiple collects every value; defaults fill what is missing', () => {
  assert.deepStrictEqual(parse(['-m', 'a', '-m', 'b', '--many=c']).values.many, ['a', 'b', 'c']);
  assert.deepStrictEqual(parse(['--def', 'e']).values.def, 'e');
  const { values } = parseArgs({ args: [], options: { list: { type: 'boolean', multiple: true, default: [true, false] } } });
  assert.deepStrictEqual(values.list, [true, false]);
});

test('values are taken greedily, but strict mode calls a dash value ambiguous', () => {
  assert.throws(() => parse(['--bar', '-x']), {
    code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    message: "Option '--bar' argument is ambiguous.\nDid you forget to specify the option argument for '--bar'?\nTo specify an option argument starting with a dash use '--bar=-XYZ'.",
  });
  assert.throws(() => parse(['-b', '--foo']), {
    message: "Option '-b' argument is ambiguous.\nDid you forget to specify the option argument for '-b'?\nTo specify an option argument starting with a dash use '--bar=-XYZ' or '-b-XYZ'.",
  });
  assert.deepStrictEqual(parse(['--bar', '-x'], { strict: false }).values.bar, '-x');
  assert.deepStrictEqual(parse(['--bar=-x']).values.bar, '-x');
});

test('positionals and the -- terminator', () => {
  assert.throws(() => parse(['pos']), { code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', message: "Unexpected argument 'pos'. This command does not take positional arguments" });
  assert.deepStrictEqual(parse(['a', '-f', 'b'], { allowPositionals: true }), { values: { foo: true, def: 'd' }, positionals: ['a', 'b'] });
  assert.deepStrictEqual(parse(['--', '-f', 'x'], { allowPositionals: true }).positionals, ['-f', 'x']);
  assert.deepStrictEqual(parse(['-'], { allowPositionals: true }).positionals, ['-']);
  // Non-strict parsing allows positionals by default.
  assert.deepStrictEqual(parse(['x'], { strict: false }).positionals, ['x']);
});

test('strict errors', () => {
  assert.throws(() => parse(['--unknown']), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: "Unknown option '--unknown'" });
  assert.throws(() => parse(['-u'], { allowPositionals: true }), {
    message: "Unknown option '-u'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"-u\"",
  });
  assert.throws(() => parse(['--bar']), { message: "Option '-b, --bar <value>' argument missing" });
  assert.throws(() => parse(['--def']), { message: "Option '--def <value>' argument missing" });
  assert.throws(() => parse(['--foo=1']), { message: "Option '-f, --foo' does not take an argument" });
});

test('non-strict parsing stores what it sees', () => {
  assert.deepStrictEqual(parse(['--unknown', '--foo=1', '--bar', '-x'], { strict: false }).values, { unknown: true, foo: '1', bar: '-x', def: 'd' });
  assert.deepStrictEqual(parse(['--__proto__=1'], { strict: false }).values, { def: 'd' });
});

test('allowNegative', () => {
  assert.deepStrictEqual(parse(['--foo', '--no-foo'], { allowNegative: true }).values.foo, false);
  assert.throws(() => parse(['--no-bar'], { allowNegative: true }), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  assert.throws(() => parse(['--no-foo']), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  assert.deepStrictEqual(parse(['--no-nope'], { allowNegative: true, strict: false }).values.nope, false);
});

test('tokens', () => {
  const { tokens } = parse(['-fb', 'x', 'pos', '--many=y', '--', '-z'], { tokens: true, allowPositionals: true });
  assert.deepStrictEqual(tokens, [
    { kind: 'option', name: 'foo', rawName: '-f', index: 0, value: undefined, inlineValue: undefined },
    { kind: 'option', name: 'bar', rawName: '-b', index: 0, value: 'x', inlineValue: false },
    { kind: 'positional', index: 2, value: 'pos' },
    { kind: 'option', name: 'many', rawName: '--many', index: 3, value: 'y', inlineValue: true },
    { kind: 'option-terminator', index: 4 },
    { kind: 'positional', index: 5, value: '-z' },
  ]);
});

test('results have null-prototype values', () => {
  const result = parseArgs({ args: ['-f'], options });
  assert.strictEqual(Object.getPrototypeOf(result.values), null);
  assert.deepStrictEqual(Object.keys(result), ['values', 'positionals']);
});

test('process.argv is used when args is not given', () => {
  const saved = process.argv;
  try {
    process.argv = [process.execPath, 'script.js', '--zz', 'pos'];
    assert.deepStrictEqual(parse.call(null, undefined, { strict: false, args: undefined }).positionals, ['pos']);
  } finally {
    process.argv = saved;
  }
});

test('configuration is validated', () => {
  const bad = (config) => () => parseArgs({ args: [], ...config });
  assert.throws(bad({ args: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ strict: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ tokens: 'y' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ allowNegative: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ options: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ options: { a: 1 } }), { code: 'ERR_INVALID_ARG_TYPE', message: /"options\.a"/ });
  assert.throws(bad({ options: { a: {} } }), { code: 'ERR_INVALID_ARG_TYPE', message: /"options\.a\.type"/ });
  assert.throws(bad({ options: { a: { type: 'number' } } }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ options: { a: { type: 'string', short: 'ab' } } }), { code: 'ERR_INVALID_ARG_VALUE', message: /must be a single character/ });
  assert.throws(bad({ options: { a: { type: 'string', multiple: 1 } } }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ options: { a: { type: 'string', default: 1 } } }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ options: { a: { type: 'string', multiple: true, default: ['x', 1] } } }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(bad({ options: { a: { type: 'boolean', default: 'x' } } }), { code: 'ERR_INVALID_ARG_TYPE' });
});
