'use strict';
// The WHATWG URL Standard (https://url.spec.whatwg.org/): the basic URL
// parser with its state overrides, host parsing (domains, IPv4 in all its
// number forms, IPv6, opaque hosts), the serializers, URL and
// URLSearchParams; and the file URL helpers the rest of shard uses
// (fileURLToPath, pathToFileURL, toPathIfFileURL, urlToHttpOptions).
//
// Where the standard and Node 22 differ, Node wins (it is what programs are
// tested against): the path percent-encode set leaves ^ alone, an opaque
// path keeps a space before ? or #, and blob: URLs have an origin only for
// http(s) inner URLs. Domain to ASCII uses internal/idna (its header says
// what is approximated there).
//
// The parser walks UTF-16 code units; input is made well-formed first (lone
// surrogates become U+FFFD, as USVString conversion does), so a surrogate
// pair is always whole and percent-encoding works on whole code points.

const {
  codes: {
    ERR_ARG_NOT_ITERABLE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_FILE_URL_HOST,
    ERR_INVALID_FILE_URL_PATH,
    ERR_INVALID_THIS,
    ERR_INVALID_TUPLE,
    ERR_INVALID_URL,
    ERR_INVALID_URL_SCHEME,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
let lazyInspectModule;
function inspectModule() {
  lazyInspectModule ??= require('internal/util/inspect');
  return lazyInspectModule;
}

// ---- code points and percent-encode sets ----

const kEOF = -1;
const CHAR_TAB = 0x09;
const CHAR_LF = 0x0a;
const CHAR_CR = 0x0d;
const CHAR_SPACE = 0x20;
const CHAR_HASH = 0x23;
const CHAR_PERCENT = 0x25;
const CHAR_DOT = 0x2e;
const CHAR_SLASH = 0x2f;
const CHAR_COLON = 0x3a;
const CHAR_QUESTION = 0x3f;
const CHAR_AT = 0x40;
const CHAR_LEFT_BRACKET = 0x5b;
const CHAR_BACKSLASH = 0x5c;
const CHAR_RIGHT_BRACKET = 0x5d;
const CHAR_PIPE = 0x7c;

// One bit per set, indexed by ASCII code; code points above 0x7F are in
// every set.
const kC0Set = 1;
const kFragmentSet = 2;
const kQuerySet = 4;
const kSpecialQuerySet = 8;
const kPathSet = 16;
const kUserinfoSet = 32;
const kComponentSet = 64;
const kFormSet = 128;
const kEncodeTable = new Uint8Array(128);
{
  const add = (bits, chars) => {
    for (const ch of chars) kEncodeTable[ch.charCodeAt(0)] |= bits;
  };
  for (let i = 0; i < 0x20; i++) kEncodeTable[i] = 0xff;
  kEncodeTable[0x7f] = 0xff;
  // Each set includes the ones after it in this list.
  const fromQuery = kQuerySet | kSpecialQuerySet | kPathSet | kUserinfoSet | kComponentSet | kFormSet;
  add(kFragmentSet | kPathSet | kUserinfoSet | kComponentSet | kFormSet, ' "<>`');
  add(fromQuery, ' "#<>');
  add(kSpecialQuerySet, "'");
  add(kPathSet | kUserinfoSet | kComponentSet | kFormSet, '?`{}');
  add(kUserinfoSet | kComponentSet | kFormSet, '/:;=@[\\]^|');
  add(kComponentSet | kFormSet, '$%&+,');
  add(kFormSet, "!'()~");
}

const kHex = '0123456789ABCDEF';
const kHexTable = [];
for (let i = 0; i < 256; i++) kHexTable.push(`%${kHex[i >> 4]}${kHex[i & 15]}`);

function isASCIIAlpha(c) {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isASCIIDigit(c) {
  return c >= 0x30 && c <= 0x39;
}
function isASCIIHex(c) {
  return isASCIIDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isSchemeChar(c) {
  return isASCIIAlpha(c) || isASCIIDigit(c) || c === 0x2b || c === 0x2d || c === CHAR_DOT;
}
function hexValue(c) {
  if (c <= 0x39) return c - 0x30;
  return (c | 0x20) - 0x61 + 10;
}

// UTF-8 percent-encodes the code points of `string` that are in `set`.
// spaceAsPlus: the application/x-www-form-urlencoded serializer's rule.
function percentEncode(string, set, spaceAsPlus = false) {
  let i = 0;
  const length = string.length;
  // Fast path: nothing to encode.
  for (; i < length; i++) {
    const c = string.charCodeAt(i);
    if (c >= 0x80 || (kEncodeTable[c] & set) !== 0) break;
  }
  if (i === length) return string;
  let out = string.slice(0, i);
  let last = i;
  for (; i < length; i++) {
    let c = string.charCodeAt(i);
    if (c < 0x80) {
      if ((kEncodeTable[c] & set) === 0) continue;
      if (last < i) out += string.slice(last, i);
      out += spaceAsPlus && c === CHAR_SPACE ? '+' : kHexTable[c];
      last = i + 1;
      continue;
    }
    if (last < i) out += string.slice(last, i);
    if (c < 0x800) {
      out += kHexTable[0xc0 | (c >> 6)] + kHexTable[0x80 | (c & 0x3f)];
    } else if (c < 0xd800 || c >= 0xe000) {
      out += kHexTable[0xe0 | (c >> 12)] + kHexTable[0x80 | ((c >> 6) & 0x3f)] +
        kHexTable[0x80 | (c & 0x3f)];
    } else {
      const next = i + 1 < length ? string.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && (next & 0xfc00) === 0xdc00) {
        c = 0x10000 + (((c & 0x3ff) << 10) | (next & 0x3ff));
        i++;
        out += kHexTable[0xf0 | (c >> 18)] + kHexTable[0x80 | ((c >> 12) & 0x3f)] +
          kHexTable[0x80 | ((c >> 6) & 0x3f)] + kHexTable[0x80 | (c & 0x3f)];
      } else {
        // A lone surrogate (only reachable from callers that did not make
        // the string well-formed): encoded as U+FFFD.
        out += '%EF%BF%BD';
      }
    }
    last = i + 1;
  }
  if (last < length) out += string.slice(last);
  return out;
}

// Appends the UTF-8 bytes of the code point at string[i] to `bytes`;
// returns how many code units it used.
function pushUTF8(bytes, string, i) {
  let c = string.charCodeAt(i);
  if (c < 0x80) {
    bytes.push(c);
    return 1;
  }
  if (c < 0x800) {
    bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    return 1;
  }
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < string.length) {
    const next = string.charCodeAt(i + 1);
    if ((next & 0xfc00) === 0xdc00) {
      c = 0x10000 + (((c & 0x3ff) << 10) | (next & 0x3ff));
      bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      return 2;
    }
  }
  if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
  bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  return 1;
}

// UTF-8 decode without BOM, with replacement (the Encoding Standard's
// decoder: each maximal invalid subpart becomes one U+FFFD).
function utf8Decode(bytes) {
  let out = '';
  let chunk = [];
  const flush = () => {
    out += String.fromCharCode.apply(null, chunk);
    chunk = [];
  };
  const length = bytes.length;
  for (let i = 0; i < length;) {
    const b = bytes[i];
    if (b < 0x80) {
      chunk.push(b);
      i++;
    } else {
      let needed = 0;
      let cp = 0;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x7;
      } else {
        chunk.push(0xfffd);
        i++;
        if (chunk.length > 8192) flush();
        continue;
      }
      let j = i + 1;
      let seen = 0;
      for (; seen < needed && j < length; seen++, j++) {
        const next = bytes[j];
        if (next < lower || next > upper) break;
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (next & 0x3f);
      }
      if (seen < needed) {
        chunk.push(0xfffd);
        i = j;
      } else {
        if (cp >= 0x10000) {
          cp -= 0x10000;
          chunk.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
        } else {
          chunk.push(cp);
        }
        i = j;
      }
    }
    if (chunk.length > 8192) flush();
  }
  flush();
  return out;
}

// Percent-decodes `string` (as UTF-8 bytes) and decodes the bytes as UTF-8.
// plusAsSpace: the form-urlencoded parser's rule.
function percentDecode(string, plusAsSpace = false) {
  let simple = true;
  for (let i = 0; i < string.length; i++) {
    const c = string.charCodeAt(i);
    if (c === CHAR_PERCENT || c >= 0x80 || (plusAsSpace && c === 0x2b)) {
      simple = false;
      break;
    }
  }
  if (simple) return string;
  const bytes = [];
  for (let i = 0; i < string.length;) {
    const c = string.charCodeAt(i);
    if (c === CHAR_PERCENT && i + 2 < string.length + 0 && isASCIIHex(string.charCodeAt(i + 1)) &&
        isASCIIHex(string.charCodeAt(i + 2))) {
      bytes.push((hexValue(string.charCodeAt(i + 1)) << 4) | hexValue(string.charCodeAt(i + 2)));
      i += 3;
    } else if (plusAsSpace && c === 0x2b) {
      bytes.push(CHAR_SPACE);
      i++;
    } else {
      i += pushUTF8(bytes, string, i);
    }
  }
  return utf8Decode(bytes);
}

const kSurrogate = /[\uD800-\uDFFF]/;
const kLoneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// WebIDL USVString conversion: lone surrogates become U+FFFD.
function toUSVString(value) {
  const string = `${value}`;
  if (!kSurrogate.test(string)) return string;
  return string.replace(kLoneSurrogate, '\uFFFD');
}

// ---- schemes ----

function isSpecialScheme(scheme) {
  switch (scheme) {
    case 'http': case 'https': case 'ws': case 'wss': case 'ftp': case 'file':
      return true;
    default:
      return false;
  }
}

function defaultPort(scheme) {
  switch (scheme) {
    case 'http': case 'ws': return 80;
    case 'https': case 'wss': return 443;
    case 'ftp': return 21;
    default: return null;
  }
}

// ---- hosts ----

// Forbidden host code points; forbidden domain code points add C0
// controls, % and DEL.
const kForbiddenHost = /[\0\t\n\r #/:<>?@[\\\]^|]/;
const kForbiddenDomain = /[\0-\x20#%/:<>?@[\\\]^|\x7f]/;

let lazyIdna;
function idna() {
  lazyIdna ??= require('internal/idna');
  return lazyIdna;
}

// Domain to ASCII with beStrict false; null on failure.
function domainToASCIIInternal(domain) {
  let ascii;
  let needsIdna = false;
  for (let i = 0; i < domain.length; i++) {
    if (domain.charCodeAt(i) >= 0x80) {
      needsIdna = true;
      break;
    }
  }
  if (!needsIdna) {
    ascii = domain.toLowerCase();
    // Labels starting with xn-- must be valid punycode.
    if (ascii.startsWith('xn--') || ascii.includes('.xn--')) needsIdna = true;
  }
  if (needsIdna) {
    ascii = idna().toASCII(domain);
    if (ascii === null) return null;
  }
  if (ascii === '' || kForbiddenDomain.test(ascii)) return null;
  return ascii;
}

// An IPv4 number (decimal, 0x hex, 0 octal); -1 on failure.
function parseIPv4Number(input) {
  if (input === '') return -1;
  let radix = 10;
  let start = 0;
  if (input.length >= 2 && input.charCodeAt(0) === 0x30 && (input.charCodeAt(1) | 0x20) === 0x78) {
    radix = 16;
    start = 2;
  } else if (input.length >= 2 && input.charCodeAt(0) === 0x30) {
    radix = 8;
    start = 1;
  }
  if (start === input.length) return 0;
  let value = 0;
  for (let i = start; i < input.length; i++) {
    const c = input.charCodeAt(i);
    let digit;
    if (radix === 16) {
      if (!isASCIIHex(c)) return -1;
      digit = hexValue(c);
    } else {
      if (!isASCIIDigit(c)) return -1;
      digit = c - 0x30;
      if (digit >= radix) return -1;
    }
    value = value * radix + digit;
  }
  return value;
}

function endsInANumber(input) {
  let end = input.length;
  // One trailing dot is ignored (unless it is all there is).
  if (end > 1 && input.charCodeAt(end - 1) === CHAR_DOT) end--;
  const start = input.lastIndexOf('.', end - 1) + 1;
  if (start >= end) return false;
  // Every IPv4 number, hex and octal included, starts with a digit.
  if (!isASCIIDigit(input.charCodeAt(start))) return false;
  let allDigits = true;
  for (let i = start; i < end; i++) {
    if (!isASCIIDigit(input.charCodeAt(i))) {
      allDigits = false;
      break;
    }
  }
  return allDigits || parseIPv4Number(input.slice(start, end)) !== -1;
}

// The IPv4 address as a 32-bit number; -1 on failure.
function parseIPv4(input) {
  let end = input.length;
  // One trailing dot is allowed.
  if (end > 1 && input.charCodeAt(end - 1) === CHAR_DOT) end--;
  const numbers = [];
  let start = 0;
  for (;;) {
    let dot = input.indexOf('.', start);
    if (dot === -1 || dot > end) dot = end;
    if (numbers.length === 4) return -1;
    const n = parseIPv4Number(input.slice(start, dot));
    if (n === -1) return -1;
    numbers.push(n);
    if (dot >= end) break;
    start = dot + 1;
  }
  for (let i = 0; i < numbers.length - 1; i++) {
    if (numbers[i] > 255) return -1;
  }
  const last = numbers[numbers.length - 1];
  if (last >= 256 ** (5 - numbers.length)) return -1;
  let ipv4 = last;
  for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
  return ipv4;
}

function serializeIPv4(address) {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

// The eight 16-bit pieces of an IPv6 address; null on failure.
function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress = -1;
  let pointer = 0;
  const length = input.length;
  const at = (i) => (i < length ? input.charCodeAt(i) : kEOF);
  if (at(0) === CHAR_COLON) {
    if (at(1) !== CHAR_COLON) return null;
    pointer += 2;
    pieceIndex++;
    compress = pieceIndex;
  }
  while (at(pointer) !== kEOF) {
    if (pieceIndex === 8) return null;
    if (at(pointer) === CHAR_COLON) {
      if (compress !== -1) return null;
      pointer++;
      pieceIndex++;
      compress = pieceIndex;
      continue;
    }
    let value = 0;
    let digits = 0;
    while (digits < 4 && isASCIIHex(at(pointer))) {
      value = value * 0x10 + hexValue(at(pointer));
      pointer++;
      digits++;
    }
    if (at(pointer) === CHAR_DOT) {
      if (digits === 0) return null;
      pointer -= digits;
      if (pieceIndex > 6) return null;
      let numbersSeen = 0;
      while (at(pointer) !== kEOF) {
        let ipv4Piece = -1;
        if (numbersSeen > 0) {
          if (at(pointer) === CHAR_DOT && numbersSeen < 4) pointer++;
          else return null;
        }
        if (!isASCIIDigit(at(pointer))) return null;
        while (isASCIIDigit(at(pointer))) {
          const number = at(pointer) - 0x30;
          if (ipv4Piece === -1) ipv4Piece = number;
          else if (ipv4Piece === 0) return null;
          else ipv4Piece = ipv4Piece * 10 + number;
          if (ipv4Piece > 255) return null;
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return null;
      break;
    } else if (at(pointer) === CHAR_COLON) {
      pointer++;
      if (at(pointer) === kEOF) return null;
    } else if (at(pointer) !== kEOF) {
      return null;
    }
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== -1) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const tmp = address[compress + swaps - 1];
      address[compress + swaps - 1] = address[pieceIndex];
      address[pieceIndex] = tmp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return null;
  }
  return address;
}

function serializeIPv6(address) {
  // The first longest run of two or more zero pieces is compressed.
  let compress = -1;
  let longest = 1;
  for (let i = 0; i < 8;) {
    if (address[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > longest) {
      longest = j - i;
      compress = i;
    }
    i = j;
  }
  let out = '';
  let ignore0 = false;
  for (let i = 0; i < 8; i++) {
    if (ignore0 && address[i] === 0) continue;
    ignore0 = false;
    if (compress === i) {
      out += i === 0 ? '::' : ':';
      ignore0 = true;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ':';
  }
  return out;
}

function isPlainDomain(input) {
  const length = input.length;
  if (length === 0) return false;
  let labelStart = 0;
  for (let i = 0; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c === CHAR_DOT) {
      labelStart = i + 1;
    } else if (c === 0x2d) {
      // xn-- labels need IDNA validation.
      if (i === labelStart + 2 && input.charCodeAt(labelStart) === 0x78 && input.charCodeAt(labelStart + 1) === 0x6e) {
        return false;
      }
    } else if (!((c >= 0x61 && c <= 0x7a) || isASCIIDigit(c))) {
      return false;
    }
  }
  // The last label (before a trailing dot) must start with a letter or -.
  let end = length;
  if (input.charCodeAt(end - 1) === CHAR_DOT) end--;
  if (end === 0) return false;
  const last = input.lastIndexOf('.', end - 1) + 1;
  return last < end && !isASCIIDigit(input.charCodeAt(last));
}

// The host parser: the serialized host, or null on failure.
function parseHost(input, isOpaque) {
  if (input.charCodeAt(0) === CHAR_LEFT_BRACKET) {
    if (input.charCodeAt(input.length - 1) !== CHAR_RIGHT_BRACKET) return null;
    const address = parseIPv6(input.slice(1, -1));
    return address === null ? null : `[${serializeIPv6(address)}]`;
  }
  if (isOpaque) {
    if (kForbiddenHost.test(input)) return null;
    return percentEncode(input, kC0Set);
  }
  // Fast path: an already-normal domain (lowercase letters, digits, - and
  // dots, no xn-- label) whose last label cannot be a number.
  if (isPlainDomain(input)) return input;
  const domain = percentDecode(input);
  const ascii = domainToASCIIInternal(domain);
  if (ascii === null) return null;
  if (endsInANumber(ascii)) {
    const address = parseIPv4(ascii);
    return address === -1 ? null : serializeIPv4(address);
  }
  return ascii;
}

// ---- URL records ----

// path: an array of segments, or a string for an opaque path.
function newRecord() {
  return {
    scheme: '',
    username: '',
    password: '',
    host: null,
    port: null,
    path: [],
    query: null,
    fragment: null,
  };
}

function cloneRecord(record) {
  return {
    scheme: record.scheme,
    username: record.username,
    password: record.password,
    host: record.host,
    port: record.port,
    path: typeof record.path === 'string' ? record.path : record.path.slice(),
    query: record.query,
    fragment: record.fragment,
  };
}

function hasOpaquePath(record) {
  return typeof record.path === 'string';
}

function includesCredentials(record) {
  return record.username !== '' || record.password !== '';
}

function cannotHaveCredentialsOrPort(record) {
  return record.host === null || record.host === '' || record.scheme === 'file';
}

function isWindowsDriveLetter(string, normalizedOnly = false) {
  if (string.length !== 2 || !isASCIIAlpha(string.charCodeAt(0))) return false;
  const second = string.charCodeAt(1);
  return second === CHAR_COLON || (!normalizedOnly && second === CHAR_PIPE);
}

function startsWithWindowsDriveLetter(input, pointer) {
  if (input.length - pointer < 2) return false;
  if (!isASCIIAlpha(input.charCodeAt(pointer))) return false;
  const second = input.charCodeAt(pointer + 1);
  if (second !== CHAR_COLON && second !== CHAR_PIPE) return false;
  if (input.length - pointer === 2) return true;
  const third = input.charCodeAt(pointer + 2);
  return third === CHAR_SLASH || third === CHAR_BACKSLASH || third === CHAR_QUESTION || third === CHAR_HASH;
}

function shortenPath(record) {
  const { path } = record;
  if (record.scheme === 'file' && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
  path.pop();
}

function isSingleDot(segment) {
  return segment === '.' || (segment.length === 3 && segment.toLowerCase() === '%2e');
}

function isDoubleDot(segment) {
  switch (segment.length) {
    case 2: return segment === '..';
    case 4: {
      const lower = segment.toLowerCase();
      return lower === '.%2e' || lower === '%2e.';
    }
    case 6: return segment.toLowerCase() === '%2e%2e';
    default: return false;
  }
}

// ---- the basic URL parser ----

const kSchemeStart = 1;
const kScheme = 2;
const kNoScheme = 3;
const kSpecialRelativeOrAuthority = 4;
const kPathOrAuthority = 5;
const kRelative = 6;
const kRelativeSlash = 7;
const kSpecialAuthoritySlashes = 8;
const kSpecialAuthorityIgnoreSlashes = 9;
const kAuthority = 10;
const kHost = 11;
const kHostname = 12;
const kPort = 13;
const kFile = 14;
const kFileSlash = 15;
const kFileHost = 16;
const kPathStart = 17;
const kPath = 18;
const kOpaquePath = 19;
const kQuery = 20;
const kFragment = 21;

// C0 controls and space at either end are trimmed; tabs and newlines
// anywhere are removed.
function trimControlAndSpace(input) {
  let start = 0;
  let end = input.length;
  while (start < end && input.charCodeAt(start) <= CHAR_SPACE) start++;
  while (end > start && input.charCodeAt(end - 1) <= CHAR_SPACE) end--;
  return start === 0 && end === input.length ? input : input.slice(start, end);
}

const kTabOrNewline = /[\t\n\r]/g;
function removeTabAndNewline(input) {
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === CHAR_TAB || c === CHAR_LF || c === CHAR_CR) return input.replace(kTabOrNewline, '');
  }
  return input;
}

// Returns the URL record, or null on failure. With a state override it
// updates `url` in place and returns it (null on failure, which setters
// ignore). `input` must be well-formed.
function basicParse(input, base, url = null, stateOverride = 0) {
  if (url === null) {
    url = newRecord();
    input = trimControlAndSpace(input);
  }
  input = removeTabAndNewline(input);
  let state = stateOverride || kSchemeStart;
  let buffer = '';
  let insideBrackets = false;
  const length = input.length;
  let special = isSpecialScheme(url.scheme);
  let pointer = 0;

  for (;;) {
    const c = pointer < length ? input.charCodeAt(pointer) : kEOF;
    switch (state) {
      case kSchemeStart:
        if (isASCIIAlpha(c)) {
          state = kScheme;
          pointer--;
        } else if (!stateOverride) {
          state = kNoScheme;
          pointer--;
        } else {
          return null;
        }
        break;

      case kScheme:
        if (isSchemeChar(c)) {
          // The rest of the scheme at once.
          let end = pointer + 1;
          while (end < length && isSchemeChar(input.charCodeAt(end))) end++;
          buffer += input.slice(pointer, end).toLowerCase();
          pointer = end - 1;
        } else if (c === CHAR_COLON) {
          if (stateOverride) {
            const bufferSpecial = isSpecialScheme(buffer);
            if (special !== bufferSpecial) return url;
            if ((includesCredentials(url) || url.port !== null) && buffer === 'file') return url;
            if (url.scheme === 'file' && url.host === '') return url;
          }
          url.scheme = buffer;
          special = isSpecialScheme(buffer);
          if (stateOverride) {
            if (url.port === defaultPort(url.scheme)) url.port = null;
            return url;
          }
          buffer = '';
          if (url.scheme === 'file') {
            state = kFile;
          } else if (special && base !== null && base.scheme === url.scheme) {
            state = kSpecialRelativeOrAuthority;
          } else if (special) {
            state = kSpecialAuthoritySlashes;
          } else if (pointer + 1 < length && input.charCodeAt(pointer + 1) === CHAR_SLASH) {
            state = kPathOrAuthority;
            pointer++;
          } else {
            url.path = '';
            state = kOpaquePath;
          }
        } else if (!stateOverride) {
          buffer = '';
          state = kNoScheme;
          pointer = -1;
        } else {
          return null;
        }
        break;

      case kNoScheme:
        if (base === null || (hasOpaquePath(base) && c !== CHAR_HASH)) return null;
        if (hasOpaquePath(base) && c === CHAR_HASH) {
          url.scheme = base.scheme;
          special = isSpecialScheme(url.scheme);
          url.path = base.path;
          url.query = base.query;
          url.fragment = '';
          state = kFragment;
        } else if (base.scheme !== 'file') {
          state = kRelative;
          pointer--;
        } else {
          state = kFile;
          pointer--;
        }
        break;

      case kSpecialRelativeOrAuthority:
        if (c === CHAR_SLASH && pointer + 1 < length && input.charCodeAt(pointer + 1) === CHAR_SLASH) {
          state = kSpecialAuthorityIgnoreSlashes;
          pointer++;
        } else {
          state = kRelative;
          pointer--;
        }
        break;

      case kPathOrAuthority:
        if (c === CHAR_SLASH) {
          state = kAuthority;
        } else {
          state = kPath;
          pointer--;
        }
        break;

      case kRelative:
        url.scheme = base.scheme;
        special = isSpecialScheme(url.scheme);
        if (c === CHAR_SLASH) {
          state = kRelativeSlash;
        } else if (special && c === CHAR_BACKSLASH) {
          state = kRelativeSlash;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === CHAR_QUESTION) {
            url.query = '';
            state = kQuery;
          } else if (c === CHAR_HASH) {
            url.fragment = '';
            state = kFragment;
          } else if (c !== kEOF) {
            url.query = null;
            shortenPath(url);
            state = kPath;
            pointer--;
          }
        }
        break;

      case kRelativeSlash:
        if (special && (c === CHAR_SLASH || c === CHAR_BACKSLASH)) {
          state = kSpecialAuthorityIgnoreSlashes;
        } else if (c === CHAR_SLASH) {
          state = kAuthority;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = kPath;
          pointer--;
        }
        break;

      case kSpecialAuthoritySlashes:
        if (c === CHAR_SLASH && pointer + 1 < length && input.charCodeAt(pointer + 1) === CHAR_SLASH) {
          state = kSpecialAuthorityIgnoreSlashes;
          pointer++;
        } else {
          state = kSpecialAuthorityIgnoreSlashes;
          pointer--;
        }
        break;

      case kSpecialAuthorityIgnoreSlashes:
        if (c !== CHAR_SLASH && c !== CHAR_BACKSLASH) {
          state = kAuthority;
          pointer--;
        }
        break;

      case kAuthority: {
        // The authority runs to the first /, ?, # (or \ in special URLs);
        // everything up to its last @ is userinfo. Percent-encoding the
        // whole userinfo at once gives what the standard's @-by-@ loop
        // gives (earlier @ become %40, the first : splits user and password).
        let end = pointer;
        let lastAt = -1;
        for (; end < length; end++) {
          const d = input.charCodeAt(end);
          if (d === CHAR_SLASH || d === CHAR_QUESTION || d === CHAR_HASH || (special && d === CHAR_BACKSLASH)) break;
          if (d === CHAR_AT) lastAt = end;
        }
        if (lastAt !== -1) {
          // An @ with no host after it.
          if (lastAt + 1 === end) return null;
          const userinfo = input.slice(pointer, lastAt);
          const colon = userinfo.indexOf(':');
          if (colon === -1) {
            url.username += percentEncode(userinfo, kUserinfoSet);
          } else {
            url.username += percentEncode(userinfo.slice(0, colon), kUserinfoSet);
            url.password += percentEncode(userinfo.slice(colon + 1), kUserinfoSet);
          }
          pointer = lastAt;
        } else {
          pointer--;
        }
        state = kHost;
        break;
      }

      case kHost:
      case kHostname:
        if (stateOverride && url.scheme === 'file') {
          pointer--;
          state = kFileHost;
        } else if (c === CHAR_COLON && !insideBrackets) {
          if (buffer === '') return null;
          if (stateOverride === kHostname) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.host = host;
          buffer = '';
          state = kPort;
        } else if (c === kEOF || c === CHAR_SLASH || c === CHAR_QUESTION || c === CHAR_HASH ||
                   (special && c === CHAR_BACKSLASH)) {
          pointer--;
          if (special && buffer === '') return null;
          if (stateOverride && buffer === '' && (includesCredentials(url) || url.port !== null)) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.host = host;
          buffer = '';
          state = kPathStart;
          if (stateOverride) return url;
        } else {
          // Up to the next : outside brackets or delimiter.
          let end = pointer;
          for (; end < length; end++) {
            const d = input.charCodeAt(end);
            if (d === CHAR_LEFT_BRACKET) insideBrackets = true;
            else if (d === CHAR_RIGHT_BRACKET) insideBrackets = false;
            else if ((d === CHAR_COLON && !insideBrackets) || d === CHAR_SLASH || d === CHAR_QUESTION ||
                     d === CHAR_HASH || (special && d === CHAR_BACKSLASH)) {
              break;
            }
          }
          buffer += input.slice(pointer, end);
          pointer = end - 1;
        }
        break;

      case kPort:
        if (isASCIIDigit(c)) {
          let end = pointer + 1;
          while (end < length && isASCIIDigit(input.charCodeAt(end))) end++;
          buffer += input.slice(pointer, end);
          pointer = end - 1;
        } else if (c === kEOF || c === CHAR_SLASH || c === CHAR_QUESTION || c === CHAR_HASH ||
                   (special && c === CHAR_BACKSLASH) || stateOverride) {
          if (buffer !== '') {
            let port = 0;
            for (let i = 0; i < buffer.length; i++) {
              port = port * 10 + (buffer.charCodeAt(i) - 0x30);
              if (port > 65535) return null;
            }
            url.port = port === defaultPort(url.scheme) ? null : port;
            buffer = '';
            if (stateOverride) return url;
          }
          if (stateOverride) return null;
          state = kPathStart;
          pointer--;
        } else {
          return null;
        }
        break;

      case kFile:
        url.scheme = 'file';
        special = true;
        url.host = '';
        if (c === CHAR_SLASH || c === CHAR_BACKSLASH) {
          state = kFileSlash;
        } else if (base !== null && base.scheme === 'file') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === CHAR_QUESTION) {
            url.query = '';
            state = kQuery;
          } else if (c === CHAR_HASH) {
            url.fragment = '';
            state = kFragment;
          } else if (c !== kEOF) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(input, pointer)) shortenPath(url);
            else url.path = [];
            state = kPath;
            pointer--;
          }
        } else {
          state = kPath;
          pointer--;
        }
        break;

      case kFileSlash:
        if (c === CHAR_SLASH || c === CHAR_BACKSLASH) {
          state = kFileHost;
        } else {
          if (base !== null && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(input, pointer) && base.path.length > 0 &&
                isWindowsDriveLetter(base.path[0], true)) {
              url.path.push(base.path[0]);
            }
          }
          state = kPath;
          pointer--;
        }
        break;

      case kFileHost:
        if (c === kEOF || c === CHAR_SLASH || c === CHAR_BACKSLASH || c === CHAR_QUESTION || c === CHAR_HASH) {
          pointer--;
          if (!stateOverride && isWindowsDriveLetter(buffer)) {
            // The buffer is kept: it becomes the first path segment.
            state = kPath;
          } else if (buffer === '') {
            url.host = '';
            if (stateOverride) return url;
            state = kPathStart;
          } else {
            let host = parseHost(buffer, !special);
            if (host === null) return null;
            if (host === 'localhost') host = '';
            url.host = host;
            if (stateOverride) return url;
            buffer = '';
            state = kPathStart;
          }
        } else {
          buffer += input[pointer];
        }
        break;

      case kPathStart:
        if (special) {
          state = kPath;
          if (c !== CHAR_SLASH && c !== CHAR_BACKSLASH) pointer--;
        } else if (!stateOverride && c === CHAR_QUESTION) {
          url.query = '';
          state = kQuery;
        } else if (!stateOverride && c === CHAR_HASH) {
          url.fragment = '';
          state = kFragment;
        } else if (c !== kEOF) {
          state = kPath;
          if (c !== CHAR_SLASH) pointer--;
        } else if (stateOverride && url.host === null) {
          url.path.push('');
        }
        break;

      case kPath: {
        // A whole segment at a time: up to the next delimiter.
        let end = pointer;
        if (c !== kEOF) {
          for (; end < length; end++) {
            const d = input.charCodeAt(end);
            if (d === CHAR_SLASH || (special && d === CHAR_BACKSLASH) ||
                (!stateOverride && (d === CHAR_QUESTION || d === CHAR_HASH))) {
              break;
            }
          }
          if (end > pointer) {
            buffer += input.slice(pointer, end);
            pointer = end - 1;
            break;
          }
        }
        const slash = c === CHAR_SLASH || (special && c === CHAR_BACKSLASH);
        if (isDoubleDot(buffer)) {
          shortenPath(url);
          if (!slash) url.path.push('');
        } else if (isSingleDot(buffer)) {
          if (!slash) url.path.push('');
        } else {
          if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
            buffer = `${buffer[0]}:`;
          }
          url.path.push(percentEncode(buffer, kPathSet));
        }
        buffer = '';
        if (c === CHAR_QUESTION) {
          url.query = '';
          state = kQuery;
        } else if (c === CHAR_HASH) {
          url.fragment = '';
          state = kFragment;
        }
        break;
      }

      case kOpaquePath: {
        let end = pointer;
        while (end < length) {
          const d = input.charCodeAt(end);
          if (d === CHAR_QUESTION || d === CHAR_HASH) break;
          end++;
        }
        if (end > pointer) {
          url.path += percentEncode(input.slice(pointer, end), kC0Set);
          pointer = end - 1;
          break;
        }
        if (c === CHAR_QUESTION) {
          url.query = '';
          state = kQuery;
        } else if (c === CHAR_HASH) {
          url.fragment = '';
          state = kFragment;
        }
        break;
      }

      case kQuery: {
        let end = pointer;
        while (end < length && (stateOverride || input.charCodeAt(end) !== CHAR_HASH)) end++;
        url.query += percentEncode(input.slice(pointer, end), special ? kSpecialQuerySet : kQuerySet);
        pointer = end;
        if (pointer < length) {
          url.fragment = '';
          state = kFragment;
        }
        break;
      }

      case kFragment:
        if (c !== kEOF) {
          url.fragment += percentEncode(input.slice(pointer), kFragmentSet);
          pointer = length;
        }
        break;

      default:
        throw new Error(`unreachable URL parser state ${state}`);
    }
    if (pointer >= length) break;
    pointer++;
  }
  return url;
}

