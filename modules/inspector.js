'use strict';
// node:inspector. shard has no V8 inspector protocol server: the module loads
// (packages require it at start-up to offer profiling or debugging) with
// Node's shape, reports no active inspector (url() is undefined, close() does
// nothing), and every call that would need one throws
// ERR_INSPECTOR_NOT_AVAILABLE.

const EventEmitter = require('events');
const {
  codes: { ERR_INSPECTOR_NOT_AVAILABLE, ERR_INSPECTOR_NOT_ACTIVE, ERR_INSPECTOR_NOT_CONNECTED },
} = require('internal/errors');
const { validateString, validateFunction, validateObject } = require('internal/validators');

const kConnected = Symbol('kConnected');

class Session extends EventEmitter {
  constructor() {
    super();
    this[kConnected] = false;
  }

  connect() {
    throw new ERR_INSPECTOR_NOT_AVAILABLE();
  }

  connectToMainThread() {
    throw new ERR_INSPECTOR_NOT_AVAILABLE();
  }

  post(method, params, callback) {
    validateString(method, 'method');
    if (!callback && typeof params === 'function') {
      callback = params;
      params = null;
    }
    if (params) validateObject(params, 'params');
    if (callback) validateFunction(callback, 'callback');
    // A session can never be connected here.
    throw new ERR_INSPECTOR_NOT_CONNECTED();
  }

  disconnect() {}
}

function open() {
  throw new ERR_INSPECTOR_NOT_AVAILABLE();
}

function close() {}

function url() {
  return undefined;
}

function waitForDebugger() {
  throw new ERR_INSPECTOR_NOT_ACTIVE();
}

// inspector.console writes to the inspector's console only: with none, its
// methods do nothing.
const consoleMethods = ['debug', 'error', 'info', 'log', 'warn', 'dir', 'dirxml', 'table', 'trace', 'group',
  'groupCollapsed', 'groupEnd', 'clear', 'count', 'countReset', 'assert', 'profile', 'profileEnd', 'time',
  'timeLog', 'timeEnd', 'timeStamp', 'context'];
const inspectorConsole = {};
for (const name of consoleMethods) inspectorConsole[name] = function() {};

// Network events a program reports to the inspector: nobody listens.
const Network = {};
for (const name of ['requestWillBeSent', 'responseReceived', 'loadingFinished', 'loadingFailed', 'dataSent',
  'dataReceived']) {
  Network[name] = function(params) {};
}
const NetworkResources = { put(url, data) {} };

module.exports = {
  open,
  close,
  url,
  waitForDebugger,
  console: inspectorConsole,
  Session,
  Network,
  NetworkResources,
};
