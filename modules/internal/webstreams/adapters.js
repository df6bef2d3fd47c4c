'use strict';
// Bridges between node:stream and web streams: Readable.toWeb/fromWeb,
// Writable.toWeb/fromWeb and Duplex.toWeb/fromWeb call these (see
// webStreamAdapters() in internal/streams/utils). Backpressure crosses in
// both directions: a paused Readable resumes when the web stream pulls, and
// a web writer waits for 'drain'.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_STREAM_PREMATURE_CLOSE },
  AbortError,
} = require('internal/errors');
const { validateBoolean, validateObject } = require('internal/validators');
const { createDeferredPromise } = require('internal/util');
const {
  isReadableNodeStream,
  isWritableNodeStream,
  isDestroyed,
  isReadable,
  isWritable,
  isWritableEnded,
} = require('internal/streams/utils');
const { ReadableStream, isReadableStream } = require('internal/webstreams/readablestream');
const { WritableStream, isWritableStream } = require('internal/webstreams/writablestream');

function countStrategy(highWaterMark) {
  const { CountQueuingStrategy } = require('stream/web');
  return new CountQueuingStrategy({ highWaterMark });
}

function lazyStream() {
  return require('stream');
}

function eos(stream, options, callback) {
  return require('internal/streams/end-of-stream')(stream, options, callback);
}

function destroy(stream, err) {
  if (typeof stream.destroy === 'function') stream.destroy(err);
}

// Chunk sizes for byte-mode adapters: bytes for buffers, characters for
// strings (a Readable with an encoding gives strings).
function byteSize(chunk) {
  if (typeof chunk === 'string') return chunk.length;
  return chunk?.byteLength ?? 1;
}

// ---- node:stream Readable -> ReadableStream ----

function newReadableStreamFromStreamReadable(streamReadable, options = {}) {
  if (!isReadableNodeStream(streamReadable)) {
    throw new ERR_INVALID_ARG_TYPE('streamReadable', 'stream.Readable', streamReadable);
  }
  validateObject(options, 'options');
  if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
    const readable = new ReadableStream();
    readable.cancel();
    return readable;
  }
  const objectMode = streamReadable.readableObjectMode;
  const highWaterMark = streamReadable.readableHighWaterMark;
  let strategy = options.strategy;
  if (!strategy) {
    strategy = objectMode ? countStrategy(highWaterMark) : { highWaterMark, size: byteSize };
  }

  let controller;
  function onData(chunk) {
    // Buffers leave as plain Uint8Arrays, as in Node.
    if (!objectMode && Buffer.isBuffer(chunk)) {
      chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  }

  function onFinished(error) {
    streamReadable.removeListener('data', onData);
    if (error) {
      if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') {
        error = new AbortError(undefined, { cause: error });
      }
      try {
        controller.error(error);
      } catch {
        // Already closed or errored.
      }
      return;
    }
    try {
      controller.close();
    } catch {
      // Already closed or errored.
    }
  }

  streamReadable.pause();
  const cleanup = eos(streamReadable, {}, onFinished);
  streamReadable.on('data', onData);

  return new ReadableStream({
    start(c) {
      controller = c;
    },
    pull() {
      streamReadable.resume();
    },
    cancel(reason) {
      cleanup();
      destroy(streamReadable, reason);
    },
  }, strategy);
}

// ---- ReadableStream -> node:stream Readable ----

