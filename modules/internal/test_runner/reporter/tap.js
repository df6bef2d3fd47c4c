'use strict';
// The TAP version 13 reporter: "ok"/"not ok" lines indented four spaces per
// level, a YAML block of details under each, "# " diagnostics.

const { inspectWithNoCustomRetry } = require('internal/test_runner/reporter/utils');

const kIndent = '    ';
const kFrameStart = /^ {4}at /;
const kLineBreak = /\n|\r\n/;
const inspectOptions = { __proto__: null, colors: false, breakLength: Infinity };

let kUnwrapErrors;

async function* tapReporter(source) {
  yield 'TAP version 13\n';
  for await (const { type, data } of source) {
    switch (type) {
      case 'test:fail': {
        yield reportTest(data.nesting, data.testNumber, 'not ok', data.name, data.skip, data.todo);
        const location = data.file ? `${data.file}:${data.line}:${data.column}` : null;
        yield reportDetails(data.nesting, data.details, location);
        break;
      }
      case 'test:pass':
        yield reportTest(data.nesting, data.testNumber, 'ok', data.name, data.skip, data.todo);
        yield reportDetails(data.nesting, data.details, null);
        break;
      case 'test:plan':
        yield `${indent(data.nesting)}1..${data.count}\n`;
        break;
      case 'test:start':
        yield `${indent(data.nesting)}# Subtest: ${tapEscape(data.name)}\n`;
        break;
      case 'test:stderr':
      case 'test:stdout': {
        const lines = data.message.split(kLineBreak);
        for (const line of lines) {
          if (line.length > 0) yield `# ${tapEscape(line)}\n`;
        }
        break;
      }
      case 'test:diagnostic':
        yield `${indent(data.nesting)}# ${tapEscape(data.message)}\n`;
        break;
    }
  }
}

function reportTest(nesting, testNumber, status, name, skip, todo) {
  let line = `${indent(nesting)}${status} ${testNumber}`;
  if (name) line += ` ${tapEscape(`- ${name}`)}`;
  if (skip !== undefined) {
    line += ` # SKIP${typeof skip === 'string' && skip.length ? ` ${tapEscape(skip)}` : ''}`;
  } else if (todo !== undefined) {
    line += ` # TODO${typeof todo === 'string' && todo.length ? ` ${tapEscape(todo)}` : ''}`;
  }
  return `${line}\n`;
}

function reportDetails(nesting, data = {}, location) {
  const { error, duration_ms } = data;
  const pad = indent(nesting);
  let details = `${pad}  ---\n`;
  details += jsToYaml(pad, 'duration_ms', duration_ms);
  details += jsToYaml(pad, 'type', data.type);
  if (location) details += jsToYaml(pad, 'location', location);
  details += jsToYaml(pad, null, error, new Set());
  details += `${pad}  ...\n`;
  return details;
}

function indent(nesting) {
  return kIndent.repeat(nesting);
}

// "#" and "\" are escaped, and line breaks and other control characters
// written as escapes, so a name stays on its line.
function tapEscape(input) {
  return input
    .replaceAll('\b', '\\b')
    .replaceAll('\f', '\\f')
    .replaceAll('\t', '\\t')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\v', '\\v')
    .replaceAll('\\', '\\\\')
    .replaceAll('#', '\\#');
}

function isErrorLike(value) {
  return require('internal/util/types').isNativeError(value) || value instanceof Error;
}

function isAssertionLike(value) {
  return value && typeof value === 'object' && 'expected' in value && 'actual' in value;
}

// A value as YAML under `name` (or, with no name, its properties at this
// level); errors show their message, code, name, assertion operands and
// stack frames.
function jsToYaml(pad, name, value, seen) {
  if (value === undefined) return '';
  const prefix = `${pad}  ${name}:`;
  if (value === null) return `${prefix} ~\n`;
  if (typeof value !== 'object') {
    if (typeof value !== 'string') return `${prefix} ${inspectWithNoCustomRetry(value, inspectOptions)}\n`;
    const lines = value.split(kLineBreak);
    if (lines.length === 1) return `${prefix} ${inspectWithNoCustomRetry(value, inspectOptions)}\n`;
    let str = `${prefix} |-\n`;
    for (const line of lines) str += `${pad}    ${line}\n`;
    return str;
  }

  seen.add(value);
  const entries = Object.entries(value);
  const isErr = isErrorLike(value);
  let propsPad = pad;
  let result = '';
  if (name != null) {
    result += prefix;
    if (require('internal/util/types').isDate(value)) result += ` ${Date.prototype.toISOString.call(value)}`;
    result += '\n';
    propsPad += '  ';
  }
  for (const [key, entry] of entries) {
    if (isErr && (key === 'cause' || key === 'code')) continue;
    if (seen.has(entry)) {
      result += `${propsPad}  ${key}: <Circular>\n`;
      continue;
    }
    result += jsToYaml(propsPad, key, entry, seen);
  }

  if (isErr) {
    kUnwrapErrors ??= require('internal/test_runner/test').kUnwrapErrors;
    const { cause, code, failureType, message, expected, actual, operator, stack, name: errName } = value;
    let msg = message ?? '<unknown error>';
    let shownName = errName;
    let shownStack = stack;
    let shownCode = code;
    let shownExpected = expected;
    let shownActual = actual;
    let shownOperator = operator;
    let isAssertion = isAssertionLike(value);
    // The runner's own failures show no frames of the runner.
    let hideInternal = code === 'ERR_TEST_FAILURE';
    // A wrapped user error: show the user's error.
    if (code === 'ERR_TEST_FAILURE' && kUnwrapErrors.has(failureType)) {
      hideInternal = cause?.stack === undefined;
      shownStack = cause?.stack ?? shownStack;
      shownCode = cause?.code ?? shownCode;
      shownName = cause?.name ?? shownName;
      msg = cause?.message ?? msg;
      if (isAssertionLike(cause)) {
        shownExpected = cause.expected;
        shownActual = cause.actual;
        shownOperator = cause.operator ?? shownOperator;
        isAssertion = true;
      }
    }
    result += jsToYaml(pad, 'error', msg, seen);
    if (shownCode) result += jsToYaml(pad, 'code', shownCode, seen);
    if (shownName && shownName !== 'Error') result += jsToYaml(pad, 'name', shownName, seen);
    if (isAssertion) {
      // Separate copies of `seen`, so each side finds its own cycles.
      result += jsToYaml(pad, 'expected', shownExpected, new Set(seen));
      result += jsToYaml(pad, 'actual', shownActual, new Set(seen));
      if (shownOperator) result += jsToYaml(pad, 'operator', shownOperator, seen);
    }
    if (typeof shownStack === 'string') {
      const frames = [];
      for (const frame of shownStack.split(kLineBreak)) {
        const processed = frame.replace(kFrameStart, '');
        if (processed.length > 0 && processed.length !== frame.length &&
            !(hideInternal && /(^|\()node:/.test(processed))) {
          frames.push(processed);
        }
      }
      if (frames.length > 0) {
        const delimiter = `\n${pad}    `;
        result += `${pad}  stack: |-${delimiter}${frames.join(delimiter)}\n`;
      }
    }
  }
  return result;
}

module.exports = tapReporter;
