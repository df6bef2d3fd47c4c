// internalBinding('zlib'): one handle per zlib or brotli stream. A write
// runs deflate/inflate (or brotli) over a caller's input and output range
// and reports how much of each is left in the stream's shared write state
// ([avail_out, avail_in]). write() runs on the core's blocking pool and
// completes through the completion batch; writeSync() runs on the loop
// thread, for the *Sync forms. crc32 is zlib's.
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {
namespace {

// Node's mode numbers (zlib.constants.DEFLATE ...).
enum Mode {
  kNone = 0,
  kDeflate = 1,
  kInflate = 2,
  kGzip = 3,
  kGunzip = 4,
  kDeflateRaw = 5,
  kInflateRaw = 6,
  kUnzip = 7,
  kBrotliDecode = 8,
  kBrotliEncode = 9,
};

constexpr uint8_t kGzipId1 = 0x1f;
constexpr uint8_t kGzipId2 = 0x8b;

class ZlibHandle;

struct ZlibData : BindingData {
  explicit ZlibData(Realm *) {}
  ~ZlibData() override;
  std::unordered_set<ZlibHandle *> live;
  v8::Global<v8::FunctionTemplate> tmpl;
};

struct Error {
  const char *message = nullptr; // nullptr: no error
  std::string code;
  int err = 0;
};

const char *ZlibCode(int err) {
  switch (err) {
  case Z_OK:
    return "Z_OK";
  case Z_STREAM_END:
    return "Z_STREAM_END";
  case Z_NEED_DICT:
    return "Z_NEED_DICT";
  case Z_ERRNO:
    return "Z_ERRNO";
  case Z_STREAM_ERROR:
    return "Z_STREAM_ERROR";
  case Z_DATA_ERROR:
    return "Z_DATA_ERROR";
  case Z_MEM_ERROR:
    return "Z_MEM_ERROR";
  case Z_BUF_ERROR:
    return "Z_BUF_ERROR";
  case Z_VERSION_ERROR:
    return "Z_VERSION_ERROR";
  default:
    return "Z_UNKNOWN_ERROR";
  }
}

// The brotli error's name as newer brotli spells it ("_ERROR_FORMAT_PADDING_1"),
// which Node's error codes carry; older brotli gives only "PADDING_1".
const char *BrotliErrorName(BrotliDecoderErrorCode code) {
  switch (code) {
#define SH_BROTLI_CASE(prefix, name, value)                                                                            \
  case BROTLI_DECODER##prefix##name:                                                                                   \
    return #prefix #name;
#define SH_NOTHING
    BROTLI_DECODER_ERROR_CODES_LIST(SH_BROTLI_CASE, SH_NOTHING)
#undef SH_BROTLI_CASE
#undef SH_NOTHING
  default:
    return "_ERROR_UNREACHABLE";
  }
}

class ZlibHandle {
 public:
  ZlibHandle(Realm *realm, v8::Local<v8::Object> object, int mode) : realm_(realm), mode_(mode) {
    object->SetAlignedPointerInInternalField(0, this);
    object_.Reset(realm->isolate(), object);
    object_.SetWeak(this, OnGc, v8::WeakCallbackType::kParameter);
    realm->Data<ZlibData>("zlib")->live.insert(this);
    memset(&strm_, 0, sizeof strm_);
  }

  ~ZlibHandle() { Free(); }

  // Deletes a handle whose wrapper is gone, giving back the memory it
  // reported (loop thread, outside a GC pass).
  void Release() {
    if (external_ != 0) {
      realm_->isolate()->AdjustAmountOfExternalAllocatedMemory(-external_);
    }
    delete this;
  }

  static ZlibHandle *Unwrap(const v8::FunctionCallbackInfo<v8::Value> &args) {
    v8::Local<v8::Object> self = args.This();
    if (self->InternalFieldCount() < 1 || self->GetAlignedPointerFromInternalField(0) == nullptr) {
      ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Illegal invocation");
      return nullptr;
    }
    return static_cast<ZlibHandle *>(self->GetAlignedPointerFromInternalField(0));
  }

  bool IsBrotli() const { return mode_ == kBrotliDecode || mode_ == kBrotliEncode; }

  // ---- set-up ----

  // Returns 0, or a zlib error code.
  int InitZlib(int level, int window_bits, int mem_level, int strategy, std::vector<uint8_t> dictionary) {
    level_ = level;
    window_bits_ = window_bits;
    mem_level_ = mem_level;
    strategy_ = strategy;
    dictionary_ = std::move(dictionary);
    int wb = window_bits;
    if (mode_ == kGzip || mode_ == kGunzip) {
      wb += 16;
    } else if (mode_ == kUnzip) {
      wb += 32;
    } else if (mode_ == kDeflateRaw || mode_ == kInflateRaw) {
      wb = -wb;
    }
    switch (mode_) {
    case kDeflate:
    case kGzip:
    case kDeflateRaw:
      err_ = deflateInit2(&strm_, level, Z_DEFLATED, wb, mem_level, strategy);
      ReportMemory((int64_t{1} << (window_bits + 2)) + (int64_t{1} << (mem_level + 9)) + 6 * 1024);
      break;
    case kInflate:
    case kGunzip:
    case kInflateRaw:
    case kUnzip:
      err_ = inflateInit2(&strm_, wb);
      ReportMemory((int64_t{1} << 15) + 8 * 1024);
      break;
    default:
      return Z_STREAM_ERROR;
    }
    if (err_ != Z_OK) {
      return err_;
    }
    initialized_ = true;
    return SetDictionary();
  }

  int SetDictionary() {
    if (dictionary_.empty()) {
      return Z_OK;
    }
    err_ = Z_OK;
    switch (mode_) {
    case kDeflate:
    case kDeflateRaw:
      err_ = deflateSetDictionary(&strm_, dictionary_.data(), static_cast<uInt>(dictionary_.size()));
      break;
    case kInflateRaw:
      // Raw streams have no header to ask for the dictionary: set it now.
      err_ = inflateSetDictionary(&strm_, dictionary_.data(), static_cast<uInt>(dictionary_.size()));
      break;
    default:
      break;
    }
    return err_;
  }

  // Applies each parameter whose value is not 0xFFFFFFFF (unset).
  bool InitBrotli(const uint32_t *params, size_t n) {
    params_.assign(params, params + n);
    return CreateBrotli();
  }

  bool CreateBrotli() {
    if (mode_ == kBrotliEncode) {
      enc_ = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
      if (enc_ == nullptr) {
        return false;
      }
      for (size_t i = 0; i < params_.size(); i++) {
        if (params_[i] != UINT32_MAX &&
            !BrotliEncoderSetParameter(enc_, static_cast<BrotliEncoderParameter>(i), params_[i])) {
          return false;
        }
      }
      ReportMemory(1 << 22);
    } else {
      dec_ = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
      if (dec_ == nullptr) {
        return false;
      }
      for (size_t i = 0; i < params_.size(); i++) {
        if (params_[i] != UINT32_MAX &&
            !BrotliDecoderSetParameter(dec_, static_cast<BrotliDecoderParameter>(i), params_[i])) {
          return false;
        }
      }
      ReportMemory(1 << 18);
    }
    initialized_ = true;
    return true;
  }

  void Free() {
    if (!initialized_) {
      return;
    }
    initialized_ = false;
    switch (mode_) {
    case kDeflate:
    case kGzip:
    case kDeflateRaw:
      deflateEnd(&strm_);
      break;
    case kInflate:
    case kGunzip:
    case kInflateRaw:
    case kUnzip:
      inflateEnd(&strm_);
      break;
    case kBrotliEncode:
      BrotliEncoderDestroyInstance(enc_);
      enc_ = nullptr;
      break;
    case kBrotliDecode:
      BrotliDecoderDestroyInstance(dec_);
      dec_ = nullptr;
      break;
    default:
      break;
    }
  }

  void ReportMemory(int64_t bytes) {
    external_ += bytes;
    realm_->isolate()->AdjustAmountOfExternalAllocatedMemory(bytes);
  }

  Error Reset() {
    Error e;
    if (!initialized_) {
      return e;
    }
    if (IsBrotli()) {
      Free();
      if (!CreateBrotli()) {
        e.message = "Failed to reset stream";
        e.code = "ERR_ZLIB_INITIALIZATION_FAILED";
        e.err = -1;
      }
      return e;
    }
    err_ = Z_OK;
    switch (mode_) {
    case kDeflate:
    case kDeflateRaw:
    case kGzip:
      err_ = deflateReset(&strm_);
      break;
    case kInflate:
    case kInflateRaw:
    case kGunzip:
      err_ = inflateReset(&strm_);
      break;
    default:
      break;
    }
    if (err_ != Z_OK) {
      return ErrorFor("Failed to reset stream");
    }
    if (SetDictionary() != Z_OK) {
      return ErrorFor("Failed to set dictionary");
    }
    return e;
  }

  Error Params(int level, int strategy) {
    err_ = Z_OK;
    if (mode_ == kDeflate || mode_ == kDeflateRaw) {
      err_ = deflateParams(&strm_, level, strategy);
    }
    if (err_ != Z_OK && err_ != Z_BUF_ERROR) {
      return ErrorFor("Failed to set parameters");
    }
    return Error();
  }

  // ---- the work ----

  void Prepare(int flush, const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_len) {
    flush_ = flush;
    next_in_ = in;
    avail_in_ = in_len;
    next_out_ = out;
    avail_out_ = out_len;
  }

  // Any thread: runs the codec over the prepared ranges.
  void DoWork() {
    if (IsBrotli()) {
      DoBrotli();
      return;
    }
    strm_.next_in = const_cast<Bytef *>(next_in_);
    strm_.avail_in = avail_in_;
    strm_.next_out = next_out_;
    strm_.avail_out = avail_out_;
    switch (mode_) {
    case kDeflate:
    case kGzip:
    case kDeflateRaw:
      err_ = deflate(&strm_, flush_);
      break;
    case kUnzip:
      // Until the first two bytes are seen, a gzip member might follow;
      // once known, the stream inflates as gzip (which may hold several
      // members) or as zlib.
      if (strm_.avail_in > 0 && gzip_id_bytes_ < 2) {
        const Bytef *p = strm_.next_in;
        size_t left = strm_.avail_in;
        if (gzip_id_bytes_ == 0) {
          if (*p == kGzipId1) {
            gzip_id_bytes_ = 1;
            p++;
            left--;
          } else {
            mode_ = kInflate;
          }
        }
        if (mode_ == kUnzip && gzip_id_bytes_ == 1 && left > 0) {
          if (*p == kGzipId2) {
            gzip_id_bytes_ = 2;
            mode_ = kGunzip;
          } else {
            mode_ = kInflate;
          }
        }
      }
      [[fallthrough]];
    case kInflate:
    case kGunzip:
    case kInflateRaw:
      err_ = inflate(&strm_, flush_);
      if (mode_ != kInflateRaw && err_ == Z_NEED_DICT && !dictionary_.empty()) {
        err_ = inflateSetDictionary(&strm_, dictionary_.data(), static_cast<uInt>(dictionary_.size()));
        if (err_ == Z_OK) {
          err_ = inflate(&strm_, flush_);
        } else if (err_ == Z_DATA_ERROR) {
          // Tell a wrong dictionary apart from bad input.
          err_ = Z_NEED_DICT;
        }
      }
      // More bytes after a gzip member: another member, or trailing
      // garbage; zero bytes of padding are fine.
      while (strm_.avail_in > 0 && mode_ == kGunzip && err_ == Z_STREAM_END && strm_.next_in[0] != 0x00) {
        inflateReset(&strm_);
        err_ = inflate(&strm_, flush_);
      }
      break;
    default:
      break;
    }
    avail_in_ = strm_.avail_in;
    avail_out_ = strm_.avail_out;
  }

  void DoBrotli() {
    const uint8_t *next_in = next_in_;
    size_t avail_in = avail_in_;
    uint8_t *next_out = next_out_;
    size_t avail_out = avail_out_;
    if (mode_ == kBrotliEncode) {
      enc_ok_ = BrotliEncoderCompressStream(enc_, static_cast<BrotliEncoderOperation>(flush_), &avail_in, &next_in,
                                            &avail_out, &next_out, nullptr) == BROTLI_TRUE;
    } else {
      dec_result_ = BrotliDecoderDecompressStream(dec_, &avail_in, &next_in, &avail_out, &next_out, nullptr);
      if (dec_result_ == BROTLI_DECODER_RESULT_ERROR) {
        dec_error_ = BrotliDecoderGetErrorCode(dec_);
      }
    }
    avail_in_ = static_cast<uint32_t>(avail_in);
    avail_out_ = static_cast<uint32_t>(avail_out);
  }

  Error ErrorFor(const char *message) const {
    Error e;
    e.message = strm_.msg != nullptr ? strm_.msg : message;
    e.code = ZlibCode(err_);
    e.err = err_;
    return e;
  }

  // What the last write means: nothing, or Node's error for it.
  Error Check() {
    Error e;
    if (mode_ == kBrotliEncode) {
      if (!enc_ok_) {
        e.message = "Compression failed";
        e.code = "ERR_BROTLI_COMPRESSION_FAILED";
        e.err = -1;
      }
      return e;
    }
    if (mode_ == kBrotliDecode) {
      if (dec_result_ == BROTLI_DECODER_RESULT_ERROR) {
        e.message = "Decompression failed";
        e.code = std::string("ERR_") + BrotliErrorName(dec_error_);
        e.err = static_cast<int>(dec_error_);
      } else if (flush_ == BROTLI_OPERATION_FINISH && dec_result_ == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
        e.message = "unexpected end of file";
        e.code = "Z_BUF_ERROR";
        e.err = Z_BUF_ERROR;
      }
      return e;
    }
    switch (err_) {
    case Z_OK:
    case Z_BUF_ERROR:
      // Output space left while finishing: the input ended early.
      if (strm_.avail_out != 0 && flush_ == Z_FINISH) {
        return ErrorFor("unexpected end of file");
      }
      break;
    case Z_STREAM_END:
      break;
    case Z_NEED_DICT:
      return ErrorFor(dictionary_.empty() ? "Missing dictionary" : "Bad dictionary");
    default:
      return ErrorFor("Zlib error");
    }
    return e;
  }

  void StoreState() {
    if (write_state_ != nullptr) {
      write_state_[0] = avail_out_;
      write_state_[1] = avail_in_;
    }
  }

  // ---- async ----

  static void WorkCb(sh_work_t *w) { static_cast<ZlibHandle *>(w->data)->DoWork(); }

  static void DoneCb(sh_work_t *w, int status) {
    ZlibHandle *self = static_cast<ZlibHandle *>(w->data);
    self->write_in_progress_ = false;
    self->in_store_.reset();
    self->out_store_.reset();
    Realm *realm = self->realm_;
    if (self->pending_delete_) {
      // The wrapper was collected mid-write.
      self->Release();
      return;
    }
    if (self->pending_close_) {
      self->pending_close_ = false;
      self->Free();
      realm->PushCompletion(self->callback_id_, 1, 0, 0);
      return;
    }
    v8::Isolate *isolate = realm->isolate();
    v8::HandleScope scope(isolate);
    v8::Context::Scope context_scope(realm->context());
    if (status != 0) {
      Error e;
      e.message = "Zlib error";
      e.code = "Z_STREAM_ERROR";
      e.err = Z_STREAM_ERROR;
      realm->PushCompletion(self->callback_id_, -1, realm->PushCompletionValue(ErrorValue(isolate, e)), 0);
      return;
    }
    Error e = self->Check();
    if (e.message != nullptr) {
      realm->PushCompletion(self->callback_id_, -1, realm->PushCompletionValue(ErrorValue(isolate, e)), 0);
      return;
    }
    self->StoreState();
    realm->PushCompletion(self->callback_id_, 0, 0, 0);
  }

  // [message, errno, code]: JS makes the Error.
  static v8::Local<v8::Value> ErrorValue(v8::Isolate *isolate, const Error &e) {
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Array> arr = v8::Array::New(isolate, 3);
    USE(arr->Set(context, 0, Str(isolate, e.message)));
    USE(arr->Set(context, 1, v8::Integer::New(isolate, e.err)));
    USE(arr->Set(context, 2, Str(isolate, e.code)));
    return arr;
  }

  // Out of the realm's list in the first pass: a second pass that comes
  // after the realm has gone must not find the handle freed already.
  static void OnGc(const v8::WeakCallbackInfo<ZlibHandle> &info) {
    ZlibHandle *self = info.GetParameter();
    self->object_.Reset();
    self->realm_->Data<ZlibData>("zlib")->live.erase(self);
    info.SetSecondPassCallback(Collected);
  }

  static void Collected(const v8::WeakCallbackInfo<ZlibHandle> &info) {
    ZlibHandle *self = info.GetParameter();
    if (self->write_in_progress_) {
      self->pending_delete_ = true; // the pool still uses the stream
      return;
    }
    self->Release();
  }

  Realm *realm_;
  v8::Global<v8::Object> object_;
  int mode_;
  bool initialized_ = false;
  z_stream strm_;
  int err_ = Z_OK;
  int flush_ = 0;
  int level_ = 0, window_bits_ = 0, mem_level_ = 0, strategy_ = 0;
  int gzip_id_bytes_ = 0;
  std::vector<uint8_t> dictionary_;
  std::vector<uint32_t> params_;
  BrotliEncoderState *enc_ = nullptr;
  BrotliDecoderState *dec_ = nullptr;
  bool enc_ok_ = true;
  BrotliDecoderResult dec_result_ = BROTLI_DECODER_RESULT_SUCCESS;
  BrotliDecoderErrorCode dec_error_ = BROTLI_DECODER_SUCCESS;

  const uint8_t *next_in_ = nullptr;
  uint32_t avail_in_ = 0;
  uint8_t *next_out_ = nullptr;
  uint32_t avail_out_ = 0;

  uint32_t *write_state_ = nullptr;
  std::shared_ptr<v8::BackingStore> state_store_;
  std::shared_ptr<v8::BackingStore> in_store_;
  std::shared_ptr<v8::BackingStore> out_store_;
  double callback_id_ = 0;
  bool write_in_progress_ = false;
  bool pending_close_ = false;
  bool pending_delete_ = false;
  sh_work_t work_{};
  int64_t external_ = 0;
};

ZlibData::~ZlibData() {
  for (ZlibHandle *h : live) {
    h->object_.Reset();
    if (h->write_in_progress_) {
      // The pool finishes the job after the realm ends; done never runs
      // then, so the handle stays allocated (the process is ending).
      continue;
    }
    delete h;
  }
  tmpl.Reset();
}

void New(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  int mode = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0);
  if (mode < kDeflate || mode > kBrotliEncode) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "Bad argument");
    return;
  }
  new ZlibHandle(Realm::From(args), args.This(), mode);
}

