'use strict';
// opendir/Dir, cp (recursive, filters, errors) and glob.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-dir-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
const tmp = (name = 'd') => path.join(base, `${name}${n++}`);

function makeTree(root) {
  fs.mkdirSync(path.join(root, 'sub', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'a.js'), 'a');
  fs.writeFileSync(path.join(root, 'b.txt'), 'b');
  fs.writeFileSync(path.join(root, '.hidden.js'), 'h');
  fs.writeFileSync(path.join(root, 'sub', 'c.js'), 'c');
  fs.writeFileSync(path.join(root, 'sub', 'deep', 'd.js'), 'd');
  fs.symlinkSync('a.js', path.join(root, 'link'));
  return root;
}

test('Dir: readSync, read (callback and promise), async iteration, close', async () => {
  const root = makeTree(tmp());
  const dir = fs.opendirSync(root);
  assert.strictEqual(dir.path, root);
  const names = [];
  let e;
  while ((e = dir.readSync()) !== null) names.push([e.name, e.isFile(), e.isDirectory(), e.isSymbolicLink()]);
  names.sort();
  assert.deepStrictEqual(names, [
    ['.hidden.js', true, false, false], ['a.js', true, false, false], ['b.txt', true, false, false],
    ['link', false, false, true], ['sub', false, true, false],
  ]);
  dir.closeSync();
  assert.throws(() => dir.readSync(), { code: 'ERR_DIR_CLOSED' });
  assert.throws(() => dir.closeSync(), { code: 'ERR_DIR_CLOSED' });

  const d2 = await fsp.opendir(root);
  const first = await d2.read();
  assert.strictEqual(first.parentPath, root);
  await new Promise((resolve) => d2.read((err, entry) => {
    assert.strictEqual(err, null);
    assert.ok(entry.name);
    resolve();
  }));
  await d2.close();
  await assert.rejects(d2.close(), { code: 'ERR_DIR_CLOSED' });

  const seen = [];
  for await (const entry of await fsp.opendir(path.join(root, 'sub'))) seen.push(entry.name);
  assert.deepStrictEqual(seen.sort(), ['c.js', 'deep']);

  const rec = [];
  for await (const entry of fs.opendirSync(root, { recursive: true })) {
    rec.push(path.relative(root, path.join(entry.parentPath, entry.name)));
  }
  assert.deepStrictEqual(rec.sort(), ['.hidden.js', 'a.js', 'b.txt', 'link', 'sub', 'sub/c.js', 'sub/deep', 'sub/deep/d.js']);

  await new Promise((resolve) => fs.opendir(root, (err, dir3) => {
    assert.strictEqual(err, null);
    dir3.close(resolve);
  }));
  await new Promise((resolve) => fs.opendir(path.join(root, 'none'), (err) => {
    assert.strictEqual(err.code, 'ENOENT');
    assert.strictEqual(err.syscall, 'opendir');
    resolve();
  }));
  assert.throws(() => fs.opendirSync(root, { bufferSize: 0 }), { code: 'ERR_OUT_OF_RANGE' });
});

test('Dir: many entries in batches', async () => {
  const root = tmp();
  fs.mkdirSync(root);
  const count = 2000;
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(root, `entry-with-a-long-name-${i}`), '');
  const names = new Set();
  for await (const e of await fsp.opendir(root)) names.add(e.name);
  assert.strictEqual(names.size, count);
  assert.strictEqual(fs.readdirSync(root).length, count);
});

test('cp and cpSync copy trees', async () => {
  const root = makeTree(tmp());
  const dest = tmp('copy');
  fs.cpSync(root, dest, { recursive: true });
  assert.deepStrictEqual(fs.readdirSync(dest, { recursive: true }).sort(),
                         fs.readdirSync(root, { recursive: true }).sort());
  assert.strictEqual(fs.readFileSync(path.join(dest, 'sub', 'deep', 'd.js'), 'utf8'), 'd');
  assert.ok(fs.lstatSync(path.join(dest, 'link')).isSymbolicLink());
  const dest2 = tmp('copy');
  await fsp.cp(root, dest2, { recursive: true, filter: (src) => !src.endsWith('.txt') });
  assert.ok(!fs.existsSync(path.join(dest2, 'b.txt')));
  assert.ok(fs.existsSync(path.join(dest2, 'a.js')));
  // Files over files: force (the default) overwrites, errorOnExist refuses.
  fs.writeFileSync(path.join(dest, 'a.js'), 'changed');
  fs.cpSync(path.join(root, 'a.js'), path.join(dest, 'a.js'));
  assert.strictEqual(fs.readFileSync(path.join(dest, 'a.js'), 'utf8'), 'a');
  assert.throws(() => fs.cpSync(path.join(root, 'a.js'), path.join(dest, 'a.js'), { force: false, errorOnExist: true }),
                { code: 'ERR_FS_CP_EEXIST' });
  fs.utimesSync(path.join(root, 'b.txt'), 1000, 2000);
  fs.cpSync(path.join(root, 'b.txt'), path.join(dest, 'b2.txt'), { preserveTimestamps: true });
  assert.strictEqual(fs.statSync(path.join(dest, 'b2.txt')).mtimeMs, 2000_000);
});

