'use strict';
// Terminal colours for assertion diffs and the test reporters: the escape
// codes when process.stderr (or the given stream) shows colours, else empty
// strings, so callers can always interpolate them. refresh() re-reads the
// environment (FORCE_COLOR, NO_COLOR, NODE_DISABLE_COLORS) and the stream.

// A rough depth from the environment, for streams that cannot tell.
function depthFromEnv(env) {
  if (env.TERM === 'dumb') return 1;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
  if (typeof env.TERM === 'string' && env.TERM.includes('256')) return 8;
  return 4;
}

function colorDepth(stream) {
  if (stream && typeof stream.getColorDepth === 'function') {
    try {
      return stream.getColorDepth();
    } catch {
      return depthFromEnv(process.env);
    }
  }
  return depthFromEnv(process.env);
}

function shouldColorize(stream) {
  const env = process.env;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    return force !== '0' && force !== 'false';
  }
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') {
    return false;
  }
  return Boolean(stream?.isTTY) && colorDepth(stream) > 2;
}

const colors = {
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
  refresh() {
    let on = false;
    try {
      on = shouldColorize(process.stderr);
    } catch {
      // No stderr stream (early bootstrap): no colours.
    }
    colors.blue = on ? '\u001b[34m' : '';
    colors.green = on ? '\u001b[32m' : '';
    colors.white = on ? '\u001b[39m' : '';
    colors.yellow = on ? '\u001b[33m' : '';
    colors.red = on ? '\u001b[31m' : '';
    colors.gray = on ? '\u001b[90m' : '';
    colors.clear = on ? '\u001bc' : '';
    colors.reset = on ? '\u001b[0m' : '';
    colors.hasColors = on;
  },
};

colors.refresh();

module.exports = colors;
