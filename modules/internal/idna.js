'use strict';
// Punycode (RFC 3492) and the UTS #46 processing that the URL Standard's
// "domain to ASCII" and Node's url.domainToUnicode need.
//
// UTS #46 proper maps every code point through a ~9000-entry table. shard
// keeps its start-up cheap and approximates that table with what ICU already
// gives V8: the "ignored" code points are removed, then NFKC, lowercasing
// (with Σ always to σ and ẞ to "ss", as the table does) and NFKC again, which
// together match the table for letters, digits, compatibility forms (full-
// width letters, ligatures, ideographic full stops) and case. What differs
// from the table: a few case-fold-only mappings (Cherokee small letters,
// some symbols), and code points the table disallows but NFKC keeps (most
// symbols and punctuation outside ASCII are accepted here). Labels are then
// checked as UTS #46 section 4.1 asks (NFC, no leading combining mark, no
// unassigned/private-use/surrogate/format code points, CheckJoiners and
// CheckBidi). CheckJoiners accepts ZWNJ/ZWJ after a virama, and ZWNJ between
// letters of joining scripts; CheckBidi is applied to labels holding right-
// to-left letters (no left-to-right letters, must end in a right-to-left
// letter or digit, no mix of European and Arabic-Indic digits). This is the
// non-transitional processing with CheckHyphens, UseSTD3ASCIIRules and
// VerifyDnsLength off, as the URL Standard uses it.

const kBase = 36;
const kTMin = 1;
const kTMax = 26;
const kSkew = 38;
const kDamp = 700;
const kInitialBias = 72;
const kInitialN = 128;
const kMaxInt = 0x7fffffff;

// Punycode errors are plain RangeErrors, as punycode.js throws them.
const PunycodeError = RangeError;

function adapt(delta, numPoints, firstTime) {
  let k = 0;
  delta = firstTime ? Math.floor(delta / kDamp) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  for (; delta > ((kBase - kTMin) * kTMax) >> 1; k += kBase) {
    delta = Math.floor(delta / (kBase - kTMin));
  }
  return Math.floor(k + ((kBase - kTMin + 1) * delta) / (delta + kSkew));
}

function digitToBasic(digit) {
  // 0..25 -> a..z, 26..35 -> 0..9
  return digit + 22 + 75 * (digit < 26);
}

function basicToDigit(code) {
  if (code >= 0x30 && code < 0x3a) return 26 + (code - 0x30);
  if (code >= 0x41 && code < 0x5b) return code - 0x41;
  if (code >= 0x61 && code < 0x7b) return code - 0x61;
  return kBase;
}

// The code points of a string (a lone surrogate stays one code point).
function ucs2decode(string) {
  const output = [];
  for (let i = 0; i < string.length; i++) {
    const value = string.charCodeAt(i);
    if (value >= 0xd800 && value <= 0xdbff && i + 1 < string.length) {
      const extra = string.charCodeAt(i + 1);
      if ((extra & 0xfc00) === 0xdc00) {
        output.push(((value & 0x3ff) << 10) + (extra & 0x3ff) + 0x10000);
        i++;
        continue;
      }
    }
    output.push(value);
  }
  return output;
}

function ucs2encode(codePoints) {
  let result = '';
  for (let i = 0; i < codePoints.length; i += 0x1000) {
    result += String.fromCodePoint(...codePoints.slice(i, i + 0x1000));
  }
  return result;
}

// Punycode-decodes an ASCII string (without "xn--") to a string; throws
// PunycodeError on bad input.
function decode(input) {
  const output = [];
  let i = 0;
  let n = kInitialN;
  let bias = kInitialBias;
  let basic = input.lastIndexOf('-');
  if (basic < 0) basic = 0;
  for (let j = 0; j < basic; ++j) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) throw new PunycodeError('Illegal input >= 0x80 (not a basic code point)');
    output.push(code);
  }
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldi = i;
    for (let w = 1, k = kBase; ; k += kBase) {
      if (index >= input.length) throw new PunycodeError('Invalid input');
      const digit = basicToDigit(input.charCodeAt(index++));
      if (digit >= kBase) throw new PunycodeError('Invalid input');
      if (digit > Math.floor((kMaxInt - i) / w)) {
        throw new PunycodeError('Overflow: input needs wider integers to process');
      }
      i += digit * w;
      const t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
      if (digit < t) break;
      const baseMinusT = kBase - t;
      if (w > Math.floor(kMaxInt / baseMinusT)) {
        throw new PunycodeError('Overflow: input needs wider integers to process');
      }
      w *= baseMinusT;
    }
    const out = output.length + 1;
    bias = adapt(i - oldi, out, oldi === 0);
    if (Math.floor(i / out) > kMaxInt - n) {
      throw new PunycodeError('Overflow: input needs wider integers to process');
    }
    n += Math.floor(i / out);
    i %= out;
    output.splice(i++, 0, n);
  }
  return ucs2encode(output);
}

