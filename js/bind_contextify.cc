// internalBinding('contextify'): compiling and running code, for the module
// loader and for node:vm.
//
// - compileFunction, runInThisContext, checkSyntax: CommonJS modules are
//   compiled as functions (no wrapper text, so columns match the file),
//   -e/-p source as a script in the main context.
// - makeContext: a new V8 context whose global object forwards to a
//   "sandbox" object through property interceptors, as vm.createContext
//   does: reads look in the sandbox first, then at the context's own
//   built-ins; writes, definitions and deletions go to the sandbox.
// - ContextifyScript: a compiled (unbound) script that can run in any
//   context, with a timeout enforced by a watchdog thread that terminates
//   execution.
//
// Lifetimes: the sandbox holds the new context's global proxy under a
// private symbol, and the context holds the sandbox in its embedder data,
// so the two live and die together. The C++ record of a context is freed
// by a weak callback on the context (or when the realm ends).
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <memory>
#include <unordered_set>
#include <vector>

#include "js/binding.h"
#include "js/builtins.h"
#include "js/realm.h"
#include "js/snapshot.h"

namespace shard {

namespace {

// Embedder data slots of a contextified context.
constexpr int kContextifySlot = 16; // aligned pointer: ContextifyContext*
constexpr int kSandboxSlot = 17;    // the sandbox object

v8::Local<v8::String> Name(v8::Isolate *isolate, const char *s) { return OneByte(isolate, s); }

v8::Local<v8::Private> ContextPrivate(v8::Isolate *isolate) {
  return v8::Private::ForApi(isolate, Name(isolate, "shard:contextifyGlobal"));
}

v8::Local<v8::Private> DecoratedPrivate(v8::Isolate *isolate) {
  return v8::Private::ForApi(isolate, Name(isolate, "shard:errorDecorated"));
}

struct ContextifyContext;

struct ContextifyData : BindingData {
  explicit ContextifyData(Realm *) {}
  ~ContextifyData() override;
  std::unordered_set<ContextifyContext *> live;
  std::vector<uint8_t> polyfill_cache; // V8 code cache of the polyfills
};

Realm *RealmOf(v8::Isolate *isolate) { return Realm::From(isolate); }

struct ContextifyContext {
  ContextifyContext(v8::Isolate *isolate) : isolate(isolate) {
    RealmOf(isolate)->Data<ContextifyData>("contextify")->live.insert(this);
  }

  v8::Isolate *isolate;
  v8::Global<v8::Context> context; // weak: the sandbox keeps it alive
  v8::Global<v8::Object> sandbox;  // weak: the context keeps it alive
  std::unique_ptr<v8::MicrotaskQueue> microtask_queue;
  bool initializing = true;

  static void OnGc(const v8::WeakCallbackInfo<ContextifyContext> &info) {
    ContextifyContext *self = info.GetParameter();
    self->context.Reset();
    self->sandbox.Reset();
    info.SetSecondPassCallback(Delete);
  }

