'use strict';
// util.MIMEType and util.MIMEParams: the WHATWG MIME Sniffing Standard's
// "parse a MIME type" and its serializer. Type and subtype are lowercased
// tokens; parameters keep the first of repeated names, drop invalid ones,
// and values are quoted when they are empty or not a token.

const { codes: { ERR_INVALID_MIME_SYNTAX } } = require('internal/errors');

const kToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const kNotToken = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;
// HTTP quoted-string token code points: tab, space to ~, and U+0080-U+00FF.
const kNotQuotedStringChar = /[^\t\u0020-\u007E\u0080-\u00FF]/;

function isHTTPWhitespace(c) {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function trimHTTPWhitespace(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isHTTPWhitespace(s[start])) start++;
  while (end > start && isHTTPWhitespace(s[end - 1])) end--;
  return s.slice(start, end);
}

function trimTrailingHTTPWhitespace(s) {
  let end = s.length;
  while (end > 0 && isHTTPWhitespace(s[end - 1])) end--;
  return s.slice(0, end);
}

// The index of the first character that is not a token character, -1 when
// the string is empty (so the error says no position).
function invalidTokenIndex(s) {
  if (s === '') return -1;
  const m = kNotToken.exec(s);
  return m === null ? -1 : m.index;
}

function validateToken(production, value) {
  if (value === '' || kNotToken.test(value)) {
    throw new ERR_INVALID_MIME_SYNTAX(production, value, invalidTokenIndex(value));
  }
}

function serializeValue(value) {
  if (value !== '' && kToken.test(value)) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

class MIMEParams {
  #data = new Map();

  delete(name) {
    this.#data.delete(name);
  }

  // Names are compared as given (no string conversion), as in Node.
  get(name) {
    const data = this.#data;
    return data.has(name) ? data.get(name) : null;
  }

  has(name) {
    return this.#data.has(name);
  }

  set(name, value) {
    name = `${name}`;
    value = `${value}`;
    validateToken('parameter name', name);
    const bad = kNotQuotedStringChar.exec(value);
    if (bad !== null) throw new ERR_INVALID_MIME_SYNTAX('parameter value', value, bad.index);
    this.#data.set(name, value);
  }

  entries() {
    return this.#data.entries();
  }

  keys() {
    return this.#data.keys();
  }

  values() {
    return this.#data.values();
  }

  toString() {
    let out = '';
    for (const [name, value] of this.#data) {
      if (out !== '') out += ';';
      out += `${name}=${serializeValue(value)}`;
    }
    return out;
  }

  toJSON() {
    return this.toString();
  }

  // Parameters parsed from the text after the subtype (starting at its ;).
  static parse(params, text) {
    const data = params.#data;
    const length = text.length;
    let position = 0;
    while (position < length) {
      // Skip the ; and any whitespace after it.
      position++;
      while (position < length && isHTTPWhitespace(text[position])) position++;
      let nameEnd = position;
      while (nameEnd < length && text[nameEnd] !== ';' && text[nameEnd] !== '=') nameEnd++;
      const name = text.slice(position, nameEnd).toLowerCase();
      position = nameEnd;
      if (position < length && text[position] === ';') continue;
      position++;
      if (position >= length) break;
      let value;
      if (text[position] === '"') {
        // A quoted string: \ escapes the next character; an unterminated
        // one runs to the end.
        value = '';
        position++;
        while (position < length) {
          const c = text[position];
          if (c === '"') {
            position++;
            break;
          }
          if (c === '\\') {
            position++;
            if (position >= length) {
              value += '\\';
              break;
            }
            value += text[position++];
            continue;
          }
          value += c;
          position++;
        }
        // Anything between the closing quote and the next ; is ignored.
        while (position < length && text[position] !== ';') position++;
      } else {
        let valueEnd = position;
        while (valueEnd < length && text[valueEnd] !== ';') valueEnd++;
        value = trimTrailingHTTPWhitespace(text.slice(position, valueEnd));
        position = valueEnd;
        if (value === '') continue;
      }
      if (name !== '' && kToken.test(name) && !kNotQuotedStringChar.test(value) && !data.has(name)) {
        data.set(name, value);
      }
    }
  }
}

const parseParams = MIMEParams.parse;
delete MIMEParams.parse;
Object.defineProperty(MIMEParams.prototype, Symbol.iterator, {
  value: MIMEParams.prototype.entries, writable: true, enumerable: false, configurable: true,
});

class MIMEType {
  #type;
  #subtype;
  #params;

  constructor(string) {
    string = `${string}`;
    const input = trimHTTPWhitespace(string);
    const slash = input.indexOf('/');
    const type = slash === -1 ? input : input.slice(0, slash);
    if (slash === -1 || type === '' || kNotToken.test(type)) {
      throw new ERR_INVALID_MIME_SYNTAX('type', string, invalidTokenIndex(type));
    }
    let semicolon = input.indexOf(';', slash + 1);
    if (semicolon === -1) semicolon = input.length;
    const subtype = trimTrailingHTTPWhitespace(input.slice(slash + 1, semicolon));
    if (subtype === '' || kNotToken.test(subtype)) {
      throw new ERR_INVALID_MIME_SYNTAX('subtype', string, invalidTokenIndex(subtype));
    }
    this.#type = type.toLowerCase();
    this.#subtype = subtype.toLowerCase();
    this.#params = new MIMEParams();
    parseParams(this.#params, input.slice(semicolon));
  }

  get type() {
    return this.#type;
  }

  set type(value) {
    value = `${value}`;
    validateToken('type', value);
    this.#type = value.toLowerCase();
  }

  get subtype() {
    return this.#subtype;
  }

  set subtype(value) {
    value = `${value}`;
    validateToken('subtype', value);
    this.#subtype = value.toLowerCase();
  }

  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }

  get params() {
    return this.#params;
  }

  toString() {
    const params = this.#params.toString();
    return params === '' ? this.essence : `${this.essence};${params}`;
  }

  toJSON() {
    return this.toString();
  }
}

module.exports = { MIMEType, MIMEParams };
