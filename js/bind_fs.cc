// internalBinding('fs'): node:fs on io/fs.c.
//
// Every operation takes its arguments and, last, a completion id: a number
// registered with internal/loop makes it asynchronous (the ring or the
// blocking pool; the callback gets (result, aux) from the completion
// batch), undefined makes it synchronous (plain syscalls, now). Either way a
// failure is a negative errno: sync calls return it, async ones complete with
// it, and JS builds Node's error (internal/fs/utils), asking lastError()
// (sync) or reading the completion's value (async) for the syscall and path
// the engine failed on.
//
// Results that are not a number reach JS as a completion value (aux is its
// index in the batch's values; -1 when none): names, paths, Buffers. Stats
// are written into a Float64Array or BigInt64Array the caller passes.
//
// Read streams read into slices of a shared slab ArrayBuffer and get a
// Buffer view of the bytes read, never a copy (readPooled).
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/fs.h"
#include "js/binding.h"
#include "js/buffer.h"
#include "js/realm.h"

namespace shard {
namespace {

constexpr size_t kSlabSize = 1 << 20;
// Reads larger than this get an ArrayBuffer of their own.
constexpr size_t kSlabMaxRead = 256 * 1024;
constexpr int kStatFields = 18;
constexpr int kStatfsFields = 7;

struct FsWatch;

struct FsData : BindingData {
  explicit FsData(Realm *r) : realm(r) {}
  ~FsData() override;