  static void Delete(const v8::WeakCallbackInfo<ContextifyContext> &info) {
    ContextifyContext *self = info.GetParameter();
    RealmOf(info.GetIsolate())->Data<ContextifyData>("contextify")->live.erase(self);
    delete self;
  }
};

ContextifyData::~ContextifyData() {
  for (ContextifyContext *c : live) {
    c->context.Reset();
    c->sandbox.Reset();
    delete c;
  }
}

// The record of a contextified sandbox (or of a context's global proxy), or
// nullptr.
ContextifyContext *FromSandbox(v8::Isolate *isolate, v8::Local<v8::Value> value) {
  if (!value->IsObject()) {
    return nullptr;
  }
  v8::Local<v8::Context> current = isolate->GetCurrentContext();
  v8::Local<v8::Value> global;
  if (!value.As<v8::Object>()->GetPrivate(current, ContextPrivate(isolate)).ToLocal(&global) ||
      !global->IsObject()) {
    return nullptr;
  }
  v8::Local<v8::Context> context;
  if (!global.As<v8::Object>()->GetCreationContext().ToLocal(&context)) {
    return nullptr;
  }
  return static_cast<ContextifyContext *>(context->GetAlignedPointerFromEmbedderData(kContextifySlot));
}

// ---- the global object's interceptors ----

ContextifyContext *FromInfo(v8::Local<v8::Value> data) {
  ContextifyContext *ctx = static_cast<ContextifyContext *>(data.As<v8::External>()->Value());
  // V8 defines its built-ins on the global while the context is being made.
  if (ctx->initializing || ctx->context.IsEmpty()) {
    return nullptr;
  }
  return ctx;
}

void Getter(v8::Local<v8::Name> property, const v8::PropertyCallbackInfo<v8::Value> &info) {
  ContextifyContext *ctx = FromInfo(info.Data());
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = ctx->context.Get(isolate);
  v8::Local<v8::Object> sandbox = ctx->sandbox.Get(isolate);
  v8::MaybeLocal<v8::Value> found = sandbox->GetRealNamedProperty(context, property);
  if (found.IsEmpty()) {
    found = context->Global()->GetRealNamedProperty(context, property);
  }
  v8::Local<v8::Value> value;
  if (found.ToLocal(&value)) {
    // The sandbox seen from inside is the global itself.
    if (value == sandbox) {
      value = context->Global();
    }
    info.GetReturnValue().Set(value);
  }
}

void Setter(v8::Local<v8::Name> property, v8::Local<v8::Value> value,
            const v8::PropertyCallbackInfo<v8::Value> &info) {
  ContextifyContext *ctx = FromInfo(info.Data());
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = ctx->context.Get(isolate);
  v8::Local<v8::Object> sandbox = ctx->sandbox.Get(isolate);
  v8::Local<v8::Object> global = context->Global();

  v8::PropertyAttribute attributes = v8::None;
  bool on_global = global->GetRealNamedPropertyAttributes(context, property).To(&attributes);
  bool read_only = (attributes & v8::ReadOnly) != 0;
  attributes = v8::None;
  bool on_sandbox = sandbox->GetRealNamedPropertyAttributes(context, property).To(&attributes);
  read_only = read_only || (attributes & v8::ReadOnly) != 0;
  if (read_only) {
    return;
  }
  // `x = 1` reaches here with the global object as receiver, `this.x = 1`
  // with the global proxy.
  bool contextual_store = global != info.This();
  bool declared = on_global || on_sandbox;
  // An undeclared contextual store in strict code must throw a
  // ReferenceError: let V8 handle it (function declarations excepted).
  if (!declared && info.ShouldThrowOnError() && contextual_store && !value->IsFunction()) {
    return;
  }
  if (!declared && property->IsSymbol()) {
    return;
  }
  if (sandbox->Set(context, property, value).IsNothing()) {
    return;
  }
  // Accessors on the sandbox have done the store themselves: stop V8 from
  // also defining a data property on the global.
  v8::Local<v8::Value> desc;
  if (on_sandbox && sandbox->GetOwnPropertyDescriptor(context, property).ToLocal(&desc) && desc->IsObject()) {
    v8::Local<v8::Object> d = desc.As<v8::Object>();
    if (d->HasOwnProperty(context, Name(isolate, "get")).FromMaybe(false) ||
        d->HasOwnProperty(context, Name(isolate, "set")).FromMaybe(false)) {
      info.GetReturnValue().Set(value);
    }
  }
}

void Descriptor(v8::Local<v8::Name> property, const v8::PropertyCallbackInfo<v8::Value> &info) {
  ContextifyContext *ctx = FromInfo(info.Data());
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = ctx->context.Get(isolate);
  v8::Local<v8::Object> sandbox = ctx->sandbox.Get(isolate);
  if (sandbox->HasOwnProperty(context, property).FromMaybe(false)) {
    v8::Local<v8::Value> desc;
    if (sandbox->GetOwnPropertyDescriptor(context, property).ToLocal(&desc)) {
      info.GetReturnValue().Set(desc);
    }
  }
}

void Definer(v8::Local<v8::Name> property, const v8::PropertyDescriptor &desc,
             const v8::PropertyCallbackInfo<v8::Value> &info) {
  ContextifyContext *ctx = FromInfo(info.Data());
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = ctx->context.Get(isolate);
  v8::Local<v8::Object> sandbox = ctx->sandbox.Get(isolate);
  v8::PropertyAttribute attributes = v8::None;
  bool declared = context->Global()->GetRealNamedPropertyAttributes(context, property).To(&attributes);
  if (declared && (attributes & v8::ReadOnly) != 0) {
    return; // read-only on the global: change neither
  }
  auto define = [&](v8::PropertyDescriptor *d) {
    if (desc.has_enumerable()) {
      d->set_enumerable(desc.enumerable());
    }
    if (desc.has_configurable()) {
      d->set_configurable(desc.configurable());
    }
    USE(sandbox->DefineProperty(context, property, *d));
  };
  if (desc.has_get() || desc.has_set()) {
    v8::PropertyDescriptor d(desc.has_get() ? desc.get() : v8::Undefined(isolate).As<v8::Value>(),
                             desc.has_set() ? desc.set() : v8::Undefined(isolate).As<v8::Value>());
    define(&d);
  } else {
    v8::Local<v8::Value> value = desc.has_value() ? desc.value() : v8::Undefined(isolate).As<v8::Value>();
    if (desc.has_writable()) {
      v8::PropertyDescriptor d(value, desc.writable());
      define(&d);
    } else {
      v8::PropertyDescriptor d(value);
      define(&d);
    }
  }
}

void Deleter(v8::Local<v8::Name> property, const v8::PropertyCallbackInfo<v8::Boolean> &info) {
  ContextifyContext *ctx = FromInfo(info.Data());
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Context> context = ctx->context.Get(isolate);
  if (ctx->sandbox.Get(isolate)->Delete(context, property).FromMaybe(false)) {
    return; // deleted from the sandbox: let V8 delete the global's copy too
  }
  info.GetReturnValue().Set(false);
}

void Enumerator(const v8::PropertyCallbackInfo<v8::Array> &info) {
  ContextifyContext *ctx = FromInfo(info.Data());
  if (ctx == nullptr) {
    return;
  }
  v8::Isolate *isolate = info.GetIsolate();
  v8::Local<v8::Array> names;
  if (ctx->sandbox.Get(isolate)
          ->GetPropertyNames(ctx->context.Get(isolate), v8::KeyCollectionMode::kOwnOnly,
                             static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS),
                             v8::IndexFilter::kIncludeIndices)
          .ToLocal(&names)) {
    info.GetReturnValue().Set(names);
  }
}

v8::Local<v8::Name> IndexName(v8::Isolate *isolate, uint32_t index) {
  return v8::Integer::NewFromUnsigned(isolate, index)->ToString(isolate->GetCurrentContext()).ToLocalChecked();
}

void IndexedGetter(uint32_t index, const v8::PropertyCallbackInfo<v8::Value> &info) {
  Getter(IndexName(info.GetIsolate(), index), info);
}

void IndexedSetter(uint32_t index, v8::Local<v8::Value> value, const v8::PropertyCallbackInfo<v8::Value> &info) {
  Setter(IndexName(info.GetIsolate(), index), value, info);
}

void IndexedDescriptor(uint32_t index, const v8::PropertyCallbackInfo<v8::Value> &info) {
  Descriptor(IndexName(info.GetIsolate(), index), info);
}

void IndexedDefiner(uint32_t index, const v8::PropertyDescriptor &desc,
                    const v8::PropertyCallbackInfo<v8::Value> &info) {
  Definer(IndexName(info.GetIsolate(), index), desc, info);
}

void IndexedDeleter(uint32_t index, const v8::PropertyCallbackInfo<v8::Boolean> &info) {
  Deleter(IndexName(info.GetIsolate(), index), info);
}

// V8 10.2 lacks the ECMAScript built-ins newer than ES2022; the bootstrap
// adds them to the main context from internal/per_context/polyfills. A new
// context gets the same, compiled inside it so they use its own intrinsics.
bool InstallPolyfills(v8::Isolate *isolate, v8::Local<v8::Context> context, v8::Local<v8::Value> internal_binding) {
  static const char kId[] = "internal/per_context/polyfills";
  const BuiltinSource *src = FindBuiltin(kId, sizeof kId - 1);
  if (src == nullptr || !internal_binding->IsFunction()) {
    return true;
  }
  v8::Context::Scope scope(context);
  v8::Local<v8::String> code;
  if (!v8::String::NewFromUtf8(isolate, src->source, v8::NewStringType::kNormal, static_cast<int>(src->length))
           .ToLocal(&code)) {
    return false;
  }
  v8::ScriptOrigin origin(isolate, Str(isolate, std::string("node:") + kId));
  // Compiling them for every context would cost more than the context
  // itself: the first compile leaves a code cache the next ones consume.
  std::vector<uint8_t> &cache = RealmOf(isolate)->Data<ContextifyData>("contextify")->polyfill_cache;
  v8::ScriptCompiler::CachedData *cached =
      cache.empty() ? nullptr : new v8::ScriptCompiler::CachedData(cache.data(), static_cast<int>(cache.size()));
  v8::ScriptCompiler::Source source(code, origin, cached);
  v8::Local<v8::String> params[] = {Name(isolate, "exports"), Name(isolate, "require"), Name(isolate, "module"),
                                    Name(isolate, "process"), Name(isolate, "internalBinding")};
  v8::Local<v8::Function> fn;
  if (!v8::ScriptCompiler::CompileFunction(context, &source, 5, params, 0, nullptr,
                                           cached != nullptr ? v8::ScriptCompiler::kConsumeCodeCache
                                                             : v8::ScriptCompiler::kNoCompileOptions)
           .ToLocal(&fn)) {
    return false;
  }
  if (cached == nullptr || source.GetCachedData()->rejected) {
    std::unique_ptr<v8::ScriptCompiler::CachedData> produced(v8::ScriptCompiler::CreateCodeCacheForFunction(fn));
    if (produced != nullptr) {
      cache.assign(produced->data, produced->data + produced->length);
    }
  }
  v8::Local<v8::Value> argv[] = {v8::Object::New(isolate), v8::Undefined(isolate), v8::Undefined(isolate),
                                 v8::Undefined(isolate), internal_binding};
  return !fn->Call(context, v8::Undefined(isolate), 5, argv).IsEmpty();
}

// makeContext(sandbox | undefined, name, origin, allowStrings, allowWasm,
// ownMicrotaskQueue, internalBinding) -> the sandbox, or (no sandbox:
// vm.constants.DONT_CONTEXTIFY) the new context's own global.
void MakeContext(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> main = isolate->GetCurrentContext();
  bool contextify = args[0]->IsObject();
  bool allow_strings = args[3]->IsUndefined() || args[3]->BooleanValue(isolate);
  bool own_queue = args[5]->BooleanValue(isolate);

  auto *ctx = new ContextifyContext(isolate);
  if (own_queue) {
    ctx->microtask_queue = v8::MicrotaskQueue::New(isolate, v8::MicrotasksPolicy::kExplicit);
  }
  v8::Local<v8::ObjectTemplate> global_template;
  if (contextify) {
    global_template = v8::ObjectTemplate::New(isolate);
    v8::Local<v8::External> data = v8::External::New(isolate, ctx);
    global_template->SetHandler(v8::NamedPropertyHandlerConfiguration(
        Getter, Setter, Descriptor, Deleter, Enumerator, Definer, data,
        v8::PropertyHandlerFlags::kHasNoSideEffect));
    global_template->SetHandler(v8::IndexedPropertyHandlerConfiguration(
        IndexedGetter, IndexedSetter, IndexedDescriptor, IndexedDeleter, Enumerator, IndexedDefiner,
        data));
  }
  v8::Local<v8::Context> context = v8::Context::New(isolate, nullptr, global_template, {}, {},
                                                    ctx->microtask_queue.get());
  if (context.IsEmpty()) {
    RealmOf(isolate)->Data<ContextifyData>("contextify")->live.erase(ctx);
    delete ctx;
    ThrowTypeError(isolate, "ERR_OPERATION_FAILED", "could not create a vm context");
    return;
  }
  // Same security token: objects pass freely between the contexts.
  context->SetSecurityToken(main->GetSecurityToken());
  context->AllowCodeGenerationFromStrings(allow_strings);
  v8::Local<v8::Object> sandbox = contextify ? args[0].As<v8::Object>() : context->Global();
  context->SetAlignedPointerInEmbedderData(kContextifySlot, ctx);
  context->SetEmbedderData(kSandboxSlot, sandbox);
  ctx->context.Reset(isolate, context);
  ctx->context.SetWeak(ctx, ContextifyContext::OnGc, v8::WeakCallbackType::kParameter);
  ctx->sandbox.Reset(isolate, sandbox);
  ctx->sandbox.SetWeak();
  ctx->initializing = false;
  if (!InstallPolyfills(isolate, context, args[6])) {
    return;
  }
  if (sandbox->SetPrivate(main, ContextPrivate(isolate), context->Global()).IsNothing()) {
    return;
  }
  args.GetReturnValue().Set(sandbox);
}

void IsContext(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(FromSandbox(args.GetIsolate(), args[0]) != nullptr);
}

// ---- errors ----

// Node's "arrow": the source line of an error with carets under the
// expression, "file:line\nsource\n   ^^^\n".
std::string ArrowOf(v8::Isolate *isolate, v8::Local<v8::Context> context, v8::Local<v8::Message> message) {
  if (message.IsEmpty()) {
    return "";
  }
  v8::Local<v8::String> line;
  if (!message->GetSourceLine(context).ToLocal(&line)) {
    return "";
  }
  std::string source = ToStdString(isolate, line);
  std::string out = ToStdString(isolate, message->GetScriptResourceName()) + ":" +
                    std::to_string(message->GetLineNumber(context).FromMaybe(0)) + "\n" + source + "\n";
  int start = message->GetStartColumn(context).FromMaybe(0);
  int end = message->GetEndColumn(context).FromMaybe(0);
  // Columns on the script's first line include its column offset; the
  // source line shown does not.
  v8::ScriptOrigin origin = message->GetScriptOrigin();
  if (message->GetLineNumber(context).FromMaybe(0) - origin.LineOffset() == 1) {
    start -= origin.ColumnOffset();
    end -= origin.ColumnOffset();
  }
  if (start < 0 || start > end || static_cast<size_t>(end) > source.size()) {
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

// As Node with displayErrors: the error's stack starts with the arrow (once,
// however many vm calls it crosses).
void DecorateErrorStack(v8::Isolate *isolate, const v8::TryCatch &try_catch) {
  v8::Local<v8::Value> exception = try_catch.Exception();
  if (exception.IsEmpty() || !exception->IsObject() || !exception->IsNativeError()) {
    return;
  }
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> error = exception.As<v8::Object>();
  v8::Local<v8::Private> decorated = DecoratedPrivate(isolate);
  if (error->HasPrivate(context, decorated).FromMaybe(true)) {
    return;
  }
  std::string arrow = ArrowOf(isolate, context, try_catch.Message());
  v8::Local<v8::Value> stack;
  if (arrow.empty() || !error->Get(context, Name(isolate, "stack")).ToLocal(&stack) || !stack->IsString()) {
    return;
  }
  std::string text = arrow + "\n" + ToStdString(isolate, stack);
  USE(error->Set(context, Name(isolate, "stack"), Str(isolate, text)));
  USE(error->SetPrivate(context, decorated, v8::True(isolate)));
}

// ---- the watchdog ----

// Terminates JavaScript on the isolate when `ms` pass before Stop().
class Watchdog {
 public:
  Watchdog(v8::Isolate *isolate, uint64_t ms) : isolate_(isolate), ms_(ms) {
    pthread_mutex_init(&lock_, nullptr);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&cond_, &attr);
    pthread_condattr_destroy(&attr);
    started_ = pthread_create(&thread_, nullptr, Main, this) == 0;
  }

  ~Watchdog() {
    Stop();
    pthread_cond_destroy(&cond_);
    pthread_mutex_destroy(&lock_);
  }

  // Returns true when the watchdog fired (execution was terminated).
  bool Stop() {
    if (started_) {
      pthread_mutex_lock(&lock_);
      done_ = true;
      pthread_cond_signal(&cond_);
      pthread_mutex_unlock(&lock_);
      pthread_join(thread_, nullptr);
      started_ = false;
    }
    return fired_;
  }

  bool started() const { return started_; }

 private:
  static void *Main(void *arg) {
    Watchdog *self = static_cast<Watchdog *>(arg);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += static_cast<time_t>(self->ms_ / 1000);
    deadline.tv_nsec += static_cast<long>((self->ms_ % 1000) * 1000000);
    if (deadline.tv_nsec >= 1000000000) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&self->lock_);
    while (!self->done_) {
      if (pthread_cond_timedwait(&self->cond_, &self->lock_, &deadline) != 0) {
        if (!self->done_) {
          self->fired_ = true;
          self->isolate_->TerminateExecution();
        }
        break;
      }
    }
    pthread_mutex_unlock(&self->lock_);
    return nullptr;
  }

  v8::Isolate *isolate_;
  uint64_t ms_;
  pthread_t thread_;
  pthread_mutex_t lock_;
  pthread_cond_t cond_;
  bool started_ = false;
  bool done_ = false;
  bool fired_ = false;
};

void ThrowTimeout(v8::Isolate *isolate, int64_t timeout) {
  std::string message = "Script execution timed out after " + std::to_string(timeout) + "ms";
  v8::Local<v8::Value> error = v8::Exception::Error(Str(isolate, message));
  USE(error.As<v8::Object>()->Set(isolate->GetCurrentContext(), Name(isolate, "code"),
                                  Name(isolate, "ERR_SCRIPT_EXECUTION_TIMEOUT")));
  isolate->ThrowException(error);
}

// Runs fn() (which calls into JS) under an optional timeout, with the
// microtask queue of a context that has its own run after it. On an
// exception: decorate it (displayErrors) and rethrow; on our timeout:
// cancel the termination and throw ERR_SCRIPT_EXECUTION_TIMEOUT.
template <typename Fn>
void RunGuarded(const v8::FunctionCallbackInfo<v8::Value> &args, int64_t timeout, bool display_errors,
                v8::MicrotaskQueue *queue, Fn fn) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = RealmOf(isolate);
  bool timed_out = false;
  v8::Local<v8::Value> result;
  {
    v8::TryCatch try_catch(isolate);
    bool ok;
    {
      std::unique_ptr<Watchdog> watchdog;
      if (timeout > 0) {
        watchdog.reset(new Watchdog(isolate, static_cast<uint64_t>(timeout)));
      }
      ok = fn().ToLocal(&result);
      if (ok && queue != nullptr) {
        queue->PerformCheckpoint(isolate);
        ok = !try_catch.HasCaught();
      }
      if (watchdog) {
        timed_out = watchdog->Stop();
      }
    }
    if (timed_out) {
      // A termination asked for by process.exit() must go on.
      if (realm->exiting()) {
        return;
      }
      isolate->CancelTerminateExecution();
    } else if (!ok) {
      if (try_catch.HasCaught() && !try_catch.HasTerminated()) {
        if (display_errors) {
          DecorateErrorStack(isolate, try_catch);
        }
        try_catch.ReThrow();
      }
      return;
    }
  }
  if (timed_out) {
    ThrowTimeout(isolate, timeout);
    return;
  }
  args.GetReturnValue().Set(result);
}

