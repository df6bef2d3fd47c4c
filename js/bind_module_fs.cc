// internalBinding('module_fs'): the few synchronous file calls module
// resolution makes, as plain syscalls (ring operations would be offloaded to
// kernel workers and gain nothing for require()).
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

// internalModuleStat(path) -> 0 file, 1 directory, < 0 -errno.
static void InternalModuleStat(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::String::Utf8Value path(args.GetIsolate(), args[0]);
  struct stat st;
  int rc = *path ? stat(*path, &st) : -1;
  if (rc != 0) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  args.GetReturnValue().Set(S_ISDIR(st.st_mode) ? 1 : 0);
}

static bool ReadAll(const char *path, std::string *out, int *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = -errno;
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    *err = -EISDIR;
    return false;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      *err = -errno;
      close(fd);
      return false;
    }
    if (n == 0) {
      break;
    }
    out->append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return true;
}

// readFileUtf8(path) -> string; throws a Node-style ENOENT/EISDIR error.
static void ReadFileUtf8(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  std::string path = ToStdString(isolate, args[0]);
  std::string data;
  int err = 0;
  if (!ReadAll(path.c_str(), &data, &err)) {
    ThrowErrno(isolate, err, "open", path.c_str());
    return;
  }
  // Strip a UTF-8 byte order mark, as Node's module loader does.
  size_t skip = data.size() >= 3 && static_cast<unsigned char>(data[0]) == 0xEF &&
                        static_cast<unsigned char>(data[1]) == 0xBB &&
                        static_cast<unsigned char>(data[2]) == 0xBF
                    ? 3
                    : 0;
  v8::Local<v8::String> s;
  if (v8::String::NewFromUtf8(isolate, data.data() + skip, v8::NewStringType::kNormal,
                              static_cast<int>(data.size() - skip))
          .ToLocal(&s)) {
    args.GetReturnValue().Set(s);
  }
}

// readPackageJson(path) -> string, or undefined when there is none.
static void ReadPackageJson(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  std::string path = ToStdString(isolate, args[0]);
  std::string data;
  int err = 0;
  if (!ReadAll(path.c_str(), &data, &err)) {
    return;
  }
  args.GetReturnValue().Set(Str(isolate, data));
}

// isSymlink(path) -> 1 symbolic link, 0 anything else, < 0 -errno (lstat).
static void IsSymlink(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::String::Utf8Value path(args.GetIsolate(), args[0]);
  struct stat st;
  int rc = *path ? lstat(*path, &st) : -1;
  if (rc != 0) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  args.GetReturnValue().Set(S_ISLNK(st.st_mode) ? 1 : 0);
}

static void Realpath(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  std::string path = ToStdString(isolate, args[0]);
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved) == nullptr) {
    ThrowErrno(isolate, -errno, "realpath", path.c_str());
    return;
  }
  args.GetReturnValue().Set(Str(isolate, resolved));
}

static void InitModuleFs(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "internalModuleStat", InternalModuleStat);
  SetMethod(isolate, target, "readFileUtf8", ReadFileUtf8);
  SetMethod(isolate, target, "readPackageJson", ReadPackageJson);
  SetMethod(isolate, target, "realpath", Realpath);
  SetMethod(isolate, target, "isSymlink", IsSymlink);
}

SH_BINDING(module_fs, InitModuleFs);

}  // namespace shard
