// lodash (CommonJS) from an ES module: default and named exports.
import _ from 'lodash';
import chunk from 'lodash/chunk.js';
const { map } = _;
import debounce from 'lodash/debounce.js';
console.log(typeof _, chunk === _.chunk, map([1, 2], (x) => x + 1), typeof debounce);
