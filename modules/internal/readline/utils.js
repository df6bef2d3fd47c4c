'use strict';
// What readline needs to read a terminal: the control sequences it writes,
// character widths at a position, and the keypress decoder that turns the
// bytes a terminal sends (escape sequences, control characters, Alt as an
// ESC prefix) into { name, ctrl, meta, shift, sequence, code } events.

const kEscape = '\x1b';
const kUTF16SurrogateThreshold = 0x10000;

// Tagged template for Control Sequence Introducer strings: CSI`${n}G`.
function CSI(strings, ...args) {
  let ret = `${kEscape}[`;
  for (let n = 0; n < strings.length; n++) {
    ret += strings[n];
    if (n < args.length) ret += args[n];
  }
  return ret;
}
CSI.kEscape = kEscape;
CSI.kClearToLineBeginning = CSI`1K`;
CSI.kClearToLineEnd = CSI`0K`;
CSI.kClearLine = CSI`2K`;
CSI.kClearScreenDown = CSI`0J`;

// Code units taken by the character at i, and by the one ending before i.
function charLengthAt(str, i) {
  if (str.length <= i) return 1; // past the end: treat as one, so loops move on
  return str.codePointAt(i) >= kUTF16SurrogateThreshold ? 2 : 1;
}

function charLengthLeft(str, i) {
  if (i <= 0) return 0;
  if ((i > 1 && str.codePointAt(i - 2) >= kUTF16SurrogateThreshold) ||
      str.codePointAt(i - 1) >= kUTF16SurrogateThreshold) {
    return 2;
  }
  return 1;
}

function commonPrefix(strings) {
  if (strings.length === 0) return '';
  if (strings.length === 1) return strings[0];
  const sorted = strings.slice().sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  for (let i = 0; i < min.length; i++) {
    if (min[i] !== max[i]) return min.slice(0, i);
  }
  return min;
}

