// internalBinding('loop'): the JS side of the event loop. The built-ins
// register their entry points here and share small typed arrays with C++
// (the completion batch, immediate and tick counters) so the hot paths need
// no call across the boundary.
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

// A zeroed buffer whose bytes C++ reads and writes directly; the typed array
// over it keeps it alive for the realm's life.
static v8::Local<v8::ArrayBuffer> SharedBuffer(v8::Isolate *isolate, size_t bytes, void **data) {
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, bytes);
  *data = ab->GetBackingStore()->Data();
  return ab;
}

// triggerUncaughtException(error, fromPromise): reports an error that JS
// caught on behalf of nobody (a throwing microtask, an unhandled rejection).
static void TriggerUncaughtException(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Local<v8::Message> message = v8::Exception::CreateMessage(args.GetIsolate(), args[0]);
  realm->HandleException(args[0], message, args[1]->BooleanValue(args.GetIsolate()));
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

  void *data;
  const size_t slots = kCompletionBatch * kCompletionFields;
  v8::Local<v8::Float64Array> completions =
      v8::Float64Array::New(SharedBuffer(isolate, slots * sizeof(double), &data), 0, slots);
  realm->completions_ = static_cast<double *>(data);
  realm->completions_array_.Reset(isolate, completions);
  SetValue(isolate, target, "completions", completions);
  v8::Local<v8::Array> values = v8::Array::New(isolate);
  realm->completion_values_.Reset(isolate, values);
  SetValue(isolate, target, "completionValues", values);
  SetValue(isolate, target, "immediateInfo", v8::Uint32Array::New(SharedBuffer(isolate, 12, &data), 0, 3));
  realm->immediate_info_ = static_cast<uint32_t *>(data);
  SetValue(isolate, target, "tickInfo", v8::Uint8Array::New(SharedBuffer(isolate, 2, &data), 0, 2));
  realm->tick_info_ = static_cast<uint8_t *>(data);
}

SH_BINDING(loop, InitLoopBinding);

}  // namespace shard
