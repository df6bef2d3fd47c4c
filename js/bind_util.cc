// internalBinding('util') and internalBinding('types'): what util.inspect
// and util.types need to see inside values (promise state, proxy target,
// map iterator entries, the exact kind of an object).
#include <cstring>
#include <string>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

static void GetPromiseDetails(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsPromise()) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Promise> promise = args[0].As<v8::Promise>();
  int state = static_cast<int>(promise->State());
  v8::Local<v8::Value> values[2] = {v8::Integer::New(isolate, state)};
  int n = 1;
  if (promise->State() != v8::Promise::kPending) {
    values[n++] = promise->Result();
  }
  args.GetReturnValue().Set(v8::Array::New(isolate, values, n));
}

static void GetProxyDetails(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsProxy()) {
    return;
  }
  v8::Local<v8::Proxy> proxy = args[0].As<v8::Proxy>();
  if (args.Length() == 1 || args[1]->IsTrue()) {
    v8::Local<v8::Value> values[] = {proxy->GetTarget(), proxy->GetHandler()};
    args.GetReturnValue().Set(v8::Array::New(args.GetIsolate(), values, 2));
  } else {
    args.GetReturnValue().Set(proxy->GetTarget());
  }
}

// previewEntries(obj, isIterator) -> entries, or [entries, isKeyValue].
static void PreviewEntries(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsObject()) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  bool is_key_value;
  v8::Local<v8::Array> entries;
  if (!args[0].As<v8::Object>()->PreviewEntries(&is_key_value).ToLocal(&entries)) {
    return;
  }
  if (args.Length() < 2 || !args[1]->IsTrue()) {
    args.GetReturnValue().Set(entries);
    return;
  }
  v8::Local<v8::Value> values[] = {entries, v8::Boolean::New(isolate, is_key_value)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

// getOwnNonIndexProperties(obj, filter): 0 all, 2 only enumerable (ONLY_ENUMERABLE), symbols too.
static void GetOwnNonIndexProperties(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsObject()) {
    return;
  }
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  uint32_t filter = args[1]->Uint32Value(context).FromMaybe(0);
  v8::Local<v8::Array> props;
  if (args[0]
          .As<v8::Object>()
          ->GetPropertyNames(context, v8::KeyCollectionMode::kOwnOnly,
                             static_cast<v8::PropertyFilter>(filter), v8::IndexFilter::kSkipIndices,
                             v8::KeyConversionMode::kKeepNumbers)
          .ToLocal(&props)) {
    args.GetReturnValue().Set(props);
  }
}

static void GetConstructorName(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (args[0]->IsObject()) {
    args.GetReturnValue().Set(args[0].As<v8::Object>()->GetConstructorName());
  }
}

static void GetExternalValue(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (args[0]->IsExternal()) {
    void *ptr = args[0].As<v8::External>()->Value();
    args.GetReturnValue().Set(v8::BigInt::NewFromUnsigned(args.GetIsolate(), reinterpret_cast<uint64_t>(ptr)));
  }
}

static void GetCallerFileName(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::StackTrace> trace = v8::StackTrace::CurrentStackTrace(args.GetIsolate(), 10);
  for (int i = 0; i < trace->GetFrameCount(); i++) {
    v8::Local<v8::StackFrame> frame = trace->GetFrame(args.GetIsolate(), i);
    v8::Local<v8::String> name = frame->GetScriptName();
    if (!name.IsEmpty()) {
      std::string s = ToStdString(args.GetIsolate(), name);
      if (s.rfind("node:", 0) != 0) {
        args.GetReturnValue().Set(name);
        return;
      }
    }
  }
}

// getCallSites(frameCount) -> [{ functionName, scriptId, scriptName, lineNumber,
// columnNumber, column }] for the frames above util.getCallSites' caller (the
// first JS frame, util.getCallSites itself, is left out). Objects have a null
// prototype, as in Node.
static void GetCallSites(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  int count = static_cast<int>(args[0]->Int32Value(context).FromMaybe(10));
  if (count < 1) {
    count = 1;
  }
  v8::Local<v8::StackTrace> trace = v8::StackTrace::CurrentStackTrace(isolate, count + 1);
  int frames = trace->GetFrameCount();
  v8::Local<v8::Array> result = v8::Array::New(isolate, frames > 1 ? frames - 1 : 0);
  v8::Local<v8::Name> names[] = {OneByte(isolate, "functionName"), OneByte(isolate, "scriptId"),
                                 OneByte(isolate, "scriptName"),   OneByte(isolate, "lineNumber"),
                                 OneByte(isolate, "columnNumber"), OneByte(isolate, "column")};
  for (int i = 1; i < frames; i++) {
    v8::Local<v8::StackFrame> frame = trace->GetFrame(isolate, static_cast<uint32_t>(i));
    v8::Local<v8::String> function_name = frame->GetFunctionName();
    v8::Local<v8::String> script_name = frame->GetScriptName();
    std::string script_id = std::to_string(frame->GetScriptId());
    v8::Local<v8::Value> column = v8::Integer::New(isolate, frame->GetColumn());
    v8::Local<v8::Value> values[] = {
        function_name.IsEmpty() ? v8::String::Empty(isolate) : function_name,
        Str(isolate, script_id),
        script_name.IsEmpty() ? v8::String::Empty(isolate) : script_name,
        v8::Integer::New(isolate, frame->GetLineNumber()),
        column,
        column};
    v8::Local<v8::Object> site = v8::Object::New(isolate, v8::Null(isolate), names, values, 6);
    USE(result->Set(context, static_cast<uint32_t>(i - 1), site));
  }
  args.GetReturnValue().Set(result);
}

