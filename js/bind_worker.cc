// internalBinding('worker'): Worker threads and cluster copies.
//
// A Worker is one more loop thread with its own ring and isolate. The parent
// hands it one end of a control channel (js/messaging.h); everything else
// (the script, workerData, the public port, env) arrives as the first
// message on that channel, read synchronously by the worker's bootstrap
// (internal/worker/thread). When the worker's realm has ended, its thread
// tells the parent's loop (an sh_msg_t), the parent joins the thread and JS
// emits 'exit'. A realm that ends terminates and joins the workers it
// started, so no thread outlives the loop it reports to.
//
// A cluster copy is one more core, started by core/ (sh_js_host_t's
// start_core); its two channels (the IPC channel and a control channel that
// carries its exit code) wait in a registry until the new core takes them.
//
// process.exit() and uncaught errors of either end only that realm: the
// JS side routes them to exitThread() instead of the process-wide exit.
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>

#include "io/common.h"
#include "js/binding.h"
#include "js/builtins.h"
#include "js/messaging.h"
#include "js/realm.h"
#include "js/shard.h"
#include "js/snapshot.h"

namespace shard {

namespace {

// Thread ids are process-wide, as in Node: 0 is a main thread (a core).
std::atomic<uint64_t> g_next_thread_id{1};
// How many ended Workers refreshed the built-ins' code cache.
std::atomic<int> g_cache_refreshes{0};

// process.env shared by a parent and its SHARE_ENV workers.
struct SharedEnv {
  std::mutex lock;
  std::map<std::string, std::string> vars;
};

struct WorkerThread {
  pthread_t thread{};
  bool joined = false;              // the parent's thread only
  sh_js_core_t *handle = nullptr;   // to interrupt it (terminate())
  sh_js_core_options_t opts{};      // what its realm runs with
  std::shared_ptr<PortCore> port;   // its end of the control channel
  std::shared_ptr<SharedEnv> env;   // SHARE_ENV
  sh_loop_id_t parent{};
  double exit_callback = 0;         // the parent's completion id
  uint64_t thread_id = 0;
  size_t stack_mb = 4;
  std::atomic<int> exit_code{0};
  std::atomic<bool> out_of_memory{false};
  bool heap_raised = false;         // the worker's thread only
};

// A realm's view of itself.
struct WorkerSelf : BindingData {
  explicit WorkerSelf(Realm *) {}
  std::shared_ptr<WorkerThread> thread; // set when this realm is a Worker
  std::shared_ptr<SharedEnv> env;       // set when process.env is shared
};

// The workers a realm started; terminated and joined when it ends.
struct WorkerParent : BindingData {
  explicit WorkerParent(Realm *) {}
  ~WorkerParent() override {
    for (auto &entry : children) {
      WorkerThread *child = entry.second.get();
      if (child->joined) {
        continue;
      }
      sh_js_core_interrupt(child->handle, 1);
      pthread_join(child->thread, nullptr);
      child->joined = true;
      sh_js_core_free(child->handle);
      child->handle = nullptr;
    }
  }
  std::unordered_map<uint64_t, std::shared_ptr<WorkerThread>> children;
};

// Cluster copies started by this realm (the primary), by cluster worker id.
struct ClusterPrimary : BindingData {
  explicit ClusterPrimary(Realm *) {}
  std::unordered_map<unsigned, sh_js_core_t *> handles;
};

// What a new cluster core needs from its primary: its two channel ends, and
// the strings its options point to (they live as long as the process).
struct ClusterStart {
  sh_js_core_options_t opts{};
  std::deque<std::string> strings; // stable addresses as it grows
  std::vector<char *> env, argv, exec_argv;
  std::shared_ptr<PortCore> ipc, control;
};

struct ClusterRegistry {
  std::mutex lock;
  std::unordered_map<unsigned, ClusterStart *> pending;
};

ClusterRegistry &Registry() {
  static ClusterRegistry *registry = new ClusterRegistry(); // process-wide, never freed
  return *registry;
}

WorkerSelf *Self(Realm *realm) { return realm->Data<WorkerSelf>("worker.self"); }

// ---- the worker's thread ----

struct ExitMsg {
  sh_msg_t msg;
  std::shared_ptr<WorkerThread> thread;
};

// On the parent's loop: the worker's realm and loop are gone.
void OnWorkerExit(sh_msg_t *msg, sh_loop_t *receiver) {
  ExitMsg *m = reinterpret_cast<ExitMsg *>(msg);
  std::shared_ptr<WorkerThread> wt = std::move(m->thread);
  delete m;
  if (receiver == nullptr || wt->joined) {
    return; // the parent ended first; it joined the thread itself
  }
  pthread_join(wt->thread, nullptr);
  wt->joined = true;
  sh_js_core_free(wt->handle);
  wt->handle = nullptr;
  Realm *realm = Realm::From(v8::Isolate::GetCurrent());
  realm->Data<WorkerParent>("worker.parent")->children.erase(wt->thread_id);
  DrainAll(realm);
  realm->PushCompletion(wt->exit_callback, wt->exit_code.load(), wt->out_of_memory.load() ? 1 : 0);
}

// V8 is about to run out of the heap resourceLimits allow: stop the worker
// (the parent reports ERR_WORKER_OUT_OF_MEMORY) and give V8 room to unwind.
size_t NearHeapLimit(void *data, size_t current, size_t initial) {
  auto *wt = static_cast<WorkerThread *>(data);
  wt->out_of_memory.store(true);
  if (!wt->heap_raised) {
    wt->heap_raised = true;
    sh_js_core_interrupt(wt->handle, 1);
  }
  return current + (current >> 1) + (16u << 20);
}

void *WorkerMain(void *arg) {
  std::shared_ptr<WorkerThread> wt = std::move(*static_cast<std::shared_ptr<WorkerThread> *>(arg));
  delete static_cast<std::shared_ptr<WorkerThread> *>(arg);
  sh_loop_t *loop = nullptr;
  const char *why = nullptr;
  int err = sh_loop_create(&loop, nullptr, &why);
  if (err < 0) {
    std::string text = std::string("shard: cannot start a worker: ") + (why ? why : "") + " (" +
                       strerror(-err) + ")\n";
    Host()->write_stdio(2, text.data(), text.size());
    wt->exit_code.store(1);
  } else {
    sh_ring_limit_workers(sh_loop_ring(loop), nullptr, 0, 4, 4);
    auto *realm = new Realm(loop, &wt->opts, wt->handle, Realm::Mode::kWorker);
    WorkerSelf *self = Self(realm);
    self->thread = wt;
    self->env = wt->env;
    v8::Isolate *isolate = realm->isolate();
    // The stack this thread was given, less a margin for native frames.
    char here;
    size_t usable = (wt->stack_mb << 20) - (192u << 10);
    isolate->SetStackLimit(reinterpret_cast<uintptr_t>(&here) - usable);
    isolate->AddNearHeapLimitCallback(NearHeapLimit, wt.get());
    wt->exit_code.store(realm->Run());
    // The first Workers leave the code paths only Workers run in the
    // built-ins' shared code cache; the second then has the worker snapshot
    // made from it (js/snapshot.h).
    if (!wt->out_of_memory.load()) {
      int ended = g_cache_refreshes.fetch_add(1) + 1;
      if (ended <= 2) {
        RefreshBuiltinCodeCache(realm);
        OnWorkerCodeCacheRefreshed(ended);
      }
    }
    delete realm;
    sh_loop_destroy(loop);
  }
  auto *m = new ExitMsg{};
  m->msg.cb = OnWorkerExit;
  m->thread = wt;
  if (sh_mailbox_send(wt->parent, &m->msg) < 0) {
    delete m;
  }
  return nullptr;
}

// start(port, exitCallback, [youngMb, oldMb, codeRangeMb, stackMb], shareEnv)
// -> threadId. The port (the worker's end of the control channel) leaves
// this realm.
void Start(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = realm->context();
  PortWrap *port = UnwrapPort(realm, args[0]);
  if (port == nullptr) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "start() needs a MessagePort");
    return;
  }
  OnWorkerStarting();
  auto wt = std::make_shared<WorkerThread>();
  wt->opts = *realm->options();
  sh_js_core_options_t &o = wt->opts;
  // The worker's own program comes through its control channel.
  o.script = nullptr;
  o.eval = nullptr;
  o.print = o.check = o.interactive = o.test = o.stdin_script = false;
  o.cpu = -1;
  o.stats = 0;
  o.heap_limit_mb = 0; // (--cpu-prof profiles it too, as node's does)
  o.cluster_worker_id = 0;
  o.env = nullptr;
  double limits[4] = {0, 0, 0, 0};
  if (args[2]->IsArray()) {
    v8::Local<v8::Array> list = args[2].As<v8::Array>();
    for (uint32_t i = 0; i < 4 && i < list->Length(); i++) {
      v8::Local<v8::Value> v;
      if (list->Get(context, i).ToLocal(&v) && v->IsNumber()) {
        limits[i] = v.As<v8::Number>()->Value();
      }
    }
  }
  o.max_young_generation_mb = limits[0] > 0 ? static_cast<size_t>(limits[0]) : 0;
  o.max_old_generation_mb = limits[1] > 0 ? static_cast<size_t>(limits[1]) : 0;
  o.code_range_mb = limits[2] > 0 ? static_cast<size_t>(limits[2]) : 0;
  wt->stack_mb = limits[3] >= 1 ? static_cast<size_t>(limits[3]) : 4;
  if (args[3]->BooleanValue(isolate)) {
    WorkerSelf *self = Self(realm);
    if (!self->env) {
      self->env = std::make_shared<SharedEnv>();
    }
    wt->env = self->env;
  }
  wt->exit_callback = args[1]->NumberValue(context).FromMaybe(0);
  wt->parent = sh_loop_id(realm->loop());
  wt->thread_id = g_next_thread_id.fetch_add(1);
  o.thread_id = static_cast<unsigned>(wt->thread_id);
  wt->handle = sh_js_core_create();
  wt->port = DetachPort(port);
  // The new realm compiles the built-ins from this one's code cache.
  ShareBuiltinCodeCache(realm);

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, (wt->stack_mb << 20) + (256u << 10));
  auto *arg = new std::shared_ptr<WorkerThread>(wt);
  int err = pthread_create(&wt->thread, &attr, WorkerMain, arg);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    delete arg;
    ClosePort(wt->port);
    sh_js_core_free(wt->handle);
    ThrowErrno(isolate, -err, "pthread_create");
    return;
  }
  realm->Data<WorkerParent>("worker.parent")->children.emplace(wt->thread_id, wt);
  args.GetReturnValue().Set(static_cast<double>(wt->thread_id));
}