  Realm *realm;
  // The read-stream slab: reads take [slab_off, slab_off + len).
  v8::Global<v8::ArrayBuffer> slab;
  std::shared_ptr<v8::BackingStore> slab_store;
  size_t slab_off = 0;
  // The failure of the last synchronous call (lastError()).
  std::string last_syscall;
  std::string last_path;
  bool last_has_path = false;
  double last_len = 0; // READFILE's size when it was too large
  std::unordered_map<double, FsWatch *> watches;
  double next_watch = 1;
};

FsData *Fs(Realm *realm) { return realm->Data<FsData>("fs"); }

enum Result {
  kNumber,   // the result itself
  kNone,     // nothing beyond success
  kStat,     // fill the stat array
  kStatfs,   // fill the statfs array
  kString,   // req.str as a string or Buffer (undefined when NULL)
  kNames,    // dirents: names (and types when with_types)
  kFile,     // READFILE's buffer, or a string
  kPooled,   // a view of the slab
};

struct FsReq {
  sh_fs_req_t req;
  FsData *fs = nullptr;
  double id = 0;
  Result kind = kNone;
  bool as_buffer = false;
  bool with_types = false;
  bool utf8 = false;
  std::string path;
  std::string path2;
  std::shared_ptr<v8::BackingStore> store;
  std::vector<std::shared_ptr<v8::BackingStore>> stores;
  std::vector<struct iovec> iov;
  v8::Global<v8::Value> out;
  v8::Global<v8::ArrayBuffer> ab;
  size_t ab_off = 0;
  size_t ab_len = 0;
};

double Num(const v8::FunctionCallbackInfo<v8::Value> &args, int i) {
  return args[i]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

int Int(const v8::FunctionCallbackInfo<v8::Value> &args, int i) {
  return args[i]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

// A path argument: a string (as UTF-8) or the bytes of a Buffer.
std::string PathArg(v8::Isolate *isolate, v8::Local<v8::Value> v) {
  if (v->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
    std::string s(view->ByteLength(), '\0');
    view->CopyContents(&s[0], s.size());
    return s;
  }
  return ToStdString(isolate, v);
}

v8::Local<v8::Value> StringOrBuffer(Realm *realm, const char *s, size_t len, bool as_buffer) {
  v8::Isolate *isolate = realm->isolate();
  if (as_buffer) {
    v8::Local<v8::Uint8Array> buf;
    if (NewBufferCopy(realm, s, len).ToLocal(&buf)) {
      return buf;
    }
    return v8::Undefined(isolate);
  }
  return Str(isolate, s, static_cast<int>(len));
}

void FillStat(v8::Isolate *isolate, v8::Local<v8::Value> out, const sh_fs_stat_t &s) {
  double v[kStatFields] = {
      static_cast<double>(s.dev),           static_cast<double>(s.mode),
      static_cast<double>(s.nlink),         static_cast<double>(s.uid),
      static_cast<double>(s.gid),           static_cast<double>(s.rdev),
      static_cast<double>(s.blksize),       static_cast<double>(s.ino),
      static_cast<double>(s.size),          static_cast<double>(s.blocks),
      static_cast<double>(s.atime_sec),     static_cast<double>(s.atime_nsec),
      static_cast<double>(s.mtime_sec),     static_cast<double>(s.mtime_nsec),
      static_cast<double>(s.ctime_sec),     static_cast<double>(s.ctime_nsec),
      static_cast<double>(s.birthtime_sec), static_cast<double>(s.birthtime_nsec),
  };
  if (out->IsFloat64Array()) {
    v8::Local<v8::Float64Array> a = out.As<v8::Float64Array>();
    if (a->Length() >= kStatFields) {
      double *dst = reinterpret_cast<double *>(static_cast<char *>(a->Buffer()->Data()) + a->ByteOffset());
      memcpy(dst, v, sizeof v);
    }
  } else if (out->IsBigInt64Array()) {
    v8::Local<v8::BigInt64Array> a = out.As<v8::BigInt64Array>();
    if (a->Length() >= kStatFields) {
      int64_t iv[kStatFields] = {
          static_cast<int64_t>(s.dev),       static_cast<int64_t>(s.mode),
          static_cast<int64_t>(s.nlink),     static_cast<int64_t>(s.uid),
          static_cast<int64_t>(s.gid),       static_cast<int64_t>(s.rdev),
          static_cast<int64_t>(s.blksize),   static_cast<int64_t>(s.ino),
          static_cast<int64_t>(s.size),      static_cast<int64_t>(s.blocks),
          s.atime_sec,                       static_cast<int64_t>(s.atime_nsec),
          s.mtime_sec,                       static_cast<int64_t>(s.mtime_nsec),
          s.ctime_sec,                       static_cast<int64_t>(s.ctime_nsec),
          s.birthtime_sec,                   static_cast<int64_t>(s.birthtime_nsec),
      };
      int64_t *dst = reinterpret_cast<int64_t *>(static_cast<char *>(a->Buffer()->Data()) + a->ByteOffset());
      memcpy(dst, iv, sizeof iv);
    }
  }
  (void)isolate;
}

void FillStatfs(v8::Local<v8::Value> out, const sh_fs_statfs_t &s) {
  uint64_t v[kStatfsFields] = {s.type, s.bsize, s.blocks, s.bfree, s.bavail, s.files, s.ffree};
  if (out->IsFloat64Array()) {
    v8::Local<v8::Float64Array> a = out.As<v8::Float64Array>();
    if (a->Length() >= kStatfsFields) {
      double *dst = reinterpret_cast<double *>(static_cast<char *>(a->Buffer()->Data()) + a->ByteOffset());
      for (int i = 0; i < kStatfsFields; i++) {
        dst[i] = static_cast<double>(v[i]);
      }
    }
  } else if (out->IsBigInt64Array()) {
    v8::Local<v8::BigInt64Array> a = out.As<v8::BigInt64Array>();
    if (a->Length() >= kStatfsFields) {
      int64_t *dst = reinterpret_cast<int64_t *>(static_cast<char *>(a->Buffer()->Data()) + a->ByteOffset());
      for (int i = 0; i < kStatfsFields; i++) {
        dst[i] = static_cast<int64_t>(v[i]);
      }
    }
  }
}

// The successful result as JS sees it.
v8::Local<v8::Value> ToValue(FsReq *r) {
  Realm *realm = r->fs->realm;
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  sh_fs_req_t &q = r->req;
  switch (r->kind) {
  case kNumber:
    return v8::Number::New(isolate, static_cast<double>(q.result));
  case kNone:
    return v8::Undefined(isolate);
  case kStat:
    FillStat(isolate, r->out.Get(isolate), q.stat);
    return v8::Undefined(isolate);
  case kStatfs:
    FillStatfs(r->out.Get(isolate), q.statfs);
    return v8::Undefined(isolate);
  case kString:
    if (q.str == nullptr) {
      return v8::Undefined(isolate);
    }
    return StringOrBuffer(realm, q.str, strlen(q.str), r->as_buffer);
  case kNames: {
    uint32_t n = q.dirents.count;
    v8::Local<v8::Array> names = v8::Array::New(isolate, static_cast<int>(n));
    v8::Local<v8::Array> types;
    if (r->with_types) {
      types = v8::Array::New(isolate, static_cast<int>(n));
    }
    size_t off = 0;
    for (uint32_t i = 0; i < n; i++) {
      unsigned type = static_cast<unsigned char>(q.dirents.data[off]);
      const char *name = q.dirents.data + off + 1;
      size_t len = strlen(name);
      off += len + 2;
      USE(names->Set(context, i, StringOrBuffer(realm, name, len, r->as_buffer)));
      if (r->with_types) {
        USE(types->Set(context, i, v8::Integer::New(isolate, static_cast<int>(type))));
      }
    }
    if (!r->with_types) {
      return names;
    }
    v8::Local<v8::Value> pair[] = {names, types};
    return v8::Array::New(isolate, pair, 2);
  }
  case kFile: {
    char *data = static_cast<char *>(q.buf);
    size_t len = static_cast<size_t>(q.len);
    if (r->utf8) {
      v8::Local<v8::String> s;
      if (!v8::String::NewFromUtf8(isolate, len ? data : "", v8::NewStringType::kNormal, static_cast<int>(len))
               .ToLocal(&s)) {
        return v8::Undefined(isolate); // too long: an exception is pending
      }
      return s;
    }
    q.buf = nullptr; // the Buffer owns it now
    v8::Local<v8::Uint8Array> buf;
    if (NewBufferTakeMalloc(realm, data != nullptr ? data : static_cast<char *>(malloc(1)), len).ToLocal(&buf)) {
      return buf;
    }
    return v8::Undefined(isolate);
  }
  case kPooled: {
    v8::Local<v8::Uint8Array> buf;
    if (NewBuffer(realm, r->ab.Get(isolate), r->ab_off, static_cast<size_t>(q.result)).ToLocal(&buf)) {
      return buf;
    }
    return v8::Undefined(isolate);
  }
  }
  return v8::Undefined(isolate);
}

FsReq *NewReq(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op, Result kind) {
  FsReq *r = new FsReq();
  sh_fs_req_init(&r->req, op);
  r->fs = Fs(Realm::From(args));
  r->kind = kind;
  return r;
}

void SetPath(FsReq *r, v8::Isolate *isolate, v8::Local<v8::Value> v) {
  r->path = PathArg(isolate, v);
  r->req.path = r->path.c_str();
}

void SetPath2(FsReq *r, v8::Isolate *isolate, v8::Local<v8::Value> v) {
  r->path2 = PathArg(isolate, v);
  r->req.path2 = r->path2.c_str();
}

void Destroy(FsReq *r) {
  // The slab space a short read did not use goes back when nothing was
  // taken after it (the usual case: one stream reading at a time).
  if (r->kind == kPooled && r->store == r->fs->slab_store) {
    FsData *fs = r->fs;
    size_t end = r->ab_off + ((r->ab_len + 7) & ~static_cast<size_t>(7));
    if (fs->slab_off == end) {
      size_t used = r->req.result > 0 ? static_cast<size_t>(r->req.result) : 0;
      fs->slab_off = r->ab_off + ((used + 7) & ~static_cast<size_t>(7));
    }
  }
  sh_fs_req_cleanup(&r->req);
  delete r;
}

void OnDone(sh_fs_req_t *req) {
  FsReq *r = reinterpret_cast<FsReq *>(req);
  Realm *realm = r->fs->realm;
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  if (req->result < 0) {
    v8::Local<v8::Value> info[] = {
        OneByte(isolate, req->syscall != nullptr ? req->syscall : sh_fs_syscall_name(req->op)),
        req->err_path != nullptr ? StringOrBuffer(realm, req->err_path, strlen(req->err_path), false)
                                 : v8::Undefined(isolate).As<v8::Value>(),
        v8::Number::New(isolate, static_cast<double>(req->len)),
    };
    int index = realm->PushCompletionValue(v8::Array::New(isolate, info, 3));
    realm->PushCompletion(r->id, static_cast<double>(req->result), index);
  } else {
    v8::Local<v8::Value> value = ToValue(r);
    double res = static_cast<double>(req->result);
    if (value->IsUndefined() || value->IsNumber()) {
      realm->PushCompletion(r->id, res, -1);
    } else {
      realm->PushCompletion(r->id, res, realm->PushCompletionValue(value));
    }
  }
  Destroy(r);
}

// Runs r now (no id) or starts it (an id). Sync: returns the value, or the
// negative errno with lastError() set. Async: returns 0, or the negative
// errno when it could not start.
void Dispatch(const v8::FunctionCallbackInfo<v8::Value> &args, FsReq *r, int id_index) {
  v8::Local<v8::Value> idv = args[id_index];
  if (!idv->IsUndefined()) {
    r->id = idv->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
    int err = sh_fs_submit(r->fs->realm->loop(), &r->req, OnDone);
    if (err < 0) {
      Destroy(r);
      args.GetReturnValue().Set(err);
      return;
    }
    args.GetReturnValue().Set(0);
    return;
  }
  int64_t res = sh_fs_run(&r->req);
  if (res < 0) {
    FsData *fs = r->fs;
    fs->last_syscall = r->req.syscall != nullptr ? r->req.syscall : sh_fs_syscall_name(r->req.op);
    fs->last_has_path = r->req.err_path != nullptr;
    fs->last_path = fs->last_has_path ? r->req.err_path : "";
    fs->last_len = static_cast<double>(r->req.len);
    args.GetReturnValue().Set(static_cast<double>(res));
    Destroy(r);
    return;
  }
  if (r->kind == kStat || r->kind == kStatfs) {
    // Filled straight into the caller's array (no handle kept for it).
    if (r->kind == kStat) {
      FillStat(args.GetIsolate(), args[1], r->req.stat);
    } else {
      FillStatfs(args[1], r->req.statfs);
    }
    args.GetReturnValue().Set(static_cast<double>(res));
    Destroy(r);
    return;
  }
  v8::Local<v8::Value> value = ToValue(r);
  if (r->kind == kNone) {
    args.GetReturnValue().Set(static_cast<double>(res));
  } else {
    args.GetReturnValue().Set(value);
  }
  Destroy(r);
}

// ---- entry points ----

// open(path, flags, mode, id)
void Open(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_OPEN, kNumber);
  SetPath(r, args.GetIsolate(), args[0]);
  r->req.flags = Int(args, 1);
  r->req.mode = static_cast<unsigned>(Int(args, 2));
  Dispatch(args, r, 3);
}

// close(fd, id)
void Close(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_CLOSE, kNone);
  r->req.fd = Int(args, 0);
  Dispatch(args, r, 1);
}

// The bytes [offset, offset + length) of an ArrayBufferView, pinned for r
// when the call is asynchronous (the memory must outlive the operation).
bool PinView(FsReq *r, v8::Local<v8::Value> v, double offset, double length, bool pin, char **data) {
  if (!v->IsArrayBufferView()) {
    return false;
  }
  v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
  if (offset < 0 || length < 0 || offset + length > static_cast<double>(view->ByteLength())) {
    return false;
  }
  char *base;
  if (pin) {
    r->store = view->Buffer()->GetBackingStore();
    base = static_cast<char *>(r->store->Data());
  } else {
    base = static_cast<char *>(view->Buffer()->Data());
  }
  *data = base + view->ByteOffset() + static_cast<size_t>(offset);
  return true;
}

// read(fd, buffer, offset, length, position (-1: current), id)
// write(fd, buffer, offset, length, position, id)
void ReadWrite(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kNumber);
  r->req.fd = Int(args, 0);
  char *data = nullptr;
  double length = Num(args, 3);
  if (!PinView(r, args[1], Num(args, 2), length, !args[5]->IsUndefined(), &data)) {
    Destroy(r);
    args.GetReturnValue().Set(-EINVAL);
    return;
  }
  r->req.buf = data;
  r->req.len = static_cast<uint64_t>(length);
  double pos = Num(args, 4);
  r->req.offset = pos < 0 ? -1 : static_cast<int64_t>(pos);
  Dispatch(args, r, 5);
}

void Read(const v8::FunctionCallbackInfo<v8::Value> &args) { ReadWrite(args, SH_FS_READ); }
void Write(const v8::FunctionCallbackInfo<v8::Value> &args) { ReadWrite(args, SH_FS_WRITE); }

// readv(fd, buffers, position, id) / writev(fd, buffers, position, id)
void ReadWriteV(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kNumber);
  r->req.fd = Int(args, 0);
  if (!args[1]->IsArray()) {
    Destroy(r);
    args.GetReturnValue().Set(-EINVAL);
    return;
  }
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  v8::Local<v8::Array> list = args[1].As<v8::Array>();
  uint32_t n = list->Length();
  if (n > 1024) {
    n = 1024; // IOV_MAX: the rest is a short read or write, as the kernel would do
  }
  bool pin = !args[3]->IsUndefined();
  r->iov.resize(n);
  if (pin) {
    r->stores.reserve(n);
  }
  for (uint32_t i = 0; i < n; i++) {
    v8::Local<v8::Value> v;
    if (!list->Get(context, i).ToLocal(&v) || !v->IsArrayBufferView()) {
      Destroy(r);
      args.GetReturnValue().Set(-EINVAL);
      return;
    }
    v8::Local<v8::ArrayBufferView> view = v.As<v8::ArrayBufferView>();
    char *base;
    if (pin) {
      r->stores.push_back(view->Buffer()->GetBackingStore());
      base = static_cast<char *>(r->stores.back()->Data());
    } else {
      base = static_cast<char *>(view->Buffer()->Data());
    }
    r->iov[i].iov_base = base + view->ByteOffset();
    r->iov[i].iov_len = view->ByteLength();
  }
  r->req.iov = r->iov.data();
  r->req.niov = n;
  double pos = Num(args, 2);
  r->req.offset = pos < 0 ? -1 : static_cast<int64_t>(pos);
  Dispatch(args, r, 3);
}