// ---- ContextifyScript ----

struct ContextifyScript {
  ContextifyScript(v8::Isolate *isolate, v8::Local<v8::Object> wrap, v8::Local<v8::UnboundScript> script)
      : isolate(isolate) {
    wrap->SetAlignedPointerInInternalField(0, this);
    this->wrap.Reset(isolate, wrap);
    this->wrap.SetWeak(this, OnGc, v8::WeakCallbackType::kParameter);
    this->script.Reset(isolate, script);
  }

  static void OnGc(const v8::WeakCallbackInfo<ContextifyScript> &info) {
    info.GetParameter()->wrap.Reset();
    info.SetSecondPassCallback(Delete);
  }

  static void Delete(const v8::WeakCallbackInfo<ContextifyScript> &info) {
    ContextifyScript *self = info.GetParameter();
    self->script.Reset();
    delete self;
  }

  v8::Isolate *isolate;
  v8::Global<v8::Object> wrap;
  v8::Global<v8::UnboundScript> script;
};

// An ArrayBuffer holding a copy of V8's code cache.
v8::Local<v8::ArrayBuffer> CacheBuffer(v8::Isolate *isolate, v8::ScriptCompiler::CachedData *cache) {
  std::unique_ptr<v8::ScriptCompiler::CachedData> owned(cache);
  int length = cache != nullptr ? cache->length : 0;
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, static_cast<size_t>(length));
  if (length > 0) {
    memcpy(ab->Data(), cache->data, static_cast<size_t>(length));
  }
  return ab;
}