// terminate(threadId): stops the worker's JavaScript now (even a busy loop).
void Terminate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  auto id = static_cast<uint64_t>(args[0]->NumberValue(realm->context()).FromMaybe(0));
  auto &children = realm->Data<WorkerParent>("worker.parent")->children;
  auto it = children.find(id);
  if (it != children.end() && !it->second->joined) {
    sh_js_core_interrupt(it->second->handle, 1);
  }
}

// takeParentPort() -> the worker's end of its control channel (once).
void TakeParentPort(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  WorkerSelf *self = Self(realm);
  if (!self->thread || !self->thread->port) {
    return;
  }
  v8::Local<v8::Object> port;
  if (AttachPort(realm, std::move(self->thread->port)).ToLocal(&port)) {
    args.GetReturnValue().Set(port);
  }
}

// exitThread(code): process.exit() of a Worker or a cluster copy ends only
// this realm; its 'exit' listeners already ran.
void ExitThread(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  int code = args[0]->Int32Value(realm->context()).FromMaybe(0);
  realm->StopForExit(code);
  args.GetIsolate()->TerminateExecution();
}

// ---- SHARE_ENV ----

SharedEnv *Env(const v8::FunctionCallbackInfo<v8::Value> &args) {
  return Self(Realm::From(args))->env.get();
}