void Readv(const v8::FunctionCallbackInfo<v8::Value> &args) { ReadWriteV(args, SH_FS_READV); }
void Writev(const v8::FunctionCallbackInfo<v8::Value> &args) { ReadWriteV(args, SH_FS_WRITEV); }

// readPooled(fd, length, position, id): async only; completes with the
// bytes read and a Buffer view of the slab they landed in.
void ReadPooled(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  FsData *fs = Fs(realm);
  FsReq *r = NewReq(args, SH_FS_READ, kPooled);
  r->req.fd = Int(args, 0);
  double length = Num(args, 1);
  size_t len = length > 0 ? static_cast<size_t>(length) : 0;
  if (len > 0x7ffff000u) {
    len = 0x7ffff000u;
  }
  if (len > kSlabMaxRead) {
    std::shared_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, len);
    r->store = store;
    r->ab.Reset(isolate, v8::ArrayBuffer::New(isolate, store));
    r->ab_off = 0;
  } else {
    if (fs->slab.IsEmpty() || fs->slab_off + len > kSlabSize) {
      std::shared_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, kSlabSize);
      fs->slab_store = store;
      fs->slab.Reset(isolate, v8::ArrayBuffer::New(isolate, store));
      fs->slab_off = 0;
    }
    r->store = fs->slab_store;
    r->ab.Reset(isolate, fs->slab.Get(isolate));
    r->ab_off = fs->slab_off;
    fs->slab_off += (len + 7) & ~static_cast<size_t>(7);
  }
  r->ab_len = len;
  r->req.buf = static_cast<char *>(r->store->Data()) + r->ab_off;
  r->req.len = len;
  double pos = Num(args, 2);
  r->req.offset = pos < 0 ? -1 : static_cast<int64_t>(pos);
  Dispatch(args, r, 3);
}