// The bytes of an ArrayBufferView, as V8 cached data (not owned).
v8::ScriptCompiler::CachedData *CachedDataOf(v8::Local<v8::Value> value) {
  if (!value->IsArrayBufferView()) {
    return nullptr;
  }
  v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
  const uint8_t *data = static_cast<const uint8_t *>(view->Buffer()->Data()) + view->ByteOffset();
  return new v8::ScriptCompiler::CachedData(data, static_cast<int>(view->ByteLength()));
}

int32_t IntArg(v8::Isolate *isolate, v8::Local<v8::Value> value) {
  return value->IsInt32() ? value.As<v8::Int32>()->Value() : 0;
}

// new ContextifyScript(code, filename, lineOffset, columnOffset, cachedData,
//                      produceCachedData, parsingContext)
void ScriptNew(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED", "Class constructor cannot be invoked without 'new'");
    return;
  }
  if (!args[0]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "code must be a string");
    return;
  }
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> self = args.This();
  v8::Local<v8::Value> filename = args[1]->IsString() ? args[1] : Name(isolate, "evalmachine.<anonymous>").As<v8::Value>();
  v8::ScriptOrigin origin(isolate, filename, IntArg(isolate, args[2]), IntArg(isolate, args[3]));
  v8::ScriptCompiler::CachedData *cached = CachedDataOf(args[4]);
  bool produce = args[5]->BooleanValue(isolate);
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin, cached);
  v8::ScriptCompiler::CompileOptions options =
      cached != nullptr ? v8::ScriptCompiler::kConsumeCodeCache : v8::ScriptCompiler::kNoCompileOptions;

  // The parsing context only matters for where errors are created.
  v8::Local<v8::Context> parsing = context;
  if (ContextifyContext *pctx = FromSandbox(isolate, args[6])) {
    parsing = pctx->context.Get(isolate);
  }
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::UnboundScript> unbound;
  bool ok;
  {
    v8::Context::Scope scope(parsing);
    ok = v8::ScriptCompiler::CompileUnboundScript(isolate, &source, options).ToLocal(&unbound);
  }
  if (!ok) {
    if (try_catch.HasCaught() && !try_catch.HasTerminated()) {
      DecorateErrorStack(isolate, try_catch);
      try_catch.ReThrow();
    }
    return;
  }
  new ContextifyScript(isolate, self, unbound);
  if (cached != nullptr) {
    USE(self->Set(context, Name(isolate, "cachedDataRejected"), v8::Boolean::New(isolate, source.GetCachedData()->rejected)));
  } else if (produce) {
    v8::ScriptCompiler::CachedData *cache = v8::ScriptCompiler::CreateCodeCache(unbound);
    bool produced = cache != nullptr;
    USE(self->Set(context, Name(isolate, "cachedData"), CacheBuffer(isolate, cache)));
    USE(self->Set(context, Name(isolate, "cachedDataProduced"), v8::Boolean::New(isolate, produced)));
  }
  USE(self->Set(context, Name(isolate, "sourceURL"), unbound->GetSourceURL()));
  USE(self->Set(context, Name(isolate, "sourceMapURL"), unbound->GetSourceMappingURL()));
}