bool GetState(ZlibHandle *h, v8::Local<v8::Value> value) {
  if (!value->IsUint32Array()) {
    return false;
  }
  v8::Local<v8::Uint32Array> arr = value.As<v8::Uint32Array>();
  if (arr->Length() < 2) {
    return false;
  }
  h->state_store_ = arr->Buffer()->GetBackingStore();
  h->write_state_ = reinterpret_cast<uint32_t *>(static_cast<uint8_t *>(h->state_store_->Data()) + arr->ByteOffset());
  return true;
}

// init(windowBits, level, memLevel, strategy, writeState, dictionary)
//   -> 0, or a zlib error code (JS throws ERR_ZLIB_INITIALIZATION_FAILED)
// init(params Uint32Array, writeState) for brotli -> bool
void Init(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  ZlibHandle *h = ZlibHandle::Unwrap(args);
  if (h == nullptr) {
    return;
  }
  if (h->IsBrotli()) {
    if (!args[0]->IsUint32Array() || !GetState(h, args[1])) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "bad arguments");
      return;
    }
    v8::Local<v8::Uint32Array> params = args[0].As<v8::Uint32Array>();
    std::vector<uint32_t> values(params->Length());
    params->CopyContents(values.data(), values.size() * sizeof(uint32_t));
    args.GetReturnValue().Set(h->InitBrotli(values.data(), values.size()));
    return;
  }
  int window_bits = args[0]->Int32Value(context).FromMaybe(15);
  int level = args[1]->Int32Value(context).FromMaybe(-1);
  int mem_level = args[2]->Int32Value(context).FromMaybe(8);
  int strategy = args[3]->Int32Value(context).FromMaybe(0);
  if (!GetState(h, args[4])) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "bad arguments");
    return;
  }
  std::vector<uint8_t> dictionary;
  if (args[5]->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> v = args[5].As<v8::ArrayBufferView>();
    dictionary.resize(v->ByteLength());
    v->CopyContents(dictionary.data(), dictionary.size());
  }
  args.GetReturnValue().Set(h->InitZlib(level, window_bits, mem_level, strategy, std::move(dictionary)));
}

