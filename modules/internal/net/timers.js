'use strict';
// Timers for sockets: idle timeouts that never keep the process alive.

const { Timeout, insertGuarded } = require('internal/timers');
const { validateNumber } = require('internal/validators');
const { codes: { ERR_OUT_OF_RANGE } } = require('internal/errors');

const TIMEOUT_MAX = 2 ** 31 - 1;

function setUnrefTimeout(callback, after) {
  const timer = new Timeout(callback, after, undefined, false, false);
  insertGuarded(timer, false);
  return timer;
}

function getTimerDuration(msecs, name) {
  validateNumber(msecs, name);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw new ERR_OUT_OF_RANGE(name, 'a non-negative finite number', msecs);
  }
  return msecs;
}

module.exports = { setUnrefTimeout, getTimerDuration, TIMEOUT_MAX };
