// Binding registry, value helpers, and errors shaped like Node's.
#include "js/binding.h"

#include <errno.h>
#include <string.h>

#include "js/realm.h"
#include "js/snapshot.h"

namespace shard {

static BindingEntry *g_bindings; // zero-initialised before any static constructor runs

void RegisterBinding(BindingEntry *entry) {
  entry->next = g_bindings;
  g_bindings = entry;
}

const BindingEntry *FindBinding(const char *name) {
  for (BindingEntry *e = g_bindings; e != nullptr; e = e->next) {
    if (strcmp(e->name, name) == 0) {
      return e;
    }
  }
  return nullptr;
}

std::string ToStdString(v8::Isolate *isolate, v8::Local<v8::Value> value) {
  if (value.IsEmpty()) {
    return {};
  }
  v8::String::Utf8Value utf8(isolate, value);
  return *utf8 ? std::string(*utf8, utf8.length()) : std::string();
}

void SetMethod(v8::Isolate *isolate, v8::Local<v8::Object> target, const char *name,
               v8::FunctionCallback fn) {
  RegisterExternalReference(reinterpret_cast<const void *>(fn));
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::String> key = OneByte(isolate, name);
  v8::Local<v8::Function> f =
      v8::FunctionTemplate::New(isolate, fn, {}, {}, 0, v8::ConstructorBehavior::kThrow)
          ->GetFunction(context)
          .ToLocalChecked();
  f->SetName(key);
  USE(target->Set(context, key, f));
}

void SetValue(v8::Isolate *isolate, v8::Local<v8::Object> target, const char *name,
              v8::Local<v8::Value> value) {
  USE(target->Set(isolate->GetCurrentContext(), OneByte(isolate, name), value));
}

void SetInt(v8::Isolate *isolate, v8::Local<v8::Object> target, const char *name, double value) {
  SetValue(isolate, target, name, v8::Number::New(isolate, value));
}

static void ThrowWithCode(v8::Isolate *isolate, v8::Local<v8::Value> error, const char *code) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  USE(error.As<v8::Object>()->Set(context, OneByte(isolate, "code"), OneByte(isolate, code)));
  isolate->ThrowException(error);
}

void ThrowTypeError(v8::Isolate *isolate, const char *code, const char *message) {
  ThrowWithCode(isolate, v8::Exception::TypeError(Str(isolate, message)), code);
}

void ThrowRangeError(v8::Isolate *isolate, const char *code, const char *message) {
  ThrowWithCode(isolate, v8::Exception::RangeError(Str(isolate, message)), code);
}

struct ErrnoInfo {
  int num;
  const char *name;
  const char *message;
};

