#include "js/snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "io/loop.h"
#include "js/realm.h"

namespace shard {

namespace {

constexpr int kMaxReferences = 4096;

struct Registry {
  std::mutex lock;
  std::unordered_set<intptr_t> known;
  intptr_t entries[kMaxReferences] = {};
  int count = 0;
  bool overflowed = false; // an address was left out: no snapshot could name it
};

Registry &References() {
  static auto *registry = new Registry(); // process-wide, never freed
  return *registry;
}

std::atomic<const WorkerSnapshot *> g_snapshot{nullptr};
std::atomic<int> g_seed_probe{0}; // NoteHashSeed's; 0: none yet
std::atomic<bool> g_started{false};

enum class Policy { kOff, kEager, kAfterTwoWorkers };

Policy GetPolicy() {
  static const Policy policy = [] {
    const char *value = getenv("SHARD_WORKER_SNAPSHOT");
    if (value != nullptr && strcmp(value, "0") == 0) {
      return Policy::kOff;
    }
    if (value != nullptr && strcmp(value, "eager") == 0) {
      return Policy::kEager;
    }
    return Policy::kAfterTwoWorkers;
  }();
  return policy;
}

// The built-ins of a Worker's bootstrap whose loading reads nothing of the
// running program (what does, runs through realm.js's onFirstRequire) and
// touches only SnapshotSafeBinding bindings. internal/bootstrap/node, the
// Worker's port and the program's entry stay out: they are per realm.
const char *const kPreload[] = {
    "internal/errors",
    "internal/validators",
    "events",
    "internal/util",
    "internal/per_context/polyfills",
    "internal/event_target",
    "internal/fixed_queue",
    "path",
    "internal/async_context",
    "internal/process/per_thread",
    "internal/process/env",
    "internal/process/warning",
    "internal/process/stdio",
    "internal/process/execution",
    "internal/loop",
    "internal/process/task_queues",
    "internal/process/promises",
    "internal/timers",
    "timers",
    "internal/modules/helpers",
    "internal/modules/package_json_reader",
    "internal/modules/file_url",
    "internal/modules/esm/resolve",
    "internal/modules/cjs/loader",
    "internal/main/run",
    "internal/worker/messaging",
    "internal/per_context/domexception",
    "internal/bootstrap/globals",
    "internal/worker/io",
    "internal/worker/thread",
    "worker_threads",
    "internal/worker/worker",
};

const char *const kSafeBindings[] = {"buffer",  "builtins", "contextify", "errno", "loop",  "messaging", "module_fs",
                                     "modules", "polyfills", "process",    "types", "util", "worker"};

bool RegistryOverflowed() {
  Registry &r = References();
  std::lock_guard<std::mutex> guard(r.lock);
  return r.overflowed;
}

// V8 rehashes every string and hash table of a snapshot for the isolate
// that deserializes it (~0.6 ms of a Worker's start here), as that
// isolate's hash seed may differ from the creator's. It does not here when
// the isolates of the process share one seed (V8 keeps it in the read-only
// roots, which isolates share): the creator's probe string hashes as the
// main isolate's does. The blob then says it cannot be rehashed, which
// V8 takes as "use the hashes as they are". V8 10.2's header begins
// [contexts][rehashability][checksum]: nothing is changed unless it reads
// [1][1] there. SHARD_SNAPSHOT_REHASH=1 keeps V8's rehash.
void SkipRehashIfSeedShared(v8::StartupData *blob, int creator_probe) {
  int main_probe = g_seed_probe.load(std::memory_order_acquire);
  uint32_t header[2];
  const char *keep = getenv("SHARD_SNAPSHOT_REHASH");
  bool rehash_asked = keep != nullptr && strcmp(keep, "1") == 0;
  if (rehash_asked || main_probe == 0 || main_probe != creator_probe ||
      blob->raw_size < static_cast<int>(sizeof header)) {
    return;
  }
  memcpy(header, blob->data, sizeof header);
  if (header[0] != 1 || header[1] != 1) {
    return;
  }
  header[1] = 0;
  memcpy(const_cast<char *>(blob->data), header, sizeof header); // ours: V8 allocated it for us
  if (SnapshotDebugging()) {
    fprintf(stderr, "shard: worker snapshot: one hash seed, not rehashed\n");
  }
}

void MakeWorkerSnapshot() {
  uint64_t start = sh_hrtime();
  if (RegistryOverflowed()) {
    // V8 would abort on a function it cannot name.
    if (SnapshotDebugging()) {
      fprintf(stderr, "shard: no worker snapshot: more than %d external references\n", kMaxReferences);
    }
    return;
  }
  sh_loop_t *loop = nullptr;
  const char *why = nullptr;
  if (sh_loop_create(&loop, nullptr, &why) < 0) {
    if (SnapshotDebugging()) {
      fprintf(stderr, "shard: no worker snapshot: %s\n", why ? why : "no loop");
    }
    return;
  }
  sh_js_core_options_t options = {};
  options.cores = 1;
  v8::StartupData blob{nullptr, 0};
  const intptr_t *references = nullptr;
  int creator_probe = 0;
  {
    Realm realm(loop, &options, nullptr, Realm::Mode::kMakeSnapshot);
    blob = realm.MakeSnapshot(&references, &creator_probe);
  }
  sh_loop_destroy(loop);
  if (blob.data == nullptr) {
    return; // MakeSnapshot said why when debugging
  }
  SkipRehashIfSeedShared(&blob, creator_probe);
  if (SnapshotDebugging()) {
    fprintf(stderr, "shard: worker snapshot: %d bytes in %.1f ms\n", blob.raw_size,
            static_cast<double>(sh_hrtime() - start) / 1e6);
  }
  g_snapshot.store(new WorkerSnapshot{blob, references}, std::memory_order_release); // never freed
}

void StartWorkerSnapshot(bool wait) {
  if (GetPolicy() == Policy::kOff || g_started.exchange(true)) {
    return;
  }
  std::thread maker(MakeWorkerSnapshot);
  if (wait) {
    maker.join();
  } else {
    maker.detach(); // the process may end first: it ends with _exit
  }
}

}  // namespace

void RegisterExternalReference(const void *address) {
  Registry &r = References();
  intptr_t value = reinterpret_cast<intptr_t>(address);
  std::lock_guard<std::mutex> guard(r.lock);
  if (r.known.count(value) > 0) {
    return;
  }
  if (r.count == kMaxReferences) {
    r.overflowed = true; // (about 450 are used)
    return;
  }
  r.known.insert(value);
  r.entries[r.count++] = value;
}

intptr_t *NewExternalReferenceTable() { return new intptr_t[kMaxReferences + 1](); }

void FreezeExternalReferences(intptr_t *table) {
  Registry &r = References();
  std::lock_guard<std::mutex> guard(r.lock);
  memcpy(table, r.entries, sizeof(intptr_t) * r.count);
  table[r.count] = 0;
}

const WorkerSnapshot *GetWorkerSnapshot() { return g_snapshot.load(std::memory_order_acquire); }

int HashSeedProbe(v8::Isolate *isolate) {
  v8::HandleScope scope(isolate);
  return v8::String::NewFromUtf8Literal(isolate, "shard: hash seed probe")->GetIdentityHash();
}

void NoteHashSeed(v8::Isolate *isolate) {
  int none = 0;
  g_seed_probe.compare_exchange_strong(none, HashSeedProbe(isolate), std::memory_order_acq_rel);
}

void OnWorkerStarting() {
  if (GetPolicy() == Policy::kEager) {
    StartWorkerSnapshot(true);
  }
}

void OnWorkerCodeCacheRefreshed(int ended) {
  if (ended == 2 && GetPolicy() == Policy::kAfterTwoWorkers) {
    StartWorkerSnapshot(false);
  }
}

const char *const *SnapshotPreload(int *count) {
  *count = static_cast<int>(sizeof(kPreload) / sizeof(kPreload[0]));
  return kPreload;
}

bool SnapshotDebugging() {
  static const bool debugging = getenv("SHARD_DEBUG_SNAPSHOT") != nullptr;
  return debugging;
}

bool SnapshotSafeBinding(const char *name) {
  for (const char *safe : kSafeBindings) {
    if (strcmp(safe, name) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace shard