// shareEnv(entries): this realm's process.env becomes shared (with the
// entries it had) with the SHARE_ENV workers it starts.
void ShareEnv(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  WorkerSelf *self = Self(realm);
  if (self->env) {
    return;
  }
  self->env = std::make_shared<SharedEnv>();
  if (args[0]->IsArray()) {
    v8::Local<v8::Array> list = args[0].As<v8::Array>();
    for (uint32_t i = 0; i + 1 < list->Length(); i += 2) {
      v8::Local<v8::Value> k, v;
      if (list->Get(realm->context(), i).ToLocal(&k) && list->Get(realm->context(), i + 1).ToLocal(&v)) {
        self->env->vars[ToStdString(isolate, k)] = ToStdString(isolate, v);
      }
    }
  }
}

void HasSharedEnv(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(Env(args) != nullptr);
}

void EnvGet(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SharedEnv *env = Env(args);
  if (env == nullptr) {
    return;
  }
  std::string key = ToStdString(args.GetIsolate(), args[0]);
  std::lock_guard<std::mutex> guard(env->lock);
  auto it = env->vars.find(key);
  if (it != env->vars.end()) {
    args.GetReturnValue().Set(Str(args.GetIsolate(), it->second));
  }
}

void EnvSet(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SharedEnv *env = Env(args);
  if (env == nullptr) {
    return;
  }
  std::string key = ToStdString(args.GetIsolate(), args[0]);
  std::string value = ToStdString(args.GetIsolate(), args[1]);
  std::lock_guard<std::mutex> guard(env->lock);
  env->vars[key] = value;
}