// ---- serializers ----

function serializePath(record) {
  const { path } = record;
  if (typeof path === 'string') return path;
  let out = '';
  for (let i = 0; i < path.length; i++) out += `/${path[i]}`;
  return out;
}

function serializeURL(record, excludeFragment = false) {
  let out = `${record.scheme}:`;
  if (record.host !== null) {
    out += '//';
    if (includesCredentials(record)) {
      out += record.username;
      if (record.password !== '') out += `:${record.password}`;
      out += '@';
    }
    out += record.host;
    if (record.port !== null) out += `:${record.port}`;
  } else if (!hasOpaquePath(record) && record.path.length > 1 && record.path[0] === '') {
    out += '/.';
  }
  out += serializePath(record);
  if (record.query !== null) out += `?${record.query}`;
  if (!excludeFragment && record.fragment !== null) out += `#${record.fragment}`;
  return out;
}

function serializeOrigin(record) {
  switch (record.scheme) {
    case 'blob': {
      if (hasOpaquePath(record)) {
        const inner = basicParse(record.path, null);
        if (inner !== null && (inner.scheme === 'http' || inner.scheme === 'https')) {
          return serializeOrigin(inner);
        }
      }
      return 'null';
    }
    case 'ftp':
    case 'http':
    case 'https':
    case 'ws':
    case 'wss':
      return `${record.scheme}://${record.host}${record.port === null ? '' : `:${record.port}`}`;
    default:
      return 'null';
  }
}

