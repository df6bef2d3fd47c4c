'use strict';
// Assertion messages exactly as Node 22 writes them: the diff of inspected
// values ("+ actual - expected", folded context, carets), the one-line
// forms, and the messages of throws/doesNotThrow/match/ifError/fail/ok.
const { test } = require('node:test');
const assert = require('node:assert');

function check(fn, expected) {
  let caught;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  if (expected === null) {
    assert.strictEqual(caught, undefined);
    return;
  }
  assert.ok(caught instanceof Error, 'expected an error to be thrown');
  assert.strictEqual(caught.name, expected.name);
  assert.strictEqual(caught.code, expected.code);
  assert.strictEqual(caught.message, expected.message);
  assert.strictEqual(caught.generatedMessage, expected.generatedMessage);
  assert.strictEqual(caught.operator, expected.operator);
}

test("dse object", () => {
  check(() => { assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n    a: 1,\n    b: [\n      1,\n+     2\n-     3\n    ]\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse folded object", () => {
  check(() => { const a = {}; const b = {}; for (let i = 0; i < 30; i++) { a['k' + i] = i; b['k' + i] = i; } b.k15 = 'x'; b.k28 = 'y'; assert.deepStrictEqual(a, b); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n... Skipped lines\n\n  {\n    k0: 0,\n    k10: 10,\n    k11: 11,\n    k12: 12,\n    k13: 13,\n    k14: 14,\n+   k15: 15,\n-   k15: 'x',\n    k16: 16,\n    k17: 17,\n    k18: 18,\n    k19: 19,\n    k1: 1,\n...\n    k27: 27,\n+   k28: 28,\n-   k28: 'y',\n    k29: 29,\n    k2: 2,\n    k3: 3,\n    k4: 4,\n    k5: 5,\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse folded array", () => {
  check(() => { assert.deepStrictEqual(Array.from({ length: 40 }, (_, i) => i), Array.from({ length: 40 }, (_, i) => i === 20 ? -1 : i)); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n... Skipped lines\n\n  [\n    0,\n    1,\n    2,\n    3,\n...\n    19,\n+   20,\n-   -1,\n    21,\n    22,\n    23,\n    24,\n    25,\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse six context lines", () => {
  check(() => { assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 'x', 9], [1, 2, 3, 4, 5, 6, 7, 'y', 9]); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n... Skipped lines\n\n  [\n    1,\n    2,\n    3,\n    4,\n...\n    7,\n+   'x',\n-   'y',\n    9\n  ]\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse seven context lines", () => {
  check(() => { assert.deepStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 'x', 9], [0, 1, 2, 3, 4, 5, 6, 7, 'y', 9]); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n... Skipped lines\n\n  [\n    0,\n    1,\n    2,\n    3,\n...\n    7,\n+   'x',\n-   'y',\n    9\n  ]\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse eight context lines", () => {
  check(() => { assert.deepStrictEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7, 'x', 9], [-1, 0, 1, 2, 3, 4, 5, 6, 7, 'y', 9]); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n... Skipped lines\n\n  [\n    -1,\n    0,\n    1,\n    2,\n...\n    7,\n+   'x',\n-   'y',\n    9\n  ]\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse map", () => {
  check(() => { assert.deepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 2 }]])); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Map(1) {\n    1 => {\n+     a: 1\n-     a: 2\n    }\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse set", () => {
  check(() => { assert.deepStrictEqual(new Set([1, 2]), new Set([1, 3])); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Set(2) {\n    1,\n+   2\n-   3\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse numbers", () => {
  check(() => { assert.deepStrictEqual(1, 2); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n\n1 !== 2\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse strings", () => {
  check(() => { assert.deepStrictEqual('hello world', 'hello there'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 'hello world'\n- 'hello there'\n         ^\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse zeros", () => {
  check(() => { assert.deepStrictEqual(0, -0); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 0\n- -0\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse nested", () => {
  check(() => { assert.deepStrictEqual({ a: { b: { c: [1, { d: 2 }] } } }, { a: { b: { c: [1, { d: 3 }] } } }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n    a: {\n      b: {\n        c: [\n          1,\n          {\n+           d: 2\n-           d: 3\n          }\n        ]\n      }\n    }\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse null prototype", () => {
  check(() => { assert.deepStrictEqual({}, Object.create(null)); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ {}\n- [Object: null prototype] {}\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse class instance", () => {
  check(() => { class Foo { constructor() { this.x = 1; } } assert.deepStrictEqual(new Foo(), { x: 1 }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Foo {\n- {\n    x: 1\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse dates", () => {
  check(() => { assert.deepStrictEqual(new Date(0), new Date(1)); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 1970-01-01T00:00:00.000Z\n- 1970-01-01T00:00:00.001Z\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse errors", () => {
  check(() => { assert.deepStrictEqual(new Error('a'), new Error('b')); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Error: a]\n- [Error: b]\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse multiline strings", () => {
  check(() => { assert.deepStrictEqual('a\nb\nc', 'a\nB\nc'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 'a\\nb\\nc'\n- 'a\\nB\\nc'\n      ^\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse array grows", () => {
  check(() => { assert.deepStrictEqual([1, 2, 3], [1, 2, 3, 4]); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  [\n    1,\n    2,\n    3,\n-   4\n  ]\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse object grows", () => {
  check(() => { assert.deepStrictEqual({ a: 1 }, { a: 1, b: 2 }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n    a: 1,\n-   b: 2\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse custom message", () => {
  check(() => { assert.deepStrictEqual({ a: 1 }, { a: 2 }, 'custom'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "custom\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }\n",
    "generatedMessage": false,
    "operator": "deepStrictEqual"
  });
});

test("dse symbol key", () => {
  check(() => { assert.deepStrictEqual({ [Symbol('a')]: 1 }, {}); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ {\n+   [Symbol(a)]: 1\n+ }\n- {}\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse typed arrays", () => {
  check(() => { assert.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Uint8Array(2) [\n    1,\n+   2\n-   3\n  ]\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse nested map", () => {
  check(() => { assert.deepStrictEqual({ m: new Map([['a', [1, 2]]]) }, { m: new Map([['a', [1, 2, 3]]]) }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n    m: Map(1) {\n      'a' => [\n        1,\n        2,\n-       3\n      ]\n    }\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse undefined property", () => {
  check(() => { assert.deepStrictEqual({ a: undefined }, {}); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ {\n+   a: undefined\n+ }\n- {}\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse same shape", () => {
  check(() => { assert.deepStrictEqual({ a: NaN }, { a: 0 / 0, b: undefined }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n    a: NaN,\n-   b: undefined\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse string vs number", () => {
  check(() => { assert.deepStrictEqual({ a: '1' }, { a: 1 }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: '1'\n-   a: 1\n  }\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("dse same inspection", () => {
  check(() => { assert.deepStrictEqual([1, 2], [1, 2].concat()); }, null);
});

test("se long strings", () => {
  check(() => { assert.strictEqual('x'.repeat(100), 'x'.repeat(99) + 'y'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n+ actual - expected\n\n+ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n- 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy'\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se short strings", () => {
  check(() => { assert.strictEqual('abc', 'abd'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n\n'abc' !== 'abd'\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se medium strings", () => {
  check(() => { assert.strictEqual('aaaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaaaab'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n+ actual - expected\n\n+ 'aaaaaaaaaaaaaaaaaaaa'\n- 'aaaaaaaaaaaaaaaaaaab'\n                      ^\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se undefined null", () => {
  check(() => { assert.strictEqual(undefined, null); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n+ actual - expected\n\n+ undefined\n- null\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se zeros", () => {
  check(() => { assert.strictEqual(0, -0); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n+ actual - expected\n\n+ 0\n- -0\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se functions", () => {
  check(() => { assert.strictEqual(function a() {}, function b() {}); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" to be reference-equal to \"expected\":\n+ actual - expected\n\n+ [Function: a]\n- [Function: b]\n             ^\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se objects", () => {
  check(() => { assert.strictEqual({ a: 1 }, { a: 2 }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" to be reference-equal to \"expected\":\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se same objects", () => {
  check(() => { assert.strictEqual({ a: 1 }, { a: 1 }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Values have same structure but are not reference-equal:\n\n{\n  a: 1\n}\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se number string", () => {
  check(() => { assert.strictEqual(1, '1'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n\n1 !== '1'\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("se arrays", () => {
  check(() => { assert.strictEqual([1, 2, 3], [1, 2, 4]); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" to be reference-equal to \"expected\":\n+ actual - expected\n\n  [\n    1,\n    2,\n+   3\n-   4\n  ]\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("nse numbers", () => {
  check(() => { assert.notStrictEqual(1, 1); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" to be strictly unequal to: 1",
    "generatedMessage": true,
    "operator": "notStrictEqual"
  });
});

test("nse object", () => {
  check(() => { const o = { a: 1 }; assert.notStrictEqual(o, o); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" not to be reference-equal to \"expected\":\n\n{\n  a: 1\n}\n",
    "generatedMessage": true,
    "operator": "notStrictEqual"
  });
});

test("nse long string", () => {
  check(() => { assert.notStrictEqual('abcdef', 'abcdef'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" to be strictly unequal to:\n\n'abcdef'",
    "generatedMessage": true,
    "operator": "notStrictEqual"
  });
});

test("nde objects", () => {
  check(() => { assert.notDeepEqual({ a: 1 }, { a: 1 }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" not to be loosely deep-equal to:\n\n{\n  a: 1\n}",
    "generatedMessage": true,
    "operator": "notDeepEqual"
  });
});

test("nde loose", () => {
  check(() => { assert.notDeepEqual([1], ['1']); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values not to be loosely deep-equal:\n\n[\n  1\n]\n\nshould not loosely deep-equal\n\n[\n  '1'\n]",
    "generatedMessage": true,
    "operator": "notDeepEqual"
  });
});

test("nds arrays", () => {
  check(() => { assert.notDeepStrictEqual([1, 2], [1, 2]); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected \"actual\" not to be strictly deep-equal to:\n\n[\n  1,\n  2\n]\n",
    "generatedMessage": true,
    "operator": "notDeepStrictEqual"
  });
});

test("de arrays", () => {
  check(() => { assert.deepEqual([1, 2], [1, 3]); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be loosely deep-equal:\n\n[\n  1,\n  2\n]\n\nshould loosely deep-equal\n\n[\n  1,\n  3\n]",
    "generatedMessage": true,
    "operator": "deepEqual"
  });
});

test("de long", () => {
  check(() => { assert.deepEqual('x'.repeat(600), 'y'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be loosely deep-equal:\n\n'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\n\nshould loosely deep-equal\n\n'y'",
    "generatedMessage": true,
    "operator": "deepEqual"
  });
});

test("eq strings", () => {
  check(() => { assert.equal('a', 'b'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "'a' == 'b'",
    "generatedMessage": true,
    "operator": "=="
  });
});

test("eq objects", () => {
  check(() => { assert.equal({}, {}); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "{} == {}",
    "generatedMessage": true,
    "operator": "=="
  });
});

test("neq", () => {
  check(() => { assert.notEqual(1, '1'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "1 != '1'",
    "generatedMessage": true,
    "operator": "!="
  });
});

test("fail", () => {
  check(() => { assert.fail(); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Failed",
    "generatedMessage": true,
    "operator": "fail"
  });
});

test("fail message", () => {
  check(() => { assert.fail('boom'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "boom",
    "generatedMessage": false,
    "operator": "fail"
  });
});

test("ok no args", () => {
  check(() => { assert.ok(); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "No value argument passed to `assert.ok()`",
    "generatedMessage": true,
    "operator": "=="
  });
});

test("ok message", () => {
  check(() => { assert(false, 'my msg'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "my msg",
    "generatedMessage": false,
    "operator": "=="
  });
});

test("throws missing", () => {
  check(() => { assert.throws(() => {}); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Missing expected exception.",
    "generatedMessage": false,
    "operator": "throws"
  });
});

test("throws missing message", () => {
  check(() => { assert.throws(() => {}, 'msg'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Missing expected exception: msg",
    "generatedMessage": false,
    "operator": "throws"
  });
});

test("throws missing class", () => {
  check(() => { assert.throws(() => {}, TypeError); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Missing expected exception (TypeError).",
    "generatedMessage": false,
    "operator": "throws"
  });
});

test("throws missing class message", () => {
  check(() => { assert.throws(() => {}, TypeError, 'msg'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Missing expected exception (TypeError): msg",
    "generatedMessage": false,
    "operator": "throws"
  });
});

test("throws wrong class", () => {
  check(() => { assert.throws(() => { throw new RangeError('r'); }, TypeError); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The error is expected to be an instance of \"TypeError\". Received \"RangeError\"\n\nError message:\n\nr",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws same name class", () => {
  check(() => { class TypeError2 extends Error {} Object.defineProperty(TypeError2, 'name', { value: 'RangeError' }); assert.throws(() => { throw new RangeError('r'); }, TypeError2); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The error is expected to be an instance of \"RangeError\". Received an error with identical name but a different prototype.\n\nError message:\n\nr",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws regexp", () => {
  check(() => { assert.throws(() => { throw new Error('abc'); }, /xyz/); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The input did not match the regular expression /xyz/. Input:\n\n'Error: abc'\n",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws object", () => {
  check(() => { assert.throws(() => { throw new Error('abc'); }, { message: 'abd' }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   message: 'abc'\n-   message: 'abd'\n  }\n",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws object regexp", () => {
  check(() => { assert.throws(() => { throw Object.assign(new Error('abc'), { code: 'X' }); }, { message: /ab/, code: 'Y' }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   code: 'X',\n-   code: 'Y',\n    message: 'abc'\n  }\n",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws object passes", () => {
  check(() => { assert.throws(() => { throw Object.assign(new Error('abc'), { code: 'X' }); }, { message: /ab/, code: 'X' }); }, null);
});

test("throws object custom message", () => {
  check(() => { assert.throws(() => { throw new Error('abc'); }, { message: 'x' }, 'custom'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "custom",
    "generatedMessage": false,
    "operator": "throws"
  });
});

test("throws validation function", () => {
  check(() => { assert.throws(() => { throw new Error('abc'); }, (e) => e.message === 'x'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The validation function is expected to return \"true\". Received false\n\nCaught error:\n\nError: abc",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws named validation function", () => {
  check(() => { assert.throws(() => { throw new Error('abc'); }, function check(e) { return 1; }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The \"check\" validation function is expected to return \"true\". Received 1\n\nCaught error:\n\nError: abc",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws primitive", () => {
  check(() => { assert.throws(() => { throw 'str'; }, { message: 'x' }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 'str'\n- {\n-   message: 'x'\n- }\n",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws error instance", () => {
  check(() => { assert.throws(() => { throw new TypeError('x'); }, new TypeError('y')); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   message: 'x',\n-   message: 'y',\n    name: 'TypeError'\n  }\n",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("throws non error value", () => {
  check(() => { assert.throws(() => { throw 5; }, TypeError); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The error is expected to be an instance of \"TypeError\". Received \"5\"",
    "generatedMessage": true,
    "operator": "throws"
  });
});

test("doesNotThrow", () => {
  check(() => { assert.doesNotThrow(() => { throw new Error('inner'); }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Got unwanted exception.\nActual message: \"inner\"",
    "generatedMessage": false,
    "operator": "doesNotThrow"
  });
});

test("doesNotThrow message", () => {
  check(() => { assert.doesNotThrow(() => { throw new Error('inner'); }, 'msg'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Got unwanted exception: msg\nActual message: \"inner\"",
    "generatedMessage": false,
    "operator": "doesNotThrow"
  });
});

test("doesNotThrow matching class", () => {
  check(() => { assert.doesNotThrow(() => { throw new TypeError('inner'); }, TypeError); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Got unwanted exception.\nActual message: \"inner\"",
    "generatedMessage": false,
    "operator": "doesNotThrow"
  });
});

test("doesNotThrow matching regexp", () => {
  check(() => { assert.doesNotThrow(() => { throw new TypeError('inner'); }, /inner/, 'msg'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Got unwanted exception: msg\nActual message: \"inner\"",
    "generatedMessage": false,
    "operator": "doesNotThrow"
  });
});

test("match", () => {
  check(() => { assert.match('abc', /x/); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The input did not match the regular expression /x/. Input:\n\n'abc'\n",
    "generatedMessage": true,
    "operator": "match"
  });
});

test("match not string", () => {
  check(() => { assert.match(123, /x/); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The \"string\" argument must be of type string. Received type number (123)",
    "generatedMessage": true,
    "operator": "match"
  });
});

test("doesNotMatch", () => {
  check(() => { assert.doesNotMatch('abc', /b/); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The input was expected to not match the regular expression /b/. Input:\n\n'abc'\n",
    "generatedMessage": true,
    "operator": "doesNotMatch"
  });
});

test("ifError error", () => {
  check(() => { assert.ifError(new Error('bad')); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "ifError got unwanted exception: bad",
    "generatedMessage": false,
    "operator": "ifError"
  });
});

test("ifError string", () => {
  check(() => { assert.ifError('bad'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "ifError got unwanted exception: 'bad'",
    "generatedMessage": false,
    "operator": "ifError"
  });
});

test("ifError empty message", () => {
  check(() => { assert.ifError(new TypeError('')); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "ifError got unwanted exception: TypeError",
    "generatedMessage": false,
    "operator": "ifError"
  });
});

test("partial", () => {
  check(() => { assert.partialDeepStrictEqual({ a: 1, b: 2 }, { a: 2 }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be partially and strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: 1,\n+   b: 2\n-   a: 2\n  }\n",
    "generatedMessage": true,
    "operator": "partialDeepStrictEqual"
  });
});

test("strict equal", () => {
  check(() => { assert.strict.equal(1, '1'); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n\n1 !== '1'\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("strict deepEqual", () => {
  check(() => { assert.strict.deepEqual([1], ['1']); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  [\n+   1\n-   '1'\n  ]\n",
    "generatedMessage": true,
    "operator": "deepStrictEqual"
  });
});

test("AssertionError strictEqual", () => {
  check(() => { throw new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "Expected values to be strictly equal:\n\n1 !== 2\n",
    "generatedMessage": true,
    "operator": "strictEqual"
  });
});

test("AssertionError message", () => {
  check(() => { throw new assert.AssertionError({ message: 'm', actual: 1, expected: 2, operator: 'foo' }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "m",
    "generatedMessage": false,
    "operator": "foo"
  });
});

test("AssertionError loose", () => {
  check(() => { throw new assert.AssertionError({ actual: 1, expected: 2, operator: '==' }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "1 == 2",
    "generatedMessage": true,
    "operator": "=="
  });
});

test("AssertionError unknown operator", () => {
  check(() => { throw new assert.AssertionError({ actual: [1], expected: [2], operator: 'xyz' }); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "[\n  1\n] xyz [\n  2\n]",
    "generatedMessage": true,
    "operator": "xyz"
  });
});

test("ok expression", () => {
  check(() => { const x = 2; assert.ok(x === 1); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The expression evaluated to a falsy value:\n\n  assert.ok(x === 1)\n",
    "generatedMessage": true,
    "operator": "=="
  });
});

test("ok expression call", () => {
  check(() => { assert(typeof 123 === 'string', undefined); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The expression evaluated to a falsy value:\n\n  assert(typeof 123 === 'string', undefined)\n",
    "generatedMessage": true,
    "operator": "=="
  });
});

test("ok member", () => {
  check(() => { assert.strict.ok(0); }, {
    "name": "AssertionError",
    "code": "ERR_ASSERTION",
    "message": "The expression evaluated to a falsy value:\n\n  assert.strict.ok(0)\n",
    "generatedMessage": true,
    "operator": "=="
  });
});
