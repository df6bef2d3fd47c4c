// The JavaScript built-ins embedded by tools/js2c.c.
#ifndef SH_JS_BUILTINS_H
#define SH_JS_BUILTINS_H

#include <stddef.h>

namespace shard {

struct BuiltinSource {
  const char *id;     // "fs", "internal/timers", ...
  const char *source; // static storage, never freed
  size_t length;
  bool ascii;         // can back a V8 external one-byte string
};

extern const BuiltinSource kBuiltins[];
extern const size_t kBuiltinCount;

// Returns the built-in with this id, or nullptr.
const BuiltinSource *FindBuiltin(const char *id, size_t len);

class Realm;
// Realm thread: leaves the code cache of the built-ins this realm compiled
// (with what ran so far) for the realms started after it (js/builtins.cc).
void ShareBuiltinCodeCache(Realm *realm);
// Realm thread, at its end: replaces the shared caches with this realm's
// where they hold more compiled functions (a Worker's own code paths).
void RefreshBuiltinCodeCache(Realm *realm);

}  // namespace shard
#endif
