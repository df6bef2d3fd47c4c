// internalBinding('v8'): what node:v8 and structuredClone need from V8:
// heap statistics, flags, and the value serializer (v8.Serializer and
// v8.Deserializer, whose host-object and error hooks call back into the JS
// object, as Node's do), plus structuredClone itself.
// GCC at -O1 (the ASan build) takes the unused value inside v8::Nothing<T>()
// for a read of uninitialised memory, and -Werror turns that into an error.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include <memory>
#include <unordered_set>
#include <vector>

#include "js/binding.h"
#include "js/realm.h"
#include <v8-profiler.h>

namespace shard {

namespace {

v8::Local<v8::String> Name(v8::Isolate *isolate, const char *s) { return OneByte(isolate, s); }

void SetNum(v8::Isolate *isolate, v8::Local<v8::Object> obj, const char *key, double value) {
  SetValue(isolate, obj, key, v8::Number::New(isolate, value));
}

// ---- statistics and flags ----

void CachedDataVersionTag(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(v8::Integer::NewFromUnsigned(args.GetIsolate(),
                                                         v8::ScriptCompiler::CachedDataVersionTag()));
}

void SetFlagsFromString(const v8::FunctionCallbackInfo<v8::Value> &args) {
  std::string flags = ToStdString(args.GetIsolate(), args[0]);
  v8::V8::SetFlagsFromString(flags.data(), flags.size());
}

void GetHeapStatistics(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::HeapStatistics s;
  isolate->GetHeapStatistics(&s);
  v8::Local<v8::Object> out = v8::Object::New(isolate);
  SetNum(isolate, out, "total_heap_size", static_cast<double>(s.total_heap_size()));
  SetNum(isolate, out, "total_heap_size_executable", static_cast<double>(s.total_heap_size_executable()));
  SetNum(isolate, out, "total_physical_size", static_cast<double>(s.total_physical_size()));
  SetNum(isolate, out, "total_available_size", static_cast<double>(s.total_available_size()));
  SetNum(isolate, out, "used_heap_size", static_cast<double>(s.used_heap_size()));
  SetNum(isolate, out, "heap_size_limit", static_cast<double>(s.heap_size_limit()));
  SetNum(isolate, out, "malloced_memory", static_cast<double>(s.malloced_memory()));
  SetNum(isolate, out, "peak_malloced_memory", static_cast<double>(s.peak_malloced_memory()));
  SetNum(isolate, out, "does_zap_garbage", static_cast<double>(s.does_zap_garbage()));
  SetNum(isolate, out, "number_of_native_contexts", static_cast<double>(s.number_of_native_contexts()));
  SetNum(isolate, out, "number_of_detached_contexts", static_cast<double>(s.number_of_detached_contexts()));
  SetNum(isolate, out, "total_global_handles_size", static_cast<double>(s.total_global_handles_size()));
  SetNum(isolate, out, "used_global_handles_size", static_cast<double>(s.used_global_handles_size()));
  SetNum(isolate, out, "external_memory", static_cast<double>(s.external_memory()));
  args.GetReturnValue().Set(out);
}

void GetHeapSpaceStatistics(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  size_t n = isolate->NumberOfHeapSpaces();
  v8::Local<v8::Array> out = v8::Array::New(isolate, static_cast<int>(n));
  for (size_t i = 0; i < n; i++) {
    v8::HeapSpaceStatistics s;
    if (!isolate->GetHeapSpaceStatistics(&s, i)) {
      continue;
    }
    v8::Local<v8::Object> space = v8::Object::New(isolate);
    SetValue(isolate, space, "space_name", Str(isolate, s.space_name()));
    SetNum(isolate, space, "space_size", static_cast<double>(s.space_size()));
    SetNum(isolate, space, "space_used_size", static_cast<double>(s.space_used_size()));
    SetNum(isolate, space, "space_available_size", static_cast<double>(s.space_available_size()));
    SetNum(isolate, space, "physical_space_size", static_cast<double>(s.physical_space_size()));
    USE(out->Set(context, static_cast<uint32_t>(i), space));
  }
  args.GetReturnValue().Set(out);
}

void GetHeapCodeStatistics(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::HeapCodeStatistics s;
  isolate->GetHeapCodeAndMetadataStatistics(&s);
  v8::Local<v8::Object> out = v8::Object::New(isolate);
  SetNum(isolate, out, "code_and_metadata_size", static_cast<double>(s.code_and_metadata_size()));
  SetNum(isolate, out, "bytecode_and_metadata_size", static_cast<double>(s.bytecode_and_metadata_size()));
  SetNum(isolate, out, "external_script_source_size", static_cast<double>(s.external_script_source_size()));
  SetNum(isolate, out, "cpu_profiler_metadata_size", static_cast<double>(s.cpu_profiler_metadata_size()));
  args.GetReturnValue().Set(out);
}

void IsStringOneByteRepresentation(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(args[0]->IsString() && args[0].As<v8::String>()->IsOneByte());
}

// ---- heap snapshots ----

// Receives the snapshot's JSON from V8 in chunks: into a file, or into a
// list of strings for a stream.
class SnapshotSink : public v8::OutputStream {
 public:
  explicit SnapshotSink(FILE *file) : file_(file) {}
  SnapshotSink() = default;

