'use strict';
const _ = require('lodash');
const fp = require('lodash/fp');
const chunk = require('lodash/chunk');

console.log(_.chunk([1, 2, 3, 4, 5], 2));
console.log(chunk === _.chunk || typeof chunk);
console.log(_.groupBy(['one', 'two', 'three'], 'length'));
console.log(_.sortBy([{ n: 'b', a: 2 }, { n: 'a', a: 1 }], ['a']));
console.log(_.merge({ a: { b: 1 } }, { a: { c: 2 } }));
const deep = { x: [1, { y: 2 }] };
const copy = _.cloneDeep(deep);
console.log(copy, copy.x[1] !== deep.x[1]);
console.log(_.template('hello <%= user %>!')({ user: 'shard' }));
console.log(_.camelCase('Foo Bar-baz'), _.kebabCase('fooBar'), _.startCase('--foo-bar--'));
console.log(_.isEqual({ a: [1, 2] }, { a: [1, 2] }), _.uniq([1, 1, 2]), _.range(0, 10, 3));
console.log(fp.map((x) => x * 2)([1, 2, 3]));
console.log(typeof _.debounce, _.get({ a: { b: [{ c: 3 }] } }, 'a.b[0].c'));
