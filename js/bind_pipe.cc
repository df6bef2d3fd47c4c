// internalBinding('pipe_wrap'): streams on pipes, terminals and files
// (io/pipe), terminal modes, and what kind of thing a descriptor is.
//
// Each stream has an id registered with internal/loop; events reach JS as
// completion records [id, result, aux, kind]. Reads land in a slab (an
// ArrayBuffer) that the stream owns until it is full: JS gets a view of the
// bytes, with no copy, as (slab id * 2^21 + offset) in aux, and `slabs[id]`
// names the ArrayBuffer (ids are reused only after the batch that named
// them has reached JS).
//
// As a libuv handle, a stream keeps the loop alive only while it is active
// (reading, or writes in flight) and referenced: process.stdin that nobody
// reads does not hold the process open.
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/pipe.h"
#include "js/binding.h"
#include "js/realm.h"
#include "js/slab_table.h"

namespace shard {
namespace {

enum Kind { kData = 1, kEof = 2, kReadError = 3, kWrite = 4, kClose = 7 };

constexpr size_t kSlabSize = 64 * 1024;
constexpr size_t kMinRead = 8 * 1024;
constexpr double kSlabShift = 2097152.0; // 2^21

struct PipeData;

struct PipeWrite {
  sh_pipe_write_t w;
  std::shared_ptr<v8::BackingStore> store; // a pinned Buffer
  std::string copy;                        // or a copy of a string
};

struct PipeWrap {
  sh_pipe_t pipe;
  PipeData *data;
  double id;
  bool refed = true;
  bool holds_ref = false; // whether this stream holds a loop reference
  bool reading = false;
  int writes = 0; // in flight
  bool closing = false;
  uint32_t slab_id = 0;
  bool has_slab = false;
  char *slab_base = nullptr;
  size_t slab_off = 0;
};

struct PipeData : BindingData {
  explicit PipeData(Realm *r) : realm(r) {}
  Realm *realm;
  SlabTable slabs;
  std::unordered_map<double, PipeWrap *> pipes;
};

PipeData *Data(Realm *realm) { return realm->Data<PipeData>("pipe_wrap"); }

void Push(PipeWrap *w, int kind, double res, double aux = 0) {
  w->data->realm->PushCompletion(w->id, res, aux, kind);
}

// Holds a loop reference exactly while the stream is referenced and active.
void UpdateRef(PipeWrap *w) {
  bool want = w->refed && !w->closing && (w->reading || w->writes > 0);
  if (want == w->holds_ref) {
    return;
  }
  w->holds_ref = want;
  if (want) {
    sh_loop_ref(w->data->realm->loop());
  } else {
    sh_loop_unref(w->data->realm->loop());
  }
}

void OnAlloc(sh_pipe_t *p, char **buf, size_t *len) {
  PipeWrap *w = reinterpret_cast<PipeWrap *>(p);
  if (!w->has_slab || kSlabSize - w->slab_off < kMinRead) {
    if (w->has_slab) {
      w->data->slabs.Release(w->slab_id);
    }
    w->slab_id = w->data->slabs.Add(kSlabSize, &w->slab_base);
    w->has_slab = true;
    w->slab_off = 0;
  }
  *buf = w->slab_base + w->slab_off;
  *len = kSlabSize - w->slab_off;
}

void OnRead(sh_pipe_t *p, char *buf, ssize_t n) {
  PipeWrap *w = reinterpret_cast<PipeWrap *>(p);
  if (w->closing) {
    return;
  }
  if (n > 0) {
    double ref = w->slab_id * kSlabShift + static_cast<double>(buf - w->slab_base);
    w->slab_off += (static_cast<size_t>(n) + 7) & ~static_cast<size_t>(7);
    Push(w, kData, static_cast<double>(n), ref);
  } else if (n == 0) {
    w->reading = false;
    Push(w, kEof, 0);
    UpdateRef(w);
  } else {
    w->reading = false;
    Push(w, kReadError, static_cast<double>(n));
    UpdateRef(w);
  }
}

void OnWrite(sh_pipe_t *p, sh_pipe_write_t *pw, int err) {
  PipeWrap *w = reinterpret_cast<PipeWrap *>(p);
  PipeWrite *req = static_cast<PipeWrite *>(pw->owner);
  w->writes--;
  if (!w->closing) {
    Push(w, kWrite, err < 0 ? err : static_cast<double>(pw->len));
    UpdateRef(w);
  }
  delete req;
}

void OnClose(sh_pipe_t *p) {
  PipeWrap *w = reinterpret_cast<PipeWrap *>(p);
  Push(w, kClose, 0);
  if (w->holds_ref) {
    sh_loop_unref(w->data->realm->loop());
  }
  if (w->has_slab) {
    w->data->slabs.Release(w->slab_id);
  }
  w->data->pipes.erase(w->id);
  delete w;
}

const sh_pipe_ops_t kOps = {OnAlloc, OnRead, OnWrite, OnClose};

double NumberArg(const v8::FunctionCallbackInfo<v8::Value> &args, int i) {
  return args[i]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

PipeWrap *Find(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PipeData *data = Data(Realm::From(args));
  auto it = data->pipes.find(NumberArg(args, 0));
  if (it == data->pipes.end() || it->second->closing) {
    args.GetReturnValue().Set(-EBADF);
    return nullptr;
  }
  return it->second;
}

// open(id, fd): a stream on fd (the stream closes it, unless it is 0-2).
void Open(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  PipeData *data = Data(realm);
  auto *w = new PipeWrap();
  w->data = data;
  w->id = NumberArg(args, 0);
  sh_pipe_init(&w->pipe, realm->loop(), static_cast<int>(NumberArg(args, 1)), &kOps, w);
  data->pipes[w->id] = w;
  args.GetReturnValue().Set(0);
}

void ReadStart(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (PipeWrap *w = Find(args)) {
    int err = sh_pipe_read_start(&w->pipe);
    if (err == 0 && !(w->pipe.flags & SH_PIPE_EOF)) {
      w->reading = true;
      UpdateRef(w);
    }
    args.GetReturnValue().Set(err);
  }
}

void ReadStop(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (PipeWrap *w = Find(args)) {
    sh_pipe_read_stop(&w->pipe);
    w->reading = false;
    UpdateRef(w);
    args.GetReturnValue().Set(0);
  }
}

// write(id, string | ArrayBufferView) -> bytes queued in all | -errno.
// Strings are written as UTF-8. One kWrite record per write, in order.
void Write(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PipeWrap *w = Find(args);
  if (w == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  auto *req = new PipeWrite();
  req->w.owner = req;
  if (args[1]->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
    req->store = view->Buffer()->GetBackingStore();
    req->w.data = static_cast<const char *>(req->store->Data()) + view->ByteOffset();
    req->w.len = view->ByteLength();
  } else {
    v8::Local<v8::String> str;
    if (!args[1]->ToString(isolate->GetCurrentContext()).ToLocal(&str)) {
      delete req;
      return;
    }
    req->copy.resize(static_cast<size_t>(str->Utf8Length(isolate)));
    int n = str->WriteUtf8(isolate, req->copy.data(), static_cast<int>(req->copy.size()), nullptr,
                           v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
    req->copy.resize(static_cast<size_t>(n));
    req->w.data = req->copy.data();
    req->w.len = req->copy.size();
  }
  int err = sh_pipe_write(&w->pipe, &req->w);
  if (err < 0) {
    delete req;
    args.GetReturnValue().Set(err);
    return;
  }
  w->writes++;
  UpdateRef(w);
  args.GetReturnValue().Set(static_cast<double>(sh_pipe_queued(&w->pipe)));
}

void Close(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (PipeWrap *w = Find(args)) {
    w->closing = true;
    UpdateRef(w);
    sh_pipe_close(&w->pipe);
  }
}

void Ref(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PipeWrap *w = Find(args);
  if (w == nullptr) {
    return;
  }
  w->refed = args[1]->BooleanValue(args.GetIsolate());
  UpdateRef(w);
}

// bytes(id) -> bytes read so far
void BytesRead(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (PipeWrap *w = Find(args)) {
    args.GetReturnValue().Set(static_cast<double>(w->pipe.bytes_read));
  }
}

// guessHandleType(fd) -> 'TTY' | 'FILE' | 'PIPE' | 'TCP' | 'UDP' | 'UNKNOWN'
void GuessHandleType(const v8::FunctionCallbackInfo<v8::Value> &args) {
  static const char *const kNames[] = {"UNKNOWN", "FILE", "TTY", "PIPE", "TCP", "UDP"};
  sh_fd_kind_t kind = sh_fd_kind(static_cast<int>(NumberArg(args, 0)));
  args.GetReturnValue().Set(OneByte(args.GetIsolate(), kNames[kind]));
}

// isSocket(fd) -> whether fd is a socket (recv/send) rather than a FIFO
// or a terminal (read/write).
void IsSocket(const v8::FunctionCallbackInfo<v8::Value> &args) {
  struct stat st;
  int fd = static_cast<int>(NumberArg(args, 0));
  args.GetReturnValue().Set(fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode));
}

// getWindowSize(fd, [cols, rows]) -> 0 | -errno
void GetWindowSize(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  int cols = 0;
  int rows = 0;
  int err = sh_tty_window_size(static_cast<int>(NumberArg(args, 0)), &cols, &rows);
  if (err == 0 && args[1]->IsArray()) {
    v8::Local<v8::Array> out = args[1].As<v8::Array>();
    USE(out->Set(isolate->GetCurrentContext(), 0, v8::Integer::New(isolate, cols)));
    USE(out->Set(isolate->GetCurrentContext(), 1, v8::Integer::New(isolate, rows)));
  }
  args.GetReturnValue().Set(err);
}

// setRawMode(fd, mode 0 normal | 1 raw) -> 0 | -errno
void SetRawMode(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(
      sh_tty_set_mode(static_cast<int>(NumberArg(args, 0)), static_cast<int>(NumberArg(args, 1))));
}

void ResetMode(const v8::FunctionCallbackInfo<v8::Value> &) { sh_tty_reset(); }

void InitPipe(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  PipeData *data = Data(realm);
  data->slabs.Init(realm, target);
  SetInt(isolate, target, "kSlabShift", kSlabShift);
  SetMethod(isolate, target, "open", Open);
  SetMethod(isolate, target, "readStart", ReadStart);
  SetMethod(isolate, target, "readStop", ReadStop);
  SetMethod(isolate, target, "write", Write);
  SetMethod(isolate, target, "close", Close);
  SetMethod(isolate, target, "ref", Ref);
  SetMethod(isolate, target, "bytesRead", BytesRead);
  SetMethod(isolate, target, "guessHandleType", GuessHandleType);
  SetMethod(isolate, target, "isSocket", IsSocket);
  SetMethod(isolate, target, "getWindowSize", GetWindowSize);
  SetMethod(isolate, target, "setRawMode", SetRawMode);
  SetMethod(isolate, target, "resetMode", ResetMode);
  // The realm ends: a terminal left in raw mode goes back to how it was.
  realm->AddCleanup([](void *) { sh_tty_reset(); }, nullptr);
}

}  // namespace

SH_BINDING(pipe_wrap, InitPipe);

}  // namespace shard
