// internalBinding('buffer'): what modules/buffer.js needs from C++. The
// encodings themselves are io/encoding.c; this file moves bytes between V8
// strings and ArrayBuffers with as few copies as V8 allows:
// - strings made from bytes are copied once by V8 (NewFromOneByte /
//   NewFromTwoByte), or, when we produce the characters ourselves and they
//   are large, handed to V8 as external strings (no copy at all);
// - strings are read in place when V8 keeps them external, otherwise with
//   String::WriteOneByte / Write straight into the destination or through
//   a small stack chunk.
// It also installs the <encoding>Slice/<encoding>Write methods on
// Buffer.prototype (setBufferPrototype), as Node does.
#include "js/buffer.h"

#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <memory>

#include "io/common.h"
#include "io/encoding.h"
#include "js/binding.h"
#include "js/realm.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "bind_buffer.cc assumes a little-endian host (ucs2 is UTF-16LE in memory)"
#endif

namespace shard {

namespace {

using v8::ArrayBuffer;
using v8::ArrayBufferView;
using v8::BackingStore;
using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Object;
using v8::String;
using v8::Uint8Array;
using v8::Value;

// Characters we produce are handed to V8 as an external string from this
// size on: no copy into the V8 heap (the copy costs more than the bookkeeping).
constexpr size_t kExternalMin = 64 * 1024;
// Stack room for small results and for reading strings in chunks.
constexpr size_t kStackBytes = 2048;
constexpr size_t kChunk = 4096;

// ---- errors ----

void ThrowCode(Isolate *isolate, Local<Value> error, const char *code) {
  USE(error.As<Object>()->Set(isolate->GetCurrentContext(), OneByte(isolate, "code"),
                              OneByte(isolate, code)));
  isolate->ThrowException(error);
}

void ThrowStringTooLong(Isolate *isolate) {
  char msg[96];
  snprintf(msg, sizeof(msg), "Cannot create a string longer than 0x%x characters",
           static_cast<unsigned>(String::kMaxLength));
  ThrowCode(isolate, v8::Exception::Error(Str(isolate, msg)), "ERR_STRING_TOO_LONG");
}

void ThrowIndexOutOfRange(Isolate *isolate) {
  ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "Index out of range");
}

void ThrowOutOfBounds(Isolate *isolate, const char *name) {
  char msg[64];
  snprintf(msg, sizeof(msg), "\"%s\" is outside of buffer bounds", name);
  ThrowRangeError(isolate, "ERR_BUFFER_OUT_OF_BOUNDS", msg);
}

// ---- memory ----

// Large results (strings we produce, Buffers made from strings, big
// allocUnsafe) live and die with the GC, and from the kernel each one gets
// fresh pages: with V8 10.2 and glibc the page faults cost more than the
// encoding itself (a 1 MiB toString('hex') spent 60% of its time zeroing
// pages). So blocks from 128 KiB to 32 MiB are kept for reuse, per realm,
// up to a budget. Frees bring them back from any thread: V8 frees backing
// stores on its own threads, and a Buffer sent to another core is freed
// there (it then returns to the core that made it).
class BlockCache {
 public:
  // Sizes from 128 KiB to 32 MiB in quarter steps of each power of two (so
  // a block wastes at most a fifth of itself).
  static constexpr int kMinShift = 17;
  static constexpr int kMaxShift = 25;
  static constexpr int kClasses = (kMaxShift - kMinShift) * 4 + 1;
  // What may wait for reuse. V8 collects ArrayBuffers after some 64 MiB of
  // them: less than that and a steady stream of large results still gets
  // fresh pages.
  static constexpr size_t kBudget = size_t{64} << 20;

  BlockCache() = default;
  BlockCache(const BlockCache &) = delete;
  BlockCache &operator=(const BlockCache &) = delete;
  ~BlockCache() {
    for (auto &blocks : free_) {
      for (void *p : blocks) {
        free(p);
      }
    }
  }

  static bool Fits(size_t n) {
    return n >= (size_t{1} << kMinShift) && n <= (size_t{1} << kMaxShift);
  }

  // A block of at least n bytes (Fits(n)); *size gets its real size.
  void *Get(size_t n, size_t *size) {
    int cls = ClassOf(n);
    *size = SizeOf(cls);
    {
      std::lock_guard<std::mutex> guard(mu_);
      std::vector<void *> &blocks = free_[cls];
      if (!blocks.empty()) {
        void *p = blocks.back();
        blocks.pop_back();
        cached_ -= *size;
        return p;
      }
    }
    return sh_xmalloc(*size);
  }

  // Takes back a block from Get (size as Get reported it).
  void Put(void *p, size_t size) {
    {
      std::lock_guard<std::mutex> guard(mu_);
      if (cached_ + size <= kBudget) {
        free_[ClassOf(size)].push_back(p);
        cached_ += size;
        return;
      }
    }
    free(p);
  }

 private:
  static size_t SizeOf(int cls) {
    size_t base = size_t{1} << (kMinShift + cls / 4);
    return base + base / 4 * static_cast<size_t>(cls % 4);
  }
  static int ClassOf(size_t n) {
    int cls = 0;
    while (SizeOf(cls) < n) {
      cls++;
    }
    return cls;
  }

  std::mutex mu_;
  std::vector<void *> free_[kClasses];
  size_t cached_ = 0;
};

struct BufferData : BindingData {
  explicit BufferData(Realm *) {}
  v8::Global<Object> prototype; // Buffer.prototype of this realm
  std::shared_ptr<BlockCache> blocks = std::make_shared<BlockCache>();
};

// Owned memory for a result: a cached block, or plain malloc.
struct Block {
  void *data = nullptr;
  size_t size = 0;                   // what was allocated
  std::shared_ptr<BlockCache> cache; // null for malloc'd memory

  void Free() {
    if (data == nullptr) {
      return;
    }
    if (cache) {
      cache->Put(data, size);
    } else {
      free(data);
    }
    data = nullptr;
  }
};

Block AllocBlock(Isolate *isolate, size_t n) {
  Block block;
  if (BlockCache::Fits(n)) {
    block.cache = Realm::From(isolate)->Data<BufferData>("buffer")->blocks;
    block.data = block.cache->Get(n, &block.size);
  } else {
    block.size = n;
    block.data = sh_xmalloc(n == 0 ? 1 : n);
  }
  return block;
}

// A result buffer on the stack when small, else a Block that can be given
// away (to an external string or an ArrayBuffer).
template <typename T>
class Scratch {
 public:
  Scratch(size_t n, Isolate *isolate) {
    if (n * sizeof(T) <= sizeof(stack_)) {
      ptr_ = reinterpret_cast<T *>(stack_);
    } else {
      block_ = AllocBlock(isolate, n * sizeof(T));
      ptr_ = static_cast<T *>(block_.data);
    }
  }
  ~Scratch() { block_.Free(); }
  Scratch(const Scratch &) = delete;
  Scratch &operator=(const Scratch &) = delete;
  T *get() { return ptr_; }
  bool on_heap() const { return ptr_ != reinterpret_cast<const T *>(stack_); }
  // Gives the block to the caller (only when on_heap()).
  Block release() {
    Block b = std::move(block_);
    block_ = Block();
    ptr_ = reinterpret_cast<T *>(stack_);
    return b;
  }

 private:
  alignas(16) unsigned char stack_[kStackBytes];
  T *ptr_;
  Block block_;
};

// An external string's characters: V8 is told of the memory so that the GC
// runs (and gives it back) as it grows.
template <typename Base, typename Char>
class ExternalString : public Base {
 public:
  ExternalString(Isolate *isolate, Block block, size_t len)
      : isolate_(isolate), block_(std::move(block)), len_(len) {
    isolate_->AdjustAmountOfExternalAllocatedMemory(static_cast<int64_t>(block_.size));
  }
  ~ExternalString() override {
    isolate_->AdjustAmountOfExternalAllocatedMemory(-static_cast<int64_t>(block_.size));
    block_.Free();
  }
  const Char *data() const override { return static_cast<const Char *>(block_.data); }
  size_t length() const override { return len_; }

