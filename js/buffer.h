// Buffers for other bindings: a Node Buffer (a Uint8Array whose prototype is
// Buffer.prototype) over memory V8 already owns, or a copy of C bytes.
#ifndef SH_JS_BUFFER_H
#define SH_JS_BUFFER_H

#include <v8.h>

#include <stddef.h>

namespace shard {

class Realm;

// A Buffer view of [offset, offset + length) of ab, with no copy and no free
// callback: the zero-copy path for receive slabs and file reads (the view
// keeps ab, and so its backing store, alive). Before the buffer module has
// registered Buffer.prototype the result is a plain Uint8Array. Empty (with
// an exception pending) when the range is out of bounds.
v8::MaybeLocal<v8::Uint8Array> NewBuffer(Realm *realm, v8::Local<v8::ArrayBuffer> ab,
                                         size_t offset, size_t length);

// A Buffer holding a copy of len bytes of data (its own ArrayBuffer).
v8::MaybeLocal<v8::Uint8Array> NewBufferCopy(Realm *realm, const char *data, size_t len);

// A Buffer that takes ownership of data, which was allocated with malloc and
// is freed with free() when V8 collects the ArrayBuffer (possibly on another
// thread). On failure data is freed and the result is empty.
v8::MaybeLocal<v8::Uint8Array> NewBufferTakeMalloc(Realm *realm, char *data, size_t len);

// The bytes of an ArrayBufferView, ArrayBuffer or SharedArrayBuffer; false
// for any other value. The pointer is valid while the value is alive and
// not detached.
bool BufferContents(v8::Local<v8::Value> value, char **data, size_t *len);

}  // namespace shard

#endif