  void EndOfStream() override {}
  int GetChunkSize() override { return 64 * 1024; }

  WriteResult WriteAsciiChunk(char *data, int size) override {
    if (file_ != nullptr) {
      if (fwrite(data, 1, static_cast<size_t>(size), file_) != static_cast<size_t>(size)) {
        error_ = errno != 0 ? -errno : -EIO;
        return kAbort;
      }
      return kContinue;
    }
    // Strings of about a megabyte each.
    if (chunks_.empty() || chunks_.back().size() > (1u << 20)) {
      chunks_.emplace_back();
    }
    chunks_.back().append(data, static_cast<size_t>(size));
    return kContinue;
  }

  int error() const { return error_; }
  std::vector<std::string> &chunks() { return chunks_; }

 private:
  FILE *file_ = nullptr;
  int error_ = 0;
  std::vector<std::string> chunks_;
};

void TakeSnapshot(v8::Isolate *isolate, bool expose_internals, bool numeric_values, SnapshotSink *sink) {
  v8::HeapProfiler *profiler = isolate->GetHeapProfiler();
  const v8::HeapSnapshot *snapshot =
      profiler->TakeHeapSnapshot(nullptr, nullptr, !expose_internals, numeric_values);
  if (snapshot != nullptr) {
    snapshot->Serialize(sink, v8::HeapSnapshot::kJSON);
    const_cast<v8::HeapSnapshot *>(snapshot)->Delete();
  }
}

// writeHeapSnapshot(path, exposeInternals, exposeNumericValues) -> 0 or -errno
void WriteHeapSnapshot(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  std::string path = ToStdString(isolate, args[0]);
  FILE *file = fopen(path.c_str(), "we");
  if (file == nullptr) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  SnapshotSink sink(file);
  TakeSnapshot(isolate, args[1]->BooleanValue(isolate), args[2]->BooleanValue(isolate), &sink);
  int err = sink.error();
  if (fclose(file) != 0 && err == 0) {
    err = -errno;
  }
  args.GetReturnValue().Set(err);
}

// getHeapSnapshotChunks(exposeInternals, exposeNumericValues) -> string[]
void GetHeapSnapshotChunks(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  SnapshotSink sink;
  TakeSnapshot(isolate, args[0]->BooleanValue(isolate), args[1]->BooleanValue(isolate), &sink);
  std::vector<std::string> &chunks = sink.chunks();
  v8::Local<v8::Array> out = v8::Array::New(isolate, static_cast<int>(chunks.size()));
  for (size_t i = 0; i < chunks.size(); i++) {
    v8::Local<v8::String> text;
    if (!v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(chunks[i].data()),
                                    v8::NewStringType::kNormal, static_cast<int>(chunks[i].size()))
             .ToLocal(&text)) {
      return;
    }
    USE(out->Set(isolate->GetCurrentContext(), static_cast<uint32_t>(i), text));
    std::string().swap(chunks[i]);
  }
  args.GetReturnValue().Set(out);
}

// ---- Serializer and Deserializer objects ----

// The bytes of an ArrayBufferView: a view, owned by the JS value.
bool ViewBytes(v8::Local<v8::Value> value, const uint8_t **data, size_t *length) {
  if (!value->IsArrayBufferView()) {
    return false;
  }
  v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
  *data = static_cast<const uint8_t *>(view->Buffer()->Data()) + view->ByteOffset();
  *length = view->ByteLength();
  return true;
}

// A C++ object owned by a JS wrapper: deleted when the wrapper is collected,
// or when the realm ends (whichever comes first).
struct Wrapped;

struct SerdesData : BindingData {
  explicit SerdesData(Realm *) {}
  ~SerdesData() override;
  std::unordered_set<Wrapped *> live;
  v8::Global<v8::Function> clone_error; // makes structuredClone's DataCloneError
};

struct Wrapped {
  Wrapped(v8::Isolate *isolate, v8::Local<v8::Object> wrap) : isolate_(isolate) {
    wrap->SetAlignedPointerInInternalField(0, this);
    wrap_.Reset(isolate, wrap);
    wrap_.SetWeak(this, OnGc, v8::WeakCallbackType::kParameter);
    Realm::From(isolate)->Data<SerdesData>("v8.serdes")->live.insert(this);
  }
  virtual ~Wrapped() = default;