// stat(path, out, id) / lstat(path, out, id) / fstat(fd, out, id)
void StatCommon(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kStat);
  if (op == SH_FS_FSTAT) {
    r->req.fd = Int(args, 0);
  } else {
    SetPath(r, args.GetIsolate(), args[0]);
  }
  if (!args[2]->IsUndefined()) {
    r->out.Reset(args.GetIsolate(), args[1]);
  }
  Dispatch(args, r, 2);
}

void Stat(const v8::FunctionCallbackInfo<v8::Value> &args) { StatCommon(args, SH_FS_STAT); }
void LStat(const v8::FunctionCallbackInfo<v8::Value> &args) { StatCommon(args, SH_FS_LSTAT); }
void FStat(const v8::FunctionCallbackInfo<v8::Value> &args) { StatCommon(args, SH_FS_FSTAT); }

// statfs(path, out, id)
void Statfs(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_STATFS, kStatfs);
  SetPath(r, args.GetIsolate(), args[0]);
  if (!args[2]->IsUndefined()) {
    r->out.Reset(args.GetIsolate(), args[1]);
  }
  Dispatch(args, r, 2);
}

// fd(fd, id) for fsync, fdatasync
void FdOnly(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kNone);
  r->req.fd = Int(args, 0);
  Dispatch(args, r, 1);
}