test('cp errors', async () => {
  const root = makeTree(tmp());
  assert.throws(() => fs.cpSync(root, root), { code: 'ERR_FS_CP_EINVAL' });
  assert.throws(() => fs.cpSync(root, path.join(root, 'sub', 'x'), { recursive: true }), { code: 'ERR_FS_CP_EINVAL' });
  assert.throws(() => fs.cpSync(root, tmp()), { code: 'ERR_FS_EISDIR' });
  assert.throws(() => fs.cpSync(path.join(root, 'a.js'), path.join(root, 'sub')), { code: 'ERR_FS_CP_NON_DIR_TO_DIR' });
  assert.throws(() => fs.cpSync(root, path.join(root, 'a.js'), { recursive: true }), { code: 'ERR_FS_CP_DIR_TO_NON_DIR' });
  assert.throws(() => fs.cpSync(path.join(root, 'none'), tmp()), { code: 'ENOENT', syscall: 'lstat' });
  await assert.rejects(fsp.cp(root, tmp()), { code: 'ERR_FS_EISDIR', name: 'SystemError' });
  await assert.rejects(fsp.cp(root, path.join(root, 'sub', 'y'), { recursive: true }), {
    code: 'ERR_FS_CP_EINVAL',
    message: `Invalid src or dest: cp returned EINVAL (cannot copy ${root} to a subdirectory of self ${path.join(root, 'sub', 'y')}) ${path.join(root, 'sub', 'y')}`,
  });
  assert.throws(() => fs.cpSync(root, tmp(), { dereference: true, verbatimSymlinks: true }),
                { code: 'ERR_INCOMPATIBLE_OPTION_PAIR' });
});

test('glob, globSync and promises.glob', { skip: typeof fs.globSync !== 'function' && 'fs.glob is Node 22' }, async () => {
  const root = makeTree(tmp());
  assert.deepStrictEqual(fs.globSync('**/*.js', { cwd: root }).sort(), ['a.js', 'sub/c.js', 'sub/deep/d.js']);
  assert.deepStrictEqual(fs.globSync('*', { cwd: root }).sort(), ['a.js', 'b.txt', 'link', 'sub']);
  assert.deepStrictEqual(fs.globSync('.*', { cwd: root }).sort(), ['.hidden.js']);
  assert.deepStrictEqual(fs.globSync(['*.txt', 'sub/*.js'], { cwd: root }).sort(), ['b.txt', 'sub/c.js']);
  assert.deepStrictEqual(fs.globSync('**/*.js', { cwd: root, exclude: (p) => p.includes('deep') }).sort(),
                         ['a.js', 'sub/c.js']);
  assert.deepStrictEqual(fs.globSync('sub/**', { cwd: root }).sort(), ['sub', 'sub/c.js', 'sub/deep', 'sub/deep/d.js']);
  assert.deepStrictEqual(fs.globSync(`${root}/sub/*.js`).sort(), [path.join(root, 'sub', 'c.js')]);
  assert.deepStrictEqual(fs.globSync('{a,b}.*', { cwd: root }).sort(), ['a.js', 'b.txt']);
  const ents = fs.globSync('sub/*', { cwd: root, withFileTypes: true });
  assert.deepStrictEqual(ents.map((e) => [e.name, e.isDirectory()]).sort(), [['c.js', false], ['deep', true]]);
  const cb = await new Promise((resolve, reject) => fs.glob('*.js', { cwd: root }, (err, r) => (err ? reject(err) : resolve(r))));
  assert.deepStrictEqual(cb, ['a.js']);
  const out = [];
  for await (const f of fsp.glob('**/*.txt', { cwd: root })) out.push(f);
  assert.deepStrictEqual(out, ['b.txt']);
});