function newStreamReadableFromReadableStream(readableStream, options = {}) {
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('readableStream', 'ReadableStream', readableStream);
  }
  validateObject(options, 'options');
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  if (encoding !== undefined && !Buffer.isEncoding(encoding)) {
    const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
    throw new ERR_INVALID_ARG_VALUE(encoding, 'options.encoding');
  }
  validateBoolean(objectMode, 'options.objectMode');

  const reader = readableStream.getReader();
  let closed = false;

  const readable = new (lazyStream().Readable)({
    objectMode,
    highWaterMark,
    encoding,
    signal,
    read() {
      reader.read().then((chunk) => {
        if (chunk.done) readable.push(null);
        else readable.push(chunk.value);
      }, (error) => destroy(readable, error));
    },
    destroy(error, callback) {
      function done() {
        try {
          callback(error);
        } catch (err) {
          // The callback threw (an 'error' listener did): report it later.
          process.nextTick(() => {
            throw err;
          });
        }
      }
      if (!closed) {
        reader.cancel(error).then(done, done);
        return;
      }
      done();
    },
  });

  reader.closed.then(() => {
    closed = true;
  }, (error) => {
    closed = true;
    destroy(readable, error);
  });
  return readable;
}

// ---- node:stream Writable -> WritableStream ----

function newWritableStreamFromStreamWritable(streamWritable) {
  if (!isWritableNodeStream(streamWritable)) {
    throw new ERR_INVALID_ARG_TYPE('streamWritable', 'stream.Writable', streamWritable);
  }
  if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
    const writable = new WritableStream();
    writable.close();
    return writable;
  }
  const highWaterMark = streamWritable.writableHighWaterMark;
  const strategy = streamWritable.writableObjectMode ?
    countStrategy(highWaterMark) : { highWaterMark, size: byteSize };

  let controller;
  let backpressure;
  let closing;

  function onDrain() {
    if (backpressure !== undefined) backpressure.resolve();
  }

  const cleanup = eos(streamWritable, {}, (error) => {
    streamWritable.removeListener('drain', onDrain);
    if (error != null) {
      if (backpressure !== undefined) backpressure.resolve();
      if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') error = new AbortError(undefined, { cause: error });
      controller.error(error);
      if (closing !== undefined) closing.reject(error);
      return;
    }
    if (closing !== undefined) {
      closing.resolve();
      return;
    }
    controller.error(new AbortError());
  });
  streamWritable.on('drain', onDrain);

  return new WritableStream({
    start(c) {
      controller = c;
    },
    write(chunk) {
      if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
        backpressure = createDeferredPromise();
        return backpressure.promise.finally(() => {
          backpressure = undefined;
        });
      }
    },
    abort(reason) {
      destroy(streamWritable, reason);
    },
    close() {
      if (closing === undefined && !isWritableEnded(streamWritable)) {
        closing = createDeferredPromise();
        streamWritable.end();
        return closing.promise;
      }
      controller = undefined;
      cleanup();
      return Promise.resolve();
    },
  }, strategy);
}

// write and writev of a node:stream side that writes into writer (a
// WritableStream's): each callback once the chunk is written; a throwing
// callback destroys the stream (streamOf() gives it: it exists only after
// these are made).
function writerMethods(writer, decodeStrings, objectMode, streamOf) {
  function settle(callback) {
    return (error) => {
      try {
        callback(error);
      } catch (err) {
        destroy(streamOf(), err);
      }
    };
  }
  return {
    writev(chunks, callback) {
      const done = settle(callback);
      writer.ready.then(() => Promise.all(chunks.map((data) => writer.write(data.chunk))))
        .then(() => done(), done);
    },
    write(chunk, encoding, callback) {
      if (typeof chunk === 'string' && decodeStrings && !objectMode) {
        chunk = Buffer.from(chunk, encoding);
        chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
      const done = settle(callback);
      writer.ready.then(() => writer.write(chunk)).then(() => done(), done);
    },
  };
}

// ---- WritableStream -> node:stream Writable ----

function newStreamWritableFromWritableStream(writableStream, options = {}) {
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('writableStream', 'WritableStream', writableStream);
  }
  validateObject(options, 'options');
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  validateBoolean(objectMode, 'options.objectMode');
  validateBoolean(decodeStrings, 'options.decodeStrings');

  const writer = writableStream.getWriter();
  let closed = false;

  const writable = new (lazyStream().Writable)({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    ...writerMethods(writer, decodeStrings, objectMode, () => writable),
    destroy(error, callback) {
      function done() {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => {
            throw err;
          });
        }
      }
      if (!closed) {
        if (error != null) writer.abort(error).then(done, done);
        else writer.close().then(done, done);
        return;
      }
      done();
    },
    final(callback) {
      function done(error) {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => destroy(writable, err));
        }
      }
      if (!closed) writer.close().then(() => done(), done);
    },
  });

  writer.closed.then(() => {
    closed = true;
    if (!isWritableEnded(writable)) destroy(writable, new ERR_STREAM_PREMATURE_CLOSE());
  }, (error) => {
    closed = true;
    destroy(writable, error);
  });
  return writable;
}

