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

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "io/loop.h"

namespace shard {

class Realm;
struct PortCore;
struct PortWrap;

// What a message carries besides its bytes: transferred and shared objects.
struct MessageAttachments {
  std::vector<std::shared_ptr<v8::BackingStore>> buffers; // transferred ArrayBuffers
  std::vector<std::shared_ptr<v8::BackingStore>> shared;  // SharedArrayBuffers
  std::vector<v8::CompiledWasmModule> wasm;
  std::vector<std::shared_ptr<PortCore>> ports; // transferred ports, in transit
};

// Laid out for the common small message: what the receiver reads of a
// number, a boolean or null (and of any message, to free it) shares one
// cache line with its shared_ptr control block (js/message_pool.cc), so a
// message moves one line between the CPUs; `small` is the next line.
struct Message {
  enum Kind : uint8_t { kData, kClose, kExit };
  // How `data` holds the value: V8's serializer format, or (the common
  // small cases, without a serializer on either side) a primitive. A
  // kTransferredBuffer is an ArrayBuffer that was its own transfer list:
  // attachments->buffers[0], and no bytes; a kTransferredUint8Array a view
  // whose buffer was (`number` its offset, `size` its length). A
  // kShapedJSON is a flat plain object: the one-byte JSON text of its
  // values, `number` the id of its keys' shape (MessageShape).
  enum Format : uint8_t { kSerialized, kOneByteString, kTwoByteString, kNumber, kTrue, kFalse, kNull, kUndefined,
                          kOneByteJSON, kTwoByteJSON, kShapedJSON, kTransferredBuffer, kTransferredUint8Array };
  Kind kind = kData;
  Format format = kSerialized;
  int code = 0;       // kExit: the exit code of the realm at the other end
  double number = 0;  // kNumber; kShapedJSON: the shape's id
  uint8_t *data = nullptr; // `small`, or malloc'd bytes (free())
  size_t size = 0;
  std::unique_ptr<MessageAttachments> attachments; // null: none
  uint8_t small[64];       // small payloads need no allocation of their own
  Message() = default;
  Message(const Message &) = delete;
  Message &operator=(const Message &) = delete;
  // Frees the bytes; ports that never reached a realm are closed.
  ~Message();
  MessageAttachments &Attach() {
    if (!attachments) {
      attachments = std::make_unique<MessageAttachments>();
    }
    return *attachments;
  }
};

using MessageList = std::vector<std::shared_ptr<Message>>;

// The keys of a flat plain-data message, in the order the sender's object
// enumerates them (js/message_shapes.cc): Latin-1 text that needs no
// escaping in JSON. Registered once per process and never freed.
struct MessageShape {
  std::vector<std::string> keys;
};
constexpr size_t kMaxShapeKeys = 32;
constexpr size_t kMaxShapeKeyLength = 64;

// The id of the shape of these keys (registering it), or -1 when they
// cannot have one (too many or too long, `__proto__`, characters to escape)
// or the registry is full. Any thread.
int InternShape(std::vector<std::string> keys);
// The shape of an id, or null. Any thread.
const MessageShape *FindShape(double id);
// The JSON text of the object whose values text (JSON primitives separated
// by commas) is values, in *out. False when the text does not fit the shape.
bool ShapedToJSON(const MessageShape &shape, const uint8_t *values, size_t length, std::vector<uint8_t> *out);
// Appends the JSON text of a string (of at most kMaxFlatString characters),
// a finite number other than -0, true, false or null to *out, as one-byte
// text (characters past Latin-1 escaped). False, for any other value.
constexpr int kMaxFlatString = 512;
bool AppendJSONPrimitive(v8::Isolate *isolate, v8::Local<v8::Value> value, std::string *out);
// The values of count flat messages of one shape from msgs[from], one after
// the other in one array (a run's, internal/worker/io.js builds its objects
// from it), or empty when a text does not fit the shape. Caller's handle
// scope.
v8::MaybeLocal<v8::Array> ParseShapedRun(v8::Isolate *isolate, const MessageShape &shape, const MessageList &msgs,
                                         size_t from, size_t count);

// A port's lock: one word, held for a few pointer moves by a sender and
// the owner on two CPUs at once. It spins a little before it sleeps in the
// kernel, so that a message storm does not become a storm of futex calls,
// and it is small enough to share a cache line with what it guards.
class PortLock {
 public:
  PortLock() = default;
  PortLock(const PortLock &) = delete;
  PortLock &operator=(const PortLock &) = delete;
  void lock() {
    int expected = kFree;
    if (!state_.compare_exchange_strong(expected, kHeld, std::memory_order_acquire, std::memory_order_relaxed)) {
      LockContended();
    }
  }
  void unlock() {
    if (state_.exchange(kFree, std::memory_order_release) == kWaited) {
      WakeOne();
    }
  }

