'use strict';
// util.MIMEType and util.MIMEParams: parsing (whitespace, case, quoted
// values, repeated and invalid parameters), serialization, setters and
// their validation.
const test = require('node:test');
const assert = require('node:assert');
const { MIMEType, MIMEParams } = require('node:util');

test('type, subtype and essence are lowercased; whitespace trimmed', () => {
  const m = new MIMEType(' Text/HTML ; Charset="utf-8" ; x=y\t');
  assert.strictEqual(m.type, 'text');
  assert.strictEqual(m.subtype, 'html');
  assert.strictEqual(m.essence, 'text/html');
  assert.strictEqual(m.params.get('charset'), 'utf-8');
  assert.strictEqual(String(m), 'text/html;charset=utf-8;x=y');
  assert.strictEqual(m.toJSON(), String(m));
  assert.strictEqual(JSON.stringify({ m }), '{"m":"text/html;charset=utf-8;x=y"}');
});

test('parameter parsing rules', () => {
  const serialize = (s) => String(new MIMEType(s));
  assert.strictEqual(serialize('text/html;charset=gbk;charset=utf-8'), 'text/html;charset=gbk');
  assert.strictEqual(serialize('a/b;X=Y;x=z'), 'a/b;x=Y');
  assert.strictEqual(serialize('a/b;c;=x;y='), 'a/b');
  assert.strictEqual(serialize('a/b ;x = y'), 'a/b');
  assert.strictEqual(serialize('a/b;x="a\\"b\\\\c";y="unterminated'), 'a/b;x="a\\"b\\\\c";y=unterminated');
  assert.strictEqual(serialize('a/b;x=y ;z=" q "'), 'a/b;x=y;z=" q "');
  assert.strictEqual(serialize('a/b;x=é'), 'a/b;x="é"');
  assert.strictEqual(serialize('a/b;é=x'), 'a/b');
  assert.strictEqual(serialize('a/b;x=""'), 'a/b;x=""');
  assert.strictEqual(serialize('text/plain;'), 'text/plain');
  assert.strictEqual(new MIMEType('a/b;x="q";y=1').params.get('x'), 'q');
});

test('syntax errors name the production and the position', () => {
  const syntax = (input, message) => assert.throws(() => new MIMEType(input), { name: 'TypeError', code: 'ERR_INVALID_MIME_SYNTAX', message });
  syntax('', 'The MIME syntax for a type in "" is invalid');
  syntax('text', 'The MIME syntax for a type in "text" is invalid');
  syntax('/plain', 'The MIME syntax for a type in "/plain" is invalid');
  syntax('text/', 'The MIME syntax for a subtype in "text/" is invalid');
  syntax('te xt/plain', 'The MIME syntax for a type in "te xt/plain" is invalid at 2');
  syntax('text/pl ain', 'The MIME syntax for a subtype in "text/pl ain" is invalid at 2');
  syntax('a@/b', 'The MIME syntax for a type in "a@/b" is invalid at 1');
  assert.throws(() => new MIMEType(), { message: 'The MIME syntax for a type in "undefined" is invalid' });
  assert.strictEqual(new MIMEType({ toString() { return 'a/b'; } }).essence, 'a/b');
  assert.throws(() => MIMEType('a/b'), TypeError);
});

test('type and subtype setters validate and lowercase', () => {
  const m = new MIMEType('text/plain;a=1');
  m.type = 'Image';
  m.subtype = 'PNG';
  assert.strictEqual(String(m), 'image/png;a=1');
  assert.throws(() => { m.type = ''; }, { message: 'The MIME syntax for a type in "" is invalid' });
  assert.throws(() => { m.type = 'a b'; }, { message: 'The MIME syntax for a type in "a b" is invalid at 1' });
  assert.throws(() => { m.subtype = 'a/b'; }, { message: 'The MIME syntax for a subtype in "a/b" is invalid at 1' });
  assert.strictEqual(m.essence, 'image/png');
});

test('MIMEParams methods and serialization', () => {
  const params = new MIMEType('text/plain;a=1').params;
  assert.ok(params instanceof MIMEParams);
  params.set('Q', 'x y');
  params.set('e', '');
  params.set('w', 'a"b\\c');
  params.set('a', 'é');
  assert.strictEqual(params.toString(), 'a="é";Q="x y";e="";w="a\\"b\\\\c"');
  assert.strictEqual(params.get('q'), null);
  assert.strictEqual(params.has('Q'), true);
  params.delete('Q');
  assert.strictEqual(params.has('Q'), false);
  assert.deepStrictEqual([...params.keys()], ['a', 'e', 'w']);
  assert.deepStrictEqual([...params.values()], ['é', '', 'a"b\\c']);
  assert.deepStrictEqual([...params], [...params.entries()]);
  assert.strictEqual(params[Symbol.iterator], params.entries);
  assert.strictEqual(params.toJSON(), params.toString());
  assert.throws(() => params.set('a b', 'x'), { message: 'The MIME syntax for a parameter name in "a b" is invalid at 1' });
  assert.throws(() => params.set('a', '\n'), { message: 'The MIME syntax for a parameter value in "\n" is invalid at 0' });
});

test('MIMEParams converts on set but not on get', () => {
  const params = new MIMEParams();
  params.set(1, 2);
  assert.deepStrictEqual([...params], [['1', '2']]);
  assert.strictEqual(params.get(1), null);
  assert.strictEqual(params.get('1'), '2');
  assert.strictEqual(params.toString(), '1=2');
});

test('prototype shapes', () => {
  assert.deepStrictEqual(Object.getOwnPropertyNames(MIMEType.prototype), ['constructor', 'type', 'subtype', 'essence', 'params', 'toString', 'toJSON']);
  assert.deepStrictEqual(Object.getOwnPropertyNames(MIMEParams.prototype), ['constructor', 'delete', 'get', 'has', 'set', 'entries', 'keys', 'values', 'toString', 'toJSON']);
  assert.throws(() => MIMEParams.prototype.get.call({}, 'a'), TypeError);
});
