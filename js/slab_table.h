// Receive slabs by number: V8 ArrayBuffers that C fills (socket and pipe
// reads), listed in a JS array (`slabs[id]`) so that a completion record can
// name its bytes as (id, offset) and JS makes a Buffer view with no copy.
#ifndef SH_JS_SLAB_TABLE_H
#define SH_JS_SLAB_TABLE_H

#include <v8.h>

#include <stddef.h>
#include <stdint.h>

#include <vector>

namespace shard {

class Realm;

class SlabTable {
 public:
  // Makes the JS array and sets it as target.slabs.
  void Init(Realm *realm, v8::Local<v8::Object> target);
  // A new slab of size bytes; *base is its memory (owned by V8: JS views
  // keep it alive after the table lets go).
  uint32_t Add(size_t size, char **base);
  // The table lets go of slab id once the current completion batch has
  // reached JS (records already queued may name it); the id is then reused.
  void Release(uint32_t id);

 private:
  static void ApplyReleases(void *arg);

  Realm *realm_ = nullptr;
  v8::Global<v8::Array> list_;
  std::vector<uint32_t> free_ids_;
  std::vector<uint32_t> pending_release_;
  uint32_t next_id_ = 0;
  bool release_scheduled_ = false;
};

}  // namespace shard

#endif