void EnvDelete(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SharedEnv *env = Env(args);
  if (env == nullptr) {
    return;
  }
  std::string key = ToStdString(args.GetIsolate(), args[0]);
  std::lock_guard<std::mutex> guard(env->lock);
  env->vars.erase(key);
}

void EnvKeys(const v8::FunctionCallbackInfo<v8::Value> &args) {
  SharedEnv *env = Env(args);
  v8::Isolate *isolate = args.GetIsolate();
  std::vector<v8::Local<v8::Value>> keys;
  if (env != nullptr) {
    std::lock_guard<std::mutex> guard(env->lock);
    for (const auto &kv : env->vars) {
      keys.push_back(Str(isolate, kv.first));
    }
  }
  args.GetReturnValue().Set(v8::Array::New(isolate, keys.data(), keys.size()));
}

// ---- cluster ----

std::vector<std::string> StringList(v8::Isolate *isolate, v8::Local<v8::Value> value) {
  std::vector<std::string> out;
  if (!value->IsArray()) {
    return out;
  }
  v8::Local<v8::Array> list = value.As<v8::Array>();
  for (uint32_t i = 0; i < list->Length(); i++) {
    v8::Local<v8::Value> item;
    if (list->Get(isolate->GetCurrentContext(), i).ToLocal(&item)) {
      out.push_back(ToStdString(isolate, item));
    }
  }
  return out;
}

// clusterFork(id, envEntries, script | null, args, execArgv) -> [ipc, control, coreIndex]
void ClusterFork(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = realm->context();
  if (Host()->start_core == nullptr) {
    ThrowErrno(isolate, -ENOSYS, "fork");
    return;
  }
  unsigned id = args[0]->Uint32Value(context).FromMaybe(0);
  // Lives as long as the process: the new core's options point into it.
  auto *start = new ClusterStart();
  std::vector<std::string> env = StringList(isolate, args[1]);
  std::vector<std::string> argv = StringList(isolate, args[3]);
  std::vector<std::string> exec_argv = StringList(isolate, args[4]);
  bool has_script = args[2]->IsString();
  auto keep = [start](std::string s) { start->strings.push_back(std::move(s)); return &start->strings.back()[0]; };
  for (auto &s : env) {
    start->env.push_back(keep(s));
  }
  start->env.push_back(nullptr);
  for (auto &s : argv) {
    start->argv.push_back(keep(s));
  }
  for (auto &s : exec_argv) {
    start->exec_argv.push_back(keep(s));
  }
  const char *script = has_script ? keep(ToStdString(isolate, args[2])) : nullptr;
  sh_js_core_options_t &o = start->opts;
  o = *realm->options();
  o.env = start->env.data();
  if (has_script) {
    o.script = script;
    o.eval = nullptr;
    o.stdin_script = false;
  }
  o.script_argc = static_cast<int>(start->argv.size());
  o.script_argv = start->argv.data();
  o.exec_argc = static_cast<int>(start->exec_argv.size());
  o.exec_argv = start->exec_argv.data();
  o.print = o.check = o.interactive = o.test = false;
  o.cpu_prof = false;
  o.cluster_worker_id = id;
  o.max_young_generation_mb = o.max_old_generation_mb = o.code_range_mb = 0;

  std::shared_ptr<PortCore> ipc, control;
  NewChannel(&ipc, &start->ipc);
  NewChannel(&control, &start->control);
  {
    ClusterRegistry &reg = Registry();
    std::lock_guard<std::mutex> guard(reg.lock);
    reg.pending[id] = start;
  }
  v8::Local<v8::Object> ipc_port, control_port;
  if (!AttachPort(realm, ipc).ToLocal(&ipc_port) || !AttachPort(realm, control).ToLocal(&control_port)) {
    return;
  }
  ShareBuiltinCodeCache(realm);
  sh_js_core_t *handle = sh_js_core_create();
  int index = Host()->start_core(handle, &start->opts);
  if (index < 0) {
    {
      ClusterRegistry &reg = Registry();
      std::lock_guard<std::mutex> guard(reg.lock);
      reg.pending.erase(id);
    }
    ClosePort(start->ipc);
    ClosePort(start->control);
    ThrowErrno(isolate, index, "fork");
    return;
  }
  NoteCores(static_cast<unsigned>(index) + 1);
  realm->Data<ClusterPrimary>("worker.cluster")->handles[id] = handle;
  v8::Local<v8::Value> out[] = {ipc_port, control_port, v8::Integer::New(isolate, index)};
  args.GetReturnValue().Set(v8::Array::New(isolate, out, 3));
}