  v8::Local<v8::Object> object() { return wrap_.Get(isolate_); }

  // The first pass may only drop the handle; the serializer (which owns V8
  // handles of its own) is deleted in the second pass.
  static void OnGc(const v8::WeakCallbackInfo<Wrapped> &info) {
    Wrapped *self = info.GetParameter();
    self->wrap_.Reset();
    info.SetSecondPassCallback(Delete);
  }

  static void Delete(const v8::WeakCallbackInfo<Wrapped> &info) {
    Wrapped *self = info.GetParameter();
    Realm::From(info.GetIsolate())->Data<SerdesData>("v8.serdes")->live.erase(self);
    delete self;
  }

  template <typename T>
  static T *Unwrap(const v8::FunctionCallbackInfo<v8::Value> &args) {
    v8::Local<v8::Object> self = args.This();
    if (self->InternalFieldCount() < 1) {
      ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Illegal invocation");
      return nullptr;
    }
    T *p = static_cast<T *>(self->GetAlignedPointerFromInternalField(0));
    if (p == nullptr) {
      ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Illegal invocation");
    }
    return p;
  }

  v8::Isolate *isolate_;
  v8::Global<v8::Object> wrap_;
};

SerdesData::~SerdesData() {
  for (Wrapped *w : live) {
    w->wrap_.Reset();
    delete w;
  }
  clone_error.Reset();
}

// Calls this[name](...args) on the wrapper if it is a function. Sets
// *called to whether it was.
v8::MaybeLocal<v8::Value> CallMethod(v8::Isolate *isolate, v8::Local<v8::Object> self, const char *name,
                                     int argc, v8::Local<v8::Value> *argv, bool *called) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> fn;
  *called = false;
  if (!self->Get(context, Name(isolate, name)).ToLocal(&fn)) {
    *called = true; // the getter threw
    return {};
  }
  if (!fn->IsFunction()) {
    return {};
  }
  *called = true;
  return fn.As<v8::Function>()->Call(context, self, argc, argv);
}

