'use strict';
// uuid 10+ is ES-module only: this is require(esm).
const { v4, v5, v7, validate, version, parse, stringify, NIL, MAX } = require('uuid');
const id = v4();
console.log(validate(id), version(id), id.length);
console.log(v5('hello', v5.URL), v5('shard', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'));
console.log(version(v7()), NIL, MAX);
const bytes = parse('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
console.log(Array.from(bytes).join(','), stringify(bytes));
console.log(validate('not-a-uuid'));
