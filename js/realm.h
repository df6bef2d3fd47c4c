// One isolate and its context on one loop: a core, or a Worker. Owns the
// JS-side state of the loop (timers, immediates, the completion batch) and
// the entry points into JavaScript that the bootstrap registered.
#ifndef SH_JS_REALM_H
#define SH_JS_REALM_H

#include <v8.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/loop.h"
#include "js/shard.h"

namespace shard {

class ForegroundRunner;

// JS functions the bootstrap hands to C++ (internalBinding('loop').setCallbacks).
enum class Callback {
  kProcessTimers,    // (now) -> next expiry: 0 none, > 0 ref'd, < 0 unref'd
  kProcessImmediate, // ()
  kOnCompletions,    // (count): reads the completion batch
  kRunTicks,         // (): nextTick queue, microtasks, rejections
  kEmitSignal,       // (signo)
  kBeforeExit,       // ()
  kEmitExit,         // (code) -> code
  kFatalException,   // (error, fromPromise) -> handled?
  kPromiseReject,    // (type, promise, reason)
  kRunMain,          // ()
  kCount,
};

// One record of the completion batch that JS reads in onCompletions:
// [id, result, aux, flags, extra] as doubles.
constexpr int kCompletionFields = 5;
constexpr int kCompletionBatch = 1024;

// Per-realm state that bindings keep (a socket table, a parser pool...):
// bindings derive from this and are destroyed with the realm.
struct BindingData {
  virtual ~BindingData() = default;
};

class Realm {
 public:
  enum class Mode {
    kMain,         // a core: bootstraps from source
    kWorker,       // a Worker: starts from the worker snapshot when there is one
    kMakeSnapshot, // makes the worker snapshot (js/snapshot.cc); runs no program
  };
  Realm(sh_loop_t *loop, const sh_js_core_options_t *options, sh_js_core_t *handle,
        Mode mode = Mode::kMain);
  ~Realm();
  Realm(const Realm &) = delete;
  Realm &operator=(const Realm &) = delete;

  // Runs the program to its end; returns the exit code.
  int Run();
  // kMakeSnapshot: bootstraps up to the preloaded built-ins and serializes
  // the isolate; an empty blob when that failed. On success *references is
  // the external reference table the blob needs (the caller's from then
  // on), and *seed_probe the creating isolate's HashSeedProbe. The realm is
  // spent after.
  v8::StartupData MakeSnapshot(const intptr_t **references, int *seed_probe);

  static Realm *From(v8::Isolate *isolate) {
    return static_cast<Realm *>(isolate->GetData(0));
  }
  static Realm *From(const v8::FunctionCallbackInfo<v8::Value> &args) {
    return From(args.GetIsolate());
  }

  v8::Isolate *isolate() const { return isolate_; }
  v8::Local<v8::Context> context() const { return context_.Get(isolate_); }
  sh_loop_t *loop() const { return loop_; }
  const sh_js_core_options_t *options() const { return options_; }

  void SetCallback(Callback which, v8::Local<v8::Function> fn);
  v8::Local<v8::Function> GetCallback(Callback which);

  // Calls a JS entry point from the loop: a TryCatch catches what it throws
  // and hands it to the fatal-exception handler (process 'uncaughtException'),
  // then the nextTick queue and microtasks run. Returns empty on exception.
  v8::MaybeLocal<v8::Value> MakeCallback(Callback which, int argc, v8::Local<v8::Value> argv[]);
  // Runs nextTick callbacks and microtasks as Node does after a callback.
  void RunTicks();
  // Reports an exception that escaped JS: 'uncaughtException' or print and exit(1).
  void HandleException(const v8::TryCatch &try_catch);
  void HandleException(v8::Local<v8::Value> error, v8::Local<v8::Message> message,
                       bool from_promise);

  // ---- completions ----
  // Queues a completion for JS (loop thread). Flushed once per batch of CQEs.
  void PushCompletion(double id, double result, double aux = 0, double flags = 0,
                      double extra = 0);
  // A JS value that a completion of this batch refers to (a string the
  // handler reads): returns its index in the batch's value array.
  int PushCompletionValue(v8::Local<v8::Value> value);
  // Hands the pushed completions to JS, then runs the after-flush
  // functions (the loop calls it once a turn).
  void FlushCompletions();
  // Runs fn(arg) once, after the current batch has been handed to JS (a
  // slab that records of this batch still name must outlive the batch), at
  // the end of the loop's flush: a full batch that PushCompletion hands to
  // JS early runs none (a function that delivers more of a port's messages
  // must not overtake a delivery of that port being pushed).
  void AfterFlush(void (*fn)(void *), void *arg) { after_flush_.push_back({fn, arg}); }
  double *completion_slots() { return completions_; }

  // ---- loop state shared with the JS timers and immediates ----
  void ScheduleTimer(int64_t ms);
  void ToggleTimerRef(bool ref);
  uint32_t *immediate_info() { return immediate_info_; }
  uint8_t *tick_info() { return tick_info_; }
  // Handles implemented in JS that keep the loop alive (ref'd servers, sockets, ...).
  int js_refs = 0;