class SerializerContext : public Wrapped, public v8::ValueSerializer::Delegate {
 public:
  SerializerContext(v8::Isolate *isolate, v8::Local<v8::Object> wrap)
      : Wrapped(isolate, wrap), serializer_(isolate, this) {}

  void ThrowDataCloneError(v8::Local<v8::String> message) override {
    v8::Local<v8::Value> argv[] = {message};
    bool called;
    v8::Local<v8::Value> error;
    if (CallMethod(isolate_, object(), "_getDataCloneError", 1, argv, &called).ToLocal(&error)) {
      isolate_->ThrowException(error);
    } else if (!called) {
      isolate_->ThrowException(v8::Exception::Error(message));
    }
  }

  v8::Maybe<bool> WriteHostObject(v8::Isolate *isolate, v8::Local<v8::Object> object) override {
    v8::Local<v8::Value> argv[] = {object};
    bool called;
    v8::MaybeLocal<v8::Value> ret = CallMethod(isolate, this->object(), "_writeHostObject", 1, argv, &called);
    if (!called) {
      return v8::ValueSerializer::Delegate::WriteHostObject(isolate, object);
    }
    if (ret.IsEmpty()) {
      return v8::Nothing<bool>();
    }
    return v8::Just(true);
  }

  v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate *isolate, v8::Local<v8::SharedArrayBuffer> sab) override {
    v8::Local<v8::Value> argv[] = {sab};
    bool called;
    v8::MaybeLocal<v8::Value> ret =
        CallMethod(isolate, object(), "_getSharedArrayBufferId", 1, argv, &called);
    if (!called) {
      return v8::ValueSerializer::Delegate::GetSharedArrayBufferId(isolate, sab);
    }
    v8::Local<v8::Value> id;
    if (!ret.ToLocal(&id)) {
      return v8::Nothing<uint32_t>();
    }
    return id->Uint32Value(isolate->GetCurrentContext());
  }

  v8::ValueSerializer serializer_;
};

class DeserializerContext : public Wrapped, public v8::ValueDeserializer::Delegate {
 public:
  DeserializerContext(v8::Isolate *isolate, v8::Local<v8::Object> wrap, const uint8_t *data, size_t length,
                      std::shared_ptr<v8::BackingStore> store)
      : Wrapped(isolate, wrap), data_(data), store_(std::move(store)), deserializer_(isolate, data, length, this) {}

  v8::MaybeLocal<v8::Object> ReadHostObject(v8::Isolate *isolate) override {
    // V8 reads object properties with JavaScript disallowed (its fast path
    // holds map transitions); the host-object hook is JS, so allow it here
    // as Node does.
    v8::Isolate::AllowJavascriptExecutionScope allow_js(isolate);
    bool called;
    v8::MaybeLocal<v8::Value> ret = CallMethod(isolate, object(), "_readHostObject", 0, nullptr, &called);
    if (!called) {
      return v8::ValueDeserializer::Delegate::ReadHostObject(isolate);
    }
    v8::Local<v8::Value> value;
    if (!ret.ToLocal(&value)) {
      return {};
    }
    if (!value->IsObject()) {
      ThrowTypeError(isolate, "ERR_INVALID_RETURN_VALUE",
                     "Expected an object to be returned from the \"_readHostObject\" function");
      return {};
    }
    return value.As<v8::Object>();
  }

  const uint8_t *data_;
  std::shared_ptr<v8::BackingStore> store_; // keeps data_ alive
  v8::ValueDeserializer deserializer_;
};

void SerializerNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args.IsConstructCall()) {
    ThrowTypeError(args.GetIsolate(), "ERR_CONSTRUCT_CALL_REQUIRED",
                   "Class constructor Serializer cannot be invoked without 'new'");
    return;
  }
  new SerializerContext(args.GetIsolate(), args.This());
}

void SerializerWriteHeader(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (auto *ctx = Wrapped::Unwrap<SerializerContext>(args)) {
    ctx->serializer_.WriteHeader();
  }
}

