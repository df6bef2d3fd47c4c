'use strict';
// How many terminal columns a string takes, as Node's ICU-backed
// getStringWidth counts them: East Asian Wide and Fullwidth characters (and
// emoji shown as pictures) take two, control characters, combining and
// enclosing marks, format characters and emoji modifiers take none, the rest
// one. console.table pads its cells and util.inspect lines up grouped array
// entries with this, so it has to agree with Node column for column.

// Code points of width two, taken from ICU's East Asian Width and
// Emoji_Presentation data (the same data Node asks ICU about). Each range is
// "gap,length" in base 36: gap from the previous range's last code point to
// this range's first, length = last - first. Decoded on first use.
const kWideRanges =
  '3cw,2n 3i3,1 e,1 5b,3 4,0 3,0 ei,1 m,1 r,7 h,b 18,0 b,5 4,0 e,0 9,1 i,1 6,1 9,0 6,0 m,0 8,1 2,0 ' +
  '5,0 3,0 8,0 5,1 t,0 10,0 2,0 5,2 2,0 1q,2 p,0 f,0 nw,1 1g,0 5,0 mj,p 2,2g d,5x r,26 3,2d 3,2u ' +
  '6,16 2,2l 2,2d a,1b 2,13 9,mkc 4,1i wq,s hw,8mb 6l9,e7 lt,9 n,y 2,i 2,3 46,2n 3k,6 m4a,4 c,6 ' +
  'a,5p1 16,v 2q,36 6pq,3 2,6 2,1 2,82 g,0 u,2 3,0 f,3 9,az 6bp,2e a,m 5n2,0 5n,0 5b,0 3,9 24,s ' +
  'e,17 5,8 8,1 f,5 4b,w d,8 2,1x 2,l d,16 5,4 d,g 4,0 4,1y 2,0 2,56 3,1q e,3 2,n j,0 r,1 e,0 ' +
  '2f,2c 1d,1x 7,0 4,2 3,3 4,3 c,1 8,8 6c,b 5,0 7w,1a 2,9 2,54 35,c 4,a 4,1k 2,0 5,f 3,b 5,9 ' +
  'zs,1ekd 3,1ekd';

let wideStarts;
let wideEnds;

function decodeWideRanges() {
  const parts = kWideRanges.split(' ');
  wideStarts = new Uint32Array(parts.length);
  wideEnds = new Uint32Array(parts.length);
  let last = 0;
  for (let i = 0; i < parts.length; i++) {
    const comma = parts[i].indexOf(',');
    const first = last + parseInt(parts[i].slice(0, comma), 36);
    last = first + parseInt(parts[i].slice(comma + 1), 36);
    wideStarts[i] = first;
    wideEnds[i] = last;
  }
}

function isFullWidthCodePoint(code) {
  if (code < 0x1100) return false;
  if (wideStarts === undefined) decodeWideRanges();
  let lo = 0;
  let hi = wideStarts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (code < wideStarts[mid]) hi = mid - 1;
    else if (code > wideEnds[mid]) lo = mid + 1;
    else return true;
  }
  return false;
}

// Nonspacing and enclosing marks, format characters (soft hyphen excepted:
// terminals draw it), control characters and skin-tone modifiers.
const zeroWidthRegExp = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\p{Emoji_Modifier}]$/u;

function isZeroWidthCodePoint(code) {
  if (code < 0x7f) return code < 0x20;
  if (code === 0xad) return false;
  return zeroWidthRegExp.test(String.fromCodePoint(code));
}

// Matches every ANSI escape sequence (colours, cursor movement, OSC links).
const ansiRegExp = new RegExp(
  '[\\u001B\\u009B][[\\]()#;?]*' +
  '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*' +
  '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
  '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
  '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?' +
  '[\\dA-PR-TZcf-nq-uy=><~]))', 'g');

function stripVTControlCharacters(str) {
  if (typeof str !== 'string') {
    const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
    throw new ERR_INVALID_ARG_TYPE('str', 'string', str);
  }
  return str.replace(ansiRegExp, '');
}

function getStringWidth(str, removeControlChars = true) {
  if (removeControlChars) str = stripVTControlCharacters(str);
  let width = 0;
  let i = 0;
  // Plain ASCII needs no table: printable characters take one column.
  for (; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code >= 127) break;
    if (code >= 32) width++;
  }
  if (i === str.length) return width;
  // The rest is measured after NFC normalisation, as ICU sees it.
  for (const char of str.slice(i).normalize('NFC')) {
    const code = char.codePointAt(0);
    if (isFullWidthCodePoint(code)) width += 2;
    else if (!isZeroWidthCodePoint(code)) width++;
  }
  return width;
}

module.exports = {
  getStringWidth,
  isFullWidthCodePoint,
  isZeroWidthCodePoint,
  stripVTControlCharacters,
};
