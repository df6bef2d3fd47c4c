'use strict';
// path.win32 (drive letters, UNC and device roots, both separators),
// path.posix, and path.matchesGlob. Expected values are Node 22's.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');

const win32 = path.win32;

const win32Unary = [
  ["normalize", "", "."],
  ["normalize", ".", "."],
  ["normalize", "C:", "C:."],
  ["normalize", "C:\\", "C:\\"],
  ["normalize", "C:/a//b/../c/.", "C:\\a\\c"],
  ["normalize", "c:a\\..\\..\\b", "c:..\\b"],
  ["normalize", "\\\\server\\share", "\\\\server\\share\\"],
  ["normalize", "\\\\server\\share\\a\\..\\..", "\\\\server\\share\\"],
  ["normalize", "//server/share/x/", "\\\\server\\share\\x\\"],
  ["normalize", "\\\\?\\C:\\a\\..\\b", "\\\\?\\C:\\b"],
  ["normalize", "\\\\.\\pipe\\x", "\\\\.\\pipe\\x"],
  ["normalize", "/a/../../b", "\\b"],
  ["normalize", "a\\..\\..", ".."],
  ["normalize", "./c:", ".\\c:"],
  ["normalize", "x/../c:", ".\\c:"],
  ["normalize", "x\\..\\a:b", ".\\a:b"],
  ["normalize", "a//b\\\\c\\", "a\\b\\c\\"],
  ["normalize", "\\", "\\"],
  ["isAbsolute", "", false],
  ["isAbsolute", "C:", false],
  ["isAbsolute", "C:\\", true],
  ["isAbsolute", "C:/x", true],
  ["isAbsolute", "c:x", false],
  ["isAbsolute", "\\x", true],
  ["isAbsolute", "/x", true],
  ["isAbsolute", "\\\\server\\share", true],
  ["isAbsolute", "x", false],
  ["isAbsolute", ".", false],
  ["dirname", "", "."],
  ["dirname", "C:", "C:"],
  ["dirname", "C:\\", "C:\\"],
  ["dirname", "C:\\a", "C:\\"],
  ["dirname", "C:\\a\\b\\", "C:\\a"],
  ["dirname", "C:a", "C:"],
  ["dirname", "\\\\server\\share", "\\\\server\\share"],
  ["dirname", "\\\\server\\share\\", "\\\\server\\share\\"],
  ["dirname", "\\\\server\\share\\a", "\\\\server\\share\\"],
  ["dirname", "//server/share/a/b", "//server/share/a"],
  ["dirname", "\\a", "\\"],
  ["dirname", "a", "."],
  ["dirname", "a\\\\b", "a\\"],
  ["dirname", "\\\\?\\C:\\a", "\\\\?\\C:\\"],
  ["dirname", "\\", "\\"],
  ["basename", "", ""],
  ["basename", "C:", ""],
  ["basename", "C:\\", ""],
  ["basename", "C:\\a\\b.txt", "b.txt"],
  ["basename", "C:a.txt", "a.txt"],
  ["basename", "\\\\server\\share\\", "share"],
  ["basename", "a\\b\\", "b"],
  ["basename", "a/b.js/", "b.js"],
  ["basename", "\\\\server\\share\\f.e", "f.e"],
  ["extname", "a.b", ".b"],
  ["extname", "a.b.c", ".c"],
  ["extname", ".bashrc", ""],
  ["extname", "a.", "."],
  ["extname", "..", ""],
  ["extname", "a\\.b\\c", ""],
  ["extname", "C:\\x.y\\z", ""],
  ["extname", "C:.x", ""],
  ["extname", "a.b\\", ".b"],
  ["parse", "C:\\path\\dir\\file.txt", {"root":"C:\\","dir":"C:\\path\\dir","base":"file.txt","ext":".txt","name":"file"}],
  ["parse", "C:", {"root":"C:","dir":"C:","base":"","ext":"","name":""}],
  ["parse", "C:\\", {"root":"C:\\","dir":"C:\\","base":"","ext":"","name":""}],
  ["parse", "C:a.b", {"root":"C:","dir":"C:","base":"a.b","ext":".b","name":"a"}],
  ["parse", "\\\\server\\share", {"root":"\\\\server\\share","dir":"\\\\server\\share","base":"","ext":"","name":""}],
  ["parse", "\\\\server\\share\\", {"root":"\\\\server\\share\\","dir":"\\\\server\\share\\","base":"","ext":"","name":""}],
  ["parse", "\\\\server\\share\\dir\\f.e", {"root":"\\\\server\\share\\","dir":"\\\\server\\share\\dir","base":"f.e","ext":".e","name":"f"}],
  ["parse", "\\x", {"root":"\\","dir":"\\","base":"x","ext":"","name":"x"}],
  ["parse", "x\\", {"root":"","dir":"","base":"x","ext":"","name":"x"}],
  ["parse", ".git", {"root":"","dir":"","base":".git","ext":"","name":".git"}],
  ["parse", "a\\\\b", {"root":"","dir":"a\\","base":"b","ext":"","name":"b"}],
  ["parse", "\\\\?\\C:\\a", {"root":"\\\\?\\C:\\","dir":"\\\\?\\C:\\","base":"a","ext":"","name":"a"}],
  ["toNamespacedPath", "C:\\a", "\\\\?\\C:\\a"],
  ["toNamespacedPath", "c:/a/b", "\\\\?\\c:\\a\\b"],
  ["toNamespacedPath", "\\\\server\\share\\x", "\\\\?\\UNC\\server\\share\\x"],
  ["toNamespacedPath", "\\\\?\\C:\\a", "\\\\?\\C:\\a"],
  ["toNamespacedPath", "\\\\.\\pipe\\x", "\\\\.\\pipe\\x"],
  ["toNamespacedPath", "", ""],
];
const win32Join = [
  [["C:","a"], "C:\\a"],
  [["C:\\","\\a"], "C:\\a"],
  [["//server","share"], "\\\\server\\share\\"],
  [["\\\\server","share","x"], "\\\\server\\share\\x"],
  [["//","a"], "\\a"],
  [["///a","b"], "\\a\\b"],
  [["\\\\\\x","y"], "\\x\\y"],
  [["a","","b"], "a\\b"],
  [["",""], "."],
  [["a","..","..","b"], "..\\b"],
  [["c:","..\\x"], "c:\\x"],
  [["C:\\a","D:\\b"], "C:\\a\\D:\\b"],
];
const win32Resolve = [
  [["C:\\a","b"], "C:\\a\\b"],
  [["C:\\a","\\b"], "C:\\b"],
  [["\\\\server\\share\\x","..\\..\\y"], "\\\\server\\share\\y"],
  [["C:\\a","..\\..\\.."], "C:\\"],
  [["c:/ignore","d:\\a/b\\c/d","\\e.exe"], "d:\\e.exe"],
  [["c:/ignore","c:/some/file"], "c:\\some\\file"],
  [["d:/ignore","d:some/dir//"], "d:\\ignore\\some\\dir"],
  [["//server/share","..","relative\\"], "\\\\server\\share\\relative"],
  [["c:/","//"], "c:\\"],
  [["c:/","//dir"], "c:\\dir"],
  [["c:/","//server/share"], "\\\\server\\share\\"],
  [["c:/","//server//share"], "\\\\server\\share\\"],
  [["c:/","///some//dir"], "c:\\some\\dir"],
  [["C:\\foo\\tmp.3\\","..\\tmp.3\\cycles\\root.js"], "C:\\foo\\tmp.3\\cycles\\root.js"],
];
const win32Relative = [
  [["c:/blah\\blah","d:/games"], "d:\\games"],
  [["c:/aaaa/bbbb","c:/aaaa"], ".."],
  [["c:/aaaa/bbbb","c:/cccc"], "..\\..\\cccc"],
  [["c:/aaaa/","c:/aaaa/cccc"], "cccc"],
  [["c:/","c:\\aaaa\\bbbb"], "aaaa\\bbbb"],
  [["c:/aaaa/bbbb","d:\\"], "d:\\"],
  [["c:/AaAa/bbbb","c:/aaaa/bbbb"], ""],
  [["c:/aaaaa/","c:/aaaa/cccc"], "..\\aaaa\\cccc"],
  [["C:\\foo\\bar\\baz\\quux","C:\\"], "..\\..\\..\\.."],
  [["C:\\foo\\test","C:\\foo\\test\\bar\\package.json"], "bar\\package.json"],
  [["\\\\foo\\bar","\\\\foo\\bar\\baz"], "baz"],
  [["\\\\foo\\bar\\baz","\\\\foo\\bar"], ".."],
  [["\\\\foo\\bar\\baz-quux","\\\\foo\\bar\\baz"], "..\\baz"],
  [["\\\\foo\\baz","\\\\foo\\baz-quux"], "..\\baz-quux"],
  [["C:\\baz","\\\\foo\\bar\\baz"], "\\\\foo\\bar\\baz"],
  [["\\\\foo\\bar\\baz","C:\\baz"], "C:\\baz"],
  [["c:/Ä/ö","c:/ä/Ö/x"], "x"],
];

