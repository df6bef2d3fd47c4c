'use strict';
// process.stdin, stdout and stderr in a child, for each kind of descriptor
// a parent can give: a pipe (socket), a FIFO, a file, /dev/null, nothing,
// and a terminal (through `script`). The child is this runtime itself.
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { once } = require('node:events');

const describeStdio = `
  const s = (x) => x === undefined ? 'none' : x.constructor.name + (x.isTTY ? ':tty' : '');
  process.stderr.write(JSON.stringify({ stdin: s(process.stdin), stdout: s(process.stdout), fdOut: process.stdout.fd }) + '\\n');
`;

function runChild(script, options) {
  const child = cp.spawn(process.execPath, ['-e', script], options);
  const out = [];
  const err = [];
  child.stdout?.on('data', (d) => out.push(d));
  child.stderr?.on('data', (d) => err.push(d));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({
      code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(),
    }));
  });
}

test('stdin from a pipe: all of it, then end; stdout and stderr stay apart', async () => {
  const child = cp.spawn(process.execPath, ['-e', `
    let n = 0;
    process.stdin.on('data', (d) => { n += d.length; });
    process.stdin.on('end', () => { process.stdout.write('bytes ' + n + '\\n'); console.error('done'); });
  `]);
  const out = [];
  child.stdout.on('data', (d) => out.push(d));
  const err = [];
  child.stderr.on('data', (d) => err.push(d));
  const chunk = Buffer.alloc(65536, 'y');
  for (let i = 0; i < 64; i++) {
    if (!child.stdin.write(chunk)) await once(child.stdin, 'drain');
  }
  child.stdin.end();
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
  assert.strictEqual(Buffer.concat(out).toString(), `bytes ${64 * 65536}\n`);
  assert.strictEqual(Buffer.concat(err).toString(), 'done\n');
});

test('stdin from a file and from /dev/null', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stdio-'));
  const file = path.join(dir, 'in.txt');
  fs.writeFileSync(file, 'line one\nline two\n');
  const fd = fs.openSync(file, 'r');
  const script = `let t = ''; process.stdin.setEncoding('utf8'); process.stdin.on('data', (d) => t += d);
    process.stdin.on('end', () => console.log(JSON.stringify(t)));`;
  const fromFile = await runChild(script, { stdio: [fd, 'pipe', 'pipe'] });
  fs.closeSync(fd);
  assert.strictEqual(fromFile.stdout, '"line one\\nline two\\n"\n');
  const fromNull = await runChild(script, { stdio: ['ignore', 'pipe', 'pipe'] });
  assert.strictEqual(fromNull.stdout, '""\n');
  fs.rmSync(dir, { recursive: true });
});

test('stdin from a FIFO (a shell pipeline)', async () => {
  const child = cp.spawn('sh', ['-c', `printf 'a\\nb\\n' | "${process.execPath}" -e "
    let t = ''; process.stdin.on('data', (d) => t += d); process.stdin.on('end', () => console.log(JSON.stringify(t)));"`]);
  const out = [];
  child.stdout.on('data', (d) => out.push(d));
  await once(child, 'close');
  assert.strictEqual(Buffer.concat(out).toString(), '"a\\nb\\n"\n');
});

test('a program that never reads stdin still ends', async () => {
  const r = await runChild('process.stdin; process.stdin.isTTY; console.log("ended")', { stdio: ['pipe', 'pipe', 'pipe'] });
  assert.strictEqual(r.code, 0);
  assert.strictEqual(r.stdout, 'ended\n');
});

test('a paused stdin lets the program end', async () => {
  const r = await runChild(`process.stdin.once('data', () => {}); process.stdin.pause(); setTimeout(() => console.log('paused'), 10);`,
                           { stdio: ['pipe', 'pipe', 'pipe'] });
  assert.strictEqual(r.stdout, 'paused\n');
});

test('stdout to a file is written synchronously and in order', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stdio-'));
  const file = path.join(dir, 'out.txt');
  const fd = fs.openSync(file, 'w');
  const r = await runChild(`for (let i = 0; i < 1000; i++) process.stdout.write(i + '\\n'); process.exit(0);`,
                           { stdio: ['ignore', fd, 'pipe'] });
  fs.closeSync(fd);
  assert.strictEqual(r.code, 0);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.strictEqual(lines.length, 1000);
  assert.strictEqual(lines[999], '999');
  fs.rmSync(dir, { recursive: true });
});

test('the kinds of streams, as Node makes them', async () => {
  const piped = await runChild(describeStdio, { stdio: ['pipe', 'pipe', 'pipe'] });
  const kinds = JSON.parse(piped.stderr);
  assert.strictEqual(kinds.stdin, 'Socket');
  assert.strictEqual(kinds.fdOut, 1);
});

test('a terminal: isTTY, tty streams, raw mode set and undone', { skip: !fs.existsSync('/usr/bin/script') && 'no script(1)' }, async () => {
  const program = `
    const tty = require('tty');
    const out = [process.stdout.isTTY, process.stdin.isTTY, tty.isatty(0), tty.isatty(1),
                 process.stdout instanceof tty.WriteStream, process.stdin instanceof tty.ReadStream,
                 typeof process.stdout.columns, typeof process.stdout.getColorDepth()];
    process.stdin.setRawMode(true);
    out.push(process.stdin.isRaw);
    process.stdin.setRawMode(false);
    out.push(process.stdin.isRaw);
    console.log('RESULT ' + JSON.stringify(out));
  `;
  const file = path.join(os.tmpdir(), `tty-${process.pid}.js`);
  fs.writeFileSync(file, program);
  const r = cp.spawnSync('script', ['-qec', `"${process.execPath}" "${file}"`, '/dev/null'], { encoding: 'utf8', input: '' });
  fs.rmSync(file);
  const line = r.stdout.split(/\r?\n/).find((l) => l.includes('RESULT '));
  assert.ok(line, r.stdout + r.stderr);
  assert.deepStrictEqual(JSON.parse(line.slice(line.indexOf('RESULT ') + 7)),
                         [true, true, true, true, true, true, 'number', 'number', true, false]);
});

test('tty.isatty is false for pipes, files and bad descriptors', () => {
  const tty = require('node:tty');
  assert.strictEqual(tty.isatty(-1), false);
  assert.strictEqual(tty.isatty(1.5), false);
  assert.strictEqual(tty.isatty(2 ** 31), false);
  const fd = fs.openSync(__filename, 'r');
  assert.strictEqual(tty.isatty(fd), false);
  fs.closeSync(fd);
  assert.throws(() => new tty.WriteStream(-1), { code: 'ERR_INVALID_FD' });
});
