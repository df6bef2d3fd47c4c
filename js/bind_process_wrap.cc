// internalBinding('process_wrap'): child processes for node:child_process.
//
// spawn() starts a child with io/proc (posix_spawn, a pidfd) and watches
// its pidfd on the ring; the child's end reaches JS as one completion
// record [id, exit code or -1, signal number, 0]. The parent's ends of
// 'pipe' stdio entries are Unix socketpairs that JS wraps in net.Socket (as
// Node's children get from libuv). spawnSync() runs the child to its end on
// this thread with poll(2), as Node's spawnSync does.
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/proc.h"
#include "js/binding.h"
#include "js/realm.h"

namespace shard {
namespace {

struct ProcData;

struct ProcWrap {
  sh_proc_t proc;
  ProcData *data;
  double id;
  bool refed = true;
};

struct ProcData : BindingData {
  explicit ProcData(Realm *r) : realm(r) {}
  ~ProcData() override {
    // The realm is going away with children still running: stop watching
    // (they are not killed, as in Node) and free the wraps.
    for (auto &it : procs) {
      ProcWrap *w = it.second;
      if (w->proc.pidfd >= 0) {
        close(w->proc.pidfd);
      }
      delete w;
    }
  }
  Realm *realm;
  std::unordered_map<double, ProcWrap *> procs;
};

ProcData *Data(Realm *realm) { return realm->Data<ProcData>("process_wrap"); }

double NumberArg(const v8::FunctionCallbackInfo<v8::Value> &args, int i) {
  return args[i]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

v8::Local<v8::Value> Get(v8::Isolate *isolate, v8::Local<v8::Object> obj, const char *key) {
  v8::Local<v8::Value> v;
  if (!obj->Get(isolate->GetCurrentContext(), OneByte(isolate, key)).ToLocal(&v)) {
    return v8::Undefined(isolate);
  }
  return v;
}

// The C strings of an options object: file, args, env, cwd. Owns them.
struct SpawnArgs {
  std::string file;
  std::string cwd;
  bool has_cwd = false;
  bool has_env = false;
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::vector<char *> argv;
  std::vector<char *> envp;
  std::vector<sh_proc_stdio_t> stdio;
  sh_proc_options_t opts{};
};

void StringList(v8::Isolate *isolate, v8::Local<v8::Value> value, std::vector<std::string> *out) {
  if (!value->IsArray()) {
    return;
  }
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Array> arr = value.As<v8::Array>();
  for (uint32_t i = 0; i < arr->Length(); i++) {
    v8::Local<v8::Value> item;
    if (arr->Get(context, i).ToLocal(&item)) {
      out->push_back(ToStdString(isolate, item));
    }
  }
}

// options: { file, args[], envPairs[]?, cwd?, stdio: [{type, fd}], detached,
// uid?, gid? }. Types: 'pipe' (also 'overlapped', 'ipc'), 'ignore', 'fd'.
void ParseOptions(v8::Isolate *isolate, v8::Local<v8::Object> o, SpawnArgs *s) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  s->file = ToStdString(isolate, Get(isolate, o, "file"));
  StringList(isolate, Get(isolate, o, "args"), &s->args);
  v8::Local<v8::Value> env = Get(isolate, o, "envPairs");
  if (env->IsArray()) {
    s->has_env = true;
    StringList(isolate, env, &s->env);
  }
  v8::Local<v8::Value> cwd = Get(isolate, o, "cwd");
  if (cwd->IsString()) {
    s->cwd = ToStdString(isolate, cwd);
    s->has_cwd = !s->cwd.empty();
  }
  for (auto &a : s->args) {
    s->argv.push_back(a.data());
  }
  s->argv.push_back(nullptr);
  for (auto &e : s->env) {
    s->envp.push_back(e.data());
  }
  s->envp.push_back(nullptr);
  v8::Local<v8::Value> stdio = Get(isolate, o, "stdio");
  if (stdio->IsArray()) {
    v8::Local<v8::Array> arr = stdio.As<v8::Array>();
    for (uint32_t i = 0; i < arr->Length(); i++) {
      sh_proc_stdio_t entry = {SH_STDIO_IGNORE, -1, -1};
      v8::Local<v8::Value> item;
      if (arr->Get(context, i).ToLocal(&item) && item->IsObject()) {
        v8::Local<v8::Object> io = item.As<v8::Object>();
        std::string type = ToStdString(isolate, Get(isolate, io, "type"));
        if (type == "pipe" || type == "overlapped" || type == "ipc") {
          entry.kind = SH_STDIO_PIPE;
        } else if (type == "fd" || type == "inherit") {
          entry.kind = SH_STDIO_FD;
          entry.fd = Get(isolate, io, "fd")->Int32Value(context).FromMaybe(-1);
        }
      }
      s->stdio.push_back(entry);
    }
  }
  sh_proc_options_t &opts = s->opts;
  opts.file = s->file.c_str();
  opts.argv = s->argv.data();
  opts.envp = s->has_env ? s->envp.data() : nullptr;
  opts.cwd = s->has_cwd ? s->cwd.c_str() : nullptr;
  opts.stdio = s->stdio.data();
  opts.nstdio = static_cast<unsigned>(s->stdio.size());
  opts.detached = Get(isolate, o, "detached")->BooleanValue(isolate);
  v8::Local<v8::Value> uid = Get(isolate, o, "uid");
  if (uid->IsNumber()) {
    opts.set_uid = true;
    opts.uid = static_cast<uid_t>(uid->Int32Value(context).FromMaybe(0));
  }
  v8::Local<v8::Value> gid = Get(isolate, o, "gid");
  if (gid->IsNumber()) {
    opts.set_gid = true;
    opts.gid = static_cast<gid_t>(gid->Int32Value(context).FromMaybe(0));
  }
}

void OnExit(sh_proc_t *proc, int status, int signo) {
  ProcWrap *w = static_cast<ProcWrap *>(proc->data);
  ProcData *data = w->data;
  data->realm->PushCompletion(w->id, status, signo);
  if (w->refed) {
    sh_loop_unref(data->realm->loop());
  }
  data->procs.erase(w->id);
  sh_proc_close(&w->proc, [](sh_proc_t *p) { delete static_cast<ProcWrap *>(p->data); });
}

// spawn(id, options, out[]) -> pid | -errno; out gets the parent's end of
// each 'pipe' entry (or -1).
void Spawn(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[1]->IsObject()) {
    args.GetReturnValue().Set(-EINVAL);
    return;
  }
  SpawnArgs s;
  ParseOptions(isolate, args[1].As<v8::Object>(), &s);
  pid_t pid;
  int pidfd;
  int err = sh_proc_spawn(&s.opts, &pid, &pidfd);
  if (err < 0) {
    args.GetReturnValue().Set(err);
    return;
  }
  ProcData *data = Data(realm);
  auto *w = new ProcWrap();
  w->data = data;
  w->id = NumberArg(args, 0);
  err = sh_proc_watch(&w->proc, realm->loop(), pid, pidfd, OnExit, w);
  if (err < 0) {
    // Cannot happen short of a full ring; the child runs on unwatched.
    close(pidfd);
    delete w;
    for (auto &e : s.stdio) {
      if (e.parent_fd >= 0) {
        close(e.parent_fd);
      }
    }
    args.GetReturnValue().Set(err);
    return;
  }
  data->procs[w->id] = w;
  sh_loop_ref(realm->loop());
  if (args[2]->IsArray()) {
    v8::Local<v8::Array> out = args[2].As<v8::Array>();
    for (size_t i = 0; i < s.stdio.size(); i++) {
      USE(out->Set(context, static_cast<uint32_t>(i), v8::Integer::New(isolate, s.stdio[i].parent_fd)));
    }
  }
  args.GetReturnValue().Set(static_cast<double>(pid));
}

ProcWrap *Find(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ProcData *data = Data(Realm::From(args));
  auto it = data->procs.find(NumberArg(args, 0));
  return it == data->procs.end() ? nullptr : it->second;
}

// kill(id, signal) -> 0 | -errno (-ESRCH once the child has been reaped)
void Kill(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ProcWrap *w = Find(args);
  if (w == nullptr) {
    args.GetReturnValue().Set(-ESRCH);
    return;
  }
  args.GetReturnValue().Set(sh_proc_kill(&w->proc, static_cast<int>(NumberArg(args, 1))));
}

void Ref(const v8::FunctionCallbackInfo<v8::Value> &args) {
  ProcWrap *w = Find(args);
  if (w == nullptr) {
    return;
  }
  bool ref = args[1]->BooleanValue(args.GetIsolate());
  if (ref != w->refed) {
    w->refed = ref;
    if (ref) {
      sh_loop_ref(w->data->realm->loop());
    } else {
      sh_loop_unref(w->data->realm->loop());
    }
  }
}

// spawnSync(options) -> { pid, status, signal, output: [ArrayBuffer|null], error }
// options adds: input (ArrayBufferView), timeout, maxBuffer, killSignal.
void SpawnSync(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsObject()) {
    return;
  }
  v8::Local<v8::Object> o = args[0].As<v8::Object>();
  SpawnArgs s;
  ParseOptions(isolate, o, &s);
  size_t n = s.stdio.size();
  std::vector<char *> outs(n > 0 ? n : 1, nullptr);
  std::vector<size_t> lens(n > 0 ? n : 1, 0);
  sh_proc_sync_t sync{};
  sync.out = outs.data();
  sync.out_len = lens.data();
  std::shared_ptr<v8::BackingStore> input_store;
  v8::Local<v8::Value> input = Get(isolate, o, "input");
  if (input->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = input.As<v8::ArrayBufferView>();
    input_store = view->Buffer()->GetBackingStore();
    sync.input = static_cast<const char *>(input_store->Data()) + view->ByteOffset();
    sync.input_len = view->ByteLength();
  }
  v8::Local<v8::Value> timeout = Get(isolate, o, "timeout");
  if (timeout->IsNumber()) {
    sync.timeout_ms = static_cast<int64_t>(timeout.As<v8::Number>()->Value());
  }
  v8::Local<v8::Value> max_buffer = Get(isolate, o, "maxBuffer");
  if (max_buffer->IsNumber()) {
    double mb = max_buffer.As<v8::Number>()->Value();
    sync.max_buffer = mb >= 9e15 || mb != mb ? 0 : static_cast<size_t>(mb);
  }
  sync.kill_signal = Get(isolate, o, "killSignal")->Int32Value(context).FromMaybe(SIGTERM);
  int err = sh_proc_run_sync(&s.opts, &sync);
  v8::Local<v8::Object> result = v8::Object::New(isolate);
  if (err < 0) {
    SetInt(isolate, result, "error", err);
    SetInt(isolate, result, "pid", 0);
    args.GetReturnValue().Set(result);
    return;
  }
  SetInt(isolate, result, "pid", sync.pid);
  SetValue(isolate, result, "status",
           sync.status >= 0 ? v8::Integer::New(isolate, sync.status).As<v8::Value>()
                            : v8::Null(isolate).As<v8::Value>());
  SetInt(isolate, result, "signal", sync.signo);
  if (sync.error < 0) {
    SetInt(isolate, result, "error", sync.error);
  }
  v8::Local<v8::Array> output = v8::Array::New(isolate, static_cast<int>(n));
  for (size_t i = 0; i < n; i++) {
    v8::Local<v8::Value> item = v8::Null(isolate);
    if (s.stdio[i].kind == SH_STDIO_PIPE && i > 0) {
      // The output's memory becomes the ArrayBuffer's: no copy.
      char *mem = outs[i];
      size_t len = lens[i];
      std::unique_ptr<v8::BackingStore> store;
      if (mem != nullptr && len > 0) {
        store = v8::ArrayBuffer::NewBackingStore(
            mem, len, [](void *data, size_t, void *) { free(data); }, nullptr);
      } else {
        free(mem);
        store = v8::ArrayBuffer::NewBackingStore(isolate, 0);
      }
      item = v8::ArrayBuffer::New(isolate, std::move(store));
    } else {
      free(outs[i]);
    }
    USE(output->Set(context, static_cast<uint32_t>(i), item));
  }
  SetValue(isolate, result, "output", output);
  args.GetReturnValue().Set(result);
}

void InitProcessWrap(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "spawn", Spawn);
  SetMethod(isolate, target, "kill", Kill);
  SetMethod(isolate, target, "ref", Ref);
  SetMethod(isolate, target, "spawnSync", SpawnSync);
}

}  // namespace

SH_BINDING(process_wrap, InitProcessWrap);

}  // namespace shard
