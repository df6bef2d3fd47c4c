'use strict';
// Terminal helpers: how many colours a terminal shows (getColorDepth, as
// Node decides it from the environment), and the stream class under
// tty.ReadStream and process.stdin on pipes (a Duplex on a descriptor read
// and written on the ring, internalBinding('pipe_wrap')). Top level stays
// cheap: inspect loads this file for colours.

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16m = 24;

// TERM values with a known depth; others matching kTermPatterns get 16.
const kTermDepth = {
  __proto__: null,
  'eterm': COLORS_16,
  'cons25': COLORS_16,
  'console': COLORS_16,
  'cygwin': COLORS_16,
  'dtterm': COLORS_16,
  'gnome': COLORS_16,
  'hurd': COLORS_16,
  'jfbterm': COLORS_16,
  'konsole': COLORS_16,
  'kterm': COLORS_16,
  'mlterm': COLORS_16,
  'mosh': COLORS_16m,
  'putty': COLORS_16,
  'st': COLORS_16,
  'rxvt-unicode-24bit': COLORS_16m,
  'terminator': COLORS_16m,
  'xterm-kitty': COLORS_16m,
};
const kTermPatterns = [/ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/,
  /^vt100/, /^vt220/];
// CI services whose logs show colours, when CI is set.
const kCiDepth = [
  ['APPVEYOR', COLORS_256],
  ['BUILDKITE', COLORS_256],
  ['CIRCLECI', COLORS_16m],
  ['DRONE', COLORS_256],
  ['GITEA_ACTIONS', COLORS_16m],
  ['GITHUB_ACTIONS', COLORS_16m],
  ['GITLAB_CI', COLORS_256],
  ['TRAVIS', COLORS_256],
];

let warned = false;
function warnIgnoredDisable(env) {
  if (warned) return;
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined) {
    warned = true;
    process.emitWarning("The 'NODE_DISABLE_COLORS' and 'NO_COLOR' env is ignored due to the 'FORCE_COLOR' env being set.",
                        'Warning');
  }
}