// Potentially strip trailing spaces from an opaque path.
function stripTrailingSpacesFromOpaquePath(record) {
  if (!hasOpaquePath(record) || record.fragment !== null || record.query !== null) return;
  let end = record.path.length;
  while (end > 0 && record.path.charCodeAt(end - 1) === CHAR_SPACE) end--;
  record.path = record.path.slice(0, end);
}

// ---- application/x-www-form-urlencoded ----

// A flat list [name0, value0, name1, value1, ...].
function parseParams(input) {
  const list = [];
  if (input === '') return list;
  let start = 0;
  const length = input.length;
  while (start <= length) {
    let end = input.indexOf('&', start);
    if (end === -1) end = length;
    if (end > start) {
      const eq = input.indexOf('=', start);
      let name;
      let value;
      if (eq === -1 || eq >= end) {
        name = input.slice(start, end);
        value = '';
      } else {
        name = input.slice(start, eq);
        value = input.slice(eq + 1, end);
      }
      list.push(percentDecode(name, true), percentDecode(value, true));
    }
    start = end + 1;
  }
  return list;
}

function serializeParams(list) {
  let out = '';
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0) out += '&';
    out += `${percentEncode(list[i], kFormSet, true)}=${percentEncode(list[i + 1], kFormSet, true)}`;
  }
  return out;
}

