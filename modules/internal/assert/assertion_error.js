'use strict';
// assert.AssertionError: the error every failed assertion throws, with the
// message Node 22 generates (a line diff of the inspected values for the
// strict comparisons, "A == B" style lines for the others).

const { inspect } = require('internal/util/inspect');
const { validateObject } = require('internal/validators');
const colors = require('internal/util/colors');
const { myersDiff, printMyersDiff, printSimpleMyersDiff } = require('internal/assert/myers_diff');

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  partialDeepStrictEqual: 'Expected values to be partially and strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

// Both sides together shorter than this: "a !== b" on one line.
const kMaxShortLength = 12;
const kMaxLongLength = 512;
// Above this many lines, a value shown on its own is cut.
const kMaxLines = 50;

const kDiffOperators = new Set(['deepStrictEqual', 'strictEqual', 'partialDeepStrictEqual']);

// A copy of an Error without its stack (so the diff does not show two
// different stacks), keeping the message and cause.
function copyError(source) {
  const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
  Object.defineProperty(target, 'message', { value: source.message });
  if (Object.prototype.hasOwnProperty.call(source, 'cause')) {
    let cause = source.cause;
    if (cause instanceof Error) cause = copyError(cause);
    Object.defineProperty(target, 'cause', { value: cause });
  }
  return target;
}