 private:
  enum { kFree, kHeld, kWaited }; // kWaited: held, and someone may sleep on it
  void LockContended();           // js/message_pool.cc
  void WakeOne();
  std::atomic<int> state_{kFree};
};

// Received messages, oldest first, in two vectors: senders append to
// `back_`; the owner takes from `front_`, and when that is used up, swaps
// the two (the used one goes back empty with its capacity). A steady stream
// allocates nothing here, where a deque allocated a block every few dozen
// messages on the sender's thread and freed it on the owner's; and taking
// a thousand of a long queue moves a thousand slots, under the lock the
// senders wait for, not the rest of the queue.
class MessageQueue {
 public:
  bool empty() const { return head_ == front_.size() && back_.empty(); }
  size_t size() const { return front_.size() - head_ + back_.size(); }
  // Addresses to prefetch: the newest message and its slot.
  const void *back_address() const { return Newest().get(); }
  const void *back_slot() const { return &Newest(); }
  const Message &front() const { return head_ < front_.size() ? *front_[head_] : *back_.front(); }
  const Message &back() const { return *Newest(); }
  void push(std::shared_ptr<Message> msg) {
    back_.push_back(std::move(msg));
    // The slots ahead were last written by the owner (it moved messages out
    // of them before the vector came back): fetch their line now, for
    // writing, rather than wait for it at the push that needs it.
    if (back_.size() + 8 <= back_.capacity()) {
      __builtin_prefetch(back_.data() + back_.size() + 8, 1);
    }
  }
  std::shared_ptr<Message> pop() {
    Refill();
    std::shared_ptr<Message> msg = std::move(front_[head_++]);
    Refill();
    return msg;
  }
  // Moves every message to out (empty).
  void TakeAll(MessageList &out) {
    if (head_ == front_.size()) {
      back_.swap(out);
      return;
    }
    out.assign(std::make_move_iterator(front_.begin() + static_cast<std::ptrdiff_t>(head_)),
               std::make_move_iterator(front_.end()));
    out.insert(out.end(), std::make_move_iterator(back_.begin()), std::make_move_iterator(back_.end()));
    front_.clear();
    back_.clear();
    head_ = 0;
  }
  // Moves the oldest max messages (all, when fewer) to out (empty).
  void Take(MessageList &out, size_t max) {
    if (size() <= max) {
      TakeAll(out);
      return;
    }
    Refill();
    size_t n = front_.size() - head_ < max ? front_.size() - head_ : max;
    auto first = front_.begin() + static_cast<std::ptrdiff_t>(head_);
    out.assign(std::make_move_iterator(first), std::make_move_iterator(first + static_cast<std::ptrdiff_t>(n)));
    head_ += n;
    Refill();
  }
  // Puts msgs (moved from) before every message.
  void PushFront(MessageList &msgs) {
    front_.insert(front_.begin() + static_cast<std::ptrdiff_t>(head_), std::make_move_iterator(msgs.begin()),
                  std::make_move_iterator(msgs.end()));
  }