// ---- URLSearchParams ----

let getParamsList;
let setParamsList;

class URLSearchParams {
  #list = [];
  // The URL object whose query this object mirrors, or null.
  #owner = null;

  constructor(init = undefined) {
    if (init === undefined || init === null) {
      // Empty.
    } else if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method !== undefined && method !== null) {
        if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE('Query pairs');
        for (const pair of init) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null ||
              typeof pair[Symbol.iterator] !== 'function') {
            throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          }
          const converted = [];
          for (const element of pair) converted.push(toUSVString(element));
          if (converted.length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          this.#list.push(converted[0], converted[1]);
        }
      } else {
        // record<USVString, USVString>: later keys that convert to the same
        // string replace the value of the first.
        const seen = new Map();
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable) continue;
          const name = toUSVString(key);
          const value = toUSVString(init[key]);
          const index = seen.get(name);
          if (index === undefined) {
            seen.set(name, this.#list.length);
            this.#list.push(name, value);
          } else {
            this.#list[index + 1] = value;
          }
        }
      }
    } else {
      let string = toUSVString(init);
      if (string.charCodeAt(0) === CHAR_QUESTION) string = string.slice(1);
      this.#list = parseParams(string);
    }
  }

  static {
    getParamsList = (params) => params.#list;
    setParamsList = (params, list, owner) => {
      params.#list = list;
      if (owner !== undefined) params.#owner = owner;
    };
  }

  // The update steps: the URL's query follows the list.
  #update() {
    if (this.#owner !== null) updateQueryFromParams(this.#owner, serializeParams(this.#list));
  }

  get size() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return this.#list.length / 2;
  }

  append(name, value) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    this.#list.push(toUSVString(name), toUSVString(value));
    this.#update();
  }

  delete(name, value = undefined) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSVString(name);
    if (value !== undefined) {
      value = toUSVString(value);
      for (let i = 0; i < list.length;) {
        if (list[i] === name && list[i + 1] === value) list.splice(i, 2);
        else i += 2;
      }
    } else {
      for (let i = 0; i < list.length;) {
        if (list[i] === name) list.splice(i, 2);
        else i += 2;
      }
    }
    this.#update();
  }

  get(name) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSVString(name);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1];
    }
    return null;
  }

  getAll(name) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    const values = [];
    name = toUSVString(name);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) values.push(list[i + 1]);
    }
    return values;
  }

  has(name, value = undefined) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    const list = this.#list;
    name = toUSVString(name);
    value = toUSVString(value);
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] !== name) {
        i += 2;
      } else if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    }
    if (!found) list.push(name, value);
    this.#update();
  }

  sort() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    // Array.prototype.sort is stable; names compare by UTF-16 code units.
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 0; i < pairs.length; i++) {
      list[2 * i] = pairs[i][0];
      list[2 * i + 1] = pairs[i][1];
    }
    this.#update();
  }

  entries() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return new URLSearchParamsIterator(this, 'key+value');
  }

  forEach(callback, thisArg = undefined) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    validateFunction(callback, 'callback');
    // Live: entries added or removed by the callback are seen.
    for (let i = 0; i < this.#list.length; i += 2) {
      const list = this.#list;
      Reflect.apply(callback, thisArg, [list[i + 1], list[i], this]);
    }
  }

  keys() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return new URLSearchParamsIterator(this, 'key');
  }

  values() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return new URLSearchParamsIterator(this, 'value');
  }

  toString() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return serializeParams(this.#list);
  }

  [kInspect](recurseTimes, ctx) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    const { inspect } = inspectModule();
    if (typeof recurseTimes === 'number' && recurseTimes < 0) {
      return ctx?.stylize ? ctx.stylize('[Object]', 'special') : '[Object]';
    }
    const options = { ...ctx };
    if (typeof recurseTimes === 'number') options.depth = recurseTimes - 1;
    const list = this.#list;
    const output = [];
    for (let i = 0; i < list.length; i += 2) {
      output.push(`${inspect(list[i], options)} => ${inspect(list[i + 1], options)}`);
    }
    const name = this.constructor?.name ?? 'URLSearchParams';
    if (output.length === 0) return `${name} {}`;
    const { stripVTControlCharacters } = inspectModule();
    let width = -2;
    for (const entry of output) width += stripVTControlCharacters(entry).length + 2;
    const breakLength = ctx?.breakLength ?? 80;
    if (width > breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
    return `${name} { ${output.join(', ')} }`;
  }

  static isSearchParams(value) {
    return typeof value === 'object' && value !== null && #list in value;
  }
}