ContextifyScript *UnwrapScript(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Object> self = args.This();
  if (self->InternalFieldCount() < 1 || self->GetAlignedPointerFromInternalField(0) == nullptr) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be of type Script");
    return nullptr;
  }
  return static_cast<ContextifyScript *>(self->GetAlignedPointerFromInternalField(0));
}

// runInContext(contextifiedSandbox | null, timeout, displayErrors,
//              breakOnSigint, breakOnFirstLine) -> completion value
void ScriptRunInContext(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  ContextifyScript *script = UnwrapScript(args);
  if (script == nullptr) {
    return;
  }
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::MicrotaskQueue *queue = nullptr;
  if (!args[0]->IsNullOrUndefined()) {
    ContextifyContext *ctx = FromSandbox(isolate, args[0]);
    if (ctx == nullptr) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "The \"contextifiedObject\" argument must be an vm.Context");
      return;
    }
    context = ctx->context.Get(isolate);
    queue = ctx->microtask_queue.get();
  }
  int64_t timeout = args[1]->IsNumber() ? static_cast<int64_t>(args[1].As<v8::Number>()->Value()) : -1;
  bool display_errors = args[2]->IsUndefined() || args[2]->BooleanValue(isolate);
  v8::Context::Scope scope(context);
  v8::Local<v8::Script> bound = script->script.Get(isolate)->BindToCurrentContext();
  RunGuarded(args, timeout, display_errors, queue, [&] { return bound->Run(context); });
}

