'use strict';
// Terminal colours: whether a stream should get ANSI colours (console,
// debuglog, the test reporters), the escape strings for stderr that other
// built-ins print with, and util.styleText.

const { inspect } = require('internal/util/inspect');

// The colour depth FORCE_COLOR asks for, in bits, as Node's tty module
// reads it: '' / '1' / 'true' mean 16 colours, '2' 256, '3' 16 million,
// '0' / 'false' none.
function forcedColorDepth(env) {
  const { hasBuiltin } = internalBinding('builtins');
  if (hasBuiltin('internal/tty')) {
    const tty = require('internal/tty');
    if (typeof tty.getColorDepth === 'function') return tty.getColorDepth(env);
  }
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

function shouldColorize(stream) {
  if (process.env.FORCE_COLOR !== undefined) return forcedColorDepth(process.env) > 2;
  return stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
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
  refresh,
  styleText,
};

refresh();
