'use strict';
// node:inspector/promises: node:inspector with a Session whose post() returns
// a promise. No inspector here, so post() rejects: a session never connects.

const inspector = require('inspector');
const { codes: { ERR_INSPECTOR_NOT_CONNECTED } } = require('internal/errors');
const { validateString, validateObject } = require('internal/validators');

class Session extends inspector.Session {
  async post(method, params) {
    validateString(method, 'method');
    if (params) validateObject(params, 'params');
    throw new ERR_INSPECTOR_NOT_CONNECTED();
  }
}

module.exports = { ...inspector, Session };
