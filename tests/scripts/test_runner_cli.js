'use strict';
// Run through `--test` (see the .args file): the file's output becomes
// test:stdout/test:stderr events, results and summaries are as Node's.
const { test, describe, it } = require('node:test');

console.log('printed while loading');
test('passes', () => {
  console.log('printed by a test');
});
test('fails', () => {
  throw new Error('boom');
});
describe('suite', () => {
  it('skipped', { skip: 'reason' }, () => {});
  it('todo', { todo: true }, () => {});
});
