'use strict';
// The spec reporter: one line per test with a check mark or a cross, nested
// by indentation, and the failures again in full at the end.

const colors = require('internal/util/colors');
const {
  formatTestReport,
  indent,
  reporterColorMap,
  reporterUnicodeSymbolMap,
} = require('internal/test_runner/reporter/utils');

async function* specReporter(source) {
  colors.refresh();
  const cwd = process.cwd();
  // test:start events not yet matched by their result, innermost first.
  const stack = [];
  // Suites whose header line was printed before their children.
  const reported = [];
  let failedTests = [];

  function formatFailedTestResults() {
    if (failedTests.length === 0) return '';
    const results = [
      `\n${reporterColorMap['test:fail']}${reporterUnicodeSymbolMap['test:fail']}failing tests:${colors.white}\n`,
    ];
    for (const test of failedTests) {
      if (test.file) {
        const relPath = require('path').relative(cwd, test.file);
        results.push(`test at ${relPath}:${test.line}:${test.column}`);
      }
      results.push(formatTestReport('test:fail', test));
    }
    failedTests = [];
    return results.join('\n');
  }

  function handleTestReport(type, data) {
    stack.shift(); // this test's own test:start
    let prefix = '';
    while (stack.length > 0) {
      // Parents not shown yet get a header line before their first child.
      const parent = stack.pop();
      reported.unshift(parent);
      prefix += `${indent(parent.nesting)}${reporterUnicodeSymbolMap['arrow:right']}${parent.name}\n`;
    }
    let hasChildren = false;
    if (reported[0] && reported[0].nesting === data.nesting && reported[0].name === data.name) {
      reported.shift();
      hasChildren = true;
    }
    return `${formatTestReport(type, data, prefix, indent(data.nesting), hasChildren, false)}\n`;
  }

  for await (const { type, data } of source) {
    let out;
    switch (type) {
      case 'test:fail':
        if (data.details?.error?.failureType !== 'subtestsFailed') failedTests.push(data);
        out = handleTestReport(type, data);
        break;
      case 'test:pass':
        out = handleTestReport(type, data);
        break;
      case 'test:start':
        stack.unshift(data);
        break;
      case 'test:stderr':
      case 'test:stdout':
        out = data.message;
        break;
      case 'test:diagnostic': {
        const color = reporterColorMap[data.level] || reporterColorMap['test:diagnostic'];
        out = `${color}${indent(data.nesting)}${reporterUnicodeSymbolMap[type]}${data.message}${colors.white}\n`;
        break;
      }
      case 'test:summary':
        // Only the whole run's summary lists the failures.
        if (data.file === undefined) out = formatFailedTestResults();
        break;
    }
    if (out) yield out;
  }
  const rest = formatFailedTestResults();
  if (rest) yield rest;
}

module.exports = specReporter;