struct Range {
  std::shared_ptr<v8::BackingStore> store;
  uint8_t *data = nullptr;
};

void ThrowError(v8::Isolate *isolate, const char *message) {
  isolate->ThrowException(v8::Exception::Error(Str(isolate, message)));
}

// The byte at offset of a view, range-checked against len; false if the
// range does not fit.
bool GetRange(v8::Local<v8::Value> value, uint32_t off, uint32_t len, Range *r, bool keep) {
  if (!value->IsArrayBufferView()) {
    return false;
  }
  v8::Local<v8::ArrayBufferView> v = value.As<v8::ArrayBufferView>();
  size_t size = v->ByteLength();
  if (off > size || len > size - off) {
    return false;
  }
  v8::Local<v8::ArrayBuffer> ab = v->Buffer();
  if (keep) {
    r->store = ab->GetBackingStore();
  }
  uint8_t *base = static_cast<uint8_t *>(ab->Data());
  r->data = base == nullptr ? nullptr : base + v->ByteOffset() + off;
  return true;
}

// write(id, flush, in, in_off, in_len, out, out_off, out_len): on the pool;
// completes id with 0 (the write state holds what is left), -1 and the
// error ([message, errno, code]) in completionValues, or 1 when the handle
// was closed meanwhile. JS registers id for this write only, so an idle
// handle is referenced by its stream alone and can be collected.
// writeSync(flush, in, ...): now; returns undefined, or [message, errno, code].
void Write(const v8::FunctionCallbackInfo<v8::Value> &args, bool async) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  ZlibHandle *h = ZlibHandle::Unwrap(args);
  if (h == nullptr) {
    return;
  }
  if (!h->initialized_ || h->write_in_progress_) {
    ThrowRangeError(isolate, "ERR_INVALID_STATE",
                    h->write_in_progress_ ? "write already in progress" : "zlib binding closed");
    return;
  }
  int a = async ? 1 : 0; // the id comes first in write()
  int flush = args[a]->Int32Value(context).FromMaybe(0);
  uint32_t in_off = args[a + 2]->Uint32Value(context).FromMaybe(0);
  uint32_t in_len = args[a + 3]->Uint32Value(context).FromMaybe(0);
  uint32_t out_off = args[a + 5]->Uint32Value(context).FromMaybe(0);
  uint32_t out_len = args[a + 6]->Uint32Value(context).FromMaybe(0);
  Range in, out;
  static const uint8_t kEmpty[1] = {0};
  if (args[a + 1]->IsUndefined() || args[a + 1]->IsNull()) {
    in.data = const_cast<uint8_t *>(kEmpty);
    in_len = 0;
  } else if (!GetRange(args[a + 1], in_off, in_len, &in, async)) {
    ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "Invalid input range");
    return;
  }
  if (!GetRange(args[a + 4], out_off, out_len, &out, async)) {
    ThrowRangeError(isolate, "ERR_OUT_OF_RANGE", "Invalid output range");
    return;
  }
  if (in.data == nullptr) {
    in.data = const_cast<uint8_t *>(kEmpty);
  }
  h->Prepare(flush, in.data, in_len, out.data, out_len);
  if (async) {
    h->callback_id_ = args[0]->NumberValue(context).FromMaybe(0);
    h->in_store_ = std::move(in.store);
    h->out_store_ = std::move(out.store);
    h->write_in_progress_ = true;
    h->work_.work = ZlibHandle::WorkCb;
    h->work_.done = ZlibHandle::DoneCb;
    h->work_.data = h;
    sh_work_submit(h->realm_->loop(), &h->work_);
    return;
  }
  h->DoWork();
  Error e = h->Check();
  if (e.message != nullptr) {
    args.GetReturnValue().Set(ZlibHandle::ErrorValue(isolate, e));
    return;
  }
  h->StoreState();
}

