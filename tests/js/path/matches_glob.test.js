'use strict';
// path.matchesGlob (Node 22): minimatch semantics without negation or
// comments; backslashes in patterns are separators.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');

const posixGlobs = [
  ["foo/bar/baz", "foo/[bcr]ar/baz", true],
  ["foo/bar/baz", "foo/[!bcr]ar/baz", false],
  ["foo/bar/baz", "foo/**", true],
  ["foo/bar/baz", "*", false],
  ["foo/bar/baz", "**/baz", true],
  ["foo/.bar/baz", "foo/**/baz", false],
  ["foo/.bar/baz", "foo/.*/baz", true],
  [".a", "*", false],
  [".a", ".*", true],
  ["a/b", "a?b", false],
  ["a.js", "*.{js,ts}", true],
  ["a.ts", "*.{js,ts}", true],
  ["a.md", "*.{js,ts}", false],
  ["a5", "a{1..9}", true],
  ["a05", "a{01..10}", true],
  ["foofoo.js", "+(foo|bar).js", true],
  ["x.js", "!(foo).js", true],
  ["foo.js", "!(foo).js", false],
  ["a1", "a[[:digit:]]", true],
  ["a", "[[:upper:]]", false],
  ["a/", "a", true],
  ["a", "a/", false],
  ["a//b", "a/b", true],
  ["a/b", "a/./b", true],
  ["a/c", "a/b/../c", true],
  ["!a", "!a", true],
  ["#a", "#a", true],
  ["a\\b", "a/b", false],
  ["a/b", "a\\b", true],
  ["", "", true],
  ["", "*", false],
  ["..", ".*", false],
];
const win32Globs = [
  ["foo\\bar\\baz", "foo\\[bcr]ar\\baz", true],
  ["foo\\bar\\baz", "foo/**", true],
  ["C:\\a\\b.js", "C:/a/*.js", true],
  ["C:\\a\\b.js", "c:/a/*.js", true],
  ["a\\b", "a/b", true],
  ["A", "a", false],
  ["foo\\bar1\\baz", "foo\\bar[0-9]\\baz", true],
  ["foo\\bar\\baz", "foo\\*\\!bar\\*\\baz", false],
];

for (const [file, pattern, expected] of posixGlobs) {
  test(`posix: ${JSON.stringify(file)} ~ ${JSON.stringify(pattern)}`, () => {
    assert.strictEqual(path.posix.matchesGlob(file, pattern), expected);
  });
}

for (const [file, pattern, expected] of win32Globs) {
  test(`win32: ${JSON.stringify(file)} ~ ${JSON.stringify(pattern)}`, () => {
    assert.strictEqual(path.win32.matchesGlob(file, pattern), expected);
  });
}

test('arguments must be strings', () => {
  assert.throws(() => path.matchesGlob(1, 'a'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => path.matchesGlob('a', null), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(path.matchesGlob, path.posix.matchesGlob);
});
