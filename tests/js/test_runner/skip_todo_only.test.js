'use strict';
// skip, todo and only: what runs and what does not. (Without --test-only,
// `only` tests run together with all the others.)
const { test, describe, it } = require('node:test');
const assert = require('node:assert');

const ran = [];

test('skipped by option', { skip: true }, () => ran.push('skip option'));
test('skipped with a reason', { skip: 'not today' }, () => ran.push('skip reason'));
test.skip('test.skip', () => ran.push('test.skip'));
it.skip('it.skip', () => ran.push('it.skip'));
describe.skip('describe.skip', () => {
  it('inside a skipped suite', () => ran.push('skipped suite test'));
});
test('todo runs', { todo: true }, () => ran.push('todo option'));
test.todo('test.todo runs', () => ran.push('test.todo'));
test('a failing todo does not fail the run', { todo: 'later' }, () => {
  throw new Error('not done yet');
});
test.only('only runs too without --test-only', () => ran.push('only'));
test('t.skip() marks the test but the function goes on', (t) => {
  t.skip('dynamic');
  ran.push('after t.skip');
});
test('t.todo() marks the test', (t) => {
  t.todo('dynamic');
  ran.push('after t.todo');
});
describe('todo suite', { todo: true }, () => {
  it('its failing tests are todo too', () => {
    throw new Error('inside a todo suite');
  });
});
test('skip: false and todo: false change nothing', { skip: false, todo: false }, () => ran.push('falsy options'));

test('what ran', () => {
  assert.deepStrictEqual(ran, [
    'todo option',
    'test.todo',
    'only',
    'after t.skip',
    'after t.todo',
    'falsy options',
  ]);
});