void ScriptCreateCachedData(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ContextifyScript *script = UnwrapScript(args);
  if (script == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  args.GetReturnValue().Set(
      CacheBuffer(isolate, v8::ScriptCompiler::CreateCodeCache(script->script.Get(isolate))));
}

// ---- the loader's entry points ----

// compileFunction(code, filename, params[], lineOffset, columnOffset,
//                 parsingContext, contextExtensions[], cachedData,
//                 produceCachedData) -> function. The loader passes only the
// first three; vm.compileFunction all of them, and gets cachedDataRejected,
// cachedDataProduced and cachedData set on the function as Node does.
void CompileFunction(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsString() || !args[1]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "code and filename must be strings");
    return;
  }
  std::vector<v8::Local<v8::String>> params;
  if (args[2]->IsArray()) {
    v8::Local<v8::Array> list = args[2].As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); i++) {
      v8::Local<v8::Value> name;
      if (list->Get(context, i).ToLocal(&name) && name->IsString()) {
        params.push_back(name.As<v8::String>());
      }
    }
  }
  std::vector<v8::Local<v8::Object>> extensions;
  if (args[6]->IsArray()) {
    v8::Local<v8::Array> list = args[6].As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); i++) {
      v8::Local<v8::Value> ext;
      if (list->Get(context, i).ToLocal(&ext) && ext->IsObject()) {
        extensions.push_back(ext.As<v8::Object>());
      }
    }
  }
  v8::Local<v8::Context> parsing = context;
  if (ContextifyContext *pctx = FromSandbox(isolate, args[5])) {
    parsing = pctx->context.Get(isolate);
  }
  v8::ScriptOrigin origin(isolate, args[1], IntArg(isolate, args[3]), IntArg(isolate, args[4]));
  v8::ScriptCompiler::CachedData *cached = CachedDataOf(args[7]);
  bool produce = args[8]->BooleanValue(isolate);
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin, cached);
  v8::ScriptCompiler::CompileOptions options =
      cached != nullptr ? v8::ScriptCompiler::kConsumeCodeCache : v8::ScriptCompiler::kNoCompileOptions;
  v8::Local<v8::Function> fn;
  {
    v8::Context::Scope scope(parsing);
    if (!v8::ScriptCompiler::CompileFunction(parsing, &source, params.size(), params.data(), extensions.size(),
                                             extensions.data(), options)
             .ToLocal(&fn)) {
      return;
    }
  }
  if (cached != nullptr) {
    USE(fn->Set(context, Name(isolate, "cachedDataRejected"),
                v8::Boolean::New(isolate, source.GetCachedData()->rejected)));
  } else if (produce) {
    v8::ScriptCompiler::CachedData *cache = v8::ScriptCompiler::CreateCodeCacheForFunction(fn);
    USE(fn->Set(context, Name(isolate, "cachedDataProduced"), v8::Boolean::New(isolate, cache != nullptr)));
    USE(fn->Set(context, Name(isolate, "cachedData"), CacheBuffer(isolate, cache)));
  }
  args.GetReturnValue().Set(fn);
}