void Fsync(const v8::FunctionCallbackInfo<v8::Value> &args) { FdOnly(args, SH_FS_FSYNC); }
void Fdatasync(const v8::FunctionCallbackInfo<v8::Value> &args) { FdOnly(args, SH_FS_FDATASYNC); }

// path(path, id) for unlink, rmdir
void PathOnly(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  Dispatch(args, r, 1);
}

void Unlink(const v8::FunctionCallbackInfo<v8::Value> &args) { PathOnly(args, SH_FS_UNLINK); }
void Rmdir(const v8::FunctionCallbackInfo<v8::Value> &args) { PathOnly(args, SH_FS_RMDIR); }

// two paths (a, b, id) for rename, symlink (target, path), link
void TwoPaths(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  SetPath2(r, args.GetIsolate(), args[1]);
  Dispatch(args, r, 2);
}

void Rename(const v8::FunctionCallbackInfo<v8::Value> &args) { TwoPaths(args, SH_FS_RENAME); }
void Symlink(const v8::FunctionCallbackInfo<v8::Value> &args) { TwoPaths(args, SH_FS_SYMLINK); }
void Link(const v8::FunctionCallbackInfo<v8::Value> &args) { TwoPaths(args, SH_FS_LINK); }

// mkdir(path, mode, recursive, id): recursive gives the first directory made.
void Mkdir(const v8::FunctionCallbackInfo<v8::Value> &args) {
  bool recursive = args[2]->IsTrue();
  FsReq *r = NewReq(args, recursive ? SH_FS_MKDIR_P : SH_FS_MKDIR, recursive ? kString : kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  r->req.mode = static_cast<unsigned>(Int(args, 1));
  Dispatch(args, r, 3);
}

// ftruncate(fd, len, id) / truncate(path, len, id)
void Ftruncate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_FTRUNCATE, kNone);
  r->req.fd = Int(args, 0);
  double len = Num(args, 1);
  r->req.len = len > 0 ? static_cast<uint64_t>(len) : 0;
  Dispatch(args, r, 2);
}

