'use strict';
// Glob matching with the semantics Node 22 gets from minimatch for
// path.matchesGlob() (and fs.glob): brace expansion ({a,b}, {1..3}),
// * and ? within one path segment, ** across segments, [...] classes with
// POSIX names, extglobs (@ ? + * ! with (a|b)), no negation or comments,
// backslashes in patterns are separators (never escapes), and names that
// start with a dot match only a pattern segment that starts with one.
//
// compileGlob() turns a pattern into segment matchers once; fs.glob walks
// directories with matchSegments(..., partial) to prune early.

const { validateString } = require('internal/validators');

const kGlobstar = Symbol('globstar');

// ---- brace expansion ----

function findClosingBrace(pattern, open) {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

// Splits the inside of a brace pair at its top-level commas.
function splitTopLevel(body) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

// {1..5}, {01..10}, {a..e}, {1..10..2}: the list, or null if not a sequence.
function expandSequence(body) {
  const m = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?$/.exec(body);
  if (!m) return null;
  const [, from, to, stepText] = m;
  const numeric = /\d/.test(from) && /\d/.test(to);
  if (!numeric && (from.length !== 1 || to.length !== 1 || /\d/.test(from) || /\d/.test(to))) return null;
  let step = stepText === undefined ? 1 : Math.abs(parseInt(stepText, 10)) || 1;
  const a = numeric ? parseInt(from, 10) : from.charCodeAt(0);
  const b = numeric ? parseInt(to, 10) : to.charCodeAt(0);
  if (b < a) step = -step;
  // Zero padding when either end is written with a leading zero.
  const pad = numeric && (/^-?0\d/.test(from) || /^-?0\d/.test(to)) ? Math.max(from.length, to.length) : 0;
  const out = [];
  for (let v = a; step > 0 ? v <= b : v >= b; v += step) {
    if (!numeric) {
      out.push(String.fromCharCode(v));
    } else if (pad) {
      const negative = v < 0;
      let digits = String(Math.abs(v));
      while (digits.length < pad - (negative ? 1 : 0)) digits = `0${digits}`;
      out.push(negative ? `-${digits}` : digits);
    } else {
      out.push(String(v));
    }
    if (out.length > 100000) break;
  }
  return out;
}

function braceExpand(pattern) {
  // Each {...} with a comma or a sequence, leftmost first; others stay literal.
  for (let open = pattern.indexOf('{'); open !== -1; open = pattern.indexOf('{', open + 1)) {
    const close = findClosingBrace(pattern, open);
    if (close === -1) return [pattern];
    const body = pattern.slice(open + 1, close);
    let alternatives;
    const parts = splitTopLevel(body);
    if (parts.length > 1) {
      alternatives = [];
      for (const part of parts) alternatives.push(...braceExpand(part));
    } else {
      alternatives = expandSequence(body);
      if (alternatives === null) {
        // Not expandable here; braces inside it may be.
        const inner = braceExpand(body);
        if (inner.length === 1 && inner[0] === body) continue;
        alternatives = inner.map((x) => `{${x}}`);
      }
    }
    const prefix = pattern.slice(0, open);
    const suffixes = braceExpand(pattern.slice(close + 1));
    const out = [];
    for (const alt of alternatives) {
      for (const suffix of suffixes) out.push(prefix + alt + suffix);
    }
    return out;
  }
  return [pattern];
}

// ---- one segment to a matcher ----

const kPosixClasses = {
  __proto__: null,
  alnum: '\\p{L}\\p{Nl}\\p{Nd}',
  alpha: '\\p{L}\\p{Nl}',
  ascii: '\\x00-\\x7f',
  blank: '\\p{Zs}\\t',
  cntrl: '\\p{Cc}',
  digit: '\\p{Nd}',
  graph: '\\p{Z}\\p{C}',
  lower: '\\p{Ll}',
  print: '\\p{C}',
  punct: '\\p{P}',
  space: '\\p{Z}\\t\\r\\n\\v\\f',
  upper: '\\p{Lu}',
  word: '\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}',
  xdigit: 'A-Fa-f0-9',
};
// graph and print are negated sets.
const kNegatedPosix = new Set(['graph', 'print']);

function escapeRegExp(s) {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function escapeClassChar(c) {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
}

// Parses [...] at pattern[i]; returns [regexSource, nextIndex] or null when
// the bracket does not close (it is then a literal '[').
function parseClass(pattern, i) {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let negatedPosix = '';
  let first = true;
  for (; j < pattern.length; j++) {
    const c = pattern[j];
    if (c === ']' && !first) {
      if (body === '' && negatedPosix === '') return null;
      let cls;
      if (negatedPosix !== '' && body === '') cls = negate ? `[${negatedPosix}]` : `[^${negatedPosix}]`;
      else if (negatedPosix !== '') cls = negate ? `(?![${body}])[${negatedPosix}]` : `(?:[${body}]|[^${negatedPosix}])`;
      else cls = negate ? `[^/${body}]` : `[${body}]`;
      return [cls, j + 1];
    }
    first = false;
    if (c === '[' && pattern[j + 1] === ':') {
      const end = pattern.indexOf(':]', j + 2);
      if (end !== -1) {
        const name = pattern.slice(j + 2, end);
        if (name in kPosixClasses) {
          if (kNegatedPosix.has(name)) negatedPosix += kPosixClasses[name];
          else body += kPosixClasses[name];
          j = end + 1;
          continue;
        }
      }
    }
    if (pattern[j + 1] === '-' && pattern[j + 2] !== undefined && pattern[j + 2] !== ']') {
      const from = c;
      const to = pattern[j + 2];
      if (to < from) return null;
      body += `${escapeClassChar(from)}-${escapeClassChar(to)}`;
      j += 2;
      continue;
    }
    body += escapeClassChar(c);
  }
  return null;
}

// Finds the ) closing an extglob opened at pattern[open] (the '(').
function findClosingParen(pattern, open) {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      const cls = parseClass(pattern, i);
      if (cls) i = cls[1] - 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

function splitAlternatives(body) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

// The regex source of pattern[from..] (one path segment); `magic` records
// whether anything was not a literal.
function segmentSource(pattern, from, state) {
  let out = '';
  for (let i = from; i < pattern.length; i++) {
    const c = pattern[i];
    if ('@?+*!'.includes(c) && pattern[i + 1] === '(') {
      const close = findClosingParen(pattern, i + 1);
      if (close !== -1) {
        state.magic = true;
        const alts = splitAlternatives(pattern.slice(i + 2, close))
          .map((alt) => segmentSource(alt, 0, state)).join('|');
        if (c === '!') {
          // Anything that is not one of the alternatives followed by the
          // rest of the segment.
          const rest = segmentSource(pattern, close + 1, state);
          return `${out}(?:(?!(?:${alts})${rest}$)[^/]*?)${rest}`;
        }
        const quantifier = c === '@' ? '' : c;
        out += `(?:${alts})${quantifier}`;
        i = close;
        continue;
      }
    }
    if (c === '*') {
      state.magic = true;
      // Consecutive stars are one.
      while (pattern[i + 1] === '*') i++;
      out += '[^/]*?';
    } else if (c === '?') {
      state.magic = true;
      out += '[^/]';
    } else if (c === '[') {
      const cls = parseClass(pattern, i);
      if (cls) {
        state.magic = true;
        out += cls[0];
        i = cls[1] - 1;
      } else {
        out += '\\[';
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

function compileSegment(segment, nocase) {
  if (segment === '**') return kGlobstar;
  const state = { magic: false };
  const source = segmentSource(segment, 0, state);
  if (!state.magic) return segment;
  // A leading dot must be matched explicitly, and . and .. never match.
  // (A leading class that names the dot, like [.]a, matches it explicitly.)
  // A leading extglob is not guarded either (minimatch guards only a
  // leading *, ? or class).
  const explicitDot = segment[0] === '.' || /^\[[^\]]*\.[^\]]*\]/.test(segment) ||
    /^[@?+*!]\(/.test(segment);
  const guard = explicitDot ? '(?!\\.{1,2}$)' : '(?!\\.)';
  // A segment of only stars needs at least one character.
  const body = /^\*+$/.test(segment) ? '[^/]+?' : source;
  return new RegExp(`^${guard}${body}$`, nocase ? 'iu' : 'u');
}

// ---- patterns ----

// Drops '' and '.' segments in the middle (a//b, a/./b), and <p>/.. pairs
// (a/b/../c is a/c); a pattern keeps its own literal form as another choice.
function simplifySegments(parts) {
  const out = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const middle = i > 0 && i < parts.length - 1;
    if (middle && (part === '' || part === '.')) continue;
    if (part === '..' && out.length > 0 && i > 0) {
      const prev = out[out.length - 1];
      if (prev !== '..' && prev !== '.' && prev !== '' && prev !== '**') {
        out.pop();
        continue;
      }
    }
    out.push(part);
  }
  return out;
}

// Compiles a pattern into its alternatives, each a list of segments (a
// string to compare, a RegExp, or kGlobstar).
function compileGlob(pattern, options = {}) {
  const windows = options.windows ?? false;
  const nocase = options.nocase ?? false;
  // Backslashes are path separators, never escapes.
  const normalized = pattern.replace(/\\/g, '/');
  const alternatives = [];
  const seen = new Set();
  for (const expanded of braceExpand(normalized)) {
    const raw = expanded.split('/');
    for (const parts of [raw, simplifySegments(raw)]) {
      // Repeated globstars are one.
      const collapsed = [];
      for (let i = 0; i < parts.length; i++) {
        if (parts[i] === '**' && collapsed[collapsed.length - 1] === '**') continue;
        if (parts[i] === '' && i > 0 && i < parts.length - 1) continue;
        collapsed.push(parts[i]);
      }
      const key = collapsed.join('/');
      if (seen.has(key)) continue;
      seen.add(key);
      alternatives.push(collapsed.map((segment) => compileSegment(segment, nocase)));
    }
  }
  return { alternatives, windows, nocase };
}

function segmentMatches(name, segment, nocase, windowsDrive) {
  if (typeof segment === 'string') {
    if (name === segment) return true;
    // Drive letters compare case-insensitively on Windows.
    if (windowsDrive && /^[a-z]:$/i.test(segment)) return name.toLowerCase() === segment.toLowerCase();
    return nocase && name.toLowerCase() === segment.toLowerCase();
  }
  return segment.test(name);
}

// Matches path segments `file` against one alternative's segments from the
// given positions. partial: `file` is a directory that may lead to a match.
function matchFrom(file, fi, pattern, pi, options, partial) {
  const fl = file.length;
  const pl = pattern.length;
  for (; fi < fl && pi < pl; fi++, pi++) {
    const segment = pattern[pi];
    const name = file[fi];
    if (segment === kGlobstar) {
      // ** at the end takes the rest, unless a dot segment is in it.
      if (pi === pl - 1) {
        for (; fi < fl; fi++) {
          const rest = file[fi];
          if (rest === '.' || rest === '..' || (rest[0] === '.' && rest !== '')) return false;
        }
        return true;
      }
      // Otherwise try the rest of the pattern at each later position,
      // without swallowing dot segments.
      for (let fr = fi; fr < fl; fr++) {
        if (matchFrom(file, fr, pattern, pi + 1, options, partial)) return true;
        const swallowed = file[fr];
        if (swallowed === '.' || swallowed === '..' || swallowed[0] === '.') break;
      }
      return partial;
    }
    if (!segmentMatches(name, segment, options.nocase, options.windows && fi === 0)) return false;
  }
  if (fi === fl && pi === pl) return true;
  if (fi === fl) return partial;
  // The file has a trailing slash: a/ matches a.
  if (pi === pl) return fi === fl - 1 && file[fi] === '';
  return false;
}

function splitPath(path, windows) {
  if (windows) path = path.replace(/\\/g, '/');
  return path.split(/\/+/);
}

function matchSegments(fileParts, compiled, partial = false) {
  for (const alternative of compiled.alternatives) {
    if (matchFrom(fileParts, 0, alternative, 0, compiled, partial)) return true;
  }
  return false;
}

// Node 22's path.matchesGlob(path, pattern): windows selects path.win32
// (backslashes in the path separate too).
function matchGlobPattern(path, pattern, windows = false) {
  validateString(path, 'path');
  validateString(pattern, 'pattern');
  if (pattern === '') return path === '';
  const compiled = compileGlob(pattern, { windows });
  return matchSegments(splitPath(path, windows), compiled, false);
}

module.exports = {
  compileGlob,
  matchGlobPattern,
  matchSegments,
  splitPath,
  braceExpand,
  kGlobstar,
};