// Punycode-encodes a string (its code points) to ASCII, without "xn--".
function encode(input) {
  const codePoints = ucs2decode(input);
  const inputLength = codePoints.length;
  let output = '';
  let n = kInitialN;
  let delta = 0;
  let bias = kInitialBias;
  for (const value of codePoints) {
    if (value < 0x80) output += String.fromCharCode(value);
  }
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength) output += '-';
  while (handled < inputLength) {
    let m = kMaxInt;
    for (const value of codePoints) {
      if (value >= n && value < m) m = value;
    }
    const handledPlusOne = handled + 1;
    if (m - n > Math.floor((kMaxInt - delta) / handledPlusOne)) {
      throw new PunycodeError('Overflow: input needs wider integers to process');
    }
    delta += (m - n) * handledPlusOne;
    n = m;
    for (const value of codePoints) {
      if (value < n && ++delta > kMaxInt) {
        throw new PunycodeError('Overflow: input needs wider integers to process');
      }
      if (value === n) {
        let q = delta;
        for (let k = kBase; ; k += kBase) {
          const t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
          if (q < t) break;
          const qMinusT = q - t;
          const baseMinusT = kBase - t;
          output += String.fromCharCode(digitToBasic(t + (qMinusT % baseMinusT)));
          q = Math.floor(qMinusT / baseMinusT);
        }
        output += String.fromCharCode(digitToBasic(q));
        bias = adapt(delta, handledPlusOne, handled === basicLength);
        delta = 0;
        ++handled;
      }
    }
    ++delta;
    ++n;
  }
  return output;
}

// ---- UTS #46 (approximated, see the top of the file) ----

// Code points the mapping table marks "ignored".
const kIgnored = /[\u00AD\u034F\u180B-\u180D\u180F\u200B\u2060\u2064\uFE00-\uFE0F\uFEFF\u{1BCA0}-\u{1BCA3}\u{E0100}-\u{E01EF}]/gu;
// Code points no label may hold after mapping: controls other than ASCII
// ones (the URL host check handles those), surrogates, private use,
// unassigned, format characters other than ZWNJ/ZWJ, line and paragraph
// separators, and U+FFFD.
const kDisallowed = /[\u0080-\u009F\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\uFFFD]|(?![\u200C\u200D])\p{Cf}/u;
const kNonAscii = /[^\0-\x7F]/;
const kLeadingMark = /^\p{M}/u;
const kViramas = '\u094D\u09CD\u0A4D\u0ACD\u0B4D\u0BCD\u0C4D\u0CCD\u0D3B\u0D3C\u0D4D\u0DCA\u0E3A\u0EBA' +
  '\u0F84\u1039\u103A\u1714\u1715\u1734\u17D2\u1A60\u1B44\u1BAA\u1BAB\u1BF2\u1BF3\u2D7F\uA806' +
  '\uA82C\uA8C4\uA953\uA9C0\uAAF6\uABED';
const kJoiningLetter = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Adlam}]/u;
const kRtlLetter = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mende_Kikakui}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\p{Script=Kharoshthi}\p{Script=Avestan}\p{Script=Old_South_Arabian}\p{Script=Nabataean}\p{Script=Palmyrene}\p{Script=Old_Turkic}\p{Script=Yezidi}]/u;
const kArabicIndicDigit = /[\u0660-\u0669\u066B\u066C\u06DD\u0890\u0891\u08E2\u{10D30}-\u{10D39}\u{10E60}-\u{10E7E}]/u;
const kEuropeanDigit = /[0-9\u06F0-\u06F9\u2070-\u2079\u2080-\u2089\uFF10-\uFF19]/u;

