'use strict';
// The warnings the legacy URL APIs give: DEP0170 once for url.parse() of a
// port that is not a number, DEP0040 when a program loads node:punycode.
const url = require('url');

process.on('warning', (warning) => {
  console.log('warning event:', warning.name, warning.code);
});

console.log(url.parse('http://a.com:8080abc/x').pathname);
console.log(url.parse('http://b.com:port/').pathname);
const punycode = require('punycode');
console.log(punycode.encode('mañana'));
setImmediate(() => console.log('done'));