void SerializerWriteValue(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<SerializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Maybe<bool> ok = ctx->serializer_.WriteValue(args.GetIsolate()->GetCurrentContext(), args[0]);
  if (ok.IsJust()) {
    args.GetReturnValue().Set(ok.FromJust());
  }
}

// releaseBuffer() -> ArrayBuffer owning the serialized bytes (no copy).
void SerializerReleaseBuffer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<SerializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  std::pair<uint8_t *, size_t> bytes = ctx->serializer_.Release();
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(
      bytes.first, bytes.second, [](void *data, size_t, void *) { free(data); }, nullptr);
  args.GetReturnValue().Set(v8::ArrayBuffer::New(args.GetIsolate(), std::move(store)));
}

void SerializerTransferArrayBuffer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<SerializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  uint32_t id;
  if (!args[0]->Uint32Value(isolate->GetCurrentContext()).To(&id)) {
    return;
  }
  if (!args[1]->IsArrayBuffer()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "arrayBuffer must be an ArrayBuffer");
    return;
  }
  ctx->serializer_.TransferArrayBuffer(id, args[1].As<v8::ArrayBuffer>());
}

void SerializerWriteUint32(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<SerializerContext>(args);
  uint32_t value;
  if (ctx != nullptr && args[0]->Uint32Value(args.GetIsolate()->GetCurrentContext()).To(&value)) {
    ctx->serializer_.WriteUint32(value);
  }
}

void SerializerWriteUint64(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<SerializerContext>(args);
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  uint32_t hi;
  uint32_t lo;
  if (ctx != nullptr && args[0]->Uint32Value(context).To(&hi) && args[1]->Uint32Value(context).To(&lo)) {
    ctx->serializer_.WriteUint64((static_cast<uint64_t>(hi) << 32) | lo);
  }
}

void SerializerWriteDouble(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<SerializerContext>(args);
  double value;
  if (ctx != nullptr && args[0]->NumberValue(args.GetIsolate()->GetCurrentContext()).To(&value)) {
    ctx->serializer_.WriteDouble(value);
  }
}

void SerializerWriteRawBytes(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<SerializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  const uint8_t *data;
  size_t length;
  if (!ViewBytes(args[0], &data, &length)) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", "source must be a TypedArray or a DataView");
    return;
  }
  ctx->serializer_.WriteRawBytes(data, length);
}

void SerializerSetTreatArrayBufferViewsAsHostObjects(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (auto *ctx = Wrapped::Unwrap<SerializerContext>(args)) {
    ctx->serializer_.SetTreatArrayBufferViewsAsHostObjects(args[0]->BooleanValue(args.GetIsolate()));
  }
}

void DeserializerNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                   "Class constructor Deserializer cannot be invoked without 'new'");
    return;
  }
  const uint8_t *data;
  size_t length;
  if (!ViewBytes(args[0], &data, &length)) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "buffer must be a TypedArray or a DataView");
    return;
  }
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  // `buffer` stays on the object: _readHostObject reads views out of it.
  USE(args.This()->Set(isolate->GetCurrentContext(), Name(isolate, "buffer"), view));
  new DeserializerContext(isolate, args.This(), data, length, view->Buffer()->GetBackingStore());
}

void DeserializerReadHeader(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<DeserializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Maybe<bool> ok = ctx->deserializer_.ReadHeader(args.GetIsolate()->GetCurrentContext());
  if (ok.IsJust()) {
    args.GetReturnValue().Set(ok.FromJust());
  }
}

void DeserializerReadValue(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<DeserializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Local<v8::Value> value;
  if (ctx->deserializer_.ReadValue(args.GetIsolate()->GetCurrentContext()).ToLocal(&value)) {
    args.GetReturnValue().Set(value);
  }
}

