'use strict';
// Terminal colours: whether a stream should get ANSI colours (console,
// debuglog, the test reporters), the escape strings for stderr that other
// built-ins print with, and util.styleText.

const { inspect } = require('internal/util/inspect');

// The colour depth of the terminal the environment describes, in bits
// (1, 4, 8 or 24), by the rules of Node's tty.getColorDepth(): FORCE_COLOR
// first, then NO_COLOR / NODE_DISABLE_COLORS / TERM=dumb, tmux, CI
// services, known terminal programs, COLORTERM and TERM.
const kTermDepths = {
  __proto__: null,
  'eterm': 4, 'cons25': 4, 'console': 4, 'cygwin': 4, 'dtterm': 4, 'gnome': 4, 'hurd': 4,
  'jfbterm': 4, 'konsole': 4, 'kterm': 4, 'mlterm': 4, 'mosh': 24, 'putty': 4, 'st': 4,
  'rxvt-unicode-24bit': 24, 'terminator': 24,
};
const kTermPatterns = [/ansi/, /color/, /linux/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/];
const kColorCIs = ['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS'];

function envColorDepth(env) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '':
      case '1':
      case 'true':
        return 4;
      case '2':
        return 8;
      case '3':
        return 24;
      default:
        return 1;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return 1;
  if (env.TMUX) return 8;
  if (env.CI) {
    return kColorCIs.some((name) => name in env) || env.CI_NAME === 'codeship' ? 8 : 1;
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 4 : 1;
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? 8 : 24;
    case 'HyperTerm':
    case 'MacTerm':
      return 24;
    case 'Apple_Terminal':
      return 8;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
  if (env.TERM) {
    if (/^xterm-256/.test(env.TERM)) return 8;
    const term = env.TERM.toLowerCase();
    if (kTermDepths[term]) return kTermDepths[term];
    if (kTermPatterns.some((pattern) => pattern.test(term))) return 4;
  }
  return env.COLORTERM ? 4 : 1;
}

// internal/tty's answer when that module is built in, else the rules above.
function getColorDepth(env = process.env) {
  const { hasBuiltin } = internalBinding('builtins');
  if (hasBuiltin('internal/tty')) {
    const tty = require('internal/tty');
    if (typeof tty.getColorDepth === 'function') return tty.getColorDepth(env);
  }
  return envColorDepth(env);
}

function streamColorDepth(stream) {
  try {
    return stream.getColorDepth();
  } catch {
    // A stream whose getColorDepth cannot answer: judge by the environment.
    return getColorDepth();
  }
}

function shouldColorize(stream) {
  if (process.env.FORCE_COLOR !== undefined) return getColorDepth() > 2;
  return stream?.isTTY && (typeof stream.getColorDepth === 'function' ? streamColorDepth(stream) > 2 : true);
}

function refresh() {
  const hasColors = shouldColorize(process.stderr);
  module.exports.blue = hasColors ? '\u001b[34m' : '';
  module.exports.green = hasColors ? '\u001b[32m' : '';
  module.exports.white = hasColors ? '\u001b[39m' : '';
  module.exports.yellow = hasColors ? '\u001b[33m' : '';
  module.exports.red = hasColors ? '\u001b[31m' : '';
  module.exports.gray = hasColors ? '\u001b[90m' : '';
  module.exports.clear = hasColors ? '\u001bc' : '';
  module.exports.reset = hasColors ? '\u001b[0m' : '';
  module.exports.hasColors = hasColors;
}

// Streams as Node's stream utilities recognise them (without loading them).
function isNodeStream(obj) {
  return Boolean(obj && (obj._readableState || obj._writableState ||
    (typeof obj.write === 'function' && typeof obj.on === 'function') ||
    (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
}

function isWebReadableStream(obj) {
  return Boolean(obj && !isNodeStream(obj) && typeof obj.pipeThrough === 'function' &&
    typeof obj.getReader === 'function' && typeof obj.cancel === 'function');
}

function isWebWritableStream(obj) {
  return Boolean(obj && !isNodeStream(obj) && typeof obj.getWriter === 'function' &&
    typeof obj.abort === 'function');
}

function escapeStyleCode(code) {
  return `\u001b[${code}m`;
}

function invalidFormat(format) {
  const { validateOneOf } = require('internal/validators');
  validateOneOf(format, 'format', Object.keys(inspect.colors));
}

// util.styleText(format, text[, { validateStream, stream }]): text wrapped
// in the SGR codes of one format (a key of util.inspect.colors) or of each
// format of an array, outermost first. With validateStream (the default) a
// single format is left out when the stream would not show colours.
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  const { validateString, validateBoolean } = require('internal/validators');
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  if (validateStream && !isWebReadableStream(stream) && !isWebWritableStream(stream) &&
      !isNodeStream(stream)) {
    const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }

  if (Array.isArray(format)) {
    let left = '';
    let right = '';
    for (const key of format) {
      const codes = inspect.colors[key];
      if (codes == null) invalidFormat(key);
      left += escapeStyleCode(codes[0]);
      right = `${escapeStyleCode(codes[1])}${right}`;
    }
    return `${left}${text}${right}`;
  }

  const codes = inspect.colors[format];
  if (codes == null) invalidFormat(format);
  // Colour support is checked only once the arguments are known good.
  if (validateStream && (!stream || !shouldColorize(stream))) return text;
  return `${escapeStyleCode(codes[0])}${text}${escapeStyleCode(codes[1])}`;
}

module.exports = {
  blue: '',
  green: '',
  white: '',
  yellow: '',
  red: '',
  gray: '',
  clear: '',
  reset: '',
  hasColors: false,
  shouldColorize,
  getColorDepth,
  refresh,
  styleText,
};

refresh();
