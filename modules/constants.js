'use strict';
// node:constants (deprecated, but still loaded by old packages): one frozen
// object with os.constants' dlopen, errno, priority and signals tables, then
// fs.constants and crypto.constants, in Node's order.

const os = require('os');
const fs = require('fs');

const constants = {};
const { dlopen, errno, priority, signals } = os.constants;
Object.assign(constants, dlopen, errno, priority, signals, fs.constants);
const crypto = internalBinding('crypto').constants;
for (const key of Object.keys(crypto)) {
  // Node's table has the core list but not the settable default.
  if (key !== 'defaultCipherList') constants[key] = crypto[key];
}
module.exports = Object.freeze(constants);
