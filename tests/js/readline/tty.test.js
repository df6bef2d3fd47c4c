'use strict';
// node:tty: colour depth and hasColors decided from the environment as
// Node decides them, and the shape of the module.
const test = require('node:test');
const assert = require('node:assert');
const tty = require('node:tty');

const depth = (env) => tty.WriteStream.prototype.getColorDepth.call({}, env);
const colors = (...args) => tty.WriteStream.prototype.hasColors.call({}, ...args);

test('FORCE_COLOR decides first', () => {
  assert.strictEqual(depth({ FORCE_COLOR: '' }), 4);
  assert.strictEqual(depth({ FORCE_COLOR: '1' }), 4);
  assert.strictEqual(depth({ FORCE_COLOR: 'true' }), 4);
  assert.strictEqual(depth({ FORCE_COLOR: '2' }), 8);
  assert.strictEqual(depth({ FORCE_COLOR: '3', TERM: 'dumb' }), 24);
  assert.strictEqual(depth({ FORCE_COLOR: '0', COLORTERM: 'truecolor' }), 1);
  assert.strictEqual(depth({ FORCE_COLOR: 'yes' }), 1);
});

test('NO_COLOR, NODE_DISABLE_COLORS and TERM=dumb turn colours off', () => {
  assert.strictEqual(depth({ NO_COLOR: '', TERM: 'xterm-256color' }), 1);
  assert.strictEqual(depth({ NODE_DISABLE_COLORS: '1', COLORTERM: 'truecolor' }), 1);
  assert.strictEqual(depth({ TERM: 'dumb' }), 1);
});

test('terminals, multiplexers and CI services', () => {
  assert.strictEqual(depth({}), 1);
  assert.strictEqual(depth({ TMUX: '1' }), 24);
  assert.strictEqual(depth({ CI: '1' }), 1);
  assert.strictEqual(depth({ CI: '1', GITHUB_ACTIONS: 'true' }), 24);
  assert.strictEqual(depth({ CI: '1', TRAVIS: '1' }), 8);
  assert.strictEqual(depth({ CI: '1', CI_NAME: 'codeship' }), 8);
  assert.strictEqual(depth({ TEAMCITY_VERSION: '9.1.0' }), 4);
  assert.strictEqual(depth({ TEAMCITY_VERSION: '8.0.0' }), 1);
  assert.strictEqual(depth({ TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4' }), 24);
  assert.strictEqual(depth({ TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '2.9' }), 8);
  assert.strictEqual(depth({ TERM_PROGRAM: 'Apple_Terminal' }), 8);
  assert.strictEqual(depth({ COLORTERM: 'truecolor' }), 24);
  assert.strictEqual(depth({ COLORTERM: '24bit' }), 24);
  assert.strictEqual(depth({ TERM: 'xterm-256color' }), 8);
  assert.strictEqual(depth({ TERM: 'xterm-kitty' }), 24);
  assert.strictEqual(depth({ TERM: 'xterm' }), 4);
  assert.strictEqual(depth({ TERM: 'linux' }), 4);
  assert.strictEqual(depth({ TERM: 'screen' }), 4);
  assert.strictEqual(depth({ TERM: 'unknown' }), 1);
  assert.strictEqual(depth({ COLORTERM: 'yes' }), 4);
});

test('hasColors compares a count with the depth', () => {
  assert.strictEqual(colors({ TERM: 'xterm-256color' }), true);
  assert.strictEqual(colors(256, { TERM: 'xterm-256color' }), true);
  assert.strictEqual(colors(257, { TERM: 'xterm-256color' }), false);
  assert.strictEqual(colors(2 ** 24, { COLORTERM: 'truecolor' }), true);
  assert.strictEqual(colors({}), false);
  assert.throws(() => colors(1, {}), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => colors('x', {}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('the module\'s shape', () => {
  assert.deepStrictEqual(Object.keys(tty).sort(), ['ReadStream', 'WriteStream', 'isatty']);
  for (const name of ['getColorDepth', 'hasColors', 'getWindowSize', 'cursorTo', 'moveCursor', 'clearLine',
    'clearScreenDown', '_refreshSize']) {
    assert.strictEqual(typeof tty.WriteStream.prototype[name], 'function', name);
  }
  assert.strictEqual(typeof tty.ReadStream.prototype.setRawMode, 'function');
  assert.throws(() => new tty.ReadStream(-1), { code: 'ERR_INVALID_FD' });
});