// getStartupEnv(name): the value `name` had in the environment this core
// started with (process.env may have changed since), or undefined. NODE_DEBUG
// is read this way: Node decides the debuglog sections at start-up.
static void GetStartupEnv(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  const sh_js_core_options_t *options = Realm::From(args)->options();
  if (options == nullptr || options->env == nullptr || !args[0]->IsString()) {
    return;
  }
  std::string name = ToStdString(isolate, args[0]);
  for (const char *const *entry = options->env; *entry != nullptr; entry++) {
    if (strncmp(*entry, name.c_str(), name.size()) == 0 && (*entry)[name.size()] == '=') {
      args.GetReturnValue().Set(Str(isolate, *entry + name.size() + 1));
      return;
    }
  }
}

static void Sleep(const v8::FunctionCallbackInfo<v8::Value> &args) {
  uint32_t ms = args[0]->Uint32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
  struct timespec ts = {static_cast<time_t>(ms / 1000), static_cast<long>((ms % 1000) * 1000000)};
  while (nanosleep(&ts, &ts) != 0) {
  }
}

static void IsConstructor(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(args[0]->IsFunction() && args[0].As<v8::Function>()->IsConstructor());
}

static void InitUtil(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "getPromiseDetails", GetPromiseDetails);
  SetMethod(isolate, target, "getProxyDetails", GetProxyDetails);
  SetMethod(isolate, target, "previewEntries", PreviewEntries);
  SetMethod(isolate, target, "getOwnNonIndexProperties", GetOwnNonIndexProperties);
  SetMethod(isolate, target, "getConstructorName", GetConstructorName);
  SetMethod(isolate, target, "getExternalValue", GetExternalValue);
  SetMethod(isolate, target, "getCallerFileName", GetCallerFileName);
  SetMethod(isolate, target, "getCallSites", GetCallSites);
  SetMethod(isolate, target, "getStartupEnv", GetStartupEnv);
  SetMethod(isolate, target, "sleep", Sleep);
  SetMethod(isolate, target, "isConstructor", IsConstructor);
  SetInt(isolate, target, "kPending", v8::Promise::kPending);
  SetInt(isolate, target, "kFulfilled", v8::Promise::kFulfilled);
  SetInt(isolate, target, "kRejected", v8::Promise::kRejected);
  SetInt(isolate, target, "ALL_PROPERTIES", v8::PropertyFilter::ALL_PROPERTIES);
  SetInt(isolate, target, "ONLY_ENUMERABLE", v8::PropertyFilter::ONLY_ENUMERABLE);
}

SH_BINDING(util, InitUtil);

#define SH_TYPE_CHECKS(V)                                                                          \
  V(External)                                                                                      \
  V(Date)                                                                                          \
  V(ArgumentsObject)                                                                               \
  V(BigIntObject)                                                                                  \
  V(BooleanObject)                                                                                 \
  V(NumberObject)                                                                                  \
  V(StringObject)                                                                                  \
  V(SymbolObject)                                                                                  \
  V(NativeError)                                                                                   \
  V(RegExp)                                                                                        \
  V(AsyncFunction)                                                                                 \
  V(GeneratorFunction)                                                                             \
  V(GeneratorObject)                                                                               \
  V(Promise)                                                                                       \
  V(Map)                                                                                           \
  V(Set)                                                                                           \
  V(MapIterator)                                                                                   \
  V(SetIterator)                                                                                   \
  V(WeakMap)                                                                                       \
  V(WeakSet)                                                                                       \
  V(ArrayBuffer)                                                                                   \
  V(DataView)                                                                                      \
  V(SharedArrayBuffer)                                                                             \
  V(Proxy)                                                                                         \
  V(ModuleNamespaceObject)

#define SH_DEFINE_CHECK(type)                                                                      \
  static void Is##type(const v8::FunctionCallbackInfo<v8::Value> &args) {                          \
    args.GetReturnValue().Set(args[0]->Is##type());                                                \
  }
SH_TYPE_CHECKS(SH_DEFINE_CHECK)
#undef SH_DEFINE_CHECK

static void IsAnyArrayBuffer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(args[0]->IsArrayBuffer() || args[0]->IsSharedArrayBuffer());
}

static void IsBoxedPrimitive(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(args[0]->IsNumberObject() || args[0]->IsStringObject() ||
                            args[0]->IsBooleanObject() || args[0]->IsBigIntObject() ||
                            args[0]->IsSymbolObject());
}

static void InitTypes(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
#define SH_SET_CHECK(type) SetMethod(isolate, target, "is" #type, Is##type);
  SH_TYPE_CHECKS(SH_SET_CHECK)
#undef SH_SET_CHECK
  SetMethod(isolate, target, "isAnyArrayBuffer", IsAnyArrayBuffer);
  SetMethod(isolate, target, "isBoxedPrimitive", IsBoxedPrimitive);
}

SH_BINDING(types, InitTypes);

}  // namespace shard
