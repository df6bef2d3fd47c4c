'use strict';
// A node:test reporter whose output does not depend on timing: each
// result with its failure type, code and message, plans, diagnostics other
// than the duration, and the summary counts. Used by the test_runner_*
// script tests through --test-reporter.

function firstLine(text) {
  return String(text).split('\n')[0];
}

module.exports = async function* reporter(source) {
  const output = [];
  for await (const { type, data } of source) {
    const pad = '  '.repeat(data.nesting ?? 0);
    switch (type) {
      case 'test:pass':
      case 'test:fail': {
        let line = `${pad}${type === 'test:pass' ? 'pass' : 'FAIL'} ${data.testNumber} ${data.name}`;
        if (data.skip !== undefined) line += ` # SKIP ${data.skip}`;
        if (data.todo !== undefined) line += ` # TODO ${data.todo}`;
        line += ` [${data.details.type}]`;
        const err = data.details.error;
        if (err) {
          line += `\n${pad}  ${err.failureType} ${err.code}: ${firstLine(err.message)}`;
          if (err.exitCode !== undefined) line += ` (exit code ${err.exitCode})`;
          if (err.cause !== undefined && err.cause !== null) {
            const cause = err.cause;
            const text = typeof cause === 'object' ? `${cause.name}: ${firstLine(cause.message)}` : firstLine(cause);
            line += `\n${pad}  cause ${text}`;
          }
        }
        yield `${line}\n`;
        break;
      }
      case 'test:plan':
        yield `${pad}plan ${data.count}\n`;
        break;
      case 'test:diagnostic':
        if (!data.message.startsWith('duration_ms')) yield `${pad}diagnostic ${data.message}\n`;
        break;
      case 'test:stdout':
      case 'test:stderr':
        output.push(`${type.slice(5)} ${JSON.stringify(data.message)}`);
        break;
      case 'test:summary': {
        const { tests, suites, passed, failed, cancelled, skipped, todo, topLevel } = data.counts;
        yield `summary success=${data.success} tests=${tests} suites=${suites} passed=${passed} failed=${failed} ` +
          `cancelled=${cancelled} skipped=${skipped} todo=${todo} topLevel=${topLevel}\n`;
        break;
      }
    }
  }
  if (output.length > 0) yield `${output.join('\n')}\n`;
};