  // ---- exit ----
  bool exiting() const { return exiting_.load(); }
  // Called on this realm's thread: stop running JS and end the loop.
  void StopForExit(int code);
  int exit_code() const { return exit_code_; }
  void set_exit_code(int code) { exit_code_ = code; }
  void RequestInterrupt(int code); // any thread

  // ---- bindings ----
  v8::Local<v8::Object> GetBinding(const char *name); // cached per realm
  template <typename T>
  T *Data(const char *key) {
    // Hot: bindings look their state up on every call. Keys are string
    // literals, so the pointer identifies them; a few recent ones are cached.
    for (const auto &c : data_cache_) {
      if (c.first == key) {
        return static_cast<T *>(c.second);
      }
    }
    BindingData *found;
    auto it = binding_data_.find(key);
    if (it == binding_data_.end()) {
      T *data = new T(this);
      binding_data_.emplace(key, std::unique_ptr<BindingData>(data));
      found = data;
    } else {
      found = it->second.get();
    }
    data_cache_[data_cache_next_++ % kDataCache] = {key, found};
    return static_cast<T *>(found);
  }

  // Cleanup hooks run before the isolate is disposed, newest first.
  void AddCleanup(void (*fn)(void *), void *arg) { cleanups_.push_back({fn, arg}); }

  // The process-wide ArrayBuffer allocator (transferred buffers outlive
  // the realm that made them).
  static v8::ArrayBuffer::Allocator *allocator();

  sh_js_core_t *handle() { return handle_; }

 private:
  bool Bootstrap(); // false when it failed (kMakeSnapshot: nothing reported)
  // Lets go of the binding state, the entry points and the context (exits it).
  void DropHandles();
  void RunLoop();
  // Hands the pushed completions to JS (no after-flush functions).
  void RunCompletions();
  int EmitExit();
  void RunPlatformTasks();
  void ArmPlatformTimer();

  static void OnTimer(sh_timer_t *timer);
  static void OnPlatformTimer(sh_timer_t *timer);
  static void HookAfterCompletions(void *data);
  static void HookCheck(void *data);
  static void HookClosing(void *data);
  static bool HookHasPending(void *data);
  static bool HookAlive(void *data);
  static void HookOnWake(void *data);

  sh_loop_t *loop_;
  const sh_js_core_options_t *options_;
  sh_js_core_t *handle_; // null for kMakeSnapshot
  v8::SnapshotCreator *creator_ = nullptr; // kMakeSnapshot: owns the isolate
  intptr_t *snapshot_references_ = nullptr; // kMakeSnapshot: until MakeSnapshot hands it out
  bool from_snapshot_ = false;             // started from the worker snapshot
  v8::Isolate *isolate_ = nullptr;
  v8::Global<v8::Context> context_;
  v8::Global<v8::Function> callbacks_[static_cast<int>(Callback::kCount)];
  v8::Global<v8::Object> binding_cache_;
  std::unordered_map<std::string, std::unique_ptr<BindingData>> binding_data_;
  static constexpr unsigned kDataCache = 8;
  std::pair<const char *, BindingData *> data_cache_[kDataCache] = {};
  unsigned data_cache_next_ = 0;
  std::vector<std::pair<void (*)(void *), void *>> cleanups_;
  std::shared_ptr<ForegroundRunner> runner_;

  double *completions_ = nullptr; // backing store of the shared Float64Array
  int completion_count_ = 0;
  int completion_value_count_ = 0;
  v8::Global<v8::Float64Array> completions_array_;
  v8::Global<v8::Array> completion_values_;
  std::vector<std::pair<void (*)(void *), void *>> after_flush_;

  uint32_t *immediate_info_ = nullptr; // [count, refCount, hasOutstanding]
  uint8_t *tick_info_ = nullptr;       // [hasTickScheduled, hasRejectionToWarn]
  sh_timer_t js_timer_;
  sh_timer_t platform_timer_;

  std::atomic<bool> exiting_{false};
  std::atomic<int> exit_code_{0}; // written by RequestInterrupt from another thread
  bool exit_emitted_ = false;
  friend void AttachLoopBinding(Realm *, v8::Local<v8::Object>);
};

// The handle other threads use to reach a core (sh_js_core_t in shard.h).
struct CoreHandle {
  std::mutex lock;
  v8::Isolate *isolate = nullptr; // nullptr once the realm is gone
  sh_loop_id_t loop_id{};
  Realm *realm = nullptr;
  bool interrupted = false; // interrupted before the realm existed
  int interrupt_code = 0;
};

// Set once by sh_js_process_init.
const sh_js_host_t *Host();
const sh_js_process_options_t *ProcessOptions();

}  // namespace shard

struct sh_js_core : shard::CoreHandle {};

#endif