void Truncate(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_TRUNCATE, kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  double len = Num(args, 1);
  r->req.len = len > 0 ? static_cast<uint64_t>(len) : 0;
  Dispatch(args, r, 2);
}

// chmod(path, mode, id) / fchmod(fd, mode, id)
void Chmod(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_CHMOD, kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  r->req.mode = static_cast<unsigned>(Int(args, 1));
  Dispatch(args, r, 2);
}

void Fchmod(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_FCHMOD, kNone);
  r->req.fd = Int(args, 0);
  r->req.mode = static_cast<unsigned>(Int(args, 1));
  Dispatch(args, r, 2);
}

// chown(path, uid, gid, id) / fchown(fd, ...) / lchown(path, ...)
void ChownCommon(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kNone);
  if (op == SH_FS_FCHOWN) {
    r->req.fd = Int(args, 0);
  } else {
    SetPath(r, args.GetIsolate(), args[0]);
  }
  r->req.uid = static_cast<uint32_t>(Num(args, 1));
  r->req.gid = static_cast<uint32_t>(Num(args, 2));
  Dispatch(args, r, 3);
}

void Chown(const v8::FunctionCallbackInfo<v8::Value> &args) { ChownCommon(args, SH_FS_CHOWN); }
void Fchown(const v8::FunctionCallbackInfo<v8::Value> &args) { ChownCommon(args, SH_FS_FCHOWN); }
void Lchown(const v8::FunctionCallbackInfo<v8::Value> &args) { ChownCommon(args, SH_FS_LCHOWN); }

// utimes(path, atime, mtime, id) / futimes(fd, ...) / lutimes(path, ...): seconds
void UtimesCommon(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kNone);
  if (op == SH_FS_FUTIMES) {
    r->req.fd = Int(args, 0);
  } else {
    SetPath(r, args.GetIsolate(), args[0]);
  }
  r->req.atime = Num(args, 1);
  r->req.mtime = Num(args, 2);
  Dispatch(args, r, 3);
}

void Utimes(const v8::FunctionCallbackInfo<v8::Value> &args) { UtimesCommon(args, SH_FS_UTIMES); }
void Futimes(const v8::FunctionCallbackInfo<v8::Value> &args) { UtimesCommon(args, SH_FS_FUTIMES); }
void Lutimes(const v8::FunctionCallbackInfo<v8::Value> &args) { UtimesCommon(args, SH_FS_LUTIMES); }

// access(path, mode, id)
void Access(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_ACCESS, kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  r->req.mode = static_cast<unsigned>(Int(args, 1));
  Dispatch(args, r, 2);
}

