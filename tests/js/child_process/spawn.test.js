'use strict';
// child_process.spawn: sh, cat, ls, a missing command and shard (or node)
// itself; events in Node's order; exit codes; stdio choices; cwd, env,
// argv0, shell and detached.
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const { once } = require('node:events');

function collect(stream) {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c));
  return once(stream, 'end').then(() => Buffer.concat(chunks).toString());
}

test('sh: spawn, exit and close come in order with the code', async () => {
  const events = [];
  const child = cp.spawn('sh', ['-c', 'echo out; echo err >&2; exit 7']);
  assert.strictEqual(typeof child.pid, 'number');
  assert.ok(child.pid > 0);
  assert.strictEqual(child.exitCode, null);
  assert.strictEqual(child.signalCode, null);
  assert.deepStrictEqual(child.spawnargs, ['sh', '-c', 'echo out; echo err >&2; exit 7']);
  assert.strictEqual(child.spawnfile, 'sh');
  child.on('spawn', () => events.push('spawn'));
  child.on('exit', (code, signal) => events.push(`exit ${code} ${signal}`));
  const out = collect(child.stdout);
  const err = collect(child.stderr);
  const [code, signal] = await once(child, 'close');
  events.push('close');
  assert.strictEqual(code, 7);
  assert.strictEqual(signal, null);
  assert.strictEqual(child.exitCode, 7);
  assert.deepStrictEqual(events, ['spawn', 'exit 7 null', 'close']);
  assert.strictEqual(await out, 'out\n');
  assert.strictEqual(await err, 'err\n');
});

test('cat: what goes into stdin comes back on stdout', async () => {
  const child = cp.spawn('cat');
  const out = collect(child.stdout);
  child.stdin.write('hello ');
  child.stdin.write(Buffer.from('world'));
  child.stdin.end('\n');
  assert.strictEqual(await out, 'hello world\n');
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
});

test('ls: lists a directory given as cwd', async () => {
  const child = cp.spawn('ls', ['-a'], { cwd: '/' });
  const out = await collect(child.stdout);
  assert.ok(out.split('\n').includes('..'));
  assert.ok(out.split('\n').includes('proc'));
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
});

test('a missing command: error with ENOENT, then close', async () => {
  const events = [];
  const child = cp.spawn('no-such-command-shard-test', ['a', 'b']);
  assert.strictEqual(child.pid, undefined);
  child.on('spawn', () => events.push('spawn'));
  child.on('exit', () => events.push('exit'));
  const [err] = await once(child, 'error');
  events.push('error');
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.errno, -2);
  assert.strictEqual(err.syscall, 'spawn no-such-command-shard-test');
  assert.strictEqual(err.path, 'no-such-command-shard-test');
  assert.deepStrictEqual(err.spawnargs, ['a', 'b']);
  assert.strictEqual(err.message, 'spawn no-such-command-shard-test ENOENT');
  const [code, signal] = await once(child, 'close');
  assert.strictEqual(code, -2);
  assert.strictEqual(signal, null);
  assert.deepStrictEqual(events, ['error']);
});

test('a missing cwd is an ENOENT error too', async () => {
  const child = cp.spawn('sh', ['-c', 'true'], { cwd: '/no/such/directory/here' });
  const [err] = await once(child, 'error');
  assert.strictEqual(err.code, 'ENOENT');
});

test('the runtime itself runs as a child (process.execPath)', async () => {
  const child = cp.spawn(process.execPath, ['-e', 'console.log(process.argv.length, 6 * 7)']);
  const out = await collect(child.stdout);
  assert.strictEqual(out, '1 42\n');
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
});

test('env replaces the environment; argv0 sets argv[0]', async () => {
  const child = cp.spawn('sh', ['-c', 'echo "$FOO|$HOME|$0"'], {
    env: { FOO: 'bar', PATH: process.env.PATH },
    argv0: 'custom-name',
  });
  assert.strictEqual(await collect(child.stdout), 'bar||custom-name\n');
  await once(child, 'close');
});