// ---- Duplex <-> { readable, writable } ----

function newReadableWritablePairFromDuplex(duplex) {
  if (typeof duplex?._writableState !== 'object' || typeof duplex?._readableState !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('duplex', 'stream.Duplex', duplex);
  }
  if (isDestroyed(duplex)) {
    const writable = new WritableStream();
    const readable = new ReadableStream();
    writable.close();
    readable.cancel();
    return { readable, writable };
  }
  let writable;
  if (isWritable(duplex)) {
    writable = newWritableStreamFromStreamWritable(duplex);
  } else {
    writable = new WritableStream();
    writable.close();
  }
  let readable;
  if (isReadable(duplex)) {
    readable = newReadableStreamFromStreamReadable(duplex);
  } else {
    readable = new ReadableStream();
    readable.cancel();
  }
  return { writable, readable };
}

function newStreamDuplexFromReadableWritablePair(pair = {}, options = {}) {
  validateObject(pair, 'pair');
  const { readable: readableStream, writable: writableStream } = pair;
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.readable', 'ReadableStream', readableStream);
  }
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.writable', 'WritableStream', writableStream);
  }
  validateObject(options, 'options');
  const { allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, highWaterMark, signal } = options;
  validateBoolean(objectMode, 'options.objectMode');

  const writer = writableStream.getWriter();
  const reader = readableStream.getReader();
  let writableClosed = false;
  let readableClosed = false;

  const duplex = new (lazyStream().Duplex)({
    allowHalfOpen,
    highWaterMark,
    objectMode,
    encoding,
    decodeStrings,
    signal,
    ...writerMethods(writer, decodeStrings, objectMode, () => duplex),
    final(callback) {
      function done(error) {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => destroy(duplex, err));
        }
      }
      if (!writableClosed) writer.close().then(() => done(), done);
    },
    read() {
      reader.read().then((chunk) => {
        if (chunk.done) duplex.push(null);
        else duplex.push(chunk.value);
      }, (error) => destroy(duplex, error));
    },
    destroy(error, callback) {
      function done() {
        try {
          callback(error);
        } catch (err) {
          process.nextTick(() => {
            throw err;
          });
        }
      }
      async function closeWriter() {
        if (!writableClosed) await writer.abort(error);
      }
      async function closeReader() {
        if (!readableClosed) await reader.cancel(error);
      }
      if (!writableClosed || !readableClosed) {
        Promise.all([closeWriter(), closeReader()]).then(done, done);
        return;
      }
      done();
    },
  });

  writer.closed.then(() => {
    writableClosed = true;
    if (!isWritableEnded(duplex)) destroy(duplex, new ERR_STREAM_PREMATURE_CLOSE());
  }, (error) => {
    writableClosed = true;
    readableClosed = true;
    destroy(duplex, error);
  });
  reader.closed.then(() => {
    readableClosed = true;
  }, (error) => {
    writableClosed = true;
    readableClosed = true;
    destroy(duplex, error);
  });
  return duplex;
}

module.exports = {
  newReadableStreamFromStreamReadable,
  newStreamReadableFromReadableStream,
  newWritableStreamFromStreamWritable,
  newStreamWritableFromWritableStream,
  newReadableWritablePairFromDuplex,
  newStreamDuplexFromReadableWritablePair,
};