// runInThisContext(code, filename) -> completion value
void RunInThisContext(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "code must be a string");
    return;
  }
  v8::ScriptOrigin origin(isolate, args[1]->IsString() ? args[1] : Name(isolate, "evalmachine.<anonymous>").As<v8::Value>());
  v8::Local<v8::Script> script;
  if (!v8::Script::Compile(context, args[0].As<v8::String>(), &origin).ToLocal(&script)) {
    return;
  }
  v8::Local<v8::Value> result;
  if (script->Run(context).ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// checkSyntax(code, filename): throws the SyntaxError, if any.
void CheckSyntax(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::ScriptOrigin origin(isolate, args[1]);
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin);
  v8::Local<v8::String> params[] = {Name(isolate, "exports"), Name(isolate, "require"), Name(isolate, "module"),
                                    Name(isolate, "__filename"), Name(isolate, "__dirname")};
  USE(v8::ScriptCompiler::CompileFunction(context, &source, 5, params));
}

void InitContextify(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  SetMethod(isolate, target, "compileFunction", CompileFunction);
  SetMethod(isolate, target, "runInThisContext", RunInThisContext);
  SetMethod(isolate, target, "checkSyntax", CheckSyntax);
  SetMethod(isolate, target, "makeContext", MakeContext);
  SetMethod(isolate, target, "isContext", IsContext);

  RegisterExternalReference(reinterpret_cast<const void *>(ScriptNew));
  RegisterExternalReference(reinterpret_cast<const void *>(ScriptRunInContext));
  RegisterExternalReference(reinterpret_cast<const void *>(ScriptCreateCachedData));
  v8::Local<v8::FunctionTemplate> script = v8::FunctionTemplate::New(isolate, ScriptNew);
  script->SetClassName(Name(isolate, "ContextifyScript"));
  script->InstanceTemplate()->SetInternalFieldCount(1);
  v8::Local<v8::Signature> signature = v8::Signature::New(isolate, script);
  script->PrototypeTemplate()->Set(
      Name(isolate, "runInContext"),
      v8::FunctionTemplate::New(isolate, ScriptRunInContext, {}, signature, 0, v8::ConstructorBehavior::kThrow));
  script->PrototypeTemplate()->Set(
      Name(isolate, "createCachedData"),
      v8::FunctionTemplate::New(isolate, ScriptCreateCachedData, {}, signature, 0, v8::ConstructorBehavior::kThrow));
  SetValue(isolate, target, "ContextifyScript", script->GetFunction(context).ToLocalChecked());
}

}  // namespace

SH_BINDING(contextify, InitContextify);

}  // namespace shard
