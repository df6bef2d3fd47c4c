// Messages between isolates (js/bind_messaging.cc), and what the Worker and
// cluster bindings (js/bind_worker.cc) need of them.
//
// A MessagePort is one end of a channel. Its state that other threads touch
// lives in a PortCore, shared (shared_ptr) by the two ends, by messages that
// carry the port while it is transferred, and by the wake-ups in flight. The
// JS object of a port lives in exactly one realm at a time (its owner); only
// the owner's thread creates JS values from the port's messages.
//
// A message is serialized once with v8::ValueSerializer into a malloc'd
// buffer; the queue that holds it owns it. Transferred ArrayBuffers travel as
// their backing stores (the isolates share one allocator), SharedArrayBuffers
// as shared backing stores, transferred ports as their PortCores.
#ifndef SH_JS_MESSAGING_H
#define SH_JS_MESSAGING_H

#include <v8.h>

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io/loop.h"

namespace shard {

class Realm;
struct PortCore;
struct PortWrap;

struct Message {
  enum Kind { kData, kClose, kExit };
  // How `data` holds the value: V8's serializer format, or (the common
  // small cases, without a serializer on either side) a primitive.
  enum Format { kSerialized, kOneByteString, kTwoByteString, kNumber, kTrue, kFalse, kNull, kUndefined,
                kOneByteJSON, kTwoByteJSON };
  Kind kind = kData;
  Format format = kSerialized;
  int code = 0;       // kExit: the exit code of the realm at the other end
  double number = 0;  // kNumber
  uint8_t *data = nullptr; // `small`, or malloc'd bytes (free())
  size_t size = 0;
  uint8_t small[64];       // small payloads need no allocation of their own
  std::vector<std::shared_ptr<v8::BackingStore>> buffers; // transferred ArrayBuffers
  std::vector<std::shared_ptr<v8::BackingStore>> shared;  // SharedArrayBuffers
  std::vector<v8::CompiledWasmModule> wasm;
  std::vector<std::shared_ptr<PortCore>> ports; // transferred ports, in transit
  Message() = default;
  Message(const Message &) = delete;
  Message &operator=(const Message &) = delete;
  // Frees the bytes; ports that never reached a realm are closed.
  ~Message();
};

struct PortCore {
  std::mutex lock;
  std::deque<std::shared_ptr<Message>> queue; // received, not yet delivered
  std::shared_ptr<PortCore> peer;             // the other end; null once closed
  sh_loop_id_t owner{};                       // the loop of the owning realm
  PortWrap *wrap = nullptr;                   // owner thread only; null while in transit
  bool receiving = false;                     // started: deliver what arrives
  bool wake_pending = false;                  // a wake-up is on its way to the owner
  bool closed = false;
  std::string channel;                        // a BroadcastChannel's name
};

// Puts msg on core's queue and wakes its owner when needed. Any thread.
// Returns false (and drops msg) when the port is closed.
bool EnqueueMessage(const std::shared_ptr<PortCore> &core, std::shared_ptr<Message> msg);
// Closes an end: the peer receives a 'close' (after what was already sent).
// Any thread.
void ClosePort(const std::shared_ptr<PortCore> &core);
// A new pair of entangled ends, owned by nobody yet.
void NewChannel(std::shared_ptr<PortCore> *a, std::shared_ptr<PortCore> *b);

// There are at least `count` cores (inboxes 0..count-1). Any thread.
void NoteCores(unsigned count);

// Realm thread: the MessagePort object of value, or null.
PortWrap *UnwrapPort(Realm *realm, v8::Local<v8::Value> value);
// Realm thread: takes the port out of its MessagePort object, which becomes
// unusable (as a transferred port does). Returns its core (null if closed).
std::shared_ptr<PortCore> DetachPort(PortWrap *wrap);
// Realm thread: a new MessagePort object of this realm for core.
v8::MaybeLocal<v8::Object> AttachPort(Realm *realm, std::shared_ptr<PortCore> core);

}  // namespace shard
#endif
