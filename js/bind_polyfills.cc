// internalBinding('polyfills'): what the ECMAScript polyfills
// (modules/internal/per_context/polyfills.js) cannot do in JavaScript:
// telling whether an ArrayBuffer is detached, and detaching one
// (ArrayBuffer.prototype.transfer). Arguments are validated in JS.
#include <cstring>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

// isDetached(arrayBuffer) -> boolean
static void IsDetached(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsArrayBuffer()) {
    args.GetReturnValue().Set(false);
    return;
  }
  args.GetReturnValue().Set(args[0].As<v8::ArrayBuffer>()->WasDetached());
}

// isDetachable(arrayBuffer) -> boolean (false for WebAssembly memory).
static void IsDetachable(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsArrayBuffer()) {
    args.GetReturnValue().Set(false);
    return;
  }
  args.GetReturnValue().Set(args[0].As<v8::ArrayBuffer>()->IsDetachable());
}

// transfer(arrayBuffer, newByteLength) -> a new ArrayBuffer holding the
// first newByteLength bytes (zero-filled beyond the old length); the source
// is detached. When the length is unchanged the backing store itself moves to
// the new buffer, so nothing is copied. The caller checked that the source is
// a detachable, non-detached ArrayBuffer and that the length is an index.
static void Transfer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  if (!args[0]->IsArrayBuffer() || !args[1]->IsNumber()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "transfer(arrayBuffer, length)");
    return;
  }
  v8::Local<v8::ArrayBuffer> source = args[0].As<v8::ArrayBuffer>();
  double wanted = args[1].As<v8::Number>()->Value();
  size_t old_length = source->ByteLength();
  if (wanted < 0 || wanted > static_cast<double>(v8::TypedArray::kMaxLength)) {
    isolate->ThrowException(v8::Exception::RangeError(Str(isolate, "Array buffer allocation failed")));
    return;
  }
  size_t new_length = static_cast<size_t>(wanted);
  std::shared_ptr<v8::BackingStore> store;
  if (new_length == old_length) {
    store = source->GetBackingStore();
  } else {
    // NewBackingStore zero-fills through the isolate's allocator.
    std::unique_ptr<v8::BackingStore> fresh = v8::ArrayBuffer::NewBackingStore(isolate, new_length);
    if (new_length > 0 && fresh->Data() == nullptr) {
      isolate->ThrowException(v8::Exception::RangeError(Str(isolate, "Array buffer allocation failed")));
      return;
    }
    size_t copy = new_length < old_length ? new_length : old_length;
    if (copy > 0) {
      std::memcpy(fresh->Data(), source->Data(), copy);
    }
    store = std::move(fresh);
  }
  source->Detach();
  args.GetReturnValue().Set(v8::ArrayBuffer::New(isolate, store));
}

static void InitPolyfills(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "isDetached", IsDetached);
  SetMethod(isolate, target, "isDetachable", IsDetachable);
  SetMethod(isolate, target, "transfer", Transfer);
}

SH_BINDING(polyfills, InitPolyfills);

}  // namespace shard