 private:
  Isolate *isolate_;
  Block block_;
  size_t len_;
};

using ExternalOneByte = ExternalString<String::ExternalOneByteStringResource, char>;
using ExternalTwoByte = ExternalString<String::ExternalStringResource, uint16_t>;

// An ArrayBuffer over a block, which goes back when V8 collects it.
MaybeLocal<ArrayBuffer> NewBlockArrayBuffer(Isolate *isolate, Block block, size_t len) {
  auto *holder = new Block(std::move(block));
  void *data = holder->data;
  std::unique_ptr<BackingStore> store = ArrayBuffer::NewBackingStore(
      data, len,
      [](void *, size_t, void *arg) {
        Block *b = static_cast<Block *>(arg);
        b->Free();
        delete b;
      },
      holder);
  return ArrayBuffer::New(isolate, std::move(store));
}

// ---- bytes -> strings ----

MaybeLocal<String> OneByteCopy(Isolate *isolate, const uint8_t *data, size_t len) {
  if (len > static_cast<size_t>(String::kMaxLength)) {
    ThrowStringTooLong(isolate);
    return {};
  }
  if (len >= kExternalMin) {
    // Into reused memory rather than fresh pages of V8's large-object space.
    Block block = AllocBlock(isolate, len);
    memcpy(block.data, data, len);
    return String::NewExternalOneByte(isolate, new ExternalOneByte(isolate, std::move(block), len));
  }
  return String::NewFromOneByte(isolate, data, v8::NewStringType::kNormal, static_cast<int>(len));
}

// A string of the len characters in out (which the string may keep).
MaybeLocal<String> TakeOneByte(Isolate *isolate, Scratch<uint8_t> &out, size_t len) {
  if (len > static_cast<size_t>(String::kMaxLength)) {
    ThrowStringTooLong(isolate);
    return {};
  }
  if (len >= kExternalMin && out.on_heap()) {
    return String::NewExternalOneByte(isolate, new ExternalOneByte(isolate, out.release(), len));
  }
  return String::NewFromOneByte(isolate, out.get(), v8::NewStringType::kNormal,
                                static_cast<int>(len));
}

MaybeLocal<String> TakeTwoByte(Isolate *isolate, Scratch<uint16_t> &out, size_t len) {
  if (len > static_cast<size_t>(String::kMaxLength)) {
    ThrowStringTooLong(isolate);
    return {};
  }
  if (len >= kExternalMin && out.on_heap()) {
    return String::NewExternalTwoByte(isolate, new ExternalTwoByte(isolate, out.release(), len));
  }
  return String::NewFromTwoByte(isolate, out.get(), v8::NewStringType::kNormal,
                                static_cast<int>(len));
}

MaybeLocal<String> DecodeUtf8(Isolate *isolate, const uint8_t *data, size_t len) {
  size_t prefix = sh_ascii_prefix(data, len);
  if (prefix == len) {
    return OneByteCopy(isolate, data, len);
  }
  bool one_byte;
  size_t units = prefix + sh_utf8_utf16_length(data + prefix, len - prefix, &one_byte);
  if (one_byte) {
    Scratch<uint8_t> out(units, isolate);
    memcpy(out.get(), data, prefix);
    sh_utf8_to_latin1(out.get() + prefix, data + prefix, len - prefix);
    return TakeOneByte(isolate, out, units);
  }
  Scratch<uint16_t> out(units, isolate);
  sh_utf16_from_latin1(out.get(), data, prefix);
  sh_utf8_to_utf16(out.get() + prefix, data + prefix, len - prefix);
  return TakeTwoByte(isolate, out, units);
}

// Bytes to a string in one of Node's encodings (buf.toString).
MaybeLocal<String> Decode(Isolate *isolate, const uint8_t *data, size_t len, sh_encoding_t enc) {
  switch (enc) {
    case SH_ENC_UTF8:
      return DecodeUtf8(isolate, data, len);
    case SH_ENC_LATIN1:
      return OneByteCopy(isolate, data, len);
    case SH_ENC_ASCII: {
      if (sh_ascii_prefix(data, len) == len) {
        return OneByteCopy(isolate, data, len);
      }
      Scratch<uint8_t> out(len, isolate);
      sh_ascii_strip(out.get(), data, len);
      return TakeOneByte(isolate, out, len);
    }
    case SH_ENC_UTF16LE: {
      size_t units = len / 2;
      if (reinterpret_cast<uintptr_t>(data) % 2 == 0 && units < kExternalMin) {
        if (units > static_cast<size_t>(String::kMaxLength)) {
          ThrowStringTooLong(isolate);
          return {};
        }
        return String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t *>(data),
                                      v8::NewStringType::kNormal, static_cast<int>(units));
      }
      Scratch<uint16_t> out(units, isolate);
      memcpy(out.get(), data, units * 2);
      return TakeTwoByte(isolate, out, units);
    }
    case SH_ENC_HEX: {
      if (len > static_cast<size_t>(String::kMaxLength) / 2) {
        ThrowStringTooLong(isolate);
        return {};
      }
      Scratch<uint8_t> out(len * 2, isolate);
      sh_hex_encode(reinterpret_cast<char *>(out.get()), data, len);
      return TakeOneByte(isolate, out, len * 2);
    }
    case SH_ENC_BASE64:
    case SH_ENC_BASE64URL: {
      bool url = enc == SH_ENC_BASE64URL;
      size_t n = sh_base64_encoded_length(len, url);
      if (n > static_cast<size_t>(String::kMaxLength)) {
        ThrowStringTooLong(isolate);
        return {};
      }
      Scratch<uint8_t> out(n, isolate);
      sh_base64_encode(reinterpret_cast<char *>(out.get()), data, len, url);
      return TakeOneByte(isolate, out, n);
    }
  }
  return {};
}

// ---- strings -> bytes ----

inline bool IsHighSurrogate(uint16_t c) { return (c & 0xFC00) == 0xD800; }

// The characters of a string, read in place when V8 keeps them outside its
// heap, else copied out with WriteOneByte/Write (which flatten a cons string
// once; later reads are plain copies).
class StringReader {
 public:
  StringReader(Isolate *isolate, Local<String> str)
      : isolate_(isolate), str_(str), length_(static_cast<size_t>(str->Length())),
        one_byte_(str->IsOneByte()) {
    // Short strings are copied: asking V8 whether they are external costs
    // more than the copy.
    if (length_ < 256) {
      return;
    }
    if (str->IsExternalOneByte()) {
      ext1_ = reinterpret_cast<const uint8_t *>(str->GetExternalOneByteStringResource()->data());
    } else if (str->IsExternalTwoByte()) {
      ext2_ = str->GetExternalStringResource()->data();
    }
  }
  size_t length() const { return length_; }
  bool one_byte() const { return one_byte_; }
  Isolate *isolate() const { return isolate_; }
  const uint8_t *direct_one_byte() const { return ext1_; }
  const uint16_t *direct_two_byte() const { return ext2_; }

