'use strict';
// Terminal colours: whether a stream should get ANSI colours (console,
// debuglog, the test reporters), the escape strings for stderr that other
// built-ins print with, and util.styleText.

const { inspect } = require('internal/util/inspect');

// The colour depth of the terminal the environment describes (internal/tty
// applies Node's rules: FORCE_COLOR, NO_COLOR, TERM, CI services, ...).
function getColorDepth(env = process.env) {
  return require('internal/tty').getColorDepth(env);
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