// Bits of colour: 1 (none), 4 (16), 8 (256) or 24 (16 million).
function getColorDepth(env = process.env) {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === '1' || force === 'true') {
      warnIgnoredDisable(env);
      return COLORS_16;
    }
    if (force === '2') {
      warnIgnoredDisable(env);
      return COLORS_256;
    }
    if (force === '3') {
      warnIgnoredDisable(env);
      return COLORS_16m;
    }
    return COLORS_2;
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') {
    return COLORS_2;
  }
  if (env.TMUX) return COLORS_16m;
  if (env.CI) {
    for (const [name, depth] of kCiDepth) {
      if (name in env) return depth;
    }
    return env.CI_NAME === 'codeship' ? COLORS_256 : COLORS_2;
  }
  if ('TEAMCITY_VERSION' in env) {
    return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
  }
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION)) return COLORS_256;
      return COLORS_16m;
    case 'HyperTerm':
    case 'MacTerm':
      return COLORS_16m;
    case 'Apple_Terminal':
      return COLORS_256;
    default:
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
  if (env.TERM) {
    if (/truecolor/.test(env.TERM)) return COLORS_16m;
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const term = env.TERM.toLowerCase();
    if (kTermDepth[term]) return kTermDepth[term];
    if (kTermPatterns.some((re) => re.test(term))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

function hasColors(count, env) {
  if (env === undefined &&
      (count === undefined || (typeof count === 'object' && count !== null))) {
    env = count;
    count = 16;
  } else {
    const { validateInteger } = require('internal/validators');
    validateInteger(count, 'count', 2);
  }
  return count <= 2 ** getColorDepth(env);
}

// ---- a Duplex on a descriptor (pipes, terminals, files) ----

let FdStream;
function getFdStream() {
  if (FdStream !== undefined) return FdStream;
  const { Duplex } = require('stream');
  const { register, unregister } = require('internal/loop');
  const { errnoException } = require('internal/errors');
  const binding = internalBinding('pipe_wrap');
  require('buffer'); // views below are Buffers
  const kData = 1;
  const kEof = 2;
  const kReadError = 3;
  const kWrite = 4;
  const kClose = 7;
  const kSlabShift = binding.kSlabShift;
  const kId = Symbol('kId');
  const kReading = Symbol('kReading');
  const kWrites = Symbol('kWrites');

  function onEvent(stream, res, aux, flags) {
    switch (flags & 0xff) {
      case kData: {
        const slab = Math.floor(aux / kSlabShift);
        const chunk = Buffer.from(binding.slabs[slab], aux - slab * kSlabShift, res);
        stream.bytesRead += res;
        if (!stream.push(chunk) && stream[kReading]) {
          stream[kReading] = false;
          binding.readStop(stream[kId]);
        }
        return;
      }
      case kEof:
        stream[kReading] = false;
        stream.push(null);
        stream.read(0);
        return;
      case kReadError:
        stream[kReading] = false;
        stream.destroy(errnoException(res, 'read'));
        return;
      case kWrite: {
        const cb = stream[kWrites].shift();
        if (cb) cb(res < 0 ? errnoException(res, 'write') : undefined);
        return;
      }
      case kClose: {
        unregister(stream[kId]);
        stream[kId] = 0;
        const pending = stream[kWrites].splice(0);
        for (const cb of pending) cb(errnoException(-32, 'write'));
        stream.emit('close');
        return;
      }
      default:
    }
  }

  // Function-style, so subclasses may be called without new (as Node's
  // tty.ReadStream can).
  FdStream = function FdStream(fd, options = {}) {
    Duplex.call(this, {
      ...options,
      // 'close' comes when the descriptor is closed, not from the stream.
      emitClose: false,
      autoDestroy: true,
      decodeStrings: false,
    });
    this.fd = fd;
    this.bytesRead = 0;
    this[kReading] = false;
    this[kWrites] = [];
    this[kId] = register((res, aux, flags) => onEvent(this, res, aux, flags), true);
    binding.open(this[kId], fd);
  };
  Object.setPrototypeOf(FdStream.prototype, Duplex.prototype);
  Object.setPrototypeOf(FdStream, Duplex);
  const proto = FdStream.prototype;

  proto._read = function _read() {
    if (this[kId] === 0 || this[kReading]) return;
    // Paused on purpose (no 'readable' listener pulling): reading waits
    // for resume(), so a paused stdin does not hold the process open.
    if (this.readableFlowing === false && this.listenerCount('readable') === 0) return;
    this[kReading] = true;
    const err = binding.readStart(this[kId]);
    if (err < 0) this.destroy(errnoException(err, 'read'));
  };

  // Pausing stops the reads, so a paused stdin lets the process end;
  // resuming starts them again.
  proto.pause = function pause() {
    if (this[kId] !== 0 && this[kReading]) {
      this[kReading] = false;
      binding.readStop(this[kId]);
    }
    return Duplex.prototype.pause.call(this);
  };

  proto.resume = function resume() {
    const ret = Duplex.prototype.resume.call(this);
    if (this[kId] !== 0 && !this[kReading] && !this.readableEnded) this._read();
    return ret;
  };

  proto._write = function _write(chunk, encoding, cb) {
    if (this[kId] === 0) {
      cb(errnoException(-9, 'write'));
      return;
    }
    const data = typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' &&
      encoding !== 'buffer' ? Buffer.from(chunk, encoding) : chunk;
    const res = binding.write(this[kId], data);
    if (res < 0) {
      cb(errnoException(res, 'write'));
      return;
    }
    this[kWrites].push(cb);
  };

  proto._final = function _final(cb) {
    cb();
  };

  proto._destroy = function _destroy(err, cb) {
    if (this[kId] !== 0) {
      this[kReading] = false;
      binding.close(this[kId]);
    } else {
      process.nextTick(() => this.emit('close'));
    }
    cb(err);
  };

  proto.ref = function ref() {
    if (this[kId] !== 0) binding.ref(this[kId], true);
    return this;
  };

  proto.unref = function unref() {
    if (this[kId] !== 0) binding.ref(this[kId], false);
    return this;
  };
  return FdStream;
}

module.exports = {
  getColorDepth,
  hasColors,
  getFdStream,
};