  // Characters [start, start + n) one byte each: the low byte of two-byte
  // characters, as Node's latin1/hex/base64 writers take them.
  void ReadOneByte(uint8_t *dst, size_t start, size_t n) const {
    if (ext1_ != nullptr) {
      memcpy(dst, ext1_ + start, n);
    } else if (ext2_ != nullptr) {
      for (size_t i = 0; i < n; i++) {
        dst[i] = static_cast<uint8_t>(ext2_[start + i]);
      }
    } else {
      str_->WriteOneByte(isolate_, dst, static_cast<int>(start), static_cast<int>(n),
                         String::NO_NULL_TERMINATION);
    }
  }
  void ReadTwoByte(uint16_t *dst, size_t start, size_t n) const {
    if (ext2_ != nullptr) {
      memcpy(dst, ext2_ + start, n * 2);
    } else if (ext1_ != nullptr) {
      sh_utf16_from_latin1(dst, ext1_ + start, n);
    } else {
      str_->Write(isolate_, dst, static_cast<int>(start), static_cast<int>(n),
                  String::NO_NULL_TERMINATION);
    }
  }

  // Calls fn(chars, count) over characters [start, end) as one byte each,
  // in place or through a stack chunk (count even, so hex pairs stay
  // together); stops when fn returns false.
  template <typename Fn>
  void ForEachOneByte(size_t start, size_t end, Fn fn) const {
    if (ext1_ != nullptr) {
      fn(ext1_ + start, end - start);
      return;
    }
    uint8_t chunk[kChunk];
    for (size_t pos = start; pos < end;) {
      size_t k = std::min(kChunk, end - pos);
      ReadOneByte(chunk, pos, k);
      if (!fn(static_cast<const uint8_t *>(chunk), k)) {
        return;
      }
      pos += k;
    }
  }

 private:
  Isolate *isolate_;
  Local<String> str_;
  size_t length_;
  bool one_byte_;
  const uint8_t *ext1_ = nullptr;
  const uint16_t *ext2_ = nullptr;
};

size_t Utf8Length(const StringReader &r) {
  size_t n = r.length();
  if (r.one_byte()) {
    if (r.direct_one_byte() != nullptr) {
      return sh_utf8_length_latin1(r.direct_one_byte(), n);
    }
    size_t len = 0;
    r.ForEachOneByte(0, n, [&](const uint8_t *p, size_t k) {
      len += sh_utf8_length_latin1(p, k);
      return true;
    });
    return len;
  }
  if (r.direct_two_byte() != nullptr) {
    return sh_utf8_length_utf16(r.direct_two_byte(), n);
  }
  uint16_t chunk[kChunk];
  size_t len = 0;
  for (size_t pos = 0; pos < n;) {
    size_t k = std::min(kChunk, n - pos);
    r.ReadTwoByte(chunk, pos, k);
    if (pos + k < n && IsHighSurrogate(chunk[k - 1])) {
      k--; // keep a pair in one chunk
    }
    len += sh_utf8_length_utf16(chunk, k);
    pos += k;
  }
  return len;
}

// Writes whole characters of the string as UTF-8 into at most cap bytes;
// *nread (may be null) gets the UTF-16 units consumed (encodeInto's read).
size_t WriteUtf8(const StringReader &r, uint8_t *dst, size_t cap, size_t *nread = nullptr) {
  size_t n = r.length();
  size_t read = 0;
  size_t o = 0;
  if (r.one_byte()) {
    if (r.direct_one_byte() != nullptr) {
      o = sh_utf8_from_latin1(dst, cap, r.direct_one_byte(), n, &read);
    } else {
      // Copy straight into place: ASCII text (the common case) is then done.
      size_t m = std::min(n, cap);
      // The output may end short of m when cap cuts it (by one byte at most:
      // a Latin-1 character is one or two bytes); those bytes must keep
      // what they held, so save the last few.
      uint8_t saved[4];
      size_t keep = std::min<size_t>(m, sizeof(saved));
      memcpy(saved, dst + m - keep, keep);
      r.ReadOneByte(dst, 0, m);
      size_t p = sh_ascii_prefix(dst, m);
      if (p == m) {
        o = read = m;
      } else {
        // Characters from p on grow to two bytes: re-encode them from a
        // copy. Nothing past m can fit (each character takes a byte).
        Scratch<uint8_t> rest(m - p, r.isolate());
        memcpy(rest.get(), dst + p, m - p);
        o = p + sh_utf8_from_latin1(dst + p, cap - p, rest.get(), m - p, &read);
        read += p;
        if (o < m) {
          size_t from = std::max(o, m - keep);
          memcpy(dst + from, saved + (from - (m - keep)), m - from);
        }
      }
    }
  } else if (r.direct_two_byte() != nullptr) {
    o = sh_utf8_from_utf16(dst, cap, r.direct_two_byte(), n, &read);
  } else {
    uint16_t chunk[kChunk];
    while (read < n && o < cap) {
      size_t k = std::min(kChunk, n - read);
      r.ReadTwoByte(chunk, read, k);
      if (read + k < n && IsHighSurrogate(chunk[k - 1])) {
        k--; // keep a surrogate pair in one chunk
      }
      size_t used;
      o += sh_utf8_from_utf16(dst + o, cap - o, chunk, k, &used);
      read += used;
      if (used < k) {
        break; // dst is full
      }
    }
  }
  if (nread != nullptr) {
    *nread = read;
  }
  return o;
}

// Writes the string in an encoding into at most cap bytes (buf.write).
size_t WriteString(Isolate *isolate, uint8_t *dst, size_t cap, Local<String> str,
                   sh_encoding_t enc) {
  StringReader r(isolate, str);
  size_t n = r.length();
  switch (enc) {
    case SH_ENC_UTF8:
      return WriteUtf8(r, dst, cap);
    case SH_ENC_LATIN1:
    case SH_ENC_ASCII: {
      size_t m = std::min(n, cap);
      r.ReadOneByte(dst, 0, m);
      return m;
    }
    case SH_ENC_UTF16LE: {
      size_t units = std::min(n, cap / 2);
      if (reinterpret_cast<uintptr_t>(dst) % 2 == 0) {
        r.ReadTwoByte(reinterpret_cast<uint16_t *>(dst), 0, units);
      } else {
        uint16_t chunk[kChunk];
        for (size_t pos = 0; pos < units; pos += kChunk) {
          size_t k = std::min(kChunk, units - pos);
          r.ReadTwoByte(chunk, pos, k);
          memcpy(dst + pos * 2, chunk, k * 2);
        }
      }
      return units * 2;
    }
    case SH_ENC_HEX: {
      size_t o = 0;
      r.ForEachOneByte(0, n, [&](const uint8_t *p, size_t k) {
        size_t want = std::min(k / 2, cap - o);
        size_t got = sh_hex_decode(dst + o, cap - o, p, k);
        o += got;
        return got == want && o < cap;
      });
      return o;
    }
    case SH_ENC_BASE64:
    case SH_ENC_BASE64URL: {
      sh_base64_state_t state = {};
      size_t o = 0;
      r.ForEachOneByte(0, n, [&](const uint8_t *p, size_t k) {
        o += sh_base64_decode(&state, dst + o, cap - o, p, k);
        return !state.done;
      });
      return o;
    }
  }
  return 0;
}

// Room enough for a string in an encoding: exact for utf8, ucs2, latin1,
// ascii and hex; an upper bound for base64 (Node's byteLength).
size_t ByteLength(Isolate *isolate, Local<String> str, sh_encoding_t enc) {
  size_t n = static_cast<size_t>(str->Length());
  switch (enc) {
    case SH_ENC_UTF8: {
      StringReader r(isolate, str);
      return Utf8Length(r);
    }
    case SH_ENC_UTF16LE:
      return n * 2;
    case SH_ENC_HEX:
      return n / 2;
    case SH_ENC_BASE64:
    case SH_ENC_BASE64URL: {
      // Node's estimate: exact for clean input, high with whitespace.
      uint16_t last[2] = {0, 0};
      size_t t = std::min<size_t>(n, 2);
      if (t > 0) {
        str->Write(isolate, last, static_cast<int>(n - t), static_cast<int>(t),
                   String::NO_NULL_TERMINATION);
      }
      size_t m = n;
      if (m > 0 && last[t - 1] == '=') {
        m--;
      }
      if (m > 1 && t == 2 && last[0] == '=' && last[1] == '=') {
        m--;
      }
      return m * 3 / 4;
    }
    default:
      return n;
  }
}

