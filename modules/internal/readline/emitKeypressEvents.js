'use strict';
// readline.emitKeypressEvents(stream): 'keypress' events on a readable
// stream, decoded from its 'data' only while someone listens for them.

const { charLengthAt, emitKeys, kEscape } = require('internal/readline/utils');

const KEYPRESS_DECODER = Symbol('keypress-decoder');
const ESCAPE_DECODER = Symbol('escape-decoder');
// A lone ESC waits this long for the rest of a sequence.
const ESCAPE_CODE_TIMEOUT = 500;
const kSawKeyPress = Symbol('_sawKeyPress');

function emitKeypressEvents(stream, iface = {}) {
  if (stream[KEYPRESS_DECODER]) return;
  const { StringDecoder } = require('string_decoder');
  stream[KEYPRESS_DECODER] = new StringDecoder('utf8');
  stream[ESCAPE_DECODER] = emitKeys(stream);
  stream[ESCAPE_DECODER].next();

  const triggerEscape = () => stream[ESCAPE_DECODER].next('');
  const { escapeCodeTimeout = ESCAPE_CODE_TIMEOUT } = iface;
  let timeoutId;

  function onData(input) {
    if (stream.listenerCount('keypress') > 0) {
      const string = stream[KEYPRESS_DECODER].write(input);
      if (!string) return;
      clearTimeout(timeoutId);
      // A single character (of up to two code units) is a key typed, not
      // something pasted: completion may run for it.
      iface[kSawKeyPress] = charLengthAt(string, 0) === string.length;
      iface.isCompletionEnabled = false;
      let length = 0;
      for (const character of string) {
        length += character.length;
        if (length === string.length) iface.isCompletionEnabled = true;
        try {
          stream[ESCAPE_DECODER].next(character);
          // An ESC at the very end may be the Escape key: wait a little.
          if (length === string.length && character === kEscape) {
            timeoutId = setTimeout(triggerEscape, escapeCodeTimeout);
          }
        } catch (err) {
          // A keypress listener threw inside the generator: start afresh.
          stream[ESCAPE_DECODER] = emitKeys(stream);
          stream[ESCAPE_DECODER].next();
          throw err;
        }
      }
    } else {
      // Nobody listens any more.
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
    }
  }

  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }

  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

module.exports = { emitKeypressEvents, kSawKeyPress };