// libuv's wording, which Node's error messages use.
static const ErrnoInfo kErrnos[] = {
    {E2BIG, "E2BIG", "argument list too long"},
    {EACCES, "EACCES", "permission denied"},
    {EADDRINUSE, "EADDRINUSE", "address already in use"},
    {EADDRNOTAVAIL, "EADDRNOTAVAIL", "address not available"},
    {EAFNOSUPPORT, "EAFNOSUPPORT", "address family not supported"},
    {EAGAIN, "EAGAIN", "resource temporarily unavailable"},
    {EALREADY, "EALREADY", "connection already in progress"},
    {EBADF, "EBADF", "bad file descriptor"},
    {EBUSY, "EBUSY", "resource busy or locked"},
    {ECANCELED, "ECANCELED", "operation canceled"},
    {ECHILD, "ECHILD", "no child processes"},
    {ECONNABORTED, "ECONNABORTED", "software caused connection abort"},
    {ECONNREFUSED, "ECONNREFUSED", "connection refused"},
    {ECONNRESET, "ECONNRESET", "connection reset by peer"},
    {EDESTADDRREQ, "EDESTADDRREQ", "destination address required"},
    {EEXIST, "EEXIST", "file already exists"},
    {EFAULT, "EFAULT", "bad address in system call argument"},
    {EFBIG, "EFBIG", "file too large"},
    {EHOSTUNREACH, "EHOSTUNREACH", "host is unreachable"},
    {EILSEQ, "EILSEQ", "illegal byte sequence"},
    {EINTR, "EINTR", "interrupted system call"},
    {EINVAL, "EINVAL", "invalid argument"},
    {EIO, "EIO", "i/o error"},
    {EISCONN, "EISCONN", "socket is already connected"},
    {EISDIR, "EISDIR", "illegal operation on a directory"},
    {ELOOP, "ELOOP", "too many symbolic links encountered"},
    {EMFILE, "EMFILE", "too many open files"},
    {EMLINK, "EMLINK", "too many links"},
    {EMSGSIZE, "EMSGSIZE", "message too long"},
    {ENAMETOOLONG, "ENAMETOOLONG", "name too long"},
    {ENETDOWN, "ENETDOWN", "network is down"},
    {ENETUNREACH, "ENETUNREACH", "network is unreachable"},
    {ENFILE, "ENFILE", "file table overflow"},
    {ENOBUFS, "ENOBUFS", "no buffer space available"},
    {ENODATA, "ENODATA", "no data available"},
    {ENODEV, "ENODEV", "no such device"},
    {ENOENT, "ENOENT", "no such file or directory"},
    {ENOEXEC, "ENOEXEC", "exec format error"},
    {ENOMEM, "ENOMEM", "not enough memory"},
    {ENOPROTOOPT, "ENOPROTOOPT", "protocol not available"},
    {ENOSPC, "ENOSPC", "no space left on device"},
    {ENOSYS, "ENOSYS", "function not implemented"},
    {ENOTCONN, "ENOTCONN", "socket is not connected"},
    {ENOTDIR, "ENOTDIR", "not a directory"},
    {ENOTEMPTY, "ENOTEMPTY", "directory not empty"},
    {ENOTSOCK, "ENOTSOCK", "socket operation on non-socket"},
    {ENOTSUP, "ENOTSUP", "operation not supported on socket"},
    {ENOTTY, "ENOTTY", "inappropriate ioctl for device"},
    {ENXIO, "ENXIO", "no such device or address"},
    {EOVERFLOW, "EOVERFLOW", "value too large for defined data type"},
    {EPERM, "EPERM", "operation not permitted"},
    {EPIPE, "EPIPE", "broken pipe"},
    {EPROTO, "EPROTO", "protocol error"},
    {EPROTONOSUPPORT, "EPROTONOSUPPORT", "protocol not supported"},
    {EPROTOTYPE, "EPROTOTYPE", "protocol wrong type for socket"},
    {ERANGE, "ERANGE", "result too large"},
    {EREMOTEIO, "EREMOTEIO", "remote I/O error"},
    {EROFS, "EROFS", "read-only file system"},
    {ESHUTDOWN, "ESHUTDOWN", "cannot send after transport endpoint shutdown"},
    {ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT", "socket type not supported"},
    {ESPIPE, "ESPIPE", "invalid seek"},
    {ESRCH, "ESRCH", "no such process"},
    {ETIMEDOUT, "ETIMEDOUT", "connection timed out"},
    {ETXTBSY, "ETXTBSY", "text file is busy"},
    {EXDEV, "EXDEV", "cross-device link not permitted"},
};

const char *ErrnoName(int errnum) {
  for (const auto &e : kErrnos) {
    if (e.num == errnum) {
      return e.name;
    }
  }
  const char *name = strerrorname_np(errnum);
  return name ? name : "UNKNOWN";
}

const char *ErrnoMessage(int errnum) {
  for (const auto &e : kErrnos) {
    if (e.num == errnum) {
      return e.message;
    }
  }
  return "unknown error";
}

v8::Local<v8::Value> ErrnoException(v8::Isolate *isolate, int neg_errno, const char *syscall,
                                    const char *path, const char *dest) {
  int errnum = neg_errno < 0 ? -neg_errno : neg_errno;
  std::string msg = std::string(ErrnoName(errnum)) + ": " + ErrnoMessage(errnum) + ", " + syscall;
  if (path != nullptr) {
    msg += std::string(" '") + path + "'";
  }
  if (dest != nullptr) {
    msg += std::string(" -> '") + dest + "'";
  }
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> err = v8::Exception::Error(Str(isolate, msg)).As<v8::Object>();
  USE(err->Set(context, OneByte(isolate, "errno"), v8::Integer::New(isolate, -errnum)));
  USE(err->Set(context, OneByte(isolate, "code"), OneByte(isolate, ErrnoName(errnum))));
  USE(err->Set(context, OneByte(isolate, "syscall"), Str(isolate, syscall)));
  if (path != nullptr) {
    USE(err->Set(context, OneByte(isolate, "path"), Str(isolate, path)));
  }
  if (dest != nullptr) {
    USE(err->Set(context, OneByte(isolate, "dest"), Str(isolate, dest)));
  }
  return err;
}

void ThrowErrno(v8::Isolate *isolate, int neg_errno, const char *syscall, const char *path,
                const char *dest) {
  isolate->ThrowException(ErrnoException(isolate, neg_errno, syscall, path, dest));
}

// internalBinding('errno'): names and messages, so JS builds the same errors.
static void GetErrorInfo(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  int errnum = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0);
  if (errnum < 0) {
    errnum = -errnum;
  }
  v8::Local<v8::Value> pair[] = {OneByte(isolate, ErrnoName(errnum)),
                                 OneByte(isolate, ErrnoMessage(errnum))};
  args.GetReturnValue().Set(v8::Array::New(isolate, pair, 2));
}

static void InitErrno(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "getErrorInfo", GetErrorInfo);
  v8::Local<v8::Object> codes = v8::Object::New(isolate);
  for (const auto &e : kErrnos) {
    SetInt(isolate, codes, e.name, e.num);
  }
  SetValue(isolate, target, "codes", codes);
}

SH_BINDING(errno, InitErrno);

}  // namespace shard