// Sets a size as the return value: a small integer when it fits (no heap
// number to allocate), else a double.
inline void ReturnSize(const FunctionCallbackInfo<Value> &args, size_t n) {
  if (n <= INT32_MAX) {
    args.GetReturnValue().Set(static_cast<int32_t>(n));
  } else {
    args.GetReturnValue().Set(static_cast<double>(n));
  }
}

// ---- views ----

struct View {
  uint8_t *data = nullptr;
  size_t length = 0;
};

bool GetView(Local<Value> value, View *view) {
  if (value->IsArrayBufferView()) {
    Local<ArrayBufferView> v = value.As<ArrayBufferView>();
    view->length = v->ByteLength();
    uint8_t *base = static_cast<uint8_t *>(v->Buffer()->Data());
    view->data = base == nullptr ? nullptr : base + v->ByteOffset();
    return true;
  }
  if (value->IsArrayBuffer()) {
    Local<ArrayBuffer> ab = value.As<ArrayBuffer>();
    view->length = ab->ByteLength();
    view->data = static_cast<uint8_t *>(ab->Data());
    return true;
  }
  if (value->IsSharedArrayBuffer()) {
    Local<v8::SharedArrayBuffer> ab = value.As<v8::SharedArrayBuffer>();
    view->length = ab->ByteLength();
    view->data = static_cast<uint8_t *>(ab->Data());
    return true;
  }
  return false;
}

bool ArgView(const FunctionCallbackInfo<Value> &args, int i, View *view) {
  if (!GetView(args[i], view)) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", "argument must be a buffer");
    return false;
  }
  return true;
}

bool ThisView(const FunctionCallbackInfo<Value> &args, View *view) {
  Local<Value> self = args.This();
  if (!self->IsArrayBufferView() || !GetView(self, view)) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", "argument must be a buffer");
    return false;
  }
  return true;
}

// An integer argument (ToInteger); def when undefined. Returns false with
// an exception pending if the conversion threw.
bool ArgInteger(const FunctionCallbackInfo<Value> &args, int i, int64_t def, int64_t *out) {
  Local<Value> v = args[i];
  if (v->IsUndefined()) {
    *out = def;
    return true;
  }
  if (v->IsInt32()) {
    *out = v.As<v8::Int32>()->Value();
    return true;
  }
  return v->IntegerValue(args.GetIsolate()->GetCurrentContext()).To(out);
}

// A view argument narrowed to the range given by the integer arguments at
// first and first + 1 (defaults: the whole view; both clamped into it).
bool ArgViewRange(const FunctionCallbackInfo<Value> &args, int view_arg, int first, View *range) {
  View view;
  if (!ArgView(args, view_arg, &view)) {
    return false;
  }
  int64_t start;
  int64_t end;
  if (!ArgInteger(args, first, 0, &start) ||
      !ArgInteger(args, first + 1, static_cast<int64_t>(view.length), &end)) {
    return false;
  }
  start = std::clamp<int64_t>(start, 0, static_cast<int64_t>(view.length));
  end = std::clamp<int64_t>(end, start, static_cast<int64_t>(view.length));
  range->data = view.data + start;
  range->length = static_cast<size_t>(end - start);
  return true;
}

// Reads encoding numbers passed from JS (SH_ENC_*).
sh_encoding_t ArgEncoding(const FunctionCallbackInfo<Value> &args, int i) {
  int32_t e = args[i]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
  return e >= SH_ENC_UTF8 && e <= SH_ENC_HEX ? static_cast<sh_encoding_t>(e) : SH_ENC_UTF8;
}

// ---- Buffer.prototype.<encoding>Slice(start, end) ----

