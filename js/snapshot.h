// The worker snapshot: a V8 startup snapshot of a realm whose built-in
// module loader and snapshot-safe built-ins (the first half of a Worker's
// bootstrap) are already compiled and evaluated. It is made once per
// process, in the background, after two Workers have ended (their code
// cache makes it), and every Worker started after it deserializes that
// context instead of compiling and running those modules again.
//
// SHARD_WORKER_SNAPSHOT=0 never makes it; =eager makes it at the first
// Worker's start, before that Worker (the tests use this).
// SHARD_DEBUG_SNAPSHOT=1 says on stderr when it is made, or why not;
// SHARD_SNAPSHOT_REHASH=1 has V8 rehash it for every isolate (see
// SkipRehashIfSeedShared).
#ifndef SH_JS_SNAPSHOT_H
#define SH_JS_SNAPSHOT_H

#include <v8.h>

#include "js/shard.h"

namespace shard {

// Records a native function (or a static string resource) that an object in
// a snapshot may hold, so that the snapshot can name it. Any thread.
void RegisterExternalReference(const void *address);

// A table for one SnapshotCreator: zeroed now; FreezeExternalReferences
// copies the registry into it just before the blob is made, and it never
// changes after (the isolates that deserialize the blob read it).
intptr_t *NewExternalReferenceTable();
void FreezeExternalReferences(intptr_t *table);

struct WorkerSnapshot {
  v8::StartupData blob;
  const intptr_t *references; // the table the blob was made with
};
// The worker snapshot, or null while there is none. Never freed.
const WorkerSnapshot *GetWorkerSnapshot();

// The hash of a probe string in isolate (its hash seed's fingerprint).
// Isolate thread, in the isolate.
int HashSeedProbe(v8::Isolate *isolate);
// A realm not made from the worker snapshot records its isolate's probe
// (the first one counts). Isolate thread.
void NoteHashSeed(v8::Isolate *isolate);

// A Worker is about to start (loop thread of its parent).
void OnWorkerStarting();
// The `ended`th Worker (from 1) ended and refreshed the built-ins' code
// cache; the second one starts making the snapshot.
void OnWorkerCodeCacheRefreshed(int ended);

// For the realm that makes the snapshot: the built-ins it evaluates, and
// whether a binding may be in it (its objects hold nothing of a realm but
// functions and values, or the realm attaches to them again: loop.attach).
const char *const *SnapshotPreload(int *count);
bool SnapshotSafeBinding(const char *name);
// SHARD_DEBUG_SNAPSHOT is set: say why a snapshot was not made.
bool SnapshotDebugging();

}  // namespace shard

#endif