void DeserializerTransferArrayBuffer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<DeserializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  uint32_t id;
  if (!args[0]->Uint32Value(isolate->GetCurrentContext()).To(&id)) {
    return;
  }
  if (args[1]->IsArrayBuffer()) {
    ctx->deserializer_.TransferArrayBuffer(id, args[1].As<v8::ArrayBuffer>());
  } else if (args[1]->IsSharedArrayBuffer()) {
    ctx->deserializer_.TransferSharedArrayBuffer(id, args[1].As<v8::SharedArrayBuffer>());
  } else {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "arrayBuffer must be an ArrayBuffer or SharedArrayBuffer");
  }
}

void DeserializerGetWireFormatVersion(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (auto *ctx = Wrapped::Unwrap<DeserializerContext>(args)) {
    args.GetReturnValue().Set(ctx->deserializer_.GetWireFormatVersion());
  }
}

void ThrowReadFailed(v8::Isolate *isolate) {
  isolate->ThrowException(v8::Exception::Error(Name(isolate, "ReadUint32() failed")));
}

void DeserializerReadUint32(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<DeserializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  uint32_t value;
  if (!ctx->deserializer_.ReadUint32(&value)) {
    ThrowReadFailed(args.GetIsolate());
    return;
  }
  args.GetReturnValue().Set(value);
}

void DeserializerReadUint64(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<DeserializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  uint64_t value;
  if (!ctx->deserializer_.ReadUint64(&value)) {
    isolate->ThrowException(v8::Exception::Error(Name(isolate, "ReadUint64() failed")));
    return;
  }
  v8::Local<v8::Value> parts[] = {v8::Integer::NewFromUnsigned(isolate, static_cast<uint32_t>(value >> 32)),
                                  v8::Integer::NewFromUnsigned(isolate, static_cast<uint32_t>(value))};
  args.GetReturnValue().Set(v8::Array::New(isolate, parts, 2));
}

void DeserializerReadDouble(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<DeserializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  double value;
  if (!ctx->deserializer_.ReadDouble(&value)) {
    isolate->ThrowException(v8::Exception::Error(Name(isolate, "ReadDouble() failed")));
    return;
  }
  args.GetReturnValue().Set(value);
}

// _readRawBytes(length) -> offset of the bytes within `buffer`.
void DeserializerReadRawBytes(const v8::FunctionCallbackInfo<v8::Value> &args) {
  auto *ctx = Wrapped::Unwrap<DeserializerContext>(args);
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  int64_t length;
  if (!args[0]->IntegerValue(isolate->GetCurrentContext()).To(&length)) {
    return;
  }
  const void *data;
  if (length < 0 || !ctx->deserializer_.ReadRawBytes(static_cast<size_t>(length), &data)) {
    isolate->ThrowException(v8::Exception::Error(Name(isolate, "ReadRawBytes() failed")));
    return;
  }
  args.GetReturnValue().Set(
      static_cast<double>(static_cast<const uint8_t *>(data) - ctx->data_));
}

v8::Local<v8::FunctionTemplate> MakeClass(v8::Isolate *isolate, const char *name, v8::FunctionCallback ctor) {
  v8::Local<v8::FunctionTemplate> t = v8::FunctionTemplate::New(isolate, ctor);
  t->SetClassName(Name(isolate, name));
  t->InstanceTemplate()->SetInternalFieldCount(1);
  return t;
}

void ProtoMethod(v8::Isolate *isolate, v8::Local<v8::FunctionTemplate> t, const char *name,
                 v8::FunctionCallback fn) {
  v8::Local<v8::Signature> signature = v8::Signature::New(isolate, t);
  v8::Local<v8::FunctionTemplate> m =
      v8::FunctionTemplate::New(isolate, fn, {}, signature, 0, v8::ConstructorBehavior::kThrow);
  m->SetClassName(Name(isolate, name));
  t->PrototypeTemplate()->Set(Name(isolate, name), m);
}

// ---- structuredClone ----

