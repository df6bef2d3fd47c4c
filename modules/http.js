'use strict';
// node:http

const { methods, STATUS_CODES } = require('_http_common');
const { IncomingMessage } = require('_http_incoming');
const { OutgoingMessage, validateHeaderName, validateHeaderValue } = require('_http_outgoing');
const { Server, ServerResponse } = require('_http_server');
const { validateInteger } = require('internal/validators');

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function request(url, options, cb) {
  const { ClientRequest } = require('_http_client');
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

module.exports = {
  METHODS: methods.slice().sort(),
  STATUS_CODES,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers(max) {
    validateInteger(max, 'max', 1);
  },
  maxHeaderSize: 16384,
};

for (const name of ['Agent', 'globalAgent']) {
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get() { return require('_http_agent')[name]; },
    set(v) { Object.defineProperty(module.exports, name, { value: v, writable: true, enumerable: true, configurable: true }); },
  });
}
Object.defineProperty(module.exports, 'ClientRequest', {
  enumerable: true,
  configurable: true,
  get() { return require('_http_client').ClientRequest; },
});