for (const [fn, input, expected] of win32Unary) {
  test(`win32.${fn}(${JSON.stringify(input)})`, () => {
    assert.deepStrictEqual(win32[fn](input), expected);
  });
}

test('win32.join', () => {
  for (const [args, expected] of win32Join) assert.strictEqual(win32.join(...args), expected, JSON.stringify(args));
  assert.strictEqual(win32.join(), '.');
});

test('win32.resolve', () => {
  for (const [args, expected] of win32Resolve) assert.strictEqual(win32.resolve(...args), expected, JSON.stringify(args));
});

test('win32.resolve uses the current directory for relative paths', () => {
  const cwd = process.cwd().replace(/\//g, '\\');
  assert.strictEqual(win32.resolve(), cwd);
  assert.strictEqual(win32.resolve('.'), cwd);
  assert.strictEqual(win32.resolve('a\\b'), `${cwd}\\a\\b`);
  // A drive-relative path takes the directory of the process (off Windows
  // it has no drive, and there is no =Q: variable).
  assert.strictEqual(win32.resolve('Q:x'), `Q:${cwd}\\x`);
});

test('win32.relative', () => {
  for (const [args, expected] of win32Relative) assert.strictEqual(win32.relative(...args), expected, JSON.stringify(args));
  assert.strictEqual(win32.relative('C:\\a', 'C:\\a'), '');
});

test('win32.format', () => {
  assert.strictEqual(win32.format({ root: 'C:\\', dir: 'C:\\path\\dir', base: 'file.txt' }), 'C:\\path\\dir\\file.txt');
  assert.strictEqual(win32.format({ root: 'C:\\', name: 'file', ext: 'txt' }), 'C:\\file.txt');
  assert.strictEqual(win32.format({ dir: 'd', name: 'n', ext: '.e' }), 'd\\n.e');
  assert.strictEqual(win32.format({}), '');
  assert.throws(() => win32.format(null), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('win32 constants and cross references', () => {
  assert.strictEqual(win32.sep, '\\');
  assert.strictEqual(win32.delimiter, ';');
  assert.strictEqual(win32.win32, win32);
  assert.strictEqual(win32.posix, path.posix);
  assert.strictEqual(path.posix.win32, win32);
  assert.strictEqual(require('node:path/win32'), win32);
  assert.strictEqual(require('node:path/posix'), path.posix);
  assert.strictEqual(win32._makeLong, win32.toNamespacedPath);
  assert.strictEqual(win32.toNamespacedPath(5), 5);
});

test('win32 argument validation', () => {
  assert.throws(() => win32.join('a', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => win32.resolve('a', null), { code: 'ERR_INVALID_ARG_TYPE', message: /"paths\[1\]"/ });
  assert.throws(() => win32.normalize(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => win32.basename('a', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => win32.relative(1, 'a'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => win32.parse(1), { code: 'ERR_INVALID_ARG_TYPE' });
});
