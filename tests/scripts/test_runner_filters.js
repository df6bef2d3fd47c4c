'use strict';
// --test-only and --test-name-pattern (given in the .args file) decide
// which tests run.
const { test, describe, it } = require('node:test');

test('not only', () => {});
test.only('only at top level', async (t) => {
  await t.test('child without only', () => {});
  t.runOnly(true);
  await t.test('skipped by runOnly', () => {});
  await t.test('child with only', { only: true }, () => {});
});
describe.only('only suite', () => {
  it('plain child', () => {});
  it.only('only child', () => {});
  describe('nested', () => {
    it('nested child', () => {});
  });
});
describe('suite with an only test', () => {
  it.only('the only one', () => {});
  it('filtered out', () => {});
});
test('only: false', { only: false }, () => {});
test.only('match this one', () => {});
test.only('and this one with a deep match', async (t) => {
  await t.test('match inside', () => {});
  await t.test('no', () => {});
});
