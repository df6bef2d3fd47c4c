'use strict';
// assert.ok() and its message: when no message is given, Node quotes the
// source of the failing call ("The expression evaluated to a falsy value:
// assert.ok(x === 1)"), read from the file at the caller's position.

const AssertionError = require('internal/assert/assertion_error');

// Control characters other than \n and \t are escaped so the quoted source
// stays one readable block.
// eslint-disable-next-line no-control-regex
const kEscapeRegExp = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
function escapeControl(ch) {
  const code = ch.charCodeAt(0);
  if (code === 8) return '\\b';
  if (code === 12) return '\\f';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

// Sources read for messages, by file name (a failing test suite asks often).
const sourceCache = new Map();

function readSourceLine(file, line) {
  let lines = sourceCache.get(file);
  if (lines === undefined) {
    lines = null;
    try {
      let name = file;
      if (name.startsWith('file://')) name = require('internal/url').fileURLToPath(name);
      lines = internalBinding('module_fs').readFileUtf8(name).split(/\r?\n/);
    } catch {
      // Not a file (eval code, the REPL): no quote.
    }
    if (sourceCache.size > 64) sourceCache.clear();
    sourceCache.set(file, lines);
  }
  return lines === null ? undefined : lines[line - 1];
}

// The call site of `fn`'s caller as { file, line, column } (1-based).
function callerOf(fn) {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder = {};
  try {
    Error.prepareStackTrace = (err, frames) => frames;
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder, fn);
    const frames = holder.stack;
    const frame = Array.isArray(frames) ? frames[0] : undefined;
    if (frame === undefined) return undefined;
    return { file: frame.getFileName(), line: frame.getLineNumber(), column: frame.getColumnNumber() };
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

const kMemberPrefix = /[A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.)\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])*\s*(?:\?\.|\.)?\s*$/;

// The call expression starting at `start` in one source line: back to the
// object the method is read from (assert.ok, a['ok'], assert?.ok), forward
// to the parenthesis that closes the call.
function callExpression(code, start) {
  const before = code.slice(0, start);
  const prefix = kMemberPrefix.exec(before);
  if (prefix !== null && prefix[0].length > 0 && /[.\]]\s*$|\?\.\s*$/.test(prefix[0])) {
    start = prefix.index;
  }
  let depth = 0;
  let i = start;
  for (; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\'' || ch === '"' || ch === '`') {
      i = skipString(code, i, ch);
    } else if (ch === '/' && code[i + 1] === '/') {
      break;
    } else if (ch === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end === -1) break;
      i = end + 1;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return code.slice(start, i + 1);
    } else if (ch === ';') {
      return code.slice(start, i);
    }
  }
  return code.slice(start, i);
}

function skipString(code, i, quote) {
  for (i++; i < code.length; i++) {
    if (code[i] === '\\') {
      i++;
    } else if (code[i] === quote) {
      return i;
    }
  }
  return i;
}

function getErrMessage(fn) {
  const site = callerOf(fn);
  if (site === undefined || typeof site.file !== 'string') return undefined;
  const code = readSourceLine(site.file, site.line);
  if (code === undefined) return undefined;
  let source = callExpression(code, site.column - 1);
  if (!source) return undefined;
  source = source.replace(kEscapeRegExp, escapeControl);
  return `The expression evaluated to a falsy value:\n\n  ${source}\n`;
}

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
    message = getErrMessage(fn);
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

module.exports = { innerOk };