test('shell: true runs the command line through /bin/sh', async () => {
  const child = cp.spawn('echo $((6 * 7)) | cat', { shell: true });
  assert.strictEqual(await collect(child.stdout), '42\n');
  await once(child, 'close');
});

test('stdio: ignore, inherit and fd numbers give no streams', async () => {
  const child = cp.spawn('sh', ['-c', 'exit 0'], { stdio: ['ignore', 'inherit', 2] });
  assert.strictEqual(child.stdin, null);
  assert.strictEqual(child.stdout, null);
  assert.strictEqual(child.stderr, null);
  assert.deepStrictEqual(child.stdio, [null, null, null]);
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
});

test('stdio: a pipe beyond fd 2 reaches the child', async () => {
  const child = cp.spawn('sh', ['-c', 'echo three >&3; read x <&4; echo "got $x" >&3'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  assert.strictEqual(child.stdio.length, 5);
  const out = collect(child.stdio[3]);
  child.stdio[4].end('four\n');
  assert.strictEqual(await out, 'three\ngot four\n');
  await once(child, 'close');
});

test('stdio: ignore gives the child /dev/null', async () => {
  const child = cp.spawn('sh', ['-c', 'readlink /proc/self/fd/0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  assert.strictEqual(await collect(child.stdout), '/dev/null\n');
  await once(child, 'close');
});

test('stdio: another child\'s stream can be a child\'s stdin', async () => {
  const producer = cp.spawn('sh', ['-c', 'printf "b\\na\\nc\\n"']);
  const sorter = cp.spawn('sort', [], { stdio: [producer.stdout, 'pipe', 'inherit'] });
  assert.strictEqual(await collect(sorter.stdout), 'a\nb\nc\n');
  await once(sorter, 'close');
});

test('detached: the child leads a new session', async () => {
  const child = cp.spawn('sh', ['-c', 'cut -d" " -f6 /proc/self/stat; echo $$'], { detached: true });
  const [sid, pid] = (await collect(child.stdout)).trim().split('\n');
  assert.strictEqual(sid, pid);
  await once(child, 'close');
});

test('uid and gid set the child\'s identity', { skip: process.getuid() !== 0 && 'needs root' }, async () => {
  const child = cp.spawn('sh', ['-c', 'id -u; id -g'], { uid: 65534, gid: 65534 });
  assert.strictEqual(await collect(child.stdout), '65534\n65534\n');
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
});

test('windowsHide and windowsVerbatimArguments are accepted and change nothing', async () => {
  const child = cp.spawn('echo', ['same'], { windowsHide: true, windowsVerbatimArguments: true });
  assert.strictEqual(await collect(child.stdout), 'same\n');
  await once(child, 'close');
});

test('bad arguments throw Node\'s errors', () => {
  assert.throws(() => cp.spawn(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => cp.spawn(''), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => cp.spawn('sh', 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => cp.spawn('sh', [], { cwd: 42 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => cp.spawn('sh', [], { stdio: 'bogus' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => cp.spawn('sh', [], { uid: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => cp.spawn('sh', [], { timeout: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => cp.spawn('sh', [], { killSignal: 'SIGNOPE' }), { code: 'ERR_UNKNOWN_SIGNAL' });
  assert.throws(() => cp.spawn('sh', ['a\u0000b']), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => cp.spawn('sh', [], { stdio: ['ipc', 'ipc'] }), { code: 'ERR_IPC_ONE_PIPE' });
  assert.throws(() => cp.spawn('sh', [], { stdio: [Buffer.from('x')] }), { code: 'ERR_INVALID_SYNC_FORK_INPUT' });
});

test('unref lets the parent exit while the child runs', async () => {
  const script = `
    const child = require('child_process').spawn('sleep', ['30'], { stdio: 'ignore' });
    child.unref();
    console.log(child.pid);
  `;
  const parent = cp.spawn(process.execPath, ['-e', script]);
  const pid = Number(await collect(parent.stdout));
  const [code] = await once(parent, 'close');
  assert.strictEqual(code, 0);
  process.kill(pid, 'SIGKILL');
});
