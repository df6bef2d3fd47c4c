'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const os = require('node:os');
const { Worker } = require('node:worker_threads');
const { once } = require('node:events');
const { render, checksum } = require('./fixtures/mandelbrot.js');

const fixture = path.join(__dirname, 'fixtures', 'mandelbrot.js');
const width = 400;
const height = 300;
const maxIter = 200;

async function renderWithWorkers(count) {
  const buffer = new SharedArrayBuffer(width * height * 2);
  const band = Math.ceil(height / count);
  const workers = [];
  for (let i = 0; i < count; i++) {
    const rowStart = i * band;
    const rowEnd = Math.min(height, rowStart + band);
    const w = new Worker(fixture, {
      workerData: { mandelbrot: true, buffer, width, height, rowStart, rowEnd, maxIter },
    });
    workers.push(Promise.all([once(w, 'message'), once(w, 'exit')]));
  }
  await Promise.all(workers);
  return new Uint16Array(buffer);
}

test('a Mandelbrot image rendered by N workers equals the one rendered by one thread', async () => {
  const single = new Uint16Array(width * height);
  render(single, width, height, 0, height, maxIter);
  const expected = checksum(single);
  for (const count of [1, 2, Math.max(3, os.availableParallelism?.() ?? os.cpus().length)]) {
    const image = await renderWithWorkers(count);
    assert.strictEqual(checksum(image), expected, `${count} workers`);
    assert.deepStrictEqual(image, single);
  }
});
