'use strict';
// Pieces the human-readable reporters (spec, dot) share: symbols, colours
// and the one-line-per-test format with its error block.

const colors = require('internal/util/colors');

let inspectFn;
function inspectWithNoCustomRetry(value, options) {
  inspectFn ??= require('internal/util/inspect').inspect;
  try {
    return inspectFn(value, options);
  } catch {
    return inspectFn(value, { ...options, customInspect: false });
  }
}

const reporterUnicodeSymbolMap = {
  '__proto__': null,
  'test:fail': '\u2716 ',
  'test:pass': '\u2714 ',
  'test:diagnostic': '\u2139 ',
  'test:coverage': '\u2139 ',
  'arrow:right': '\u25B6 ',
  'hyphen:minus': '\uFE63 ',
};

const reporterColorMap = {
  '__proto__': null,
  get 'test:fail'() {
    return colors.red;
  },
  get 'test:pass'() {
    return colors.green;
  },
  get 'test:diagnostic'() {
    return colors.blue;
  },
  get 'info'() {
    return colors.blue;
  },
  get 'warn'() {
    return colors.yellow;
  },
  get 'error'() {
    return colors.red;
  },
};

function indent(nesting) {
  return '  '.repeat(nesting);
}

function formatError(error, pad) {
  if (!error) return '';
  const err = error.code === 'ERR_TEST_FAILURE' ? error.cause : error;
  const inspectOptions = { __proto__: null, colors: colors.shouldColorize(process.stdout), breakLength: Infinity };
  const message = inspectWithNoCustomRetry(err, inspectOptions).split(/\r?\n/).join(`\n${pad}  `);
  return `\n${pad}  ${message}\n`;
}

function formatTestReport(type, data, prefix = '', pad = '', hasChildren = false, showErrorDetails = true) {
  let color = reporterColorMap[type] ?? colors.white;
  let symbol = reporterUnicodeSymbolMap[type] ?? ' ';
  const { skip, todo } = data;
  const duration = data.details?.duration_ms ? ` ${colors.gray}(${data.details.duration_ms}ms)${colors.white}` : '';
  let title = `${data.name}${duration}`;
  if (skip !== undefined) {
    title += ` # ${typeof skip === 'string' && skip.length ? skip : 'SKIP'}`;
  } else if (todo !== undefined) {
    title += ` # ${typeof todo === 'string' && todo.length ? todo : 'TODO'}`;
  }
  const error = showErrorDetails ? formatError(data.details?.error, pad) : '';
  const err = hasChildren ?
    (!error || data.details?.error?.failureType === 'subtestsFailed' ? '' : `\n${error}`) :
    error;
  if (skip !== undefined) {
    color = colors.gray;
    symbol = reporterUnicodeSymbolMap['hyphen:minus'];
  }
  return `${prefix}${pad}${color}${symbol}${title}${colors.white}${err}`;
}

module.exports = {
  formatTestReport,
  indent,
  inspectWithNoCustomRetry,
  reporterColorMap,
  reporterUnicodeSymbolMap,
};