function mapDomain(domain) {
  let mapped = domain.replace(kIgnored, '');
  if (!kNonAscii.test(mapped)) return mapped.toLowerCase();
  // Σ and ẞ first: toLowerCase applies the final-sigma rule and keeps ß,
  // where the mapping table gives σ and "ss".
  mapped = mapped.replace(/\u03A3/g, '\u03C3').replace(/\u1E9E/g, 'ss');
  mapped = mapped.normalize('NFKC').toLowerCase().normalize('NFKC');
  // Ideographic and half-width full stops are label separators.
  return mapped.replace(/[\u3002\uFF0E\uFF61]/g, '.');
}

function checkJoiners(label) {
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    if (code !== 0x200c && code !== 0x200d) continue;
    const before = i > 0 ? label[i - 1] : '';
    if (before !== '' && kViramas.includes(before)) continue;
    if (code === 0x200d) return false;
    // ZWNJ between two joining letters (transparent marks skipped).
    let j = i - 1;
    while (j >= 0 && /\p{Mn}/u.test(label[j])) j--;
    let k = i + 1;
    while (k < label.length && /\p{Mn}/u.test(label[k])) k++;
    if (j >= 0 && k < label.length && kJoiningLetter.test(label[j]) && kJoiningLetter.test(label[k])) continue;
    return false;
  }
  return true;
}

function checkBidi(label) {
  if (!kRtlLetter.test(label)) return true;
  const chars = [...label];
  for (const c of chars) {
    // A left-to-right letter (any letter outside the right-to-left scripts).
    if (/\p{L}/u.test(c) && !kRtlLetter.test(c)) return false;
  }
  if (!kRtlLetter.test(chars[0]) || /\p{M}/u.test(chars[0])) return false;
  let last = chars.length - 1;
  while (last > 0 && /\p{Mn}/u.test(chars[last])) last--;
  const end = chars[last];
  if (!kRtlLetter.test(end) && !kArabicIndicDigit.test(end) && !kEuropeanDigit.test(end)) return false;
  if (kArabicIndicDigit.test(label) && /[0-9\u06F0-\u06F9]/.test(label)) return false;
  return true;
}

function validLabel(label) {
  if (label.normalize('NFC') !== label) return false;
  if (kLeadingMark.test(label)) return false;
  if (kDisallowed.test(label)) return false;
  if (!checkJoiners(label)) return false;
  if (!checkBidi(label)) return false;
  return true;
}

// UTS #46 ToASCII as the URL Standard calls it; null on failure. The result
// still has to pass the URL host checks (forbidden domain code points).
function toASCII(domain) {
  const mapped = mapDomain(domain);
  const labels = mapped.split('.');
  let result = '';
  for (let i = 0; i < labels.length; i++) {
    let label = labels[i];
    if (label.length >= 4 && label.charCodeAt(2) === 0x2d && label.charCodeAt(3) === 0x2d &&
        label[0] === 'x' && label[1] === 'n') {
      if (kNonAscii.test(label)) return null;
      let decoded;
      try {
        decoded = decode(label.slice(4));
      } catch {
        return null;
      }
      // The decoded label must be one that mapping leaves unchanged.
      if (decoded === '' || mapDomain(decoded) !== decoded || decoded.includes('.') ||
          !validLabel(decoded)) {
        return null;
      }
    } else if (kNonAscii.test(label)) {
      if (!validLabel(label)) return null;
      try {
        label = `xn--${encode(label)}`;
      } catch {
        return null;
      }
    }
    result += i === 0 ? label : `.${label}`;
  }
  return result;
}

// UTS #46 ToUnicode for display: xn-- labels that decode are shown decoded,
// the others are left as they are.
function toUnicode(domain) {
  const labels = mapDomain(domain).split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label.startsWith('xn--')) {
      try {
        labels[i] = decode(label.slice(4));
      } catch {
        // Kept as is.
      }
    }
  }
  return labels.join('.');
}

module.exports = {
  PunycodeError,
  decode,
  encode,
  ucs2decode,
  ucs2encode,
  toASCII,
  toUnicode,
};