// The delegate of one structuredClone: DataCloneError as a DOMException
// (through the factory JS registered), SharedArrayBuffers shared as they are.
class CloneDelegate : public v8::ValueSerializer::Delegate, public v8::ValueDeserializer::Delegate {
 public:
  explicit CloneDelegate(v8::Isolate *isolate) : isolate_(isolate) {}

  void ThrowDataCloneError(v8::Local<v8::String> message) override { Throw(isolate_, message); }

  static void Throw(v8::Isolate *isolate, v8::Local<v8::String> message) {
    SerdesData *data = Realm::From(isolate)->Data<SerdesData>("v8.serdes");
    v8::Local<v8::Value> error;
    if (!data->clone_error.IsEmpty()) {
      v8::Local<v8::Value> argv[] = {message};
      if (!data->clone_error.Get(isolate)
               ->Call(isolate->GetCurrentContext(), v8::Undefined(isolate), 1, argv)
               .ToLocal(&error)) {
        return; // the factory threw
      }
    } else {
      error = v8::Exception::Error(message);
    }
    isolate->ThrowException(error);
  }

  v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate *isolate, v8::Local<v8::SharedArrayBuffer> sab) override {
    for (size_t i = 0; i < shared_.size(); i++) {
      if (shared_[i] == sab) {
        return v8::Just(static_cast<uint32_t>(i));
      }
    }
    shared_.push_back(sab);
    return v8::Just(static_cast<uint32_t>(shared_.size() - 1));
  }

  v8::MaybeLocal<v8::SharedArrayBuffer> GetSharedArrayBufferFromId(v8::Isolate *isolate, uint32_t id) override {
    if (id < shared_.size()) {
      return shared_[id];
    }
    return {};
  }

  v8::Isolate *isolate_;
  std::vector<v8::Local<v8::SharedArrayBuffer>> shared_;
};