// realpath / readlink / mkdtemp (path, asBuffer, id) -> string | Buffer
void StringResult(const v8::FunctionCallbackInfo<v8::Value> &args, sh_fs_op_t op) {
  FsReq *r = NewReq(args, op, kString);
  SetPath(r, args.GetIsolate(), args[0]);
  r->as_buffer = args[1]->IsTrue();
  Dispatch(args, r, 2);
}

void Realpath(const v8::FunctionCallbackInfo<v8::Value> &args) { StringResult(args, SH_FS_REALPATH); }
void Readlink(const v8::FunctionCallbackInfo<v8::Value> &args) { StringResult(args, SH_FS_READLINK); }
void Mkdtemp(const v8::FunctionCallbackInfo<v8::Value> &args) { StringResult(args, SH_FS_MKDTEMP); }

// copyFile(src, dest, flags, id)
void CopyFile(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_COPYFILE, kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  SetPath2(r, args.GetIsolate(), args[1]);
  r->req.flags = Int(args, 2);
  Dispatch(args, r, 3);
}

// readdir(path, withTypes, asBuffer, id) -> names | [names, types] (sorted)
void Readdir(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_SCANDIR, kNames);
  SetPath(r, args.GetIsolate(), args[0]);
  r->with_types = args[1]->IsTrue();
  r->as_buffer = args[2]->IsTrue();
  Dispatch(args, r, 3);
}

// opendir(path, id) -> fd
void Opendir(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_OPENDIR, kNumber);
  SetPath(r, args.GetIsolate(), args[0]);
  Dispatch(args, r, 1);
}

// dirRead(fd, asBuffer, id) -> [names, types]: one batch, empty at the end
void DirRead(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_READDIR, kNames);
  r->req.fd = Int(args, 0);
  r->with_types = true;
  r->as_buffer = args[1]->IsTrue();
  Dispatch(args, r, 2);
}

// rm(path, flags (SH_FS_RM_*), id)
void Rm(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_RM, kNone);
  SetPath(r, args.GetIsolate(), args[0]);
  r->req.flags = Int(args, 1);
  Dispatch(args, r, 2);
}

// readFile(path | fd, flags, utf8, id) -> Buffer (no copy) or string
void ReadFile(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsReq *r = NewReq(args, SH_FS_READFILE, kFile);
  if (args[0]->IsNumber()) {
    r->req.fd = Int(args, 0);
  } else {
    SetPath(r, args.GetIsolate(), args[0]);
  }
  r->req.flags = Int(args, 1);
  r->req.mode = 0666;
  r->utf8 = args[2]->IsTrue();
  Dispatch(args, r, 3);
}

// lastError() -> [syscall, path | undefined, size] of the last failed sync call
void LastError(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  FsData *fs = Fs(Realm::From(args));
  v8::Local<v8::Value> info[] = {
      Str(isolate, fs->last_syscall),
      fs->last_has_path ? Str(isolate, fs->last_path).As<v8::Value>() : v8::Undefined(isolate).As<v8::Value>(),
      v8::Number::New(isolate, fs->last_len),
  };
  args.GetReturnValue().Set(v8::Array::New(isolate, info, 3));
}

// ---- fs.watch: inotify through the ring ----

struct FsWatch {
  sh_fs_watch_t watch;
  FsData *fs;
  double id;
  double handle;
};

void OnWatchEvent(sh_fs_watch_t *w, int wd, uint32_t mask, const char *name) {
  FsWatch *fw = reinterpret_cast<FsWatch *>(w);
  Realm *realm = fw->fs->realm;
  double flags = 0;
  if (name != nullptr) {
    v8::HandleScope scope(realm->isolate());
    flags = (realm->PushCompletionValue(Str(realm->isolate(), name)) + 1) * 256.0;
  }
  realm->PushCompletion(fw->id, wd, mask, flags);
}

void OnWatchClosed(sh_fs_watch_t *w) { delete reinterpret_cast<FsWatch *>(w); }

FsWatch *FindWatch(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsData *fs = Fs(Realm::From(args));
  auto it = fs->watches.find(Num(args, 0));
  return it == fs->watches.end() ? nullptr : it->second;
}

// watchOpen(id) -> handle | -errno: events complete as (wd, mask, name index + 1 << 8)
void WatchOpen(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  FsData *fs = Fs(realm);
  auto *fw = new FsWatch();
  fw->fs = fs;
  fw->id = Num(args, 0);
  int err = sh_fs_watch_init(realm->loop(), &fw->watch, OnWatchEvent, fw);
  if (err < 0) {
    delete fw;
    args.GetReturnValue().Set(err);
    return;
  }
  fw->handle = fs->next_watch++;
  fs->watches[fw->handle] = fw;
  args.GetReturnValue().Set(fw->handle);
}

