// What every binding file needs: registration, argument helpers and errors.
// A binding exposes one io/ area to the built-ins as internalBinding(name).
#ifndef SH_JS_BINDING_H
#define SH_JS_BINDING_H

#include <v8.h>

#include <string>

namespace shard {

class Realm;

using BindingInit = void (*)(Realm *realm, v8::Local<v8::Object> target);

struct BindingEntry {
  const char *name;
  BindingInit init;
  BindingEntry *next;
};

// Adds a binding to the process-wide table (during static initialisation).
void RegisterBinding(BindingEntry *entry);
const BindingEntry *FindBinding(const char *name);

#define SH_BINDING(name, init_fn)                                                                  \
  static ::shard::BindingEntry sh_binding_entry_##name = {#name, init_fn, nullptr};               \
  static const bool sh_binding_registered_##name =                                                \
      (::shard::RegisterBinding(&sh_binding_entry_##name), true)

// Marks a V8 result as deliberately unused (GCC ignores (void) casts on
// functions declared warn_unused_result).
template <typename T>
inline void USE(T &&) {}

// ---- values ----
inline v8::Local<v8::String> Str(v8::Isolate *isolate, const char *s, int len = -1) {
  return v8::String::NewFromUtf8(isolate, s, v8::NewStringType::kNormal, len).ToLocalChecked();
}
inline v8::Local<v8::String> Str(v8::Isolate *isolate, const std::string &s) {
  return Str(isolate, s.data(), static_cast<int>(s.size()));
}
inline v8::Local<v8::String> OneByte(v8::Isolate *isolate, const char *s) {
  return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(s),
                                    v8::NewStringType::kInternalized)
      .ToLocalChecked();
}
std::string ToStdString(v8::Isolate *isolate, v8::Local<v8::Value> value);

void SetMethod(v8::Isolate *isolate, v8::Local<v8::Object> target, const char *name,
               v8::FunctionCallback fn);
void SetValue(v8::Isolate *isolate, v8::Local<v8::Object> target, const char *name,
              v8::Local<v8::Value> value);
void SetInt(v8::Isolate *isolate, v8::Local<v8::Object> target, const char *name, double value);

// ---- errors ----
// Throws `new TypeError(message)` with err.code = code (Node's ERR_* family).
void ThrowTypeError(v8::Isolate *isolate, const char *code, const char *message);
void ThrowRangeError(v8::Isolate *isolate, const char *code, const char *message);
// Throws an Error for a negative errno, as Node does for system calls:
// "ENOENT: no such file or directory, open '/x'" with code, errno, syscall
// and path set. path may be nullptr.
void ThrowErrno(v8::Isolate *isolate, int neg_errno, const char *syscall, const char *path = nullptr,
                const char *dest = nullptr);
v8::Local<v8::Value> ErrnoException(v8::Isolate *isolate, int neg_errno, const char *syscall,
                                    const char *path = nullptr, const char *dest = nullptr);
// The errno's name ("ENOENT") and Node's message for it ("no such file or directory").
const char *ErrnoName(int errnum);
const char *ErrnoMessage(int errnum);

}  // namespace shard
#endif