void WriteAsync(const v8::FunctionCallbackInfo<v8::Value> &args) { Write(args, true); }
void WriteSync(const v8::FunctionCallbackInfo<v8::Value> &args) { Write(args, false); }

// params(level, strategy) -> undefined or [message, errno, code]
void Params(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  ZlibHandle *h = ZlibHandle::Unwrap(args);
  if (h == nullptr || !h->initialized_ || h->IsBrotli()) {
    return;
  }
  Error e = h->Params(args[0]->Int32Value(context).FromMaybe(-1), args[1]->Int32Value(context).FromMaybe(0));
  if (e.message != nullptr) {
    args.GetReturnValue().Set(ZlibHandle::ErrorValue(isolate, e));
  }
}

void Reset(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ZlibHandle *h = ZlibHandle::Unwrap(args);
  if (h == nullptr) {
    return;
  }
  if (h->write_in_progress_) {
    ThrowError(args.GetIsolate(), "Cannot reset zlib stream while a write is in progress");
    return;
  }
  Error e = h->Reset();
  if (e.message != nullptr) {
    args.GetReturnValue().Set(ZlibHandle::ErrorValue(args.GetIsolate(), e));
  }
}

// close(): frees the codec now, or when the write in flight completes (its
// completion then carries result 1).
void Close(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ZlibHandle *h = ZlibHandle::Unwrap(args);
  if (h == nullptr) {
    return;
  }
  if (h->write_in_progress_) {
    h->pending_close_ = true;
    return;
  }
  h->Free();
}