// clusterKill(id, code): ends a cluster copy's JavaScript now.
void ClusterKill(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  unsigned id = args[0]->Uint32Value(realm->context()).FromMaybe(0);
  int code = args[1]->Int32Value(realm->context()).FromMaybe(1);
  auto &handles = realm->Data<ClusterPrimary>("worker.cluster")->handles;
  auto it = handles.find(id);
  if (it != handles.end()) {
    sh_js_core_interrupt(it->second, code);
  }
}

struct ClusterExit {
  Realm *realm;
  std::shared_ptr<PortCore> control;
};

// At the end of a cluster copy: its exit code reaches the primary.
void SendClusterExit(void *arg) {
  auto *exit = static_cast<ClusterExit *>(arg);
  std::shared_ptr<PortCore> peer;
  {
    std::lock_guard<PortLock> guard(exit->control->lock);
    peer = exit->control->peer;
  }
  if (peer) {
    auto msg = NewMessage();
    msg->kind = Message::kExit;
    msg->code = exit->realm->exit_code();
    EnqueueMessage(peer, std::move(msg));
  }
  delete exit;
}

// clusterPorts() -> [ipc, control] of this cluster copy (once).
void ClusterPorts(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  unsigned id = realm->options()->cluster_worker_id;
  ClusterStart *start = nullptr;
  {
    ClusterRegistry &reg = Registry();
    std::lock_guard<std::mutex> guard(reg.lock);
    auto it = reg.pending.find(id);
    if (it != reg.pending.end()) {
      start = it->second;
      reg.pending.erase(it);
    }
  }
  if (start == nullptr) {
    return;
  }
  realm->AddCleanup(SendClusterExit, new ClusterExit{realm, start->control});
  v8::Local<v8::Object> ipc, control;
  if (!AttachPort(realm, std::move(start->ipc)).ToLocal(&ipc) ||
      !AttachPort(realm, std::move(start->control)).ToLocal(&control)) {
    return;
  }
  v8::Local<v8::Value> out[] = {ipc, control};
  args.GetReturnValue().Set(v8::Array::New(args.GetIsolate(), out, 2));
}

// What the realm is: for a binding made here (InitWorker), or one that came
// out of the worker snapshot (made by another realm).
void AttachWorkerBinding(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  WorkerSelf *self = Self(realm);
  const char *kind = self->thread ? "worker" : realm->options()->cluster_worker_id > 0 ? "cluster" : "main";
  SetValue(isolate, target, "kind", OneByte(isolate, kind));
  SetInt(isolate, target, "threadId", self->thread ? static_cast<double>(self->thread->thread_id) : 0);
  SetInt(isolate, target, "clusterId", realm->options()->cluster_worker_id);
}

void Attach(const v8::FunctionCallbackInfo<v8::Value> &args) {
  AttachWorkerBinding(Realm::From(args), args.This());
}

void InitWorker(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  AttachWorkerBinding(realm, target);
  SetMethod(isolate, target, "attach", Attach);
  SetMethod(isolate, target, "start", Start);
  SetMethod(isolate, target, "terminate", Terminate);
  SetMethod(isolate, target, "takeParentPort", TakeParentPort);
  SetMethod(isolate, target, "exitThread", ExitThread);
  SetMethod(isolate, target, "shareEnv", ShareEnv);
  SetMethod(isolate, target, "hasSharedEnv", HasSharedEnv);
  SetMethod(isolate, target, "envGet", EnvGet);
  SetMethod(isolate, target, "envSet", EnvSet);
  SetMethod(isolate, target, "envDelete", EnvDelete);
  SetMethod(isolate, target, "envKeys", EnvKeys);
  SetMethod(isolate, target, "clusterFork", ClusterFork);
  SetMethod(isolate, target, "clusterKill", ClusterKill);
  SetMethod(isolate, target, "clusterPorts", ClusterPorts);
}

}  // namespace

SH_BINDING(worker, InitWorker);

}  // namespace shard