// Escape-sequence codes (what follows ESC) and the key each names.
const kKeyNames = {
  __proto__: null,
  // xterm/gnome ESC O letter, and ESC [ letter
  'OP': 'f1', 'OQ': 'f2', 'OR': 'f3', 'OS': 'f4',
  '[P': 'f1', '[Q': 'f2', '[R': 'f3', '[S': 'f4',
  // xterm/rxvt ESC [ number ~
  '[11~': 'f1', '[12~': 'f2', '[13~': 'f3', '[14~': 'f4', '[15~': 'f5',
  '[17~': 'f6', '[18~': 'f7', '[19~': 'f8', '[20~': 'f9', '[21~': 'f10',
  '[23~': 'f11', '[24~': 'f12',
  // the Linux console
  '[[A': 'f1', '[[B': 'f2', '[[C': 'f3', '[[D': 'f4', '[[E': 'f5',
  '[[5~': 'pageup', '[[6~': 'pagedown',
  // cursor keys and the editing block
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[E': 'clear', '[F': 'end', '[H': 'home',
  'OA': 'up', 'OB': 'down', 'OC': 'right', 'OD': 'left', 'OE': 'clear', 'OF': 'end', 'OH': 'home',
  '[1~': 'home', '[2~': 'insert', '[3~': 'delete', '[4~': 'end', '[5~': 'pageup', '[6~': 'pagedown',
  '[7~': 'home', '[8~': 'end',
  // rxvt: shift with lower-case letters after '[', ctrl after 'O'
  '[a': 'up', '[b': 'down', '[c': 'right', '[d': 'left', '[e': 'clear',
  'Oa': 'up', 'Ob': 'down', 'Oc': 'right', 'Od': 'left', 'Oe': 'clear',
  '[Z': 'tab',
  // bracketed paste
  '[200~': 'paste-start', '[201~': 'paste-end',
};
const kShiftCodes = new Set(['[a', '[b', '[c', '[d', '[e', '[Z']);
const kCtrlCodes = new Set(['Oa', 'Ob', 'Oc', 'Od', 'Oe']);

function isDigit(ch) {
  return ch >= '0' && ch <= '9';
}

// A generator fed one character at a time (gen.next(ch)); it emits
// 'keypress' (s, key) on stream for every key it recognizes. '' (sent when
// a lone ESC has waited long enough) ends a pending escape as the ESC key.
function* emitKeys(stream) {
  for (;;) {
    let ch = yield;
    let s = ch;
    let escaped = false;
    const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };

    if (ch === kEscape) {
      escaped = true;
      s += (ch = yield);
      if (ch === kEscape) s += (ch = yield);
    }

    if (escaped && (ch === 'O' || ch === '[')) {
      // An escape sequence: ESC O x, ESC [ params final, ESC [ [ x.
      let code = ch;
      let modifier = 0;
      if (ch === 'O') {
        s += (ch = yield);
        if (isDigit(ch)) {
          modifier = (ch | 0) - 1;
          s += (ch = yield);
        }
        code += ch;
      } else {
        s += (ch = yield);
        if (ch === '[') {
          code += ch;
          s += (ch = yield);
        }
        let params = '';
        while (isDigit(ch) || ch === ';') {
          params += ch;
          s += (ch = yield);
        }
        const parts = params === '' ? [] : params.split(';');
        if (ch === '~' || ch === '$' || ch === '^') {
          // ESC [ n ~ (rxvt: $ adds shift, ^ adds ctrl)
          code += `${parts[0] ?? ''}~`;
          if (parts.length > 1) modifier = (parts[1] | 0) - 1;
          if (ch === '$') modifier |= 1;
          else if (ch === '^') modifier |= 4;
        } else {
          // ESC [ 1 ; m letter (or ESC [ m letter)
          code += ch;
          if (parts.length > 1) modifier = (parts[1] | 0) - 1;
          else if (parts.length === 1 && parts[0] !== '') modifier = (parts[0] | 0) - 1;
        }
        if (modifier < 0) modifier = 0;
      }
      key.ctrl = Boolean(modifier & 4);
      key.meta = Boolean(modifier & 10);
      key.shift = Boolean(modifier & 1);
      key.code = code;
      key.name = kKeyNames[code];
      if (kShiftCodes.has(code)) key.shift = true;
      if (kCtrlCodes.has(code)) key.ctrl = true;
      if (key.name === undefined) key.name = 'undefined';
    } else if (ch === '\r') {
      key.name = 'return';
      key.meta = escaped;
    } else if (ch === '\n') {
      key.name = 'enter';
      key.meta = escaped;
    } else if (ch === '\t') {
      key.name = 'tab';
      key.meta = escaped;
    } else if (ch === '\b' || ch === '\x7f') {
      key.name = 'backspace';
      key.meta = escaped;
    } else if (ch === kEscape) {
      // ESC ESC: Alt+Escape
      key.name = 'escape';
      key.meta = escaped;
    } else if (ch === ' ') {
      key.name = 'space';
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a' && ch !== '') {
      // Ctrl+letter
      key.name = String.fromCharCode(ch.charCodeAt(0) + 'a'.charCodeAt(0) - 1);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = /^[A-Z]$/.test(ch);
      key.meta = escaped;
    } else if (escaped) {
      // ESC and something else: Alt+that, or the ESC key on its own.
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }

    key.sequence = s;
    if (s.length !== 0 && (key.name !== undefined || escaped)) {
      stream.emit('keypress', escaped ? undefined : s, key);
    } else if (charLengthAt(s, 0) === s.length) {
      // One character without a name ('.', 'é', an emoji)
      stream.emit('keypress', s, key);
    }
    // An unrecognized or broken sequence says nothing.
  }
}

module.exports = {
  CSI,
  charLengthAt,
  charLengthLeft,
  commonPrefix,
  emitKeys,
  kEscape,
};