template <sh_encoding_t E>
void SliceMethod(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  View view;
  if (!ThisView(args, &view)) {
    return;
  }
  int64_t start;
  int64_t end;
  if (!ArgInteger(args, 0, 0, &start) ||
      !ArgInteger(args, 1, static_cast<int64_t>(view.length), &end)) {
    return;
  }
  if (start < 0 || end < 0) {
    ThrowIndexOutOfRange(isolate);
    return;
  }
  if (end < start) {
    end = start;
  }
  if (static_cast<uint64_t>(end) > view.length) {
    ThrowIndexOutOfRange(isolate);
    return;
  }
  Local<String> result;
  if (Decode(isolate, view.data + start, static_cast<size_t>(end - start), E).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// ---- Buffer.prototype.<encoding>Write(string, offset, length) ----

template <sh_encoding_t E>
void WriteMethod(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  View view;
  if (!ThisView(args, &view)) {
    return;
  }
  if (!args[0]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "argument must be a string");
    return;
  }
  // utf8, latin1 and ascii report a negative offset as out of bounds;
  // the others as Node's native writers do.
  constexpr bool kBoundsErrors = E == SH_ENC_UTF8 || E == SH_ENC_LATIN1 || E == SH_ENC_ASCII;
  int64_t offset;
  int64_t max;
  if (!ArgInteger(args, 1, 0, &offset)) {
    return;
  }
  if (offset < 0 && !kBoundsErrors) {
    ThrowIndexOutOfRange(isolate);
    return;
  }
  if (offset < 0 || static_cast<uint64_t>(offset) > view.length) {
    ThrowOutOfBounds(isolate, "offset");
    return;
  }
  size_t room = view.length - static_cast<size_t>(offset);
  if (!ArgInteger(args, 2, static_cast<int64_t>(room), &max)) {
    return;
  }
  if (max < 0) {
    if (kBoundsErrors) {
      ThrowOutOfBounds(isolate, "length");
    } else {
      ThrowIndexOutOfRange(isolate);
    }
    return;
  }
  size_t cap = std::min(room, static_cast<size_t>(max));
  size_t written = 0;
  if (cap > 0) {
    written = WriteString(isolate, view.data + offset, cap, args[0].As<String>(), E);
  }
  ReturnSize(args, written);
}

// ---- static functions ----

void ByteLengthUtf8(const FunctionCallbackInfo<Value> &args) {
  if (!args[0]->IsString()) {
    return;
  }
  StringReader r(args.GetIsolate(), args[0].As<String>());
  ReturnSize(args, Utf8Length(r));
}

// An ArrayBuffer of malloc'd memory, freed when V8 collects it.
MaybeLocal<ArrayBuffer> NewMallocArrayBuffer(Isolate *isolate, void *data, size_t len) {
  std::unique_ptr<BackingStore> store = ArrayBuffer::NewBackingStore(
      data, len, [](void *p, size_t, void *) { free(p); }, nullptr);
  return ArrayBuffer::New(isolate, std::move(store));
}

// decode(view, enc, start, end): toString of any view (TextDecoder,
// StringDecoder, Blob); start and end already validated by the caller.
void DecodeView(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  View range;
  if (!ArgViewRange(args, 0, 2, &range)) {
    return;
  }
  sh_encoding_t enc = ArgEncoding(args, 1);
  Local<String> result;
  if (Decode(isolate, range.data, range.length, enc).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// createFromString(string, enc[, plain]): a new Buffer of exactly the
// encoded bytes (its own ArrayBuffer; JS uses the pool for short strings),
// or with plain a Uint8Array (TextEncoder.encode).
void CreateFromString(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  if (!args[0]->IsString()) {
    return;
  }
  Local<String> str = args[0].As<String>();
  sh_encoding_t enc = ArgEncoding(args, 1);
  size_t cap = ByteLength(isolate, str, enc);
  if (cap > v8::TypedArray::kMaxLength) {
    char msg[96];
    snprintf(msg, sizeof(msg), "Cannot create a Buffer larger than %zu bytes",
             static_cast<size_t>(v8::TypedArray::kMaxLength));
    ThrowRangeError(isolate, "ERR_BUFFER_TOO_LARGE", msg);
    return;
  }
  Block block = AllocBlock(isolate, cap);
  size_t len = cap == 0 ? 0
                        : WriteString(isolate, static_cast<uint8_t *>(block.data), cap, str, enc);
  Local<ArrayBuffer> ab;
  if (len == 0) {
    block.Free();
    ab = ArrayBuffer::New(isolate, 0);
  } else if (!NewBlockArrayBuffer(isolate, std::move(block), len).ToLocal(&ab)) {
    return;
  }
  if (args[2]->IsTrue()) {
    args.GetReturnValue().Set(Uint8Array::New(ab, 0, len));
    return;
  }
  Local<Uint8Array> buf;
  if (NewBuffer(realm, ab, 0, len).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

// encodeInto(string, dest, results): TextEncoder.encodeInto; results (a
// Uint32Array) gets [read, written].
void EncodeInto(const FunctionCallbackInfo<Value> &args) {
  View dest;
  if (!args[0]->IsString() || !ArgView(args, 1, &dest) || !args[2]->IsUint32Array()) {
    return;
  }
  StringReader r(args.GetIsolate(), args[0].As<String>());
  size_t read;
  size_t written = WriteUtf8(r, dest.data, dest.length, &read);
  Local<v8::Uint32Array> results = args[2].As<v8::Uint32Array>();
  uint32_t *out = reinterpret_cast<uint32_t *>(static_cast<uint8_t *>(results->Buffer()->Data()) +
                                               results->ByteOffset());
  out[0] = static_cast<uint32_t>(read);
  out[1] = static_cast<uint32_t>(written);
}

// createUnsafeArrayBuffer(size): an ArrayBuffer whose memory is not zeroed
// (Buffer.allocUnsafe and the pool).
void CreateUnsafeArrayBuffer(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  double size = args[0]->NumberValue(isolate->GetCurrentContext()).FromMaybe(0);
  if (!(size >= 0) || size > static_cast<double>(v8::TypedArray::kMaxLength)) {
    ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "Array buffer allocation failed");
    return;
  }
  size_t len = static_cast<size_t>(size);
  if (len < 64) {
    args.GetReturnValue().Set(ArrayBuffer::New(isolate, len));
    return;
  }
  Local<ArrayBuffer> ab;
  if (NewBlockArrayBuffer(isolate, AllocBlock(isolate, len), len).ToLocal(&ab)) {
    args.GetReturnValue().Set(ab);
  }
}

void SetBufferPrototype(const FunctionCallbackInfo<Value> &args);

// compare(a, b) -> -1, 0, 1
void Compare(const FunctionCallbackInfo<Value> &args) {
  View a;
  View b;
  if (!ArgView(args, 0, &a) || !ArgView(args, 1, &b)) {
    return;
  }
  size_t n = std::min(a.length, b.length);
  int r = n > 0 ? memcmp(a.data, b.data, n) : 0;
  if (r == 0) {
    r = a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  args.GetReturnValue().Set(r < 0 ? -1 : r > 0 ? 1 : 0);
}

// compareOffset(source, target, targetStart, sourceStart, targetEnd,
// sourceEnd), the ranges validated and non-empty (buf.compare).
void CompareOffset(const FunctionCallbackInfo<Value> &args) {
  View source;
  View target;
  if (!ArgView(args, 0, &source) || !ArgView(args, 1, &target)) {
    return;
  }
  int64_t ts, ss, te, se;
  if (!ArgInteger(args, 2, 0, &ts) || !ArgInteger(args, 3, 0, &ss) ||
      !ArgInteger(args, 4, 0, &te) || !ArgInteger(args, 5, 0, &se)) {
    return;
  }
  Isolate *isolate = args.GetIsolate();
  if (ss < 0 || static_cast<uint64_t>(ss) > source.length) {
    ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "The value of \"sourceStart\" is out of range.");
    return;
  }
  if (ts < 0 || static_cast<uint64_t>(ts) > target.length) {
    ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "The value of \"targetStart\" is out of range.");
    return;
  }
  se = std::clamp<int64_t>(se, ss, static_cast<int64_t>(source.length));
  te = std::clamp<int64_t>(te, ts, static_cast<int64_t>(target.length));
  size_t slen = static_cast<size_t>(se - ss);
  size_t tlen = static_cast<size_t>(te - ts);
  size_t n = std::min(slen, tlen);
  int r = n > 0 ? memcmp(source.data + ss, target.data + ts, n) : 0;
  if (r == 0) {
    r = slen < tlen ? -1 : slen > tlen ? 1 : 0;
  }
  args.GetReturnValue().Set(r < 0 ? -1 : r > 0 ? 1 : 0);
}

// copy(source, target, targetStart, sourceStart, count) -> count; the
// caller has clamped the ranges. Overlapping ranges copy as memmove.
void Copy(const FunctionCallbackInfo<Value> &args) {
  View source;
  View target;
  if (!ArgView(args, 0, &source) || !ArgView(args, 1, &target)) {
    return;
  }
  int64_t ts, ss, nb;
  if (!ArgInteger(args, 2, 0, &ts) || !ArgInteger(args, 3, 0, &ss) ||
      !ArgInteger(args, 4, 0, &nb)) {
    return;
  }
  if (ts < 0 || ss < 0 || nb < 0 || static_cast<uint64_t>(ts) > target.length ||
      static_cast<uint64_t>(ss) > source.length) {
    ThrowIndexOutOfRange(args.GetIsolate());
    return;
  }
  size_t n = std::min({static_cast<size_t>(nb), target.length - static_cast<size_t>(ts),
                       source.length - static_cast<size_t>(ss)});
  if (n > 0) {
    memmove(target.data + ts, source.data + ss, n);
  }
  ReturnSize(args, n);
}

// Repeats pattern over [dst, dst + n).
void FillPattern(uint8_t *dst, size_t n, const uint8_t *pattern, size_t plen) {
  if (plen == 1) {
    memset(dst, pattern[0], n);
    return;
  }
  size_t first = std::min(plen, n);
  memmove(dst, pattern, first);
  // Double what is filled until done: few large copies.
  size_t filled = first;
  while (filled < n) {
    size_t k = std::min(filled, n - filled);
    memcpy(dst + filled, dst, k);
    filled += k;
  }
}

// fill(buf, value, start, end, enc): value a string (in enc), a view, or
// a number (& 255). Returns -1 when value encodes to nothing, -2 when the
// range is out of bounds; undefined otherwise.
void Fill(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  View view;
  if (!ArgView(args, 0, &view)) {
    return;
  }
  int64_t start;
  int64_t end;
  if (!ArgInteger(args, 2, 0, &start) ||
      !ArgInteger(args, 3, static_cast<int64_t>(view.length), &end)) {
    return;
  }
  if (start < 0 || end < start || static_cast<uint64_t>(end) > view.length) {
    args.GetReturnValue().Set(-2);
    return;
  }
  size_t n = static_cast<size_t>(end - start);
  uint8_t *dst = view.data + start;
  Local<Value> value = args[1];
  if (value->IsString()) {
    Local<String> str = value.As<String>();
    sh_encoding_t enc = ArgEncoding(args, 4);
    // The pattern is at most n bytes: what would be written anyway. utf8
    // and ucs2 take the encoded bytes as they are, even a cut character.
    size_t plen;
    if (enc == SH_ENC_UTF8) {
      StringReader r(isolate, str);
      size_t full = Utf8Length(r);
      Scratch<uint8_t> pattern(full, isolate);
      plen = WriteUtf8(r, pattern.get(), full);
      if (plen == 0) {
        args.GetReturnValue().Set(-1);
        return;
      }
      FillPattern(dst, n, pattern.get(), plen);
      return;
    }
    size_t full = enc == SH_ENC_UTF16LE ? static_cast<size_t>(str->Length()) * 2
                                        : std::min<size_t>(n, ByteLength(isolate, str, enc));
    Scratch<uint8_t> pattern(full == 0 ? 1 : full, isolate);
    plen = full == 0 ? 0 : WriteString(isolate, pattern.get(), full, str, enc);
    if (plen == 0) {
      args.GetReturnValue().Set(-1);
      return;
    }
    FillPattern(dst, n, pattern.get(), plen);
    return;
  }
  View pattern;
  if (GetView(value, &pattern)) {
    if (pattern.length == 0) {
      args.GetReturnValue().Set(-1);
      return;
    }
    if (pattern.data >= dst && pattern.data < dst + n) {
      // The pattern lies in the range it fills: work from a copy.
      Scratch<uint8_t> copy(pattern.length, isolate);
      memcpy(copy.get(), pattern.data, pattern.length);
      FillPattern(dst, n, copy.get(), pattern.length);
    } else {
      FillPattern(dst, n, pattern.data, pattern.length);
    }
    return;
  }
  uint32_t v;
  if (!value->Uint32Value(isolate->GetCurrentContext()).To(&v)) {
    return; // a BigInt or a throwing valueOf
  }
  if (n > 0) {
    memset(dst, static_cast<int>(v & 255), n);
  }
}

// Node's starting point for indexOf/lastIndexOf: an offset inside the
// buffer, or -1 when nothing can match.
int64_t IndexOfOffset(size_t length, int64_t offset, int64_t needle_length, bool forward) {
  int64_t len = static_cast<int64_t>(length);
  if (offset < 0) {
    if (offset + len >= 0) {
      return len + offset; // counts back from the end
    }
    return forward || needle_length == 0 ? 0 : -1;
  }
  if (offset + needle_length <= len) {
    return offset;
  }
  if (needle_length == 0) {
    return len;
  }
  return forward ? -1 : len - 1;
}

double SearchBytes(const View &hay, const uint8_t *needle, size_t m, int64_t offset_arg,
                   bool ucs2, bool forward) {
  int64_t opt = IndexOfOffset(hay.length, offset_arg, static_cast<int64_t>(m), forward);
  if (m == 0) {
    return static_cast<double>(opt); // as String#indexOf with ""
  }
  if (hay.length == 0 || opt < 0) {
    return -1;
  }
  size_t offset = static_cast<size_t>(opt);
  if ((forward && m + offset > hay.length) || m > hay.length) {
    return -1;
  }
  if (!ucs2) {
    int64_t r = forward ? sh_bytes_index(hay.data, hay.length, needle, m, offset)
                        : sh_bytes_last_index(hay.data, hay.length, needle, m, offset);
    return static_cast<double>(r);
  }
  // Search whole 16-bit units from the start of the buffer.
  if (hay.length < 2 || m < 2) {
    return -1;
  }
  size_t units = hay.length / 2;
  size_t nunits = m / 2;
  const uint16_t *h = reinterpret_cast<const uint16_t *>(hay.data);
  const uint16_t *nd = reinterpret_cast<const uint16_t *>(needle);
  std::unique_ptr<uint16_t[]> hcopy;
  std::unique_ptr<uint16_t[]> ncopy;
  if (reinterpret_cast<uintptr_t>(h) % 2 != 0) {
    hcopy.reset(new uint16_t[units]);
    memcpy(hcopy.get(), hay.data, units * 2);
    h = hcopy.get();
  }
  if (reinterpret_cast<uintptr_t>(nd) % 2 != 0) {
    ncopy.reset(new uint16_t[nunits]);
    memcpy(ncopy.get(), needle, nunits * 2);
    nd = ncopy.get();
  }
  int64_t r = forward ? sh_u16_index(h, units, nd, nunits, offset / 2)
                      : sh_u16_last_index(h, units, nd, nunits, offset / 2);
  return r < 0 ? -1 : static_cast<double>(r * 2);
}

// indexOfString(buffer, string, byteOffset, enc, forward): utf8, ucs2 and
// latin1 needles (the others are converted to a Buffer in JS).
void IndexOfString(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  View hay;
  if (!ArgView(args, 0, &hay) || !args[1]->IsString()) {
    return;
  }
  Local<String> str = args[1].As<String>();
  int64_t offset;
  if (!ArgInteger(args, 2, 0, &offset)) {
    return;
  }
  sh_encoding_t enc = ArgEncoding(args, 3);
  bool forward = args[4]->IsTrue();
  size_t len = ByteLength(isolate, str, enc);
  Scratch<uint8_t> needle(len == 0 ? 1 : len, isolate);
  size_t m = len == 0 ? 0 : WriteString(isolate, needle.get(), len, str, enc);
  if (enc == SH_ENC_UTF16LE) {
    hay.length &= ~static_cast<size_t>(1); // as Node: whole units of the haystack
  }
  args.GetReturnValue().Set(
      SearchBytes(hay, needle.get(), m, offset, enc == SH_ENC_UTF16LE, forward));
}

// indexOfBuffer(buffer, needle, byteOffset, enc, forward)
void IndexOfBuffer(const FunctionCallbackInfo<Value> &args) {
  View hay;
  View needle;
  if (!ArgView(args, 0, &hay) || !ArgView(args, 1, &needle)) {
    return;
  }
  int64_t offset;
  if (!ArgInteger(args, 2, 0, &offset)) {
    return;
  }
  sh_encoding_t enc = ArgEncoding(args, 3);
  bool forward = args[4]->IsTrue();
  args.GetReturnValue().Set(
      SearchBytes(hay, needle.data, needle.length, offset, enc == SH_ENC_UTF16LE, forward));
}

// indexOfNumber(buffer, byte, byteOffset, forward)
void IndexOfNumber(const FunctionCallbackInfo<Value> &args) {
  View hay;
  if (!ArgView(args, 0, &hay)) {
    return;
  }
  uint32_t byte = args[1]->Uint32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
  int64_t offset;
  if (!ArgInteger(args, 2, 0, &offset)) {
    return;
  }
  bool forward = args[3]->IsTrue();
  int64_t opt = IndexOfOffset(hay.length, offset, 1, forward);
  if (opt < 0 || hay.length == 0) {
    args.GetReturnValue().Set(-1);
    return;
  }
  uint8_t needle = static_cast<uint8_t>(byte);
  const void *hit;
  if (forward) {
    hit = memchr(hay.data + opt, needle, hay.length - static_cast<size_t>(opt));
  } else {
    hit = memrchr(hay.data, needle, static_cast<size_t>(opt) + 1);
  }
  args.GetReturnValue().Set(hit == nullptr ? -1.0
                                           : static_cast<double>(static_cast<const uint8_t *>(hit) -
                                                                 hay.data));
}

template <void (*Swap)(uint8_t *, size_t)>
void SwapMethod(const FunctionCallbackInfo<Value> &args) {
  View view;
  if (!ArgView(args, 0, &view)) {
    return;
  }
  Swap(view.data, view.length);
  args.GetReturnValue().Set(args[0]);
}

// isUtf8(view) / isAscii(view); a detached buffer throws, as in Node.
template <bool kUtf8>
void IsEncoded(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  View view;
  if (!GetView(args[0], &view)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "The \"input\" argument must be an instance of ArrayBuffer, Buffer, or TypedArray.");
    return;
  }
  // A view of a detached buffer is just empty; a detached ArrayBuffer is
  // an error (as in Node).
  if (args[0]->IsArrayBuffer() && args[0].As<ArrayBuffer>()->WasDetached()) {
    Local<Value> err = v8::Exception::Error(Str(isolate, "Cannot validate on a detached buffer"));
    ThrowCode(isolate, err, "ERR_INVALID_STATE");
    return;
  }
  bool ok = kUtf8 ? sh_utf8_validate(view.data, view.length)
                  : sh_ascii_prefix(view.data, view.length) == view.length;
  args.GetReturnValue().Set(ok);
}

// utf8IncompleteTail(view, start, end): bytes at the end of the range that
// begin a character the next chunk may complete (streaming decoders).
void Utf8IncompleteTail(const FunctionCallbackInfo<Value> &args) {
  View range;
  if (!ArgViewRange(args, 0, 1, &range)) {
    return;
  }
  ReturnSize(args, sh_utf8_incomplete_tail(range.data, range.length));
}

// isUtf8Range(view, start, end): for TextDecoder's fatal mode.
void IsUtf8Range(const FunctionCallbackInfo<Value> &args) {
  View range;
  if (!ArgViewRange(args, 0, 1, &range)) {
    return;
  }
  args.GetReturnValue().Set(sh_utf8_validate(range.data, range.length));
}

// decodeWindows1252(view, start, end): TextDecoder's latin1 labels.
void DecodeWindows1252(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  View range;
  if (!ArgViewRange(args, 0, 1, &range)) {
    return;
  }
  const uint8_t *data = range.data;
  size_t n = range.length;
  Local<String> result;
  if (sh_cp1252_is_latin1(data, n)) {
    if (!OneByteCopy(isolate, data, n).ToLocal(&result)) {
      return;
    }
  } else {
    Scratch<uint16_t> out(n, isolate);
    sh_cp1252_to_utf16(out.get(), data, n);
    if (!TakeTwoByte(isolate, out, n).ToLocal(&result)) {
      return;
    }
  }
  args.GetReturnValue().Set(result);
}

// transcode(source, fromEnc, toEnc) -> Buffer, or a negative ICU error
// code (-1 U_ILLEGAL_ARGUMENT_ERROR, -10 U_INVALID_CHAR_FOUND). Between
// utf8, ucs2, latin1 and ascii with the results of Node's ICU converters:
// what the target cannot hold becomes '?', undecodable input U+FFFD, except
// that utf8 -> ucs2 and ucs2 -> utf8 are strict (they fail instead).
void Transcode(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  View src;
  if (!ArgView(args, 0, &src)) {
    return;
  }
  sh_encoding_t from = ArgEncoding(args, 1);
  sh_encoding_t to = ArgEncoding(args, 2);
  auto supported = [](sh_encoding_t e) {
    return e == SH_ENC_UTF8 || e == SH_ENC_UTF16LE || e == SH_ENC_LATIN1 || e == SH_ENC_ASCII;
  };
  if (!supported(from) || !supported(to)) {
    args.GetReturnValue().Set(-1);
    return;
  }
  // Every pair goes through UTF-16.
  size_t units;
  Scratch<uint16_t> text(src.length + 1, isolate);
  uint16_t *t = text.get();
  switch (from) {
    case SH_ENC_UTF8:
      if (to == SH_ENC_UTF16LE && !sh_utf8_validate(src.data, src.length)) {
        args.GetReturnValue().Set(-10);
        return;
      }
      units = sh_utf8_to_utf16(t, src.data, src.length);
      break;
    case SH_ENC_UTF16LE:
      units = src.length / 2;
      memcpy(t, src.data, units * 2);
      if (to == SH_ENC_UTF16LE && src.length % 2 != 0) {
        t[units++] = 0xFFFD; // ICU's converter substitutes a cut last unit
      }
      for (size_t i = 0; i < units; i++) {
        if ((t[i] & 0xF800) != 0xD800) {
          continue;
        }
        if (IsHighSurrogate(t[i]) && i + 1 < units && (t[i + 1] & 0xFC00) == 0xDC00) {
          i++;
          continue;
        }
        if (to == SH_ENC_UTF8) {
          args.GetReturnValue().Set(-10);
          return;
        }
        if (to == SH_ENC_UTF16LE) {
          t[i] = 0xFFFD;
        }
      }
      break;
    case SH_ENC_ASCII:
      if (to == SH_ENC_UTF16LE) {
        units = sh_utf16_from_latin1(t, src.data, src.length); // Node widens bytes as they are
        break;
      }
      units = src.length;
      for (size_t i = 0; i < units; i++) {
        t[i] = src.data[i] < 0x80 ? src.data[i] : 0xFFFD;
      }
      break;
    default:
      units = sh_utf16_from_latin1(t, src.data, src.length);
      break;
  }
  size_t len;
  char *out;
  switch (to) {
    case SH_ENC_UTF8:
      len = sh_utf8_length_utf16(t, units);
      out = static_cast<char *>(sh_xmalloc(len + 1));
      sh_utf8_from_utf16(reinterpret_cast<uint8_t *>(out), len, t, units, nullptr);
      break;
    case SH_ENC_UTF16LE:
      len = units * 2;
      out = static_cast<char *>(sh_xmalloc(len + 1));
      memcpy(out, t, len);
      break;
    default: {
      // A surrogate pair is one character: one '?'.
      out = static_cast<char *>(sh_xmalloc(units + 1));
      uint16_t max = to == SH_ENC_ASCII ? 0x7F : 0xFF;
      len = 0;
      for (size_t i = 0; i < units; i++) {
        uint16_t c = t[i];
        if (IsHighSurrogate(c) && i + 1 < units && (t[i + 1] & 0xFC00) == 0xDC00) {
          i++;
        }
        out[len++] = c > max ? '?' : static_cast<char>(c);
      }
      break;
    }
  }
  Local<Uint8Array> buf;
  if (NewBufferTakeMalloc(realm, out, len).ToLocal(&buf)) {
    args.GetReturnValue().Set(buf);
  }
}

inline bool IsAsciiWhitespace(uint16_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// atob(string) -> string, or -1 (a lone leftover character: "not correctly
// encoded"), -2 (invalid character). The forgiving-base64 decode of the
// HTML spec, with Node's choice of error for each case.
void Atob(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  if (!args[0]->IsString()) {
    return;
  }
  Local<String> str = args[0].As<String>();
  size_t n = static_cast<size_t>(str->Length());
  Scratch<uint16_t> chars(n + 1, isolate);
  str->Write(isolate, chars.get(), 0, static_cast<int>(n), String::NO_NULL_TERMINATION);
  // Keep the alphabet characters, count the '=' at the end.
  Scratch<uint8_t> clean(n + 1, isolate);
  size_t m = 0;
  size_t pad = 0;
  for (size_t i = 0; i < n; i++) {
    uint16_t c = chars.get()[i];
    if (IsAsciiWhitespace(c)) {
      continue;
    }
    if (c == '=') {
      pad++;
      continue;
    }
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '+' || c == '/';
    if (!alpha || pad > 0) {
      args.GetReturnValue().Set(-2); // junk, or data after padding
      return;
    }
    clean.get()[m++] = static_cast<uint8_t>(c);
  }
  if (pad > 2 || (pad > 0 && (m + pad) % 4 != 0)) {
    args.GetReturnValue().Set(-2);
    return;
  }
  if (m % 4 == 1) {
    args.GetReturnValue().Set(-1);
    return;
  }
  Scratch<uint8_t> out(m / 4 * 3 + 3, isolate);
  sh_base64_state_t state = {};
  size_t len = sh_base64_decode(&state, out.get(), m / 4 * 3 + 3, clean.get(), m);
  Local<String> result;
  if (TakeOneByte(isolate, out, len).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// btoa(string) -> string, or -1 when a character is above U+00FF.
void Btoa(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  if (!args[0]->IsString()) {
    return;
  }
  Local<String> str = args[0].As<String>();
  size_t n = static_cast<size_t>(str->Length());
  Scratch<uint8_t> bytes(n + 1, isolate);
  if (!str->IsOneByte() && !str->ContainsOnlyOneByte()) {
    args.GetReturnValue().Set(-1);
    return;
  }
  str->WriteOneByte(isolate, bytes.get(), 0, static_cast<int>(n), String::NO_NULL_TERMINATION);
  size_t len = sh_base64_encoded_length(n, false);
  Scratch<uint8_t> out(len + 1, isolate);
  sh_base64_encode(reinterpret_cast<char *>(out.get()), bytes.get(), n, false);
  Local<String> result;
  if (TakeOneByte(isolate, out, len).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

struct ProtoMethod {
  const char *name;
  v8::FunctionCallback fn;
};

const ProtoMethod kProtoMethods[] = {
    {"asciiSlice", SliceMethod<SH_ENC_ASCII>},
    {"base64Slice", SliceMethod<SH_ENC_BASE64>},
    {"base64urlSlice", SliceMethod<SH_ENC_BASE64URL>},
    {"latin1Slice", SliceMethod<SH_ENC_LATIN1>},
    {"hexSlice", SliceMethod<SH_ENC_HEX>},
    {"ucs2Slice", SliceMethod<SH_ENC_UTF16LE>},
    {"utf8Slice", SliceMethod<SH_ENC_UTF8>},
    {"asciiWrite", WriteMethod<SH_ENC_ASCII>},
    {"base64Write", WriteMethod<SH_ENC_BASE64>},
    {"base64urlWrite", WriteMethod<SH_ENC_BASE64URL>},
    {"latin1Write", WriteMethod<SH_ENC_LATIN1>},
    {"hexWrite", WriteMethod<SH_ENC_HEX>},
    {"ucs2Write", WriteMethod<SH_ENC_UTF16LE>},
    {"utf8Write", WriteMethod<SH_ENC_UTF8>},
};

// setBufferPrototype(proto): keeps Buffer.prototype for NewBuffer and puts
// the native <encoding>Slice/<encoding>Write methods on it.
void SetBufferPrototype(const FunctionCallbackInfo<Value> &args) {
  Isolate *isolate = args.GetIsolate();
  if (!args[0]->IsObject()) {
    return;
  }
  Local<Object> proto = args[0].As<Object>();
  Realm *realm = Realm::From(args);
  realm->Data<BufferData>("buffer")->prototype.Reset(isolate, proto);
  Local<Context> context = isolate->GetCurrentContext();
  for (const ProtoMethod &m : kProtoMethods) {
    Local<String> name = OneByte(isolate, m.name);
    Local<v8::Function> fn =
        v8::FunctionTemplate::New(isolate, m.fn, {}, {}, 0, v8::ConstructorBehavior::kThrow)
            ->GetFunction(context)
            .ToLocalChecked();
    fn->SetName(name);
    // Not enumerable, as methods defined by a class body.
    USE(proto->DefineOwnProperty(context, name, fn, v8::DontEnum));
  }
}

void InitBuffer(Realm *realm, Local<Object> target) {
  Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "setBufferPrototype", SetBufferPrototype);
  SetMethod(isolate, target, "byteLengthUtf8", ByteLengthUtf8);
  SetMethod(isolate, target, "createFromString", CreateFromString);
  SetMethod(isolate, target, "encodeInto", EncodeInto);
  SetMethod(isolate, target, "createUnsafeArrayBuffer", CreateUnsafeArrayBuffer);
  SetMethod(isolate, target, "decode", DecodeView);
  SetMethod(isolate, target, "compare", Compare);
  SetMethod(isolate, target, "compareOffset", CompareOffset);
  SetMethod(isolate, target, "copy", Copy);
  SetMethod(isolate, target, "fill", Fill);
  SetMethod(isolate, target, "indexOfString", IndexOfString);
  SetMethod(isolate, target, "indexOfBuffer", IndexOfBuffer);
  SetMethod(isolate, target, "indexOfNumber", IndexOfNumber);
  SetMethod(isolate, target, "swap16", SwapMethod<sh_swap16>);
  SetMethod(isolate, target, "swap32", SwapMethod<sh_swap32>);
  SetMethod(isolate, target, "swap64", SwapMethod<sh_swap64>);
  SetMethod(isolate, target, "isUtf8", IsEncoded<true>);
  SetMethod(isolate, target, "isAscii", IsEncoded<false>);
  SetMethod(isolate, target, "isUtf8Range", IsUtf8Range);
  SetMethod(isolate, target, "utf8IncompleteTail", Utf8IncompleteTail);
  SetMethod(isolate, target, "decodeWindows1252", DecodeWindows1252);
  SetMethod(isolate, target, "transcode", Transcode);
  SetMethod(isolate, target, "atob", Atob);
  SetMethod(isolate, target, "btoa", Btoa);
  SetInt(isolate, target, "kMaxLength", static_cast<double>(v8::TypedArray::kMaxLength));
  SetInt(isolate, target, "kStringMaxLength", String::kMaxLength);
}

}  // namespace

// ---- the C++ interface (js/buffer.h) ----

MaybeLocal<Uint8Array> NewBuffer(Realm *realm, Local<ArrayBuffer> ab, size_t offset,
                                 size_t length) {
  Isolate *isolate = realm->isolate();
  if (offset > ab->ByteLength() || length > ab->ByteLength() - offset) {
    ThrowRangeError(isolate, "ERR_BUFFER_OUT_OF_BOUNDS",
                    "Attempt to access memory outside buffer bounds");
    return {};
  }
  Local<Uint8Array> ui = Uint8Array::New(ab, offset, length);
  BufferData *data = realm->Data<BufferData>("buffer");
  if (!data->prototype.IsEmpty() &&
      !ui->SetPrototype(realm->context(), data->prototype.Get(isolate)).FromMaybe(false)) {
    return {};
  }
  return ui;
}

MaybeLocal<Uint8Array> NewBufferTakeMalloc(Realm *realm, char *data, size_t len) {
  Isolate *isolate = realm->isolate();
  if (len > v8::TypedArray::kMaxLength) {
    free(data);
    ThrowRangeError(isolate, "ERR_BUFFER_TOO_LARGE", "Cannot create a Buffer that large");
    return {};
  }
  Local<ArrayBuffer> ab;
  if (len == 0) {
    free(data);
    ab = ArrayBuffer::New(isolate, 0);
  } else if (!NewMallocArrayBuffer(isolate, data, len).ToLocal(&ab)) {
    return {};
  }
  return NewBuffer(realm, ab, 0, len);
}

MaybeLocal<Uint8Array> NewBufferCopy(Realm *realm, const char *data, size_t len) {
  char *copy = static_cast<char *>(sh_xmalloc(len == 0 ? 1 : len));
  if (len > 0) {
    memcpy(copy, data, len);
  }
  return NewBufferTakeMalloc(realm, copy, len);
}

bool BufferContents(Local<Value> value, char **data, size_t *len) {
  View view;
  if (!GetView(value, &view)) {
    return false;
  }
  *data = reinterpret_cast<char *>(view.data);
  *len = view.length;
  return true;
}

SH_BINDING(buffer, InitBuffer);

}  // namespace shard
