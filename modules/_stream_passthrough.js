'use strict';
// Legacy module id, kept for old code.

module.exports = require('stream').PassThrough;