// crc32(data, value) -> number
void Crc32(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  uint32_t value = args[1]->Uint32Value(isolate->GetCurrentContext()).FromMaybe(0);
  uLong crc = value;
  if (args[0]->IsString()) {
    v8::String::Utf8Value s(isolate, args[0]);
    crc = crc32(crc, reinterpret_cast<const Bytef *>(*s), static_cast<uInt>(s.length()));
  } else if (args[0]->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> v = args[0].As<v8::ArrayBufferView>();
    const uint8_t *p = static_cast<const uint8_t *>(v->Buffer()->Data()) + v->ByteOffset();
    size_t n = v->ByteLength();
    // crc32 takes uInt lengths: large views go in pieces.
    while (n > 0) {
      uInt chunk = n > (1u << 30) ? (1u << 30) : static_cast<uInt>(n);
      crc = crc32(crc, p, chunk);
      p += chunk;
      n -= chunk;
    }
  }
  args.GetReturnValue().Set(v8::Integer::NewFromUnsigned(isolate, static_cast<uint32_t>(crc)));
}

void SetConstants(v8::Isolate *isolate, v8::Local<v8::Object> target) {
  v8::Local<v8::Object> c = v8::Object::New(isolate);
#define SH_Z(name) SetInt(isolate, c, #name, name)
  SH_Z(Z_NO_FLUSH);
  SH_Z(Z_PARTIAL_FLUSH);
  SH_Z(Z_SYNC_FLUSH);
  SH_Z(Z_FULL_FLUSH);
  SH_Z(Z_FINISH);
  SH_Z(Z_BLOCK);
  SH_Z(Z_OK);
  SH_Z(Z_STREAM_END);
  SH_Z(Z_NEED_DICT);
  SH_Z(Z_ERRNO);
  SH_Z(Z_STREAM_ERROR);
  SH_Z(Z_DATA_ERROR);
  SH_Z(Z_MEM_ERROR);
  SH_Z(Z_BUF_ERROR);
  SH_Z(Z_VERSION_ERROR);
  SH_Z(Z_NO_COMPRESSION);
  SH_Z(Z_BEST_SPEED);
  SH_Z(Z_BEST_COMPRESSION);
  SH_Z(Z_DEFAULT_COMPRESSION);
  SH_Z(Z_FILTERED);
  SH_Z(Z_HUFFMAN_ONLY);
  SH_Z(Z_RLE);
  SH_Z(Z_FIXED);
  SH_Z(Z_DEFAULT_STRATEGY);
  SH_Z(ZLIB_VERNUM);
  SetInt(isolate, c, "DEFLATE", kDeflate);
  SetInt(isolate, c, "INFLATE", kInflate);
  SetInt(isolate, c, "GZIP", kGzip);
  SetInt(isolate, c, "GUNZIP", kGunzip);
  SetInt(isolate, c, "DEFLATERAW", kDeflateRaw);
  SetInt(isolate, c, "INFLATERAW", kInflateRaw);
  SetInt(isolate, c, "UNZIP", kUnzip);
  SetInt(isolate, c, "BROTLI_DECODE", kBrotliDecode);
  SetInt(isolate, c, "BROTLI_ENCODE", kBrotliEncode);
  SetInt(isolate, c, "Z_MIN_WINDOWBITS", 8);
  SetInt(isolate, c, "Z_MAX_WINDOWBITS", 15);
  SetInt(isolate, c, "Z_DEFAULT_WINDOWBITS", 15);
  SetInt(isolate, c, "Z_MIN_CHUNK", 64);
  SetValue(isolate, c, "Z_MAX_CHUNK", v8::Number::New(isolate, INFINITY));
  SetInt(isolate, c, "Z_DEFAULT_CHUNK", 16 * 1024);
  SetInt(isolate, c, "Z_MIN_MEMLEVEL", 1);
  SetInt(isolate, c, "Z_MAX_MEMLEVEL", 9);
  SetInt(isolate, c, "Z_DEFAULT_MEMLEVEL", 8);
  SetInt(isolate, c, "Z_MIN_LEVEL", -1);
  SetInt(isolate, c, "Z_MAX_LEVEL", 9);
  SetInt(isolate, c, "Z_DEFAULT_LEVEL", Z_DEFAULT_COMPRESSION);
  SH_Z(BROTLI_OPERATION_PROCESS);
  SH_Z(BROTLI_OPERATION_FLUSH);
  SH_Z(BROTLI_OPERATION_FINISH);
  SH_Z(BROTLI_OPERATION_EMIT_METADATA);
  SH_Z(BROTLI_PARAM_MODE);
  SH_Z(BROTLI_MODE_GENERIC);
  SH_Z(BROTLI_MODE_TEXT);
  SH_Z(BROTLI_MODE_FONT);
  SH_Z(BROTLI_DEFAULT_MODE);
  SH_Z(BROTLI_PARAM_QUALITY);
  SH_Z(BROTLI_MIN_QUALITY);
  SH_Z(BROTLI_MAX_QUALITY);
  SH_Z(BROTLI_DEFAULT_QUALITY);
  SH_Z(BROTLI_PARAM_LGWIN);
  SH_Z(BROTLI_MIN_WINDOW_BITS);
  SH_Z(BROTLI_MAX_WINDOW_BITS);
  SH_Z(BROTLI_LARGE_MAX_WINDOW_BITS);
  SH_Z(BROTLI_DEFAULT_WINDOW);
  SH_Z(BROTLI_PARAM_LGBLOCK);
  SH_Z(BROTLI_MIN_INPUT_BLOCK_BITS);
  SH_Z(BROTLI_MAX_INPUT_BLOCK_BITS);
  SH_Z(BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING);
  SH_Z(BROTLI_PARAM_SIZE_HINT);
  SH_Z(BROTLI_PARAM_LARGE_WINDOW);
  SH_Z(BROTLI_PARAM_NPOSTFIX);
  SH_Z(BROTLI_PARAM_NDIRECT);
  SH_Z(BROTLI_DECODER_RESULT_ERROR);
  SH_Z(BROTLI_DECODER_RESULT_SUCCESS);
  SH_Z(BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT);
  SH_Z(BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
  SH_Z(BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION);
  SH_Z(BROTLI_DECODER_PARAM_LARGE_WINDOW);
#define SH_BROTLI_ERR(prefix, name, value) SetInt(isolate, c, "BROTLI_DECODER" #prefix #name, value);
#define SH_NOTHING
  BROTLI_DECODER_ERROR_CODES_LIST(SH_BROTLI_ERR, SH_NOTHING)
#undef SH_BROTLI_ERR
#undef SH_NOTHING
#undef SH_Z
  SetValue(isolate, target, "constants", c);
}

void InitZlib(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  v8::Local<v8::FunctionTemplate> t = v8::FunctionTemplate::New(isolate, New);
  t->InstanceTemplate()->SetInternalFieldCount(1);
  t->SetClassName(OneByte(isolate, "Zlib"));
  auto proto = [&](const char *name, v8::FunctionCallback fn) {
    t->PrototypeTemplate()->Set(OneByte(isolate, name),
                                v8::FunctionTemplate::New(isolate, fn, {}, v8::Signature::New(isolate, t), 0,
                                                          v8::ConstructorBehavior::kThrow));
  };
  proto("init", Init);
  proto("write", WriteAsync);
  proto("writeSync", WriteSync);
  proto("params", Params);
  proto("reset", Reset);
  proto("close", Close);
  realm->Data<ZlibData>("zlib")->tmpl.Reset(isolate, t);
  SetValue(isolate, target, "Zlib", t->GetFunction(context).ToLocalChecked());
  SetMethod(isolate, target, "crc32", Crc32);
  SetConstants(isolate, target);
}

}  // namespace

SH_BINDING(zlib, InitZlib);

}  // namespace shard
