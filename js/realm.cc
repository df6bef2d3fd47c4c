#include "js/realm.h"

#include <string.h>
#include <unistd.h>

#include "io/common.h"
#include "js/binding.h"
#include "js/builtins.h"
#include "js/cpu_profile.h"
#include "js/modules.h"
#include "js/platform.h"
#include "js/snapshot.h"

namespace shard {

static v8::ArrayBuffer::Allocator *g_allocator;

v8::ArrayBuffer::Allocator *Realm::allocator() {
  // One allocator for every isolate (calloc/free underneath, thread-safe): a
  // backing store transferred to another core outlives its sender.
  static std::once_flag once;
  std::call_once(once, [] { g_allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator(); });
  return g_allocator;
}

static void OnFatalError(const char *location, const char *message) {
  fprintf(stderr, "\nshard: fatal error in %s: %s\n", location ? location : "V8", message);
  fflush(stderr);
  abort();
}

static void OnOOM(const char *location, bool is_heap_oom) {
  fprintf(stderr, "\nshard: FATAL ERROR: %s %s - JavaScript heap out of memory\n",
          location ? location : "", is_heap_oom ? "Reached heap limit" : "process out of memory");
  fflush(stderr);
  abort();
}

static void OnPromiseReject(v8::PromiseRejectMessage message) {
  v8::Local<v8::Promise> promise = message.GetPromise();
  v8::Isolate *isolate = promise->GetIsolate();
  Realm *realm = Realm::From(isolate);
  v8::Local<v8::Function> fn = realm->GetCallback(Callback::kPromiseReject);
  if (fn.IsEmpty()) {
    return;
  }
  v8::Local<v8::Value> reason = message.GetValue();
  if (reason.IsEmpty()) {
    reason = v8::Undefined(isolate);
  }
  v8::Local<v8::Value> argv[] = {v8::Integer::New(isolate, message.GetEvent()), promise, reason};
  v8::TryCatch try_catch(isolate);
  USE(fn->Call(realm->context(), v8::Undefined(isolate), 3, argv));
}

Realm::Realm(sh_loop_t *loop, const sh_js_core_options_t *options, sh_js_core_t *handle, Mode mode)
    : loop_(loop), options_(options), handle_(handle) {
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = allocator();
  if (options->heap_limit_mb > 0) {
    params.constraints.ConfigureDefaults(options->heap_limit_mb * 1024 * 1024, 0);
  }
  // A Worker's resourceLimits (js/bind_worker.cc).
  if (options->max_young_generation_mb > 0) {
    params.constraints.set_max_young_generation_size_in_bytes(options->max_young_generation_mb << 20);
  }
  if (options->max_old_generation_mb > 0) {
    params.constraints.set_max_old_generation_size_in_bytes(options->max_old_generation_mb << 20);
  }
  if (options->code_range_mb > 0) {
    params.constraints.set_code_range_size_in_bytes(options->code_range_mb << 20);
  }
  isolate_ = v8::Isolate::Allocate();
  isolate_->SetData(0, this);
  // The foreground runner must exist before V8 initialises the isolate: it
  // asks for it during Initialize.
  runner_ = GetPlatform()->Register(isolate_, loop_);
  if (mode == Mode::kMakeSnapshot) {
    // What the registry holds now (every binding the snapshot may use has
    // been loaded before), again before the blob is made.
    snapshot_references_ = NewExternalReferenceTable();
    FreezeExternalReferences(snapshot_references_);
    creator_ = new v8::SnapshotCreator(isolate_, snapshot_references_); // initializes, enters
  } else {
    const WorkerSnapshot *snapshot = mode == Mode::kWorker ? GetWorkerSnapshot() : nullptr;
    if (snapshot != nullptr) {
      params.snapshot_blob = const_cast<v8::StartupData *>(&snapshot->blob); // V8 only reads it
      params.external_references = snapshot->references;
      from_snapshot_ = true;
    }
    v8::Isolate::Initialize(isolate_, params);
  }
  isolate_->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
  isolate_->SetFatalErrorHandler(OnFatalError);
  isolate_->SetOOMErrorHandler(OnOOM);
  isolate_->SetPromiseRejectCallback(OnPromiseReject);
  InitModuleCallbacks(isolate_);
  isolate_->SetCaptureStackTraceForUncaughtExceptions(true, 10, v8::StackTrace::kDetailed);
  if (creator_ == nullptr) {
    isolate_->Enter();
  }
  {
    v8::HandleScope scope(isolate_);
    v8::Local<v8::Context> context = v8::Context::New(isolate_);
    context_.Reset(isolate_, context);
    context->Enter();
  }
  if (mode == Mode::kMain) {
    NoteHashSeed(isolate_);
  }
  sh_timer_init(&js_timer_, OnTimer, this);
  sh_timer_init(&platform_timer_, OnPlatformTimer, this);
  platform_timer_.ref = false;
  sh_loop_hooks_t hooks = {};
  hooks.data = this;
  hooks.after_completions = HookAfterCompletions;
  hooks.check = HookCheck;
  hooks.closing = HookClosing;
  hooks.has_pending = HookHasPending;
  hooks.alive = HookAlive;
  hooks.on_wake = HookOnWake;
  sh_loop_set_hooks(loop_, &hooks);
  if (handle_ != nullptr) {
    std::lock_guard<std::mutex> guard(handle_->lock);
    handle_->isolate = isolate_;
    handle_->loop_id = sh_loop_id(loop_);
    handle_->realm = this;
    if (handle_->interrupted) {
      StopForExit(handle_->interrupt_code);
    }
  }
}

Realm::~Realm() {
  if (handle_ != nullptr) {
    std::lock_guard<std::mutex> guard(handle_->lock);
    handle_->isolate = nullptr;
    handle_->realm = nullptr;
  }
  sh_timer_stop(loop_, &js_timer_);
  sh_timer_stop(loop_, &platform_timer_);
  for (auto it = cleanups_.rbegin(); it != cleanups_.rend(); ++it) {
    it->first(it->second);
  }
  DropHandles();
  if (creator_ != nullptr) {
    delete creator_; // exits and disposes the isolate
    delete[] snapshot_references_;
    GetPlatform()->Unregister(isolate_);
  } else {
    GetPlatform()->Unregister(isolate_);
    isolate_->Exit();
    GetPlatform()->BeginIsolateDispose();
    isolate_->Dispose();
    GetPlatform()->EndIsolateDispose();
  }
  sh_loop_hooks_t none = {};
  sh_loop_set_hooks(loop_, &none);
}

void Realm::DropHandles() {
  for (auto &c : data_cache_) {
    c = {nullptr, nullptr};
  }
  after_flush_.clear(); // they may point into the binding data: no flush comes now
  binding_data_.clear();
  if (!context_.IsEmpty()) {
    v8::HandleScope scope(isolate_);
    context()->Exit();
  }
  for (auto &cb : callbacks_) {
    cb.Reset();
  }
  completions_array_.Reset();
  completion_values_.Reset();
  binding_cache_.Reset();
  context_.Reset();
}

void Realm::SetCallback(Callback which, v8::Local<v8::Function> fn) {
  callbacks_[static_cast<int>(which)].Reset(isolate_, fn);
}

v8::Local<v8::Function> Realm::GetCallback(Callback which) {
  return callbacks_[static_cast<int>(which)].Get(isolate_);
}

void Realm::RunTicks() {
  if (tick_info_ == nullptr || exiting()) {
    return;
  }
  // As Node's InternalCallbackScope: microtasks first when no tick is
  // queued (the cheap common case), then the JS tick processor if needed.
  if (!tick_info_[0]) {
    isolate_->PerformMicrotaskCheckpoint();
  }
  if (!tick_info_[0] && !tick_info_[1]) {
    return;
  }
  v8::Local<v8::Function> fn = GetCallback(Callback::kRunTicks);
  v8::TryCatch try_catch(isolate_);
  if (fn->Call(context(), v8::Undefined(isolate_), 0, nullptr).IsEmpty() &&
      try_catch.HasCaught() && !try_catch.HasTerminated()) {
    HandleException(try_catch);
  }
}

v8::MaybeLocal<v8::Value> Realm::MakeCallback(Callback which, int argc, v8::Local<v8::Value> argv[]) {
  v8::EscapableHandleScope scope(isolate_);
  v8::Local<v8::Function> fn = GetCallback(which);
  if (fn.IsEmpty() || exiting()) {
    return {};
  }
  v8::MaybeLocal<v8::Value> result;
  {
    v8::TryCatch try_catch(isolate_);
    result = fn->Call(context(), v8::Undefined(isolate_), argc, argv);
    if (result.IsEmpty()) {
      if (try_catch.HasTerminated() || !try_catch.CanContinue()) {
        return {};
      }
      HandleException(try_catch);
    }
  }
  RunTicks();
  if (result.IsEmpty()) {
    return {};
  }
  return scope.Escape(result.ToLocalChecked());
}

// Node's "arrow": the source line of an uncaught exception with carets under
// the throwing expression, shown above the stack.
static std::string ErrorSource(v8::Isolate *isolate, v8::Local<v8::Context> context,
                               v8::Local<v8::Message> message) {
  if (message.IsEmpty()) {
    return "";
  }
  v8::Local<v8::String> line;
  if (!message->GetSourceLine(context).ToLocal(&line)) {
    return "";
  }
  std::string source = ToStdString(isolate, line);
  std::string file = ToStdString(isolate, message->GetScriptResourceName());
  int linenum = message->GetLineNumber(context).FromMaybe(0);
  int start = message->GetStartColumn(context).FromMaybe(0);
  int end = message->GetEndColumn(context).FromMaybe(0);
  std::string out = file + ":" + std::to_string(linenum) + "\n" + source + "\n";
  if (start > end || start < 0 || static_cast<size_t>(end) > source.size()) {
    return out;
  }
  for (int i = 0; i < start; i++) {
    out += source[i] == '\t' ? '\t' : ' ';
  }
  for (int i = start; i < end; i++) {
    out += '^';
  }
  out += '\n';
  return out;
}

void Realm::HandleException(const v8::TryCatch &try_catch) {
  if (try_catch.HasTerminated()) {
    return;
  }
  HandleException(try_catch.Exception(), try_catch.Message(), false);
}

void Realm::HandleException(v8::Local<v8::Value> error, v8::Local<v8::Message> message,
                            bool from_promise) {
  if (exiting()) {
    return;
  }
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Function> fn = GetCallback(Callback::kFatalException);
  std::string arrow = ErrorSource(isolate_, context(), message);
  if (!fn.IsEmpty()) {
    v8::Local<v8::Value> argv[] = {error, v8::Boolean::New(isolate_, from_promise),
                                   Str(isolate_, arrow)};
    v8::TryCatch try_catch(isolate_);
    v8::MaybeLocal<v8::Value> handled = fn->Call(context(), v8::Undefined(isolate_), 3, argv);
    if (!handled.IsEmpty() || try_catch.HasTerminated()) {
      return;
    }
    // The handler itself threw: as Node, report that error and exit 7.
    error = try_catch.Exception();
    arrow = ErrorSource(isolate_, context(), try_catch.Message());
    exit_code_ = 7;
  } else {
    exit_code_ = 1;
  }
  std::string text = arrow + "\n";
  v8::Local<v8::Value> stack;
  if (error->IsObject() &&
      error.As<v8::Object>()->Get(context(), OneByte(isolate_, "stack")).ToLocal(&stack) &&
      stack->IsString()) {
    text += ToStdString(isolate_, stack);
  } else {
    text += ToStdString(isolate_, error);
  }
  text += "\n";
  Host()->write_stdio(2, text.data(), text.size());
  StopForExit(exit_code_);
  Host()->request_exit(exit_code_);
}

void Realm::StopForExit(int code) {
  exit_code_ = code;
  exiting_.store(true);
  sh_loop_stop(loop_);
}

void Realm::RequestInterrupt(int code) {
  // Any thread (with the core handle's lock held, so the isolate is alive):
  // TerminateExecution breaks out of running JS; the message then stops the
  // loop on the realm's own thread, which runs the `exit` listeners.
  struct StopMsg {
    sh_msg_t msg;
    Realm *realm;
    int code;
  };
  auto *m = new StopMsg{};
  m->realm = this;
  m->code = code;
  m->msg.cb = [](sh_msg_t *msg, sh_loop_t *receiver) {
    StopMsg *stop = reinterpret_cast<StopMsg *>(msg);
    if (receiver != nullptr) {
      stop->realm->StopForExit(stop->code);
    }
    delete stop;
  };
  exit_code_.store(code);
  exiting_.store(true);
  isolate_->TerminateExecution();
  if (sh_mailbox_send(sh_loop_id(loop_), &m->msg) < 0) {
    delete m;
  }
}

void Realm::PushCompletion(double id, double result, double aux, double flags, double extra) {
  if (completion_count_ == kCompletionBatch) {
    RunCompletions();
  }
  double *slot = completions_ + completion_count_ * kCompletionFields;
  slot[0] = id;
  slot[1] = result;
  slot[2] = aux;
  slot[3] = flags;
  slot[4] = extra;
  completion_count_++;
}

int Realm::PushCompletionValue(v8::Local<v8::Value> value) {
  // The record that will name this value must land in the same batch: flush
  // a full batch now, not in the PushCompletion that follows (which would
  // hand JS a batch whose value array restarts at 0).
  if (completion_count_ == kCompletionBatch) {
    RunCompletions();
  }
  int index = completion_value_count_++;
  USE(completion_values_.Get(isolate_)->Set(context(), static_cast<uint32_t>(index), value));
  return index;
}

void Realm::RunCompletions() {
  if (completion_count_ == 0) {
    return;
  }
  v8::HandleScope scope(isolate_);
  int n = completion_count_;
  completion_count_ = 0;
  v8::Local<v8::Value> argv[] = {v8::Integer::New(isolate_, n)};
  // onCompletions runs ticks and microtasks after each completion but the
  // last; MakeCallback runs those of the last.
  MakeCallback(Callback::kOnCompletions, 1, argv);
  completion_value_count_ = 0;
}

void Realm::FlushCompletions() {
  // An after-flush function may add completions (the rest of a port's
  // messages): they run in this pass too, before the functions they add.
  while (completion_count_ != 0 || !after_flush_.empty()) {
    RunCompletions();
    // Swapped out: a function's additions run after its completions. The
    // vector goes back when none was added, keeping its capacity.
    std::vector<std::pair<void (*)(void *), void *>> now;
    now.swap(after_flush_);
    for (const auto &f : now) {
      f.first(f.second);
    }
    if (after_flush_.empty()) {
      now.clear();
      now.swap(after_flush_);
    }
  }
}

void Realm::ScheduleTimer(int64_t ms) {
  sh_timer_start(loop_, &js_timer_, ms < 1 ? 1 : static_cast<uint64_t>(ms));
}

void Realm::ToggleTimerRef(bool ref) { sh_timer_set_ref(loop_, &js_timer_, ref); }

void Realm::OnTimer(sh_timer_t *timer) {
  Realm *realm = static_cast<Realm *>(timer->data);
  v8::Isolate *isolate = realm->isolate_;
  v8::HandleScope scope(isolate);
  v8::Local<v8::Function> fn = realm->GetCallback(Callback::kProcessTimers);
  if (fn.IsEmpty() || realm->exiting()) {
    return;
  }
  v8::Local<v8::Value> ret;
  for (;;) {
    double now = static_cast<double>(sh_loop_now(realm->loop_));
    v8::Local<v8::Value> argv[] = {v8::Number::New(isolate, now)};
    v8::TryCatch try_catch(isolate);
    if (fn->Call(realm->context(), v8::Undefined(isolate), 1, argv).ToLocal(&ret)) {
      break;
    }
    if (try_catch.HasTerminated() || !try_catch.CanContinue()) {
      return;
    }
    // As Node: when a timer throws and 'uncaughtException' handles it, the
    // remaining expired timers still run in this pass.
    realm->HandleException(try_catch);
    if (realm->exiting()) {
      return;
    }
  }
  // The next expiry is applied before the tick queue runs (as Node's
  // RunTimers does): a timer started from a nextTick or a promise reaction
  // of a timer callback re-arms the loop timer itself, and must not be
  // overwritten by this older answer.
  double next = ret->IsNumber() ? ret.As<v8::Number>()->Value() : 0;
  if (next != 0) {
    bool ref = next > 0;
    double abs_next = ref ? next : -next;
    double delay = abs_next - static_cast<double>(sh_loop_now(realm->loop_));
    realm->ScheduleTimer(delay < 1 ? 1 : static_cast<int64_t>(delay));
    realm->ToggleTimerRef(ref);
  }
  realm->RunTicks();
}

void Realm::RunPlatformTasks() {
  v8::HandleScope scope(isolate_);
  while (runner_->RunPending() > 0) {
    RunTicks();
  }
  ArmPlatformTimer();
}

void Realm::ArmPlatformTimer() {
  double delay = runner_->NextDelay();
  if (delay < 0) {
    sh_timer_stop(loop_, &platform_timer_);
  } else {
    sh_timer_start(loop_, &platform_timer_, static_cast<uint64_t>(delay * 1000) + 1);
  }
}

void Realm::OnPlatformTimer(sh_timer_t *timer) {
  static_cast<Realm *>(timer->data)->RunPlatformTasks();
}

void Realm::HookAfterCompletions(void *data) { static_cast<Realm *>(data)->FlushCompletions(); }

void Realm::HookCheck(void *data) {
  Realm *realm = static_cast<Realm *>(data);
  // [count, refCount, hasOutstanding]: outstanding immediates are the rest
  // of a batch cut short by an exception.
  if (realm->immediate_info_ == nullptr ||
      (realm->immediate_info_[0] == 0 && realm->immediate_info_[2] == 0)) {
    return;
  }
  v8::HandleScope scope(realm->isolate_);
  realm->MakeCallback(Callback::kProcessImmediate, 0, nullptr);
}

void Realm::HookClosing(void *data) { SH_UNUSED(data); }

bool Realm::HookHasPending(void *data) {
  Realm *realm = static_cast<Realm *>(data);
  // Completions queued outside a reap (a close finished in the prepare
  // phase) must reach JS before the loop may block.
  if (realm->completion_count_ > 0) {
    return true;
  }
  return realm->immediate_info_ != nullptr && realm->immediate_info_[1] > 0;
}

bool Realm::HookAlive(void *data) {
  Realm *realm = static_cast<Realm *>(data);
  return realm->js_refs > 0 || realm->runner_->HasReadyTasks();
}

void Realm::HookOnWake(void *data) { static_cast<Realm *>(data)->RunPlatformTasks(); }

v8::Local<v8::Object> Realm::GetBinding(const char *name) {
  v8::EscapableHandleScope scope(isolate_);
  if (binding_cache_.IsEmpty()) {
    binding_cache_.Reset(isolate_, v8::Object::New(isolate_));
  }
  v8::Local<v8::Object> cache = binding_cache_.Get(isolate_);
  v8::Local<v8::String> key = OneByte(isolate_, name);
  v8::Local<v8::Value> existing;
  if (cache->Get(context(), key).ToLocal(&existing) && existing->IsObject()) {
    return scope.Escape(existing.As<v8::Object>());
  }
  const BindingEntry *entry = FindBinding(name);
  if (entry == nullptr || (creator_ != nullptr && !SnapshotSafeBinding(name))) {
    return {};
  }
  v8::Local<v8::Object> target = v8::Object::New(isolate_);
  entry->init(this, target);
  USE(cache->Set(context(), key, target));
  return scope.Escape(target);
}

// internalBinding's way to C++: getInternalBinding(name) -> the binding.
static void GetInternalBinding(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  std::string name = ToStdString(args.GetIsolate(), args[0]);
  v8::Local<v8::Object> b = realm->GetBinding(name.c_str());
  if (b.IsEmpty()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_MODULE", ("No such binding: " + name).c_str());
    return;
  }
  args.GetReturnValue().Set(b);
}

bool Realm::Bootstrap() {
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> ctx = context();
  v8::TryCatch try_catch(isolate_);
  if (from_snapshot_) {
    // The snapshot's realm stopped before internal/bootstrap/node: go on.
    v8::Local<v8::Function> boot;
    if (!ctx->GetDataFromSnapshotOnce<v8::Function>(0).ToLocal(&boot)) {
      OnFatalError("Realm::Bootstrap", "the worker snapshot holds no bootstrap function");
    }
    if (boot->Call(ctx, v8::Undefined(isolate_), 0, nullptr).IsEmpty() && !try_catch.HasTerminated()) {
      HandleException(try_catch);
    }
    return true;
  }
  const BuiltinSource *src = FindBuiltin("internal/bootstrap/realm", strlen("internal/bootstrap/realm"));
  SH_CHECK(src != nullptr);
  v8::Local<v8::String> params[] = {OneByte(isolate_, "process"),
                                    OneByte(isolate_, "getInternalBinding"),
                                    OneByte(isolate_, "global"), OneByte(isolate_, "preload")};
  v8::ScriptOrigin origin(isolate_, OneByte(isolate_, "node:internal/bootstrap/realm"));
  v8::Local<v8::String> code =
      v8::String::NewFromUtf8(isolate_, src->source, v8::NewStringType::kNormal,
                              static_cast<int>(src->length))
          .ToLocalChecked();
  v8::ScriptCompiler::Source boot_source(code, origin);
  v8::Local<v8::Function> fn;
  // For the snapshot, all of it: the loader's functions run in every Worker
  // started from it, which would otherwise each compile them from source.
  v8::ScriptCompiler::CompileOptions compile =
      creator_ != nullptr ? v8::ScriptCompiler::kEagerCompile : v8::ScriptCompiler::kNoCompileOptions;
  if (!v8::ScriptCompiler::CompileFunction(ctx, &boot_source, 4, params, 0, nullptr, compile).ToLocal(&fn)) {
    if (creator_ == nullptr) {
      HandleException(try_catch);
    }
    return false;
  }
  RegisterExternalReference(reinterpret_cast<const void *>(GetInternalBinding));
  v8::Local<v8::Value> preload = v8::Undefined(isolate_);
  if (creator_ != nullptr) {
    int count = 0;
    const char *const *ids = SnapshotPreload(&count);
    v8::Local<v8::Array> list = v8::Array::New(isolate_, count);
    for (int i = 0; i < count; i++) {
      USE(list->Set(ctx, static_cast<uint32_t>(i), OneByte(isolate_, ids[i])));
    }
    preload = list;
  }
  v8::Local<v8::Value> argv[] = {v8::Object::New(isolate_),
                                 v8::Function::New(ctx, GetInternalBinding).ToLocalChecked(),
                                 ctx->Global(), preload};
  v8::Local<v8::Value> result;
  if (!fn->Call(ctx, v8::Undefined(isolate_), 4, argv).ToLocal(&result)) {
    if (creator_ == nullptr && !try_catch.HasTerminated()) {
      HandleException(try_catch);
    } else if (creator_ != nullptr && SnapshotDebugging()) {
      fprintf(stderr, "shard: no worker snapshot: %s\n",
              ToStdString(isolate_, try_catch.Exception()).c_str());
    }
    return false;
  }
  if (creator_ != nullptr) {
    if (!result->IsFunction()) {
      return false;
    }
    SH_CHECK(creator_->AddData(ctx, result.As<v8::Function>()) == 0);
  }
  return true;
}

v8::StartupData Realm::MakeSnapshot(const intptr_t **references, int *seed_probe) {
  *seed_probe = HashSeedProbe(isolate_);
  bool ok;
  {
    v8::HandleScope scope(isolate_);
    ok = Bootstrap();
    if (ok) {
      creator_->SetDefaultContext(context());
    }
  }
  // The snapshot holds the context and what it reaches, no handle of ours.
  DropHandles();
  if (!ok) {
    return {nullptr, 0};
  }
  FreezeExternalReferences(snapshot_references_);
  v8::StartupData blob = creator_->CreateBlob(v8::SnapshotCreator::FunctionCodeHandling::kKeep);
  if (blob.data != nullptr) {
    *references = snapshot_references_;
    snapshot_references_ = nullptr;
  }
  return blob;
}

void Realm::RunLoop() {
  for (;;) {
    int alive = sh_loop_run(loop_, SH_RUN_DEFAULT);
    if (alive < 0) {
      fprintf(stderr, "shard: the event loop failed: %s\n", strerror(-alive));
      exit_code_ = 1;
      return;
    }
    if (exiting()) {
      return;
    }
    v8::HandleScope scope(isolate_);
    MakeCallback(Callback::kBeforeExit, 0, nullptr);
    if (exiting() || !sh_loop_alive(loop_)) {
      return;
    }
  }
}

int Realm::EmitExit() {
  if (exit_emitted_) {
    return exit_code_;
  }
  exit_emitted_ = true;
  isolate_->CancelTerminateExecution();
  exiting_.store(false); // let the exit listeners run
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Value> argv[] = {v8::Integer::New(isolate_, exit_code_)};
  v8::Local<v8::Function> fn = GetCallback(Callback::kEmitExit);
  if (!fn.IsEmpty()) {
    v8::TryCatch try_catch(isolate_);
    v8::Local<v8::Value> ret;
    if (fn->Call(context(), v8::Undefined(isolate_), 1, argv).ToLocal(&ret) && ret->IsInt32()) {
      exit_code_ = ret.As<v8::Int32>()->Value();
    } else if (try_catch.HasCaught() && !try_catch.HasTerminated()) {
      HandleException(try_catch);
    }
  }
  exiting_.store(true);
  return exit_code_;
}

int Realm::Run() {
  PerfStart(this); // --cpu-prof, --stats (js/cpu_profile.h)
  {
    v8::HandleScope scope(isolate_);
    Bootstrap();
    if (!exiting()) {
      MakeCallback(Callback::kRunMain, 0, nullptr);
    }
  }
  if (!exiting()) {
    RunLoop();
  }
  int code = EmitExit();
  PerfStop(this); // --cpu-prof writes its file, --stats prints (js/cpu_profile.h)
  return code;
}

}  // namespace shard