// structuredClone(value, transfer: ArrayBuffer[]) -> clone. JS has checked
// the arguments' shapes; this checks the transfer list itself.
void StructuredClone(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  CloneDelegate delegate(isolate);

  std::vector<v8::Local<v8::ArrayBuffer>> transfer;
  if (args[1]->IsArray()) {
    v8::Local<v8::Array> list = args[1].As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); i++) {
      v8::Local<v8::Value> item;
      if (!list->Get(context, i).ToLocal(&item)) {
        return;
      }
      if (!item->IsArrayBuffer()) {
        CloneDelegate::Throw(isolate, Name(isolate, "Found invalid value in transferList."));
        return;
      }
      v8::Local<v8::ArrayBuffer> ab = item.As<v8::ArrayBuffer>();
      for (const auto &seen : transfer) {
        if (seen == ab) {
          CloneDelegate::Throw(isolate, Name(isolate, "Transfer list contains duplicate ArrayBuffer"));
          return;
        }
      }
      if (!ab->IsDetachable() || ab->WasDetached()) {
        CloneDelegate::Throw(isolate, Name(isolate, "Cannot transfer object of unsupported type."));
        return;
      }
      transfer.push_back(ab);
    }
  }

  v8::ValueSerializer serializer(isolate, &delegate);
  serializer.WriteHeader();
  for (size_t i = 0; i < transfer.size(); i++) {
    serializer.TransferArrayBuffer(static_cast<uint32_t>(i), transfer[i]);
  }
  if (serializer.WriteValue(context, args[0]).IsNothing()) {
    return;
  }
  std::pair<uint8_t *, size_t> bytes = serializer.Release();
  std::unique_ptr<uint8_t, void (*)(void *)> owned(bytes.first, free);

  // The transferred buffers move: their memory goes to new ArrayBuffers and
  // the originals are detached.
  std::vector<v8::Local<v8::ArrayBuffer>> moved;
  for (const auto &ab : transfer) {
    std::shared_ptr<v8::BackingStore> store = ab->GetBackingStore();
    ab->Detach();
    moved.push_back(v8::ArrayBuffer::New(isolate, store));
  }

  v8::ValueDeserializer deserializer(isolate, bytes.first, bytes.second, &delegate);
  for (size_t i = 0; i < moved.size(); i++) {
    deserializer.TransferArrayBuffer(static_cast<uint32_t>(i), moved[i]);
  }
  if (deserializer.ReadHeader(context).IsNothing()) {
    return;
  }
  v8::Local<v8::Value> result;
  if (deserializer.ReadValue(context).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

void SetCloneErrorFactory(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (args[0]->IsFunction()) {
    Realm::From(args)->Data<SerdesData>("v8.serdes")->clone_error.Reset(args.GetIsolate(),
                                                                         args[0].As<v8::Function>());
  }
}

void InitV8(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  SetMethod(isolate, target, "cachedDataVersionTag", CachedDataVersionTag);
  SetMethod(isolate, target, "setFlagsFromString", SetFlagsFromString);
  SetMethod(isolate, target, "getHeapStatistics", GetHeapStatistics);
  SetMethod(isolate, target, "getHeapSpaceStatistics", GetHeapSpaceStatistics);
  SetMethod(isolate, target, "getHeapCodeStatistics", GetHeapCodeStatistics);
  SetMethod(isolate, target, "isStringOneByteRepresentation", IsStringOneByteRepresentation);
  SetMethod(isolate, target, "writeHeapSnapshot", WriteHeapSnapshot);
  SetMethod(isolate, target, "getHeapSnapshotChunks", GetHeapSnapshotChunks);
  SetMethod(isolate, target, "structuredClone", StructuredClone);
  SetMethod(isolate, target, "setCloneErrorFactory", SetCloneErrorFactory);

  v8::Local<v8::FunctionTemplate> ser = MakeClass(isolate, "Serializer", SerializerNew);
  ProtoMethod(isolate, ser, "writeHeader", SerializerWriteHeader);
  ProtoMethod(isolate, ser, "writeValue", SerializerWriteValue);
  ProtoMethod(isolate, ser, "releaseBuffer", SerializerReleaseBuffer);
  ProtoMethod(isolate, ser, "transferArrayBuffer", SerializerTransferArrayBuffer);
  ProtoMethod(isolate, ser, "writeUint32", SerializerWriteUint32);
  ProtoMethod(isolate, ser, "writeUint64", SerializerWriteUint64);
  ProtoMethod(isolate, ser, "writeDouble", SerializerWriteDouble);
  ProtoMethod(isolate, ser, "writeRawBytes", SerializerWriteRawBytes);
  ProtoMethod(isolate, ser, "_setTreatArrayBufferViewsAsHostObjects",
              SerializerSetTreatArrayBufferViewsAsHostObjects);
  SetValue(isolate, target, "Serializer", ser->GetFunction(context).ToLocalChecked());

  v8::Local<v8::FunctionTemplate> des = MakeClass(isolate, "Deserializer", DeserializerNew);
  ProtoMethod(isolate, des, "readHeader", DeserializerReadHeader);
  ProtoMethod(isolate, des, "readValue", DeserializerReadValue);
  ProtoMethod(isolate, des, "getWireFormatVersion", DeserializerGetWireFormatVersion);
  ProtoMethod(isolate, des, "transferArrayBuffer", DeserializerTransferArrayBuffer);
  ProtoMethod(isolate, des, "readUint32", DeserializerReadUint32);
  ProtoMethod(isolate, des, "readUint64", DeserializerReadUint64);
  ProtoMethod(isolate, des, "readDouble", DeserializerReadDouble);
  ProtoMethod(isolate, des, "_readRawBytes", DeserializerReadRawBytes);
  SetValue(isolate, target, "Deserializer", des->GetFunction(context).ToLocalChecked());
}

}  // namespace

SH_BINDING(v8, InitV8);

}  // namespace shard