 private:
  const std::shared_ptr<Message> &Newest() const { return back_.empty() ? front_.back() : back_.back(); }
  // When front_ is used up: the senders' vector becomes the owner's.
  void Refill() {
    if (head_ == front_.size()) {
      front_.clear();
      front_.swap(back_);
      head_ = 0;
    }
  }
  // back_ first: with what precedes the queue in PortCore it fills the
  // line a send touches.
  MessageList back_;
  size_t head_ = 0; // the oldest message in front_
  MessageList front_;
};

// Laid out so that what every send touches (the lock, the flags, the owner
// and the senders' half of the queue) fills one cache line together with
// the shared_ptr control block in front of it (NewPortCore aligns it), and
// the owner's half of the queue and the wake-up the next.
struct PortCore {
  PortLock lock;
  bool receiving = false;          // started: deliver what arrives
  bool wake_pending = false;       // a wake-up is on its way to the owner
  bool closed = false;
  bool wake_busy = false;          // `wake` is in a mailbox
  sh_loop_id_t owner{};            // the loop of the owning realm
  MessageQueue queue;              // received, not yet delivered
  // The wake-up a sender posts to the owner's mailbox, kept here: one is in
  // flight at a time (wake_pending), so a storm allocates none. While it is
  // in a mailbox (wake_busy), `wake_hold` keeps this core alive.
  struct Wake {
    sh_msg_t msg;
    PortCore *core;
    // Where the message that needed this wake-up and its queue slot lie:
    // the owner fetches both while it takes the lock, instead of one after
    // the other as it reads the pointers (each a line from the sender's CPU).
    const void *first;
    const void *slots;
  };
  Wake wake{};
  std::shared_ptr<PortCore> wake_hold;
  PortWrap *wrap = nullptr;        // owner thread only; null while in transit
  std::shared_ptr<PortCore> peer;  // the other end; null once closed
  std::string channel;             // a BroadcastChannel's name
};
// (The control block takes the 16 bytes before the core.)
static_assert(offsetof(PortCore, queue) + sizeof(MessageList) + sizeof(size_t) == 64 - 16,
              "a send touches one cache line of a PortCore");

// A new PortCore, its shared_ptr control block at the start of a cache
// line. Any thread.
std::shared_ptr<PortCore> NewPortCore();

// An allocator for std::allocate_shared that takes its memory from
// Take(bytes) and gives it back with Give(p): messages and port cores live
// in memory of their own (js/message_pool.cc, js/port_core.cc).
template <class T, void *(*Take)(size_t), void (*Give)(void *)>
struct FnAllocator {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = FnAllocator<U, Take, Give>;
  };
  FnAllocator() = default;
  template <class U>
  FnAllocator(const FnAllocator<U, Take, Give> &) {} // NOLINT: converting, as allocators are
  T *allocate(size_t n) { return static_cast<T *>(Take(n * sizeof(T))); }
  void deallocate(T *p, size_t) { Give(p); }
  template <class U>
  bool operator==(const FnAllocator<U, Take, Give> &) const {
    return true;
  }
  template <class U>
  bool operator!=(const FnAllocator<U, Take, Give> &) const {
    return false;
  }
};

// A new, empty message (js/message_pool.cc): any thread; it may be freed on
// any thread.
std::shared_ptr<Message> NewMessage();

// Puts msg on core's queue and wakes its owner when needed. Any thread.
// Returns false (and drops msg) when the port is closed.
bool EnqueueMessage(const std::shared_ptr<PortCore> &core, std::shared_ptr<Message> msg);
// Closes an end: the peer receives a 'close' (after what was already sent).
// Any thread.
void ClosePort(const std::shared_ptr<PortCore> &core);

// Delivers all that every port of realm has received, before a completion
// that must come after it: a Worker's exit comes after all the Worker sent,
// also what a drain left for a wake-up the receiver sent itself, which may
// reach the mailbox after the exit.
void DrainAll(Realm *realm);

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
