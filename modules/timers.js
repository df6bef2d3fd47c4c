'use strict';
// node:timers

const {
  Timeout, Immediate, immediateQueue, immediateInfo, kCount, kRefCount, kRefed,
  knownTimersById, active, unenroll, insertGuarded, validateFunction,
} = require('internal/timers');

function setTimeout(callback, after, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  let i, args;
  switch (arguments.length) {
    case 0: case 1: case 2: break;
    case 3: args = [arg1]; break;
    case 4: args = [arg1, arg2]; break;
    default:
      args = [arg1, arg2, arg3];
      for (i = 5; i < arguments.length; i++) args[i - 2] = arguments[i];
      break;
  }
  const timeout = new Timeout(callback, after, args, false, true);
  insertGuarded(timeout, true);
  return timeout;
}

Object.defineProperty(setTimeout, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() { return require('timers/promises').setTimeout; },
});

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timer._onTimeout = null;
    unenroll(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const timerInstance = knownTimersById[timer];
    if (timerInstance !== undefined) {
      timerInstance._idleTimeout = -1;
      unenroll(timerInstance);
    }
  }
}

function setInterval(callback, repeat, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  let i, args;
  switch (arguments.length) {
    case 0: case 1: case 2: break;
    case 3: args = [arg1]; break;
    case 4: args = [arg1, arg2]; break;
    default:
      args = [arg1, arg2, arg3];
      for (i = 5; i < arguments.length; i++) args[i - 2] = arguments[i];
      break;
  }
  const timeout = new Timeout(callback, repeat, args, true, true);
  insertGuarded(timeout, true);
  return timeout;
}

function clearInterval(timer) {
  // clearTimeout and clearInterval can be used to clear timers created from
  // both setTimeout and setInterval, as specified by HTML.
  clearTimeout(timer);
}

Timeout.prototype.close = function() {
  clearTimeout(this);
  return this;
};

Timeout.prototype[Symbol.dispose ?? Symbol.for('nodejs.dispose')] = function() {
  clearTimeout(this);
};

function setImmediate(callback, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  let i, args;
  switch (arguments.length) {
    case 0: case 1: break;
    case 2: args = [arg1]; break;
    case 3: args = [arg1, arg2]; break;
    default:
      args = [arg1, arg2, arg3];
      for (i = 4; i < arguments.length; i++) args[i - 1] = arguments[i];
      break;
  }
  return new Immediate(callback, args);
}

Object.defineProperty(setImmediate, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() { return require('timers/promises').setImmediate; },
});

function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  immediateInfo[kCount]--;
  immediate._destroyed = true;
  if (immediate[kRefed] && --immediateInfo[kRefCount] === 0) {
    // Nothing left that keeps the check phase from letting the loop block.
  }
  immediate[kRefed] = null;
  immediate._onImmediate = null;
  immediateQueue.remove(immediate);
}

Immediate.prototype[Symbol.dispose ?? Symbol.for('nodejs.dispose')] = function() {
  clearImmediate(this);
};

// Legacy timer APIs, deprecated in Node but still exported.
function unenrollLegacy(item) {
  if (item._idleTimeout !== undefined) unenroll(item);
}

function enroll(item, msecs) {
  if (item._idleTimeout !== undefined) unenroll(item);
  item._idleTimeout = msecs;
  item._idleNext = item._idlePrev = null;
  item._destroyed = false;
}

module.exports = {
  setTimeout,
  clearTimeout,
  setImmediate,
  clearImmediate,
  setInterval,
  clearInterval,
  _unrefActive: (item) => insertGuarded(item, false),
  active,
  unenroll: unenrollLegacy,
  enroll,
};
Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  configurable: true,
  get() { return require('timers/promises'); },
});