// watchAdd(handle, path) -> wd | -errno
void WatchAdd(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsWatch *fw = FindWatch(args);
  if (fw == nullptr) {
    args.GetReturnValue().Set(-EBADF);
    return;
  }
  std::string path = PathArg(args.GetIsolate(), args[1]);
  args.GetReturnValue().Set(sh_fs_watch_add(&fw->watch, path.c_str()));
}

// watchRemove(handle, wd)
void WatchRemove(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (FsWatch *fw = FindWatch(args)) {
    sh_fs_watch_remove(&fw->watch, Int(args, 1));
  }
}

// watchRef(handle, ref)
void WatchRef(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (FsWatch *fw = FindWatch(args)) {
    sh_fs_watch_ref(&fw->watch, args[1]->IsTrue());
  }
}

// watchClose(handle): no event reaches JS after this.
void WatchClose(const v8::FunctionCallbackInfo<v8::Value> &args) {
  FsWatch *fw = FindWatch(args);
  if (fw == nullptr) {
    return;
  }
  fw->fs->watches.erase(fw->handle);
  sh_fs_watch_close(&fw->watch, OnWatchClosed);
}

FsData::~FsData() {
  // The loop dies with the realm: the watches' descriptors close with the
  // process or the worker, their memory here.
  for (auto &it : watches) {
    close(it.second->watch.fd);
    free(it.second->watch.buf);
    delete it.second;
  }
}

void InitFs(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "open", Open);
  SetMethod(isolate, target, "close", Close);
  SetMethod(isolate, target, "read", Read);
  SetMethod(isolate, target, "write", Write);
  SetMethod(isolate, target, "readv", Readv);
  SetMethod(isolate, target, "writev", Writev);
  SetMethod(isolate, target, "readPooled", ReadPooled);
  SetMethod(isolate, target, "stat", Stat);
  SetMethod(isolate, target, "lstat", LStat);
  SetMethod(isolate, target, "fstat", FStat);
  SetMethod(isolate, target, "statfs", Statfs);
  SetMethod(isolate, target, "fsync", Fsync);
  SetMethod(isolate, target, "fdatasync", Fdatasync);
  SetMethod(isolate, target, "unlink", Unlink);
  SetMethod(isolate, target, "rmdir", Rmdir);
  SetMethod(isolate, target, "rename", Rename);
  SetMethod(isolate, target, "symlink", Symlink);
  SetMethod(isolate, target, "link", Link);
  SetMethod(isolate, target, "mkdir", Mkdir);
  SetMethod(isolate, target, "ftruncate", Ftruncate);
  SetMethod(isolate, target, "truncate", Truncate);
  SetMethod(isolate, target, "chmod", Chmod);
  SetMethod(isolate, target, "fchmod", Fchmod);
  SetMethod(isolate, target, "chown", Chown);
  SetMethod(isolate, target, "fchown", Fchown);
  SetMethod(isolate, target, "lchown", Lchown);
  SetMethod(isolate, target, "utimes", Utimes);
  SetMethod(isolate, target, "futimes", Futimes);
  SetMethod(isolate, target, "lutimes", Lutimes);
  SetMethod(isolate, target, "access", Access);
  SetMethod(isolate, target, "realpath", Realpath);
  SetMethod(isolate, target, "readlink", Readlink);
  SetMethod(isolate, target, "mkdtemp", Mkdtemp);
  SetMethod(isolate, target, "copyFile", CopyFile);
  SetMethod(isolate, target, "readdir", Readdir);
  SetMethod(isolate, target, "opendir", Opendir);
  SetMethod(isolate, target, "dirRead", DirRead);
  SetMethod(isolate, target, "rm", Rm);
  SetMethod(isolate, target, "readFile", ReadFile);
  SetMethod(isolate, target, "lastError", LastError);
  SetMethod(isolate, target, "watchOpen", WatchOpen);
  SetMethod(isolate, target, "watchAdd", WatchAdd);
  SetMethod(isolate, target, "watchRemove", WatchRemove);
  SetMethod(isolate, target, "watchRef", WatchRef);
  SetMethod(isolate, target, "watchClose", WatchClose);
  SetInt(isolate, target, "kStatFields", kStatFields);
}

}  // namespace

SH_BINDING(fs, InitFs);

}  // namespace shard
