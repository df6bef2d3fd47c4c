'use strict';
// node:wasi. shard has no WASI system interface yet: constructing a WASI
// checks the options as Node does and then throws ERR_NOT_IMPLEMENTED, so a
// program learns it at once rather than when the module runs.

const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');
const { validateObject, validateString } = require('internal/validators');

class WASI {
  constructor(options = {}) {
    validateObject(options, 'options');
    validateString(options.version, 'options.version');
    throw new ERR_NOT_IMPLEMENTED('WASI');
  }
}

module.exports = { WASI };