const isSearchParams = URLSearchParams.isSearchParams;
delete URLSearchParams.isSearchParams;

// %URLSearchParamsIteratorPrototype%: live over the list.
class URLSearchParamsIterator {
  #params;
  #kind;
  #index = 0;
  constructor(params, kind) {
    this.#params = params;
    this.#kind = kind;
  }

  next() {
    if (typeof this !== 'object' || this === null || !(#params in this)) {
      throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    }
    const list = getParamsList(this.#params);
    const index = this.#index;
    if (index >= list.length) return { value: undefined, done: true };
    this.#index = index + 2;
    const name = list[index];
    const value = list[index + 1];
    if (this.#kind === 'key') return { value: name, done: false };
    if (this.#kind === 'value') return { value, done: false };
    return { value: [name, value], done: false };
  }

  [kInspect](recurseTimes, ctx) {
    if (typeof this !== 'object' || this === null || !(#params in this)) {
      throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    }
    const { inspect } = inspectModule();
    const options = { ...ctx };
    if (typeof recurseTimes === 'number') options.depth = recurseTimes - 1;
    const list = getParamsList(this.#params);
    const items = [];
    for (let i = this.#index; i < list.length; i += 2) {
      if (this.#kind === 'key') items.push(list[i]);
      else if (this.#kind === 'value') items.push(list[i + 1]);
      else items.push([list[i], list[i + 1]]);
    }
    const multiline = inspect(items, options).includes('\n');
    const strings = items.map((item) => inspect(item, options));
    const body = multiline ? `\n  ${strings.join(',\n  ')}` : ` ${strings.join(', ')}`;
    return `URLSearchParams Iterator {${body} }`;
  }
}

Object.setPrototypeOf(URLSearchParamsIterator.prototype,
                      Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
delete URLSearchParamsIterator.prototype.constructor;
Object.defineProperties(URLSearchParamsIterator.prototype, {
  next: { enumerable: true },
  [Symbol.toStringTag]: { value: 'URLSearchParams Iterator', writable: false, enumerable: false, configurable: true },
});

// ---- URL ----

let getRecord;
let updateQueryFromParams;

// Passed by URL.parse to the constructor with a ready record.
const kFromRecord = Symbol('kFromRecord');

class URL {
  #record;
  #href = null;
  #searchParams = null;

  constructor(input, base = undefined) {
    if (input === kFromRecord) {
      this.#record = base;
      return;
    }
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = toUSVString(input);
    let baseRecord = null;
    if (base !== undefined) {
      base = toUSVString(base);
      baseRecord = basicParse(base, null);
      if (baseRecord === null) throw new ERR_INVALID_URL(input, base);
    }
    const record = basicParse(input, baseRecord);
    if (record === null) throw new ERR_INVALID_URL(input, base);
    this.#record = record;
  }

  static {
    getRecord = (url) => url.#record;
    updateQueryFromParams = (url, query) => {
      const record = url.#record;
      record.query = query === '' ? null : query;
      if (record.query === null) stripTrailingSpacesFromOpaquePath(record);
      url.#href = null;
    };
  }

  // After a setter: the cached href is stale.
  #changed() {
    this.#href = null;
  }

  // Setters that replace the query refresh the search params' list.
  #syncSearchParams() {
    if (this.#searchParams !== null) {
      const { query } = this.#record;
      setParamsList(this.#searchParams, query === null ? [] : parseParams(query));
    }
  }

  toString() {
    return this.#serialize();
  }

  #serialize() {
    this.#href ??= serializeURL(this.#record);
    return this.#href;
  }

  get href() {
    return this.#serialize();
  }

  set href(value) {
    value = toUSVString(value);
    const record = basicParse(value, null);
    if (record === null) throw new ERR_INVALID_URL(value);
    this.#record = record;
    this.#changed();
    this.#syncSearchParams();
  }

  get origin() {
    return serializeOrigin(this.#record);
  }

  get protocol() {
    return `${this.#record.scheme}:`;
  }

  set protocol(value) {
    basicParse(`${toUSVString(value)}:`, null, this.#record, kSchemeStart);
    this.#changed();
  }

  get username() {
    return this.#record.username;
  }

  set username(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (cannotHaveCredentialsOrPort(record)) return;
    record.username = percentEncode(value, kUserinfoSet);
    this.#changed();
  }

  get password() {
    return this.#record.password;
  }

  set password(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (cannotHaveCredentialsOrPort(record)) return;
    record.password = percentEncode(value, kUserinfoSet);
    this.#changed();
  }

  get host() {
    const { host, port } = this.#record;
    if (host === null) return '';
    return port === null ? host : `${host}:${port}`;
  }

  set host(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (hasOpaquePath(record)) return;
    basicParse(value, null, record, kHost);
    this.#changed();
  }

  get hostname() {
    return this.#record.host ?? '';
  }

  set hostname(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (hasOpaquePath(record)) return;
    basicParse(value, null, record, kHostname);
    this.#changed();
  }

  get port() {
    const { port } = this.#record;
    return port === null ? '' : `${port}`;
  }

  set port(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (cannotHaveCredentialsOrPort(record)) return;
    if (value === '') record.port = null;
    else basicParse(value, null, record, kPort);
    this.#changed();
  }

  get pathname() {
    return serializePath(this.#record);
  }

  set pathname(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (hasOpaquePath(record)) return;
    record.path = [];
    basicParse(value, null, record, kPathStart);
    this.#changed();
  }

  get search() {
    const { query } = this.#record;
    return query === null || query === '' ? '' : `?${query}`;
  }

  set search(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (value === '') {
      record.query = null;
      stripTrailingSpacesFromOpaquePath(record);
    } else {
      const input = value.charCodeAt(0) === CHAR_QUESTION ? value.slice(1) : value;
      record.query = '';
      basicParse(input, null, record, kQuery);
    }
    this.#changed();
    this.#syncSearchParams();
  }

  get searchParams() {
    if (this.#searchParams === null) {
      const params = new URLSearchParams();
      const { query } = this.#record;
      setParamsList(params, query === null ? [] : parseParams(query), this);
      this.#searchParams = params;
    }
    return this.#searchParams;
  }

  get hash() {
    const { fragment } = this.#record;
    return fragment === null || fragment === '' ? '' : `#${fragment}`;
  }

  set hash(value) {
    value = toUSVString(value);
    const record = this.#record;
    if (value === '') {
      record.fragment = null;
      stripTrailingSpacesFromOpaquePath(record);
    } else {
      const input = value.charCodeAt(0) === CHAR_HASH ? value.slice(1) : value;
      record.fragment = '';
      basicParse(input, null, record, kFragment);
    }
    this.#changed();
  }

  toJSON() {
    return this.#serialize();
  }

  [kInspect](depth, opts) {
    if (typeof depth === 'number' && depth < 0) return this;
    const { inspect } = inspectModule();
    const obj = {
      href: this.href,
      origin: this.origin,
      protocol: this.protocol,
      username: this.username,
      password: this.password,
      host: this.host,
      hostname: this.hostname,
      port: this.port,
      pathname: this.pathname,
      search: this.search,
      searchParams: this.searchParams,
      hash: this.hash,
    };
    if (opts?.showHidden) obj[Symbol('context')] = cloneRecord(this.#record);
    const name = this.constructor?.name ?? 'URL';
    return `${name} ${inspect(obj, opts)}`;
  }

  static canParse(url, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    return parseOrNull(url, base) !== null;
  }

  static parse(url, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    const record = parseOrNull(url, base);
    if (record === null) return null;
    return new URL(kFromRecord, record);
  }

  // The Blob registry belongs to internal/blob (buffer.resolveObjectURL
  // reads it).
  static createObjectURL(obj) {
    return require('internal/blob').createObjectURL(obj);
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    require('internal/blob').revokeObjectURL(url);
  }

  static isURLObject(value) {
    return typeof value === 'object' && value !== null && #record in value;
  }
}

const isURLObject = URL.isURLObject;
delete URL.isURLObject;

function parseOrNull(url, base) {
  url = toUSVString(url);
  let baseRecord = null;
  if (base !== undefined) {
    baseRecord = basicParse(toUSVString(base), null);
    if (baseRecord === null) return null;
  }
  return basicParse(url, baseRecord);
}

// WebIDL: attributes and operations are enumerable; the inspect hook is not.
{
  const enumerable = { enumerable: true };
  const props = {};
  for (const key of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host',
    'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON']) {
    props[key] = enumerable;
  }
  props[Symbol.toStringTag] = { value: 'URL', writable: false, enumerable: false, configurable: true };
  Object.defineProperties(URL.prototype, props);
  Object.defineProperties(URL, {
    canParse: enumerable, parse: enumerable, createObjectURL: enumerable, revokeObjectURL: enumerable,
  });
}
{
  const props = {};
  for (const key of ['size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries',
    'forEach', 'keys', 'values', 'toString']) {
    props[key] = { enumerable: true };
  }
  props[Symbol.toStringTag] = { value: 'URLSearchParams', writable: false, enumerable: false, configurable: true };
  props[Symbol.iterator] = { value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true };
  Object.defineProperties(URLSearchParams.prototype, props);
}

// ---- helpers for the rest of shard ----

// Node's duck-typed check: a URL, or an object that looks like one (href and
// protocol) but is not a legacy url.parse() result.
function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

function getPathFromURLPosix(url) {
  if (url.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST('linux');
  const pathname = url.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if (pathname[n + 1] === '2' && third === 102) {
        throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

function getPathFromURLWin32(url) {
  const hostname = url.hostname;
  let pathname = url.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if ((pathname[n + 1] === '2' && third === 102) || (pathname[n + 1] === '5' && third === 99)) {
        throw new ERR_INVALID_FILE_URL_PATH('must not include encoded \\ or / characters');
      }
    }
  }
  pathname = pathname.replaceAll('/', '\\');
  pathname = decodeURIComponent(pathname);
  if (hostname !== '') return `\\\\${domainToUnicode(hostname)}${pathname}`;
  const letter = pathname.codePointAt(1) | 0x20;
  const sep = pathname[2];
  if (letter < 97 || letter > 122 || sep !== ':') {
    throw new ERR_INVALID_FILE_URL_PATH('must be absolute');
  }
  return pathname.slice(1);
}

function fileURLToPath(path, options = undefined) {
  const windows = options?.windows;
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  return windows ? getPathFromURLWin32(path) : getPathFromURLPosix(path);
}

// Characters a path may hold that the URL parser would take as something
// else, or drop (% first, so later escapes are not escaped again).
function encodePathChars(filepath, windows) {
  if (filepath.includes('%')) filepath = filepath.replace(/%/g, '%25');
  if (!windows && filepath.includes('\\')) filepath = filepath.replace(/\\/g, '%5C');
  if (filepath.includes('\n')) filepath = filepath.replace(/\n/g, '%0A');
  if (filepath.includes('\r')) filepath = filepath.replace(/\r/g, '%0D');
  if (filepath.includes('\t')) filepath = filepath.replace(/\t/g, '%09');
  return filepath;
}

function pathToFileURL(filepath, options = undefined) {
  const windows = options?.windows ?? false;
  const path = require('path');
  if (windows && filepath.startsWith('\\\\')) {
    const out = new URL('file://');
    // \\server\share\resource, or \\?\UNC\server\share\resource.
    const extended = filepath.startsWith('\\\\?\\UNC\\');
    const prefixLength = extended ? 8 : 2;
    const hostnameEnd = filepath.indexOf('\\', prefixLength);
    if (hostnameEnd === -1) {
      throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Missing UNC resource path');
    }
    if (hostnameEnd === 2) throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Empty UNC servername');
    const hostname = filepath.slice(prefixLength, hostnameEnd);
    out.hostname = domainToASCII(hostname);
    out.pathname = encodePathChars(filepath.slice(hostnameEnd).replace(/\\/g, '/'), true);
    return out;
  }
  let resolved = windows ? path.win32.resolve(filepath) : path.posix.resolve(filepath);
  // resolve() drops a trailing separator: keep it.
  const last = filepath.charCodeAt(filepath.length - 1);
  if ((last === CHAR_SLASH || (windows && last === CHAR_BACKSLASH)) &&
      resolved[resolved.length - 1] !== '/') {
    resolved += '/';
  }
  resolved = encodePathChars(resolved, windows);
  // ? and # belong to the path here.
  if (resolved.includes('?')) resolved = resolved.replace(/\?/g, '%3F');
  if (resolved.includes('#')) resolved = resolved.replace(/#/g, '%23');
  return new URL(`file://${resolved}`);
}

function toPathIfFileURL(fileURLOrPath) {
  if (!isURL(fileURLOrPath)) return fileURLOrPath;
  return fileURLToPath(fileURLOrPath);
}

function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url, // Properties a user added to the URL object.
    protocol: url.protocol,
    hostname: typeof hostname === 'string' && hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) {
    options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  }
  return options;
}

// url.domainToASCII: the hostname setter on a special URL, '' on failure.
function domainToASCII(domain) {
  const record = basicParse('ws://x', null);
  if (basicParse(toUSVString(domain), null, record, kHostname) === null) return '';
  return record.host;
}

function domainToUnicode(domain) {
  const ascii = domainToASCII(domain);
  if (ascii === '' || ascii[0] === '[') return ascii;
  return idna().toUnicode(ascii);
}

// url.format(URL, options): href without the parts the options turn off.
function formatURL(url, fragment, unicode, search, auth) {
  const record = cloneRecord(getRecord(url));
  if (!fragment) record.fragment = null;
  if (!search) record.query = null;
  if (!auth) {
    record.username = '';
    record.password = '';
  }
  if (unicode && record.host !== null && record.host !== '' && record.host[0] !== '[') {
    record.host = idna().toUnicode(record.host);
  }
  return serializeURL(record);
}

function isURLInstance(value) {
  return isURLObject(value);
}

module.exports = {
  URL,
  URLSearchParams,
  fileURLToPath,
  pathToFileURL,
  isURL,
  isURLInstance,
  toPathIfFileURL,
  urlToHttpOptions,
  domainToASCII,
  domainToUnicode,
  formatURL,
  toUSVString,
  // For other built-ins that percent-encode with the URL Standard's sets.
  percentDecode,
  percentEncode,
  encodeSets: {
    c0: kC0Set, fragment: kFragmentSet, query: kQuerySet, specialQuery: kSpecialQuerySet,
    path: kPathSet, userinfo: kUserinfoSet, component: kComponentSet, form: kFormSet,
  },
};