// The options are fixed (not util.inspect.defaultOptions) so messages show
// everything the comparison looked at.
function inspectValue(value) {
  return inspect(value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

// `actual` and `expected` are the inspected one-line forms.
function stackedDiff(actual, expected) {
  let message = `\n${colors.green}+${colors.white} ${actual}\n${colors.red}- ${colors.white}${expected}`;
  const width = process.stderr.isTTY ? process.stderr.columns : 80;
  if (actual.length + expected.length <= width) {
    // A caret under the first differing character, unless it is within the
    // first two characters after the quote (obvious at a glance).
    for (let i = 0; i < actual.length; i++) {
      if (actual[i] !== expected[i]) {
        if (i >= 3) message += `\n${' '.repeat(i + 2)}^`;
        break;
      }
    }
  }
  return message;
}

// One-line values: "a !== b" when short, else the two lines stacked.
function simpleDiff(actual, inspectedActual, expected, inspectedExpected) {
  let length = inspectedActual.length + inspectedExpected.length;
  if (typeof actual === 'string') length -= 2;
  if (typeof expected === 'string') length -= 2;
  if (length <= kMaxShortLength && (actual !== 0 || expected !== 0)) {
    return { message: `${inspectedActual} !== ${inspectedExpected}`, header: '' };
  }
  const bothStrings = typeof actual === 'string' && typeof expected === 'string';
  if (bothStrings && colors.hasColors) {
    const script = myersDiff(inspectedActual.split(''), inspectedExpected.split(''));
    return {
      message: printSimpleMyersDiff(script),
      header: `${colors.green}actual${colors.white} ${colors.red}expected${colors.white}`,
    };
  }
  return { message: stackedDiff(inspectedActual, inspectedExpected) };
}

function createErrDiff(actual, expected, operator, customMessage, diffType) {
  if (operator === 'strictEqual' &&
      ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  const inspectedActual = inspectValue(actual);
  const inspectedExpected = inspectValue(expected);
  const actualLines = inspectedActual.split('\n');
  const expectedLines = inspectedExpected.split('\n');
  let header = `${colors.green}+ actual${colors.white} ${colors.red}- expected${colors.white}`;
  let message;
  let skipped = false;

  const oneLine = actualLines.length === 1 && expectedLines.length === 1;
  if (oneLine && (typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null)) {
    const simple = simpleDiff(actual, actualLines[0], expected, expectedLines[0]);
    message = simple.message;
    if (simple.header !== undefined) header = simple.header;
  } else if (inspectedActual === inspectedExpected) {
    // Same shape, different identity.
    operator = 'notIdentical';
    header = '';
    if (actualLines.length > kMaxLines && diffType !== 'full') {
      message = `${actualLines.slice(0, kMaxLines).join('\n')}\n...}`;
      skipped = true;
    } else {
      message = actualLines.join('\n');
    }
  } else {
    const commaBlind = actual != null && typeof actual === 'object';
    const printed = printMyersDiff(myersDiff(actualLines, expectedLines, commaBlind), operator);
    message = printed.message;
    skipped = printed.skipped;
    if (operator === 'partialDeepStrictEqual') {
      header = `${colors.gray}${colors.hasColors ? '' : '+ '}actual${colors.white} ${colors.red}- expected${colors.white}`;
    }
  }
  const title = customMessage || kReadableOperator[operator];
  return `${title}\n${header}${skipped ? '\n... Skipped lines' : ''}\n${message}\n`;
}

// What AssertionError's inspection shows of a long string property.
function addEllipsis(string) {
  const lines = string.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  }
  if (string.length > kMaxLongLength) return `${string.slice(kMaxLongLength)}...`;
  return string;
}

function generatedMessage(actual, expected, operator, diffType) {
  if (kDiffOperators.has(operator)) {
    return createErrDiff(actual, expected, operator, undefined, diffType);
  }
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    // The two are equal: show one of them.
    let base = kReadableOperator[operator];
    const lines = inspectValue(actual).split('\n');
    if (operator === 'notStrictEqual' &&
        ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
      base = kReadableOperator.notStrictEqualObject;
    }
    if (lines.length > kMaxLines && diffType !== 'full') {
      lines[46] = `${colors.blue}...${colors.white}`;
      lines.length = 47;
    }
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${base}\n\n${lines.join('\n')}\n`;
  }
  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const known = kReadableOperator[operator];
  if (operator === 'notDeepEqual' && res === other) {
    res = `${known}\n\n${res}`;
    if (res.length > 1024 && diffType !== 'full') res = `${res.slice(0, 1021)}...`;
    return res;
  }
  if (res.length > kMaxLongLength && diffType !== 'full') res = `${res.slice(0, 509)}...`;
  if (other.length > kMaxLongLength && diffType !== 'full') other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else if (kReadableOperator[`${operator}Unequal`] !== undefined) {
    res = `${kReadableOperator[`${operator}Unequal`]}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
  } else {
    other = ` ${operator} ${other}`;
  }
  return `${res}${other}`;
}

class AssertionError extends Error {
  constructor(options) {
    validateObject(options, 'options');
    const { message, operator, stackStartFn, details, stackStartFunction, diff = 'simple' } = options;
    let { actual, expected } = options;

    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let text;
    if (message != null) {
      text = kDiffOperators.has(operator) ?
        createErrDiff(actual, expected, operator, message, diff) : String(message);
    } else {
      colors.refresh();
      if (actual instanceof Error && expected instanceof Error && 'stack' in actual && 'stack' in expected) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      text = generatedMessage(actual, expected, operator, diff);
    }
    super(text);
    Error.stackTraceLimit = limit;

    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', {
      value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      for (let i = 0; i < details.length; i++) {
        this['message ' + i] = details[i].message;
        this['actual ' + i] = details[i].actual;
        this['expected ' + i] = details[i].expected;
        this['operator ' + i] = details[i].operator;
        this['stack trace ' + i] = details[i].stack;
      }
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    // Format the stack now, while the name carries the code.
    // eslint-disable-next-line no-unused-expressions
    this.stack;
    this.name = 'AssertionError';
    this.diff = diff;
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [inspect.custom](recurseTimes, ctx) {
    // Keep actual/expected short: the message already shows them.
    const { actual, expected } = this;
    if (typeof actual === 'string') this.actual = addEllipsis(actual);
    if (typeof expected === 'string') this.expected = addEllipsis(expected);
    try {
      return inspect(this, { ...ctx, customInspect: false, depth: 0 });
    } finally {
      this.actual = actual;
      this.expected = expected;
    }
  }
}

module.exports = AssertionError;
