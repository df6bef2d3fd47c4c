// internalBinding('loop'): the JS side of the event loop. The built-ins
// register their entry points here and share small typed arrays with C++
// (the completion batch, immediate and tick counters) so the hot paths need
// no call across the boundary.
#include "io/common.h"
#include "js/binding.h"
#include "js/realm.h"

namespace shard {

static const struct {
  const char *name;
  Callback which;
} kCallbackNames[] = {
    {"processTimers", Callback::kProcessTimers},
    {"processImmediate", Callback::kProcessImmediate},
    {"onCompletions", Callback::kOnCompletions},
    {"runTicks", Callback::kRunTicks},
    {"emitSignal", Callback::kEmitSignal},
    {"beforeExit", Callback::kBeforeExit},
    {"emitExit", Callback::kEmitExit},
    {"fatalException", Callback::kFatalException},
    {"promiseReject", Callback::kPromiseReject},
    {"runMain", Callback::kRunMain},
};

static void SetCallbacks(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  if (!args[0]->IsObject()) {
    return;
  }
  v8::Local<v8::Object> obj = args[0].As<v8::Object>();
  for (const auto &entry : kCallbackNames) {
    v8::Local<v8::Value> fn;
    if (obj->Get(realm->context(), OneByte(isolate, entry.name)).ToLocal(&fn) && fn->IsFunction()) {
      realm->SetCallback(entry.which, fn.As<v8::Function>());
    }
  }
}

static void ScheduleTimer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  double ms = args[0]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(1);
  Realm::From(args)->ScheduleTimer(static_cast<int64_t>(ms));
}

static void ToggleTimerRef(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm::From(args)->ToggleTimerRef(args[0]->BooleanValue(args.GetIsolate()));
}

// As Node's GetNow: refresh the cached loop time first, so a timer started
// long after the turn began (a slow main script) is not due early.
static void GetLoopNow(const v8::FunctionCallbackInfo<v8::Value> &args) {
  sh_loop_t *loop = Realm::From(args)->loop();
  sh_loop_update_time(loop);
  args.GetReturnValue().Set(static_cast<double>(sh_loop_now(loop)));
}

// The loop's cached clock, without reading the clock again.
static void GetLoopNowCached(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(static_cast<double>(sh_loop_now(Realm::From(args)->loop())));
}

static void RunMicrotasks(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetIsolate()->PerformMicrotaskCheckpoint();
}

static void Ref(const v8::FunctionCallbackInfo<v8::Value> &args) { Realm::From(args)->js_refs++; }
static void Unref(const v8::FunctionCallbackInfo<v8::Value> &args) { Realm::From(args)->js_refs--; }

static void EnqueueMicrotask(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (args[0]->IsFunction()) {
    args.GetIsolate()->EnqueueMicrotask(args[0].As<v8::Function>());
  }
}

// triggerUncaughtException(error, fromPromise): reports an error that JS
// caught on behalf of nobody (a throwing microtask, an unhandled rejection).
static void TriggerUncaughtException(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Local<v8::Message> message = v8::Exception::CreateMessage(args.GetIsolate(), args[0]);
  realm->HandleException(args[0], message, args[1]->BooleanValue(args.GetIsolate()));
}

// The realm reads and writes the binding's arrays directly. Also run for a
// binding that came out of the worker snapshot (realm.js), whose arrays are
// this realm's copies.
void AttachLoopBinding(Realm *realm, v8::Local<v8::Object> binding) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  auto get = [&](const char *name) { return binding->Get(context, OneByte(isolate, name)).ToLocalChecked(); };
  auto bytes = [](v8::Local<v8::Value> value) -> void * {
    SH_CHECK(value->IsTypedArray());
    v8::Local<v8::TypedArray> array = value.As<v8::TypedArray>();
    return static_cast<char *>(array->Buffer()->GetBackingStore()->Data()) + array->ByteOffset();
  };
  v8::Local<v8::Value> completions = get("completions");
  realm->completions_ = static_cast<double *>(bytes(completions));
  realm->completions_array_.Reset(isolate, completions.As<v8::Float64Array>());
  realm->completion_values_.Reset(isolate, get("completionValues").As<v8::Array>());
  realm->immediate_info_ = static_cast<uint32_t *>(bytes(get("immediateInfo")));
  realm->tick_info_ = static_cast<uint8_t *>(bytes(get("tickInfo")));
}

static void Attach(const v8::FunctionCallbackInfo<v8::Value> &args) {
  AttachLoopBinding(Realm::From(args), args.This());
}

void InitLoopBinding(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "setCallbacks", SetCallbacks);
  SetMethod(isolate, target, "scheduleTimer", ScheduleTimer);
  SetMethod(isolate, target, "toggleTimerRef", ToggleTimerRef);
  SetMethod(isolate, target, "getLoopNow", GetLoopNow);
  SetMethod(isolate, target, "getLoopNowCached", GetLoopNowCached);
  SetMethod(isolate, target, "runMicrotasks", RunMicrotasks);
  SetMethod(isolate, target, "enqueueMicrotask", EnqueueMicrotask);
  SetMethod(isolate, target, "ref", Ref);
  SetMethod(isolate, target, "triggerUncaughtException", TriggerUncaughtException);
  SetMethod(isolate, target, "unref", Unref);
  SetMethod(isolate, target, "attach", Attach);

  const size_t slots = kCompletionBatch * kCompletionFields;
  SetValue(isolate, target, "completions",
           v8::Float64Array::New(v8::ArrayBuffer::New(isolate, slots * sizeof(double)), 0, slots));
  SetValue(isolate, target, "completionValues", v8::Array::New(isolate));
  SetValue(isolate, target, "immediateInfo", v8::Uint32Array::New(v8::ArrayBuffer::New(isolate, 12), 0, 3));
  SetValue(isolate, target, "tickInfo", v8::Uint8Array::New(v8::ArrayBuffer::New(isolate, 2), 0, 2));
  AttachLoopBinding(realm, target);
}

SH_BINDING(loop, InitLoopBinding);

}  // namespace shard
