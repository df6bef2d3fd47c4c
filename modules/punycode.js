'use strict';
// node:punycode (deprecated in Node, still present): the API of the
// punycode.js package Node bundles. The algorithm lives in internal/idna;
// this module adds punycode.js's domain handling: only the part after an
// @ is converted, the ideographic full stops separate labels, and no
// mapping or validation is done.

const idna = require('internal/idna');

// The warning is for programs, not for the packages they depend on.
{
  const stack = new Error().stack || '';
  const callers = stack.split('\n').slice(1).filter((line) => !line.includes('node:'));
  if (!callers.some((line) => /[\\/]node_modules[\\/]/.test(line))) {
    process.emitWarning('The `punycode` module is deprecated. Please use a userland alternative instead.',
                        'DeprecationWarning', 'DEP0040');
  }
}

const kSeparators = /[\x2E\u3002\uFF0E\uFF61]/g;
const kNonASCII = /[^\0-\x7F]/;
const kPunycodePrefix = /^xn--/;

function mapDomain(domain, fn) {
  const parts = domain.split('@');
  let result = '';
  if (parts.length > 1) {
    // Keep the local part of an email address as it is.
    result = `${parts[0]}@`;
    domain = parts[1];
  }
  const labels = domain.replace(kSeparators, '.').split('.');
  return result + labels.map(fn).join('.');
}

function toUnicode(input) {
  return mapDomain(input, (label) => (kPunycodePrefix.test(label) ? idna.decode(label.slice(4).toLowerCase()) : label));
}

function toASCII(input) {
  return mapDomain(input, (label) => (kNonASCII.test(label) ? `xn--${idna.encode(label)}` : label));
}

module.exports = {
  version: '2.1.0',
  ucs2: {
    decode: idna.ucs2decode,
    encode: idna.ucs2encode,
  },
  decode: idna.decode,
  encode: idna.encode,
  toASCII,
  toUnicode,
};
