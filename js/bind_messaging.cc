// internalBinding('messaging'): MessagePort, MessageChannel, BroadcastChannel
// and the per-core inboxes behind require('shard').send, across isolates.
//
// A sender serializes the value on its own thread and appends the message to
// the receiving end's queue (js/messaging.h). Only the first message of a
// burst wakes the receiver: one sh_msg_t through the owner loop's mailbox
// (IORING_OP_MSG_RING), and the owner drains the whole queue in that wake-up,
// deserializing on its own thread. The messages of a drain reach JS as one
// record of the loop's completion batch, so a storm costs one JS entry per
// loop turn, not one per message.
#include "js/messaging.h"

#include <stdlib.h>
#include <string.h>

#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "io/common.h"
#include "js/binding.h"
#include "js/realm.h"
#include "js/snapshot.h"

namespace shard {

// What a delivery record says about each message: [kind, value, ports].
enum DeliveryKind {
  kDeliverMessage = 0,
  kDeliverError = 1,
  kDeliverClose = 2,
  kDeliverExit = 3,
  kDeliverRun = 4, // value: an array of the values of several messages in a row
  // Several flat objects of one shape in a row: value, the array of their
  // values one after the other; ports, the shape's id.
  kDeliverShapedRun = 5,
};

// What the record of a lone message carries (DeliverLone): the value itself
// for a number, true, false, null and undefined, else where it waits in the
// realm's completion values. internal/worker/io.js has the same numbers.
enum LoneValue { kLoneNumber, kLoneTrue, kLoneFalse, kLoneNull, kLoneUndefined, kLoneStored };

struct PortWrap {
  Realm *realm;
  std::shared_ptr<PortCore> core; // null once closed or transferred
  v8::Global<v8::Object> object;  // weak: the MessagePort keeps this alive, not the reverse
  // core->peer as it was when this port arrived (a channel's ends never
  // change partners): sending needs no lock on core. Once the peer is
  // closed, EnqueueMessage refuses what is sent to it. Null with core.
  std::shared_ptr<PortCore> peer;
};

namespace {

// Marks MessagePort objects (their second internal field points here).
alignas(8) const uint64_t kPortTag = 0x706f7274; // "port"

// ---- the process-wide registry ----
// BroadcastChannel subscribers by name, and the inbox of each core: this is
// how isolates find each other, so it is process-wide by nature, under its
// own lock. Never destroyed (other threads may use it until _exit).
struct Hub {
  std::mutex lock;
  std::unordered_map<std::string, std::vector<std::weak_ptr<PortCore>>> channels;
  std::unordered_map<uint32_t, std::shared_ptr<PortCore>> inboxes;
  uint32_t cores = 0; // how many cores there are (inboxes 0..cores-1)
};

Hub &GetHub() {
  static Hub *hub = new Hub();
  return *hub;
}

struct MessagingData : BindingData {
  explicit MessagingData(Realm *r) : realm(r) {}
  ~MessagingData() override;

  // `new MessagePort()` from JS is refused; C++ makes them.
  static void Construct(const v8::FunctionCallbackInfo<v8::Value> &args);

  Realm *realm;
  v8::Global<v8::Function> port_ctor;   // MessagePort: C++ makes its instances
  v8::Global<v8::Function> port_init;   // JS: sets up the JS state of a new port
  v8::Global<v8::Function> clone_error; // JS: message -> DOMException (DataCloneError)
  double callback = 0;                  // completion id of the JS dispatcher of batches
  double lone_callback = 0;             // ... and of lone messages
  std::unordered_set<PortWrap *> live;
  // Lone messages delivered (DeliverLone), freed after the flush that
  // hands them to JS (FreeDelivered): freeing one gives its chunk back to
  // the sender's pool, a locked write to a line of another CPU, which need
  // not delay the JS that may reply at once. (Deliver frees a batch's
  // messages as it reads them.)
  MessageList delivered;
  bool free_scheduled = false;
  // Ports with messages a drain left for after the flush (DrainLater).
  struct Later {
    std::shared_ptr<PortCore> core;
    size_t budget;
  };
  std::vector<Later> drain_later;
  // The ports of recent lone messages, as JS keeps them (`lonePorts`, by a
  // hash of the PortWrap): a lone message for one of them need not carry
  // its port. JS holds them strongly, so at most kLoneSlots ports that were
  // let go outlive their last message until another port takes their slot.
  static constexpr int kLoneSlots = 8;
  PortWrap *lone_ports[kLoneSlots] = {};
  bool constructing = false;
  // This realm's Object.prototype and Array.prototype, as they were when
  // the realm began (PlainKind).
  v8::Global<v8::Value> object_prototype;
  v8::Global<v8::Value> array_prototype;
};

MessagingData *Data(Realm *realm) { return realm->Data<MessagingData>("messaging"); }

void MessagingData::Construct(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!Data(Realm::From(args))->constructing) {
    ThrowTypeError(args.GetIsolate(), "ERR_CONSTRUCT_CALL_INVALID", "Constructor cannot be called");
  }
}

// Severs a port object from its core (realm thread): the core forgets where
// its JS object was, and messages wait in its queue.
void Unhook(PortWrap *wrap) {
  wrap->peer.reset();
  if (!wrap->core) {
    return;
  }
  std::lock_guard<PortLock> guard(wrap->core->lock);
  if (wrap->core->wrap == wrap) {
    wrap->core->wrap = nullptr;
    wrap->core->receiving = false;
    // A wake-up already in flight finds no port here and is dropped.
    wrap->core->wake_pending = false;
  }
}

MessagingData::~MessagingData() {
  // The realm ends: its ports close, so the other ends see 'close'.
  for (PortWrap *wrap : live) {
    Unhook(wrap);
    if (wrap->core) {
      ClosePort(wrap->core);
    }
    wrap->object.Reset();
    delete wrap;
  }
  live.clear();
  port_ctor.Reset();
  port_init.Reset();
  clone_error.Reset();
  object_prototype.Reset();
  array_prototype.Reset();
}

void OnPortGc(const v8::WeakCallbackInfo<PortWrap> &info) {
  // Nothing here calls V8: the whole job fits the first pass.
  PortWrap *wrap = info.GetParameter();
  wrap->object.Reset();
  Unhook(wrap);
  if (wrap->core) {
    ClosePort(wrap->core);
  }
  MessagingData *data = Data(wrap->realm);
  data->live.erase(wrap);
  for (PortWrap *&lone : data->lone_ports) {
    if (lone == wrap) {
      lone = nullptr;
    }
  }
  delete wrap;
}

bool SameLoop(sh_loop_id_t a, sh_loop_id_t b) { return a.slot == b.slot && a.gen == b.gen; }

// ---- waking the owner ----

// A wake-up allocated when the port's own (PortCore::wake) is still in a
// mailbox: rare (a port handed to another loop meanwhile).
struct WakeMsg {
  sh_msg_t msg;
  std::shared_ptr<PortCore> core;
};

void Drain(PortCore *core, bool own_wake);

void OnWake(sh_msg_t *msg, sh_loop_t *receiver) {
  WakeMsg *wake = reinterpret_cast<WakeMsg *>(msg);
  if (receiver != nullptr) {
    Drain(wake->core.get(), false);
  }
  delete wake;
}

void OnOwnWake(sh_msg_t *msg, sh_loop_t *receiver) {
  auto *wake = reinterpret_cast<PortCore::Wake *>(msg);
  PortCore *core = wake->core;
  if (receiver != nullptr) {
    __builtin_prefetch(wake->first);
    __builtin_prefetch(wake->slots, 1);
    Drain(core, true);
    return;
  }
  std::shared_ptr<PortCore> release; // the mailbox's reference: the last one, maybe
  std::lock_guard<PortLock> guard(core->lock);
  core->wake_busy = false;
  release.swap(core->wake_hold); // destroyed after the guard (declared before it)
}

// With core->lock held: whether the owner needs a wake-up now (messages it
// may deliver, or a close it must see even when not started).
bool NeedsWake(PortCore *core) {
  if (core->wrap == nullptr || core->wake_pending || core->queue.empty()) {
    return false;
  }
  return core->receiving || core->queue.back().kind != Message::kData;
}

// With core->lock held, when NeedsWake: the wake-up to post (after the lock
// is released) with SendWake.
sh_msg_t *PrepareWake(const std::shared_ptr<PortCore> &core) {
  core->wake_pending = true;
  if (core->wake_busy) {
    auto *wake = new WakeMsg{};
    wake->msg.cb = OnWake;
    wake->core = core;
    return &wake->msg;
  }
  core->wake_busy = true;
  core->wake_hold = core;
  core->wake.msg.cb = OnOwnWake;
  core->wake.core = core.get();
  core->wake.first = core->queue.back_address();
  core->wake.slots = core->queue.back_slot();
  return &core->wake.msg;
}

void SendWake(const std::shared_ptr<PortCore> &core, sh_loop_id_t to, sh_msg_t *msg) {
  if (sh_mailbox_send(to, msg) == 0) {
    return;
  }
  // The owner's loop has ended; its realm closes the port.
  std::shared_ptr<PortCore> hold;
  {
    std::lock_guard<PortLock> guard(core->lock);
    core->wake_pending = false;
    if (msg == &core->wake.msg) {
      core->wake_busy = false;
      hold = std::move(core->wake_hold);
    }
  }
  if (msg != &core->wake.msg) {
    delete reinterpret_cast<WakeMsg *>(msg);
  }
}

void WakeIfNeeded(const std::shared_ptr<PortCore> &core) {
  sh_loop_id_t to{};
  sh_msg_t *wake;
  {
    std::lock_guard<PortLock> guard(core->lock);
    if (!NeedsWake(core.get())) {
      return;
    }
    wake = PrepareWake(core);
    to = core->owner;
  }
  SendWake(core, to, wake);
}

// ---- errors ----

void ThrowCloneError(Realm *realm, v8::Local<v8::String> message) {
  v8::Isolate *isolate = realm->isolate();
  MessagingData *data = Data(realm);
  v8::Local<v8::Value> error;
  if (!data->clone_error.IsEmpty()) {
    v8::Local<v8::Value> argv[] = {message};
    if (!data->clone_error.Get(isolate)
             ->Call(realm->context(), v8::Undefined(isolate), 1, argv)
             .ToLocal(&error)) {
      return; // the factory threw
    }
  } else {
    error = v8::Exception::Error(message);
  }
  isolate->ThrowException(error);
}

void ThrowCloneError(Realm *realm, const char *message) {
  ThrowCloneError(realm, OneByte(realm->isolate(), message));
}

// ---- serialization ----

class Serializer : public v8::ValueSerializer::Delegate {
 public:
  Serializer(Realm *realm, Message *msg) : realm_(realm), msg_(msg), ser_(realm->isolate(), this) {}

  void ThrowDataCloneError(v8::Local<v8::String> message) override { ThrowCloneError(realm_, message); }

  v8::Maybe<bool> WriteHostObject(v8::Isolate *isolate, v8::Local<v8::Object> object) override {
    for (size_t i = 0; i < ports_.size(); i++) {
      if (ports_[i] == object) {
        ser_.WriteUint32(static_cast<uint32_t>(i));
        return v8::Just(true);
      }
    }
    if (UnwrapPort(realm_, object) != nullptr) {
      ThrowCloneError(realm_, "Object that needs transfer was found in message but not listed in transferList");
    } else {
      std::string name = ToStdString(isolate, object->GetConstructorName());
      ThrowCloneError(realm_, Str(isolate, "#<" + name + "> could not be cloned."));
    }
    return v8::Nothing<bool>();
  }

  v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate *isolate,
                                             v8::Local<v8::SharedArrayBuffer> sab) override {
    for (size_t i = 0; i < sabs_.size(); i++) {
      if (sabs_[i] == sab) {
        return v8::Just(static_cast<uint32_t>(i));
      }
    }
    sabs_.push_back(sab);
    msg_->Attach().shared.push_back(sab->GetBackingStore());
    return v8::Just(static_cast<uint32_t>(sabs_.size() - 1));
  }

  v8::Maybe<uint32_t> GetWasmModuleTransferId(v8::Isolate *isolate,
                                              v8::Local<v8::WasmModuleObject> module) override {
    std::vector<v8::CompiledWasmModule> &wasm = msg_->Attach().wasm;
    wasm.push_back(module->GetCompiledModule());
    return v8::Just(static_cast<uint32_t>(wasm.size() - 1));
  }

  // Checks the transfer list; false (with an exception thrown) when it is
  // not acceptable. `source` is the sending port's core (may be null).
  bool SetTransfer(v8::Local<v8::Value> list, PortCore *source) {
    if (!list->IsArray()) {
      return true;
    }
    v8::Isolate *isolate = realm_->isolate();
    v8::Local<v8::Context> context = realm_->context();
    v8::Local<v8::Array> items = list.As<v8::Array>();
    for (uint32_t i = 0; i < items->Length(); i++) {
      v8::Local<v8::Value> item;
      if (!items->Get(context, i).ToLocal(&item)) {
        return false;
      }
      if (item->IsArrayBuffer()) {
        v8::Local<v8::ArrayBuffer> ab = item.As<v8::ArrayBuffer>();
        for (const auto &seen : buffers_) {
          if (seen == ab) {
            ThrowCloneError(realm_, "Transfer list contains duplicate ArrayBuffer");
            return false;
          }
        }
        if (!ab->IsDetachable() || ab->WasDetached()) {
          ThrowCloneError(realm_, "Cannot transfer object of unsupported type.");
          return false;
        }
        buffers_.push_back(ab);
        continue;
      }
      PortWrap *wrap = UnwrapPort(realm_, item);
      if (wrap == nullptr) {
        ThrowCloneError(realm_, "Found invalid value in transferList.");
        return false;
      }
      v8::Local<v8::Object> obj = item.As<v8::Object>();
      for (size_t j = 0; j < ports_.size(); j++) {
        if (ports_[j] == obj) {
          ThrowCloneError(realm_, "Transfer list contains duplicate MessagePort");
          return false;
        }
      }
      if (wrap->core.get() == source && source != nullptr) {
        ThrowCloneError(realm_, "Transfer list contains source port");
        return false;
      }
      if (!wrap->core) {
        ThrowCloneError(realm_, "MessagePort in transfer list is already detached");
        return false;
      }
      ports_.push_back(obj);
      port_wraps_.push_back(wrap);
    }
    (void)isolate;
    return true;
  }

  // Serializes value; on success the transferred buffers are detached and
  // the transferred ports leave this realm.
  bool Write(v8::Local<v8::Value> value) {
    ser_.WriteHeader();
    for (size_t i = 0; i < buffers_.size(); i++) {
      ser_.TransferArrayBuffer(static_cast<uint32_t>(i), buffers_[i]);
    }
    if (ser_.WriteValue(realm_->context(), value).IsNothing()) {
      return false;
    }
    std::pair<uint8_t *, size_t> bytes = ser_.Release();
    msg_->size = bytes.second;
    if (bytes.second <= sizeof msg_->small) {
      // Freed here, on the thread that allocated it, not by the receiver.
      memcpy(msg_->small, bytes.first, bytes.second);
      free(bytes.first);
      msg_->data = msg_->small;
    } else {
      msg_->data = bytes.first;
    }
    for (const auto &ab : buffers_) {
      msg_->Attach().buffers.push_back(ab->GetBackingStore());
      ab->Detach();
    }
    for (PortWrap *wrap : port_wraps_) {
      msg_->Attach().ports.push_back(DetachPort(wrap));
    }
    return true;
  }

 private:
  Realm *realm_;
  Message *msg_;
  v8::ValueSerializer ser_;
  std::vector<v8::Local<v8::ArrayBuffer>> buffers_;
  std::vector<v8::Local<v8::SharedArrayBuffer>> sabs_;
  std::vector<v8::Local<v8::Object>> ports_;
  std::vector<PortWrap *> port_wraps_;
};

v8::MaybeLocal<v8::Value> ReadPrimitive(v8::Isolate *isolate, const Message *msg) {
  switch (msg->format) {
    case Message::kOneByteString:
      return v8::String::NewFromOneByte(isolate, msg->data, v8::NewStringType::kNormal,
                                        static_cast<int>(msg->size))
          .FromMaybe(v8::Local<v8::String>());
    case Message::kTwoByteString:
      return v8::String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t *>(msg->data),
                                        v8::NewStringType::kNormal, static_cast<int>(msg->size / 2))
          .FromMaybe(v8::Local<v8::String>());
    case Message::kOneByteJSON:
    case Message::kTwoByteJSON: {
      v8::Local<v8::String> text;
      bool one = msg->format == Message::kOneByteJSON;
      if (!(one ? v8::String::NewFromOneByte(isolate, msg->data, v8::NewStringType::kNormal,
                                              static_cast<int>(msg->size))
                : v8::String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t *>(msg->data),
                                              v8::NewStringType::kNormal, static_cast<int>(msg->size / 2)))
               .ToLocal(&text)) {
        return {};
      }
      return v8::JSON::Parse(isolate->GetCurrentContext(), text);
    }
    case Message::kShapedJSON: {
      thread_local std::vector<uint8_t> json; // reused
      const MessageShape *shape = FindShape(msg->number);
      v8::Local<v8::String> text;
      if (shape == nullptr || !ShapedToJSON(*shape, msg->data, msg->size, &json)) {
        isolate->ThrowException(v8::Exception::Error(OneByte(isolate, "Message could not be deserialized")));
        return {};
      }
      if (!v8::String::NewFromOneByte(isolate, json.data(), v8::NewStringType::kNormal, static_cast<int>(json.size()))
               .ToLocal(&text)) {
        return {};
      }
      return v8::JSON::Parse(isolate->GetCurrentContext(), text);
    }
    case Message::kNumber:
      return v8::Number::New(isolate, msg->number);
    case Message::kTrue:
      return v8::True(isolate);
    case Message::kFalse:
      return v8::False(isolate);
    case Message::kNull:
      return v8::Null(isolate);
    case Message::kTransferredBuffer:
      return v8::ArrayBuffer::New(isolate, msg->attachments->buffers[0]);
    case Message::kTransferredUint8Array:
      return v8::Uint8Array::New(v8::ArrayBuffer::New(isolate, msg->attachments->buffers[0]),
                                 static_cast<size_t>(msg->number), msg->size);
    default:
      return v8::Undefined(isolate);
  }
}

class Deserializer : public v8::ValueDeserializer::Delegate {
 public:
  Deserializer(Realm *realm, Message *msg)
      : realm_(realm), msg_(msg), des_(realm->isolate(), msg->data, msg->size, this) {}

  v8::MaybeLocal<v8::Object> ReadHostObject(v8::Isolate *isolate) override {
    uint32_t index;
    if (!des_.ReadUint32(&index) || index >= ports_.size()) {
      ThrowCloneError(realm_, "Invalid MessagePort in message");
      return {};
    }
    return ports_[index].As<v8::Object>();
  }

  v8::MaybeLocal<v8::SharedArrayBuffer> GetSharedArrayBufferFromId(v8::Isolate *isolate, uint32_t id) override {
    if (!msg_->attachments || id >= msg_->attachments->shared.size()) {
      return {};
    }
    return v8::SharedArrayBuffer::New(isolate, msg_->attachments->shared[id]);
  }

  v8::MaybeLocal<v8::WasmModuleObject> GetWasmModuleFromId(v8::Isolate *isolate, uint32_t id) override {
    if (!msg_->attachments || id >= msg_->attachments->wasm.size()) {
      return {};
    }
    return v8::WasmModuleObject::FromCompiledModule(isolate, msg_->attachments->wasm[id]);
  }

  // The value; *ports gets the transferred ports (now this realm's). The
  // message's transferred memory and ports are moved out of it.
  v8::MaybeLocal<v8::Value> Read(v8::Local<v8::Value> *ports) {
    v8::Isolate *isolate = realm_->isolate();
    v8::Local<v8::Context> context = realm_->context();

    if (msg_->attachments) {
      MessageAttachments &attached = *msg_->attachments;
      for (auto &core : attached.ports) {
        v8::Local<v8::Object> port;
        if (!AttachPort(realm_, std::move(core)).ToLocal(&port)) {
          return {};
        }
        ports_.push_back(port);
      }
      attached.ports.clear();
      for (size_t i = 0; i < attached.buffers.size(); i++) {
        des_.TransferArrayBuffer(static_cast<uint32_t>(i), v8::ArrayBuffer::New(isolate, attached.buffers[i]));
      }
      attached.buffers.clear();
    }
    if (ports_.empty()) {
      *ports = v8::Undefined(isolate);
    } else {
      *ports = v8::Array::New(isolate, ports_.data(), ports_.size());
    }
    if (des_.ReadHeader(context).IsNothing()) {
      return {};
    }
    return des_.ReadValue(context);
  }

 private:
  Realm *realm_;
  Message *msg_;
  v8::ValueDeserializer des_;
  std::vector<v8::Local<v8::Value>> ports_;
};

// The value of a data message, deserialized in this realm.
v8::MaybeLocal<v8::Value> ReadMessage(Realm *realm, Message *msg, v8::Local<v8::Value> *ports) {
  if (msg->format != Message::kSerialized) {
    *ports = v8::Undefined(realm->isolate());
    return ReadPrimitive(realm->isolate(), msg);
  }
  Deserializer des(realm, msg);
  return des.Read(ports);
}

// ---- delivery (owner thread) ----

// Messages sent as one-byte JSON text (plain data, the common case), or as
// the values of flat objects of one shape, several in a row from
// msgs[from]: how many, at most kMaxRunBytes of text. Small enough that a
// run's text, array and objects are young-generation objects in cache: runs
// of up to a megabyte took large-object pages, fresh memory every time
// (a third more page faults and CPU in a one-way storm of small objects).
constexpr size_t kMaxRunBytes = 4096;

size_t JSONRunLength(const MessageList &msgs, size_t from) {
  const Message &first = *msgs[from];
  if (first.kind != Message::kData ||
      (first.format != Message::kOneByteJSON && first.format != Message::kShapedJSON)) {
    return 0;
  }
  size_t bytes = 2, count = 0;
  for (size_t i = from; i < msgs.size(); i++) {
    const Message &m = *msgs[i];
    if (m.kind != Message::kData || m.format != first.format || m.number != first.number ||
        bytes + m.size + 1 > kMaxRunBytes) {
      break;
    }
    bytes += m.size + 1;
    count++;
  }
  return count;
}

// How many messages from msgs[from] in a row are primitives (strings,
// numbers, booleans, null, undefined): their values reach JS as one array,
// a kDeliverRun, instead of three record slots each.
size_t PrimitiveRunLength(const MessageList &msgs, size_t from) {
  size_t count = 0;
  for (size_t i = from; i < msgs.size(); i++) {
    const Message &m = *msgs[i];
    if (m.kind != Message::kData || m.format == Message::kSerialized || m.format > Message::kUndefined) {
      break;
    }
    count++;
  }
  return count;
}

v8::MaybeLocal<v8::Value> ReadPrimitiveRun(v8::Isolate *isolate, const MessageList &msgs, size_t from, size_t count,
                                           std::vector<v8::Local<v8::Value>> *values) {
  values->clear();
  for (size_t i = from; i < from + count; i++) {
    v8::Local<v8::Value> value;
    if (!ReadPrimitive(isolate, msgs[i].get()).ToLocal(&value)) {
      return {};
    }
    values->push_back(value);
  }
  return v8::Array::New(isolate, values->data(), values->size());
}

// Parses count JSON texts from msgs[from] at once, as the array "[a,b,...]":
// one string and one JSON.parse for the run costs about half of one each.
v8::MaybeLocal<v8::Value> ParseJSONRun(v8::Isolate *isolate, const MessageList &msgs, size_t from, size_t count) {
  thread_local std::vector<uint8_t> text; // reused; a run is at most kMaxRunBytes
  text.clear();
  text.push_back('[');
  for (size_t i = from; i < from + count; i++) {
    if (i > from) {
      text.push_back(',');
    }
    text.insert(text.end(), msgs[i]->data, msgs[i]->data + msgs[i]->size);
  }
  text.push_back(']');
  v8::Local<v8::String> source;
  if (!v8::String::NewFromOneByte(isolate, text.data(), v8::NewStringType::kNormal, static_cast<int>(text.size()))
           .ToLocal(&source)) {
    return {};
  }
  return v8::JSON::Parse(isolate->GetCurrentContext(), source);
}

void FreeDelivered(void *arg) {
  auto *data = static_cast<MessagingData *>(arg);
  data->delivered.clear();
  if (data->delivered.capacity() > 4096) {
    MessageList().swap(data->delivered); // a storm's worth of capacity is not kept
  }
  data->free_scheduled = false;
}

// Moves the batch's messages to those freed after the flush.
void RetireBatch(Realm *realm, MessagingData *data, MessageList &batch) {
  if (data->delivered.empty()) {
    data->delivered.swap(batch);
  } else {
    data->delivered.insert(data->delivered.end(), std::make_move_iterator(batch.begin()),
                           std::make_move_iterator(batch.end()));
    batch.clear();
  }
  if (!data->free_scheduled) {
    data->free_scheduled = true;
    realm->AfterFlush(FreeDelivered, data);
  }
}

// A batch of one message that needs neither V8's deserializer nor an
// array: a ping-pong delivers only such batches, and building the array of
// a batch and storing it cost about a quarter of a hop. The record carries
// the value (a number, boolean, null or undefined) or where it waits among
// the completion values, and the port only when it is not in its slot of
// the ports of recent lone messages. Returns false (nothing done) for any
// other batch.
bool DeliverLone(Realm *realm, MessagingData *data, PortWrap *wrap, v8::Local<v8::Object> port, Message *msg) {
  if (msg->kind != Message::kData || data->lone_callback == 0) {
    return false;
  }
  v8::Isolate *isolate = realm->isolate();
  LoneValue lone;
  double aux = 0;
  switch (msg->format) {
    case Message::kNumber:
      lone = kLoneNumber;
      aux = msg->number;
      break;
    case Message::kTrue:
      lone = kLoneTrue;
      break;
    case Message::kFalse:
      lone = kLoneFalse;
      break;
    case Message::kNull:
      lone = kLoneNull;
      break;
    case Message::kUndefined:
      lone = kLoneUndefined;
      break;
    case Message::kSerialized:
      return false;
    default: {
      v8::TryCatch try_catch(isolate); // a failure (a string too long) goes the general way
      v8::Local<v8::Value> value;
      if (!ReadPrimitive(isolate, msg).ToLocal(&value)) {
        return false;
      }
      lone = kLoneStored;
      aux = realm->PushCompletionValue(value);
    }
  }
  int slot = static_cast<int>((reinterpret_cast<uintptr_t>(wrap) * 0x9e3779b97f4a7c15u) >> 61);
  double port_index = -1; // already in its slot
  if (data->lone_ports[slot] != wrap) {
    port_index = realm->PushCompletionValue(port);
    data->lone_ports[slot] = wrap;
  }
  realm->PushCompletion(data->lone_callback, slot, aux, lone, port_index);
  return true;
}

// Hands a batch of messages of one port to JS: one completion record whose
// value is [port, kind, value, ports, kind, value, ports, ...] (ports is
// undefined when none were transferred; a kDeliverRun stands for several
// messages in a row). Each message is freed once read, while its lines are
// in this CPU's cache: after the flush, as a lone message is, freeing a
// thousand cost a cache miss each.
void Deliver(Realm *realm, PortWrap *wrap, MessageList &batch) {
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  MessagingData *data = Data(realm);
  v8::Local<v8::Object> port = wrap->object.Get(isolate);
  if (port.IsEmpty() || data->callback == 0) {
    return;
  }
  if (batch.size() == 1 && DeliverLone(realm, data, wrap, port, batch[0].get())) {
    RetireBatch(realm, data, batch);
    return;
  }
  std::vector<v8::Local<v8::Value>> records;
  records.reserve(1 + batch.size() * 3);
  records.push_back(port);
  v8::Local<v8::Value> undefined = v8::Undefined(isolate);
  // One TryCatch for the batch (reset after each failure): building and
  // tearing one down per message showed in profiles of message storms.
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Value> kinds[] = {v8::Integer::New(isolate, kDeliverMessage), v8::Integer::New(isolate, kDeliverError),
                                  v8::Integer::New(isolate, kDeliverClose), v8::Integer::New(isolate, kDeliverExit),
                                  v8::Integer::New(isolate, kDeliverRun), v8::Integer::New(isolate, kDeliverShapedRun)};
  std::vector<v8::Local<v8::Value>> primitive_values; // of a run of primitives
  // A run of count messages from batch[*i] became one value: its record,
  // the messages freed, *i at the run's last message.
  auto take_run = [&](size_t *i, size_t count, int kind, v8::Local<v8::Value> value, v8::Local<v8::Value> extra) {
    records.push_back(kinds[kind]);
    records.push_back(value);
    records.push_back(extra);
    for (size_t k = *i; k < *i + count; k++) {
      batch[k].reset();
    }
    *i += count - 1;
  };
  for (size_t i = 0; i < batch.size(); i++) {
    Message *msg = batch[i].get();
    v8::Local<v8::Value> value = undefined, ports = undefined;
    int kind;
    size_t primitives = PrimitiveRunLength(batch, i);
    if (primitives >= 2) {
      if (ReadPrimitiveRun(isolate, batch, i, primitives, &primitive_values).ToLocal(&value)) {
        take_run(&i, primitives, kDeliverRun, value, undefined);
        continue;
      }
      if (try_catch.HasTerminated()) {
        return;
      }
      try_catch.Reset(); // (a string too long) one at a time, below
    }
    size_t run = JSONRunLength(batch, i);
    if (run >= 2) {
      const MessageShape *shape = msg->format == Message::kShapedJSON ? FindShape(msg->number) : nullptr;
      v8::MaybeLocal<v8::Value> parsed;
      v8::Local<v8::Array> run_values;
      if (shape != nullptr) {
        if (ParseShapedRun(isolate, *shape, batch, i, run).ToLocal(&run_values)) {
          parsed = run_values;
        }
      } else if (msg->format == Message::kOneByteJSON) {
        parsed = ParseJSONRun(isolate, batch, i, run);
      }
      if (parsed.ToLocal(&value)) {
        if (msg->format == Message::kShapedJSON) {
          take_run(&i, run, kDeliverShapedRun, value, v8::Number::New(isolate, msg->number));
        } else {
          take_run(&i, run, kDeliverRun, value, undefined);
        }
        continue;
      }
      if (try_catch.HasTerminated()) {
        return;
      }
      try_catch.Reset(); // (never seen: each text parses alone) one at a time, below
    }
    if (msg->kind == Message::kClose) {
      kind = kDeliverClose;
    } else if (msg->kind == Message::kExit) {
      kind = kDeliverExit;
      value = v8::Integer::New(isolate, msg->code);
    } else if (ReadMessage(realm, msg, &ports).ToLocal(&value)) {
      kind = kDeliverMessage;
    } else {
      if (try_catch.HasTerminated()) {
        return;
      }
      kind = kDeliverError;
      value = try_catch.HasCaught() ? try_catch.Exception()
                                    : v8::Exception::Error(OneByte(isolate, "Message could not be deserialized"));
      ports = undefined;
      try_catch.Reset();
    }
    records.push_back(kinds[kind]);
    records.push_back(value);
    records.push_back(ports);
    batch[i].reset();
  }
  int count = static_cast<int>(records.size());
  v8::Local<v8::Array> array = v8::Array::New(isolate, records.data(), records.size());
  realm->PushCompletion(data->callback, count, realm->PushCompletionValue(array));
}

// The most messages of one port a drain hands to JS at once. A storm's
// receiver otherwise took tens of thousands at once when it fell behind,
// and their values, all alive until their turn, made every scavenge copy
// megabytes (a third of the receiver's time in a one-way storm of strings).
constexpr size_t kMaxDelivery = 1024;

// Takes at most max of core's messages (when its owner may receive them)
// and delivers them; returns how many it left in the queue, and then sets
// *rest to the core (delivery may run JS, which may let the port go).
// own_wake: called for the core's own wake-up, which is free again once
// the lock is taken.
size_t DrainSome(PortCore *core, bool own_wake, size_t max, std::shared_ptr<PortCore> *rest) {
  // Reused from drain to drain: its capacity goes back and forth with the
  // queues' (MessageQueue::TakeAll).
  thread_local MessageList batch;
  std::shared_ptr<PortCore> release; // the mailbox's reference, dropped outside the lock
  v8::Isolate *isolate = v8::Isolate::GetCurrent();
  Realm *realm = isolate != nullptr ? Realm::From(isolate) : nullptr;
  PortWrap *wrap = nullptr;
  size_t left = 0;
  {
    std::lock_guard<PortLock> guard(core->lock);
    if (own_wake) {
      core->wake_busy = false;
      release = std::move(core->wake_hold);
    }
    core->wake_pending = false;
    if (realm != nullptr && core->wrap != nullptr && SameLoop(core->owner, sh_loop_id(realm->loop())) &&
        !realm->exiting()) {
      wrap = core->wrap;
      if (core->receiving) {
        core->queue.Take(batch, max);
        left = core->queue.size();
        if (left > 0) {
          *rest = wrap->core;
        }
      } else if (!core->queue.empty() && core->queue.back().kind != Message::kData) {
        // Not started, but the other end closed: what it sent still arrives,
        // then the close.
        core->queue.TakeAll(batch);
      }
    }
  }
  if (!batch.empty()) {
    Deliver(realm, wrap, batch);
    batch.clear();
    if (batch.capacity() > 4096) {
      MessageList().swap(batch); // a storm's worth of capacity is not kept
    }
  }
  return left;
}

void DrainLeft(void *arg);

// Delivers more of core's messages after the flush that runs the ones just
// delivered, in the same pass (Realm::FlushCompletions): nothing else runs
// among the messages present at a wake-up, as in Node. budget: how many of
// those are left; what came later waits for a wake-up of its own, so a
// receiver that cannot keep up still lets its loop turn.
void DrainLater(Realm *realm, std::shared_ptr<PortCore> core, size_t budget) {
  MessagingData *data = Data(realm);
  if (data->drain_later.empty()) {
    realm->AfterFlush(DrainLeft, data);
  }
  data->drain_later.push_back({std::move(core), budget});
}

void DrainLeft(void *arg) {
  auto *data = static_cast<MessagingData *>(arg);
  std::vector<MessagingData::Later> now;
  now.swap(data->drain_later);
  for (MessagingData::Later &later : now) {
    size_t max = later.budget < kMaxDelivery ? later.budget : kMaxDelivery;
    std::shared_ptr<PortCore> rest;
    size_t left = DrainSome(later.core.get(), false, max, &rest);
    if (left == 0) {
      continue;
    }
    if (later.budget > max) {
      DrainLater(data->realm, std::move(rest), later.budget - max);
    } else {
      WakeIfNeeded(rest);
    }
  }
}

// Delivers what core's queue holds (owner thread), kMaxDelivery messages
// per flush.
void Drain(PortCore *core, bool own_wake) {
  std::shared_ptr<PortCore> rest;
  size_t left = DrainSome(core, own_wake, kMaxDelivery, &rest);
  if (left > 0) {
    DrainLater(Realm::From(v8::Isolate::GetCurrent()), std::move(rest), left);
  }
}

// ---- JS functions ----

PortWrap *ThisPort(const v8::FunctionCallbackInfo<v8::Value> &args, int index = 0) {
  PortWrap *wrap = UnwrapPort(Realm::From(args), args[index]);
  if (wrap == nullptr) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", "The \"port\" argument must be a MessagePort instance");
  }
  return wrap;
}

// What setup() was given, kept on the binding object: a realm started from
// the worker snapshot finds it there (attach()).
v8::Local<v8::Private> SetupKey(v8::Isolate *isolate) {
  return v8::Private::ForApi(isolate, OneByte(isolate, "shard:messagingSetup"));
}

void ApplySetup(Realm *realm, v8::Local<v8::Value> callback, v8::Local<v8::Value> lone_callback,
                v8::Local<v8::Value> port_init, v8::Local<v8::Value> clone_error) {
  v8::Isolate *isolate = realm->isolate();
  MessagingData *data = Data(realm);
  data->callback = callback->NumberValue(realm->context()).FromMaybe(0);
  data->lone_callback = lone_callback->NumberValue(realm->context()).FromMaybe(0);
  if (port_init->IsFunction()) {
    data->port_init.Reset(isolate, port_init.As<v8::Function>());
  }
  if (clone_error->IsFunction()) {
    data->clone_error.Reset(isolate, clone_error.As<v8::Function>());
  }
}

// setup(batchCallbackId, loneCallbackId, portInit, cloneError)
void Setup(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Value> values[] = {args[0], args[1], args[2], args[3]};
  ApplySetup(realm, values[0], values[1], values[2], values[3]);
  USE(args.This()->SetPrivate(realm->context(), SetupKey(isolate), v8::Array::New(isolate, values, 4)));
}

// The realm's state that the binding's objects do not hold: for a binding
// made here (InitMessaging), or one that came out of the worker snapshot.
void AttachMessagingBinding(Realm *realm, v8::Local<v8::Object> binding) {
  v8::Isolate *isolate = realm->isolate();
  v8::Local<v8::Context> context = realm->context();
  MessagingData *data = Data(realm);
  // The intrinsics themselves, whatever globalThis.Object has become.
  data->object_prototype.Reset(isolate, v8::Object::New(isolate)->GetPrototype());
  data->array_prototype.Reset(isolate, v8::Array::New(isolate)->GetPrototype());
  v8::Local<v8::Value> ctor = binding->Get(context, OneByte(isolate, "MessagePort")).ToLocalChecked();
  SH_CHECK(ctor->IsFunction());
  data->port_ctor.Reset(isolate, ctor.As<v8::Function>());
  NoteCores(realm->options()->cores);
  v8::Local<v8::Value> setup;
  if (binding->GetPrivate(context, SetupKey(isolate)).ToLocal(&setup) && setup->IsArray()) {
    v8::Local<v8::Array> values = setup.As<v8::Array>();
    auto at = [&](uint32_t i) { return values->Get(context, i).ToLocalChecked(); };
    ApplySetup(realm, at(0), at(1), at(2), at(3));
  }
}

void Attach(const v8::FunctionCallbackInfo<v8::Value> &args) {
  AttachMessagingBinding(Realm::From(args), args.This());
}

// createChannel() -> [port1, port2]
void CreateChannel(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  std::shared_ptr<PortCore> a, b;
  NewChannel(&a, &b);
  v8::Local<v8::Object> p1, p2;
  if (!AttachPort(realm, a).ToLocal(&p1) || !AttachPort(realm, b).ToLocal(&p2)) {
    return;
  }
  v8::Local<v8::Value> pair[] = {p1, p2};
  args.GetReturnValue().Set(v8::Array::New(args.GetIsolate(), pair, 2));
}

// Primitives cross without V8's serializer: fewer allocations and no
// serializer state on either side. Returns false when value is not one.
bool WritePrimitive(v8::Isolate *isolate, v8::Local<v8::Value> value, Message *msg) {
  if (value->IsString()) {
    v8::Local<v8::String> str = value.As<v8::String>();
    int length = str->Length();
    if (str->IsOneByte()) {
      msg->format = Message::kOneByteString;
      msg->size = static_cast<size_t>(length);
      msg->data = msg->size <= sizeof msg->small ? msg->small : static_cast<uint8_t *>(sh_xmalloc(msg->size));
      str->WriteOneByte(isolate, msg->data, 0, length, v8::String::NO_NULL_TERMINATION);
    } else {
      msg->format = Message::kTwoByteString;
      msg->size = static_cast<size_t>(length) * 2;
      msg->data = msg->size <= sizeof msg->small ? msg->small : static_cast<uint8_t *>(sh_xmalloc(msg->size));
      str->Write(isolate, reinterpret_cast<uint16_t *>(msg->data), 0, length, v8::String::NO_NULL_TERMINATION);
    }
  } else if (value->IsNumber()) {
    msg->format = Message::kNumber;
    msg->number = value.As<v8::Number>()->Value();
  } else if (value->IsTrue()) {
    msg->format = Message::kTrue;
  } else if (value->IsFalse()) {
    msg->format = Message::kFalse;
  } else if (value->IsNull()) {
    msg->format = Message::kNull;
  } else if (value->IsUndefined()) {
    msg->format = Message::kUndefined;
  } else {
    return false;
  }
  return true;
}

// postMessage(ab, [ab]) and postMessage(bytes, [bytes.buffer]), the common
// ways to hand memory to another thread: the buffer moves without V8's
// serializer and deserializer (about three quarters of such a hop). A
// Uint8Array (a Buffer too) arrives as a Uint8Array, as structured clone
// makes it. Returns false, having done nothing, for any other value and
// transfer list, and for a buffer that cannot move (the serializer then
// throws its error).
bool WriteTransferredBuffer(v8::Isolate *isolate, v8::Local<v8::Value> value, v8::Local<v8::Value> list,
                            Message *msg) {
  if (!list->IsArray() || list.As<v8::Array>()->Length() != 1) {
    return false;
  }
  v8::Local<v8::ArrayBuffer> ab;
  Message::Format format;
  if (value->IsArrayBuffer()) {
    ab = value.As<v8::ArrayBuffer>();
    format = Message::kTransferredBuffer;
  } else if (value->IsUint8Array()) {
    ab = value.As<v8::Uint8Array>()->Buffer();
    format = Message::kTransferredUint8Array;
  } else {
    return false;
  }
  v8::Local<v8::Value> item;
  if (!list.As<v8::Array>()->Get(isolate->GetCurrentContext(), 0).ToLocal(&item) || item != ab) {
    return false;
  }
  if (!ab->IsDetachable() || ab->WasDetached()) {
    return false;
  }
  if (format == Message::kTransferredUint8Array) {
    v8::Local<v8::Uint8Array> view = value.As<v8::Uint8Array>();
    msg->number = static_cast<double>(view->ByteOffset());
    msg->size = view->ByteLength();
  }
  msg->format = format;
  msg->Attach().buffers.push_back(ab->GetBackingStore());
  ab->Detach();
  return true;
}

// Serializes value with the transfer list `list` (undefined: none); null
// on exception.
std::shared_ptr<Message> SerializeValue(Realm *realm, v8::Local<v8::Value> value, v8::Local<v8::Value> list,
                                        PortCore *source) {
  auto msg = NewMessage();
  // (IsUndefined is inline, IsArray a call: most messages have no list.)
  bool no_transfer = list->IsUndefined() || !list->IsArray() || list.As<v8::Array>()->Length() == 0;
  if (no_transfer ? WritePrimitive(realm->isolate(), value, msg.get())
                  : WriteTransferredBuffer(realm->isolate(), value, list, msg.get())) {
    return msg;
  }
  Serializer ser(realm, msg.get());
  if (!ser.SetTransfer(list, source) || !ser.Write(value)) {
    return nullptr;
  }
  return msg;
}

// Serializes args[1] with the transfer list args[2]; null on exception.
std::shared_ptr<Message> SerializeArgs(const v8::FunctionCallbackInfo<v8::Value> &args, PortCore *source) {
  return SerializeValue(Realm::From(args), args[1], args[2], source);
}

// A value the JS side encoded as JSON text (plain data: internal/worker/io's
// sendPlain); the receiver parses it back.
std::shared_ptr<Message> JSONMessage(v8::Isolate *isolate, v8::Local<v8::Value> text) {
  auto msg = NewMessage();
  WritePrimitive(isolate, text, msg.get());
  msg->format = msg->format == Message::kOneByteString ? Message::kOneByteJSON : Message::kTwoByteJSON;
  return msg;
}

// post(port, value, transferList | undefined): to the other end. Checks
// port itself (it is the `this` of postMessage).
void Post(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = UnwrapPort(Realm::From(args), args[0]);
  if (wrap == nullptr) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be of type MessagePort");
    return;
  }
  if (!wrap->core) {
    return; // closed or transferred: nothing is sent, as in Node
  }
  std::shared_ptr<Message> msg = SerializeArgs(args, wrap->core.get());
  if (msg && wrap->peer) {
    EnqueueMessage(wrap->peer, std::move(msg));
  }
}

// broadcast(handle, value): to every other subscriber of the channel's name.
void Broadcast(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = ThisPort(args);
  if (wrap == nullptr || !wrap->core) {
    return;
  }
  Realm *realm = Realm::From(args);
  auto msg = NewMessage();
  if (!WritePrimitive(args.GetIsolate(), args[1], msg.get())) {
    Serializer ser(realm, msg.get());
    if (!ser.Write(args[1])) {
      return;
    }
  }
  std::vector<std::shared_ptr<PortCore>> targets;
  {
    Hub &hub = GetHub();
    std::lock_guard<std::mutex> guard(hub.lock);
    auto it = hub.channels.find(wrap->core->channel);
    if (it != hub.channels.end()) {
      for (auto &weak : it->second) {
        std::shared_ptr<PortCore> core = weak.lock();
        if (core && core != wrap->core) {
          targets.push_back(std::move(core));
        }
      }
    }
  }
  // One serialized copy, shared read-only by every receiver.
  for (auto &core : targets) {
    EnqueueMessage(core, msg);
  }
}

// broadcastChannel(name) -> a port subscribed to name, already receiving.
void BroadcastChannelHandle(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  auto core = NewPortCore();
  core->channel = ToStdString(args.GetIsolate(), args[0]);
  {
    Hub &hub = GetHub();
    std::lock_guard<std::mutex> guard(hub.lock);
    auto &subs = hub.channels[core->channel];
    // Drop the entries of collected subscribers while here.
    for (size_t i = 0; i < subs.size();) {
      if (subs[i].expired()) {
        subs[i] = subs.back();
        subs.pop_back();
      } else {
        i++;
      }
    }
    subs.push_back(core);
  }
  v8::Local<v8::Object> port;
  if (AttachPort(realm, core).ToLocal(&port)) {
    args.GetReturnValue().Set(port);
  }
}

std::shared_ptr<PortCore> Inbox(uint32_t index) {
  Hub &hub = GetHub();
  std::lock_guard<std::mutex> guard(hub.lock);
  std::shared_ptr<PortCore> &core = hub.inboxes[index];
  if (!core) {
    core = NewPortCore();
  }
  return core;
}

// coreInbox() -> this core's inbox as a port (messages sent to it by index).
void CoreInbox(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Local<v8::Object> port;
  if (AttachPort(realm, Inbox(realm->options()->core)).ToLocal(&port)) {
    args.GetReturnValue().Set(port);
  }
}

// sendToCore(index, value, transferList)
void SendToCore(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  uint32_t index = args[0]->Uint32Value(realm->context()).FromMaybe(0);
  std::shared_ptr<Message> msg = SerializeArgs(args, nullptr);
  if (msg) {
    EnqueueMessage(Inbox(index), std::move(msg));
  }
}

// Where postJSON and postFlat send: a port's peer (not copied: the count
// is an atomic both ends' threads touch), or the inbox of a core by index
// (held in *core_inbox). Null, with an exception, for neither a port nor a
// number; an empty pointer when the port is closed (nothing is sent, as in
// Node).
const std::shared_ptr<PortCore> *PlainTarget(const v8::FunctionCallbackInfo<v8::Value> &args,
                                             std::shared_ptr<PortCore> *core_inbox) {
  Realm *realm = Realm::From(args);
  if (args[0]->IsNumber()) {
    *core_inbox = Inbox(args[0]->Uint32Value(realm->context()).FromMaybe(0));
    return core_inbox;
  }
  PortWrap *wrap = UnwrapPort(realm, args[0]);
  if (wrap == nullptr) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be of type MessagePort");
    return nullptr;
  }
  return &wrap->peer;
}

// postJSON(port | core, text): like post (or sendToCore), for a value
// encoded as JSON text.
void PostJSON(const v8::FunctionCallbackInfo<v8::Value> &args) {
  std::shared_ptr<PortCore> core_inbox;
  const std::shared_ptr<PortCore> *target = PlainTarget(args, &core_inbox);
  if (target != nullptr && *target && args[1]->IsString()) {
    EnqueueMessage(*target, JSONMessage(args.GetIsolate(), args[1]));
  }
}

// postFlat(port | core, shapeId, value...) -> whether it was sent: a flat
// object of that shape, given as its values (internal/worker/io's
// messageJSON). They cross as their JSON text (AppendJSONPrimitive); false,
// nothing sent, when one is not a primitive JSON carries exactly.
void PostFlat(const v8::FunctionCallbackInfo<v8::Value> &args) {
  thread_local std::string text; // reused
  v8::Isolate *isolate = args.GetIsolate();
  const MessageShape *shape = args[1]->IsNumber() ? FindShape(args[1].As<v8::Number>()->Value()) : nullptr;
  if (shape == nullptr || static_cast<size_t>(args.Length()) != 2 + shape->keys.size()) {
    ThrowTypeError(isolate, "ERR_INTERNAL_ASSERTION", "postFlat: values do not fit the shape");
    return;
  }
  text.clear();
  for (int i = 2; i < args.Length(); i++) {
    if (i > 2) {
      text.push_back(',');
    }
    if (!AppendJSONPrimitive(isolate, args[i], &text)) {
      args.GetReturnValue().Set(false);
      return;
    }
  }
  std::shared_ptr<PortCore> core_inbox;
  const std::shared_ptr<PortCore> *target = PlainTarget(args, &core_inbox);
  if (target == nullptr) {
    return;
  }
  if (*target) {
    auto msg = NewMessage();
    msg->format = Message::kShapedJSON;
    msg->number = args[1].As<v8::Number>()->Value();
    msg->size = text.size();
    msg->data = msg->size <= sizeof msg->small ? msg->small : static_cast<uint8_t *>(sh_xmalloc(msg->size));
    memcpy(msg->data, text.data(), text.size());
    EnqueueMessage(*target, std::move(msg));
  }
  args.GetReturnValue().Set(true);
}

void CoreCount(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Hub &hub = GetHub();
  std::lock_guard<std::mutex> guard(hub.lock);
  args.GetReturnValue().Set(hub.cores);
}

void Start(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = ThisPort(args);
  if (wrap == nullptr || !wrap->core) {
    return;
  }
  {
    std::lock_guard<PortLock> guard(wrap->core->lock);
    wrap->core->receiving = true;
  }
  // What waited while stopped arrives at the next turn, never synchronously.
  WakeIfNeeded(wrap->core);
}

void Stop(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = ThisPort(args);
  if (wrap == nullptr || !wrap->core) {
    return;
  }
  std::lock_guard<PortLock> guard(wrap->core->lock);
  wrap->core->receiving = false;
}

// close(port): this end closes; the other gets a 'close' after what it was sent.
void Close(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = ThisPort(args);
  if (wrap == nullptr || !wrap->core) {
    return;
  }
  std::shared_ptr<PortCore> core = std::move(wrap->core);
  wrap->peer.reset();
  {
    std::lock_guard<PortLock> guard(core->lock);
    core->wrap = nullptr;
    core->receiving = false;
  }
  ClosePort(core);
}

// receive(port) -> [value] | undefined: one queued message, synchronously.
void Receive(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = ThisPort(args);
  if (wrap == nullptr || !wrap->core) {
    return;
  }
  std::shared_ptr<Message> msg;
  {
    std::lock_guard<PortLock> guard(wrap->core->lock);
    auto &queue = wrap->core->queue;
    if (queue.empty() || queue.front().kind != Message::kData) {
      return;
    }
    msg = queue.pop();
  }
  Realm *realm = Realm::From(args);
  v8::Local<v8::Value> ports;
  v8::Local<v8::Value> value;
  if (ReadMessage(realm, msg.get(), &ports).ToLocal(&value)) {
    v8::Local<v8::Value> out[] = {value, ports};
    args.GetReturnValue().Set(v8::Array::New(args.GetIsolate(), out, 2));
  }
}

// requeue(port, rest, closed): rest is [value, ports, value, ports, ...],
// messages the port received and JS holds, not emitted yet; they go back to
// the front of its queue (with the close that came after them when
// closed), serialized again: a port transferred from a listener of its own
// delivery takes them along, as a Node port takes its queue.
void Requeue(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = ThisPort(args);
  if (wrap == nullptr || !wrap->core || !args[1]->IsArray()) {
    return;
  }
  Realm *realm = Realm::From(args);
  v8::Local<v8::Context> context = realm->context();
  v8::Local<v8::Array> rest = args[1].As<v8::Array>();
  MessageList msgs;
  for (uint32_t i = 0; i + 1 < rest->Length(); i += 2) {
    v8::Local<v8::Value> value, ports;
    if (!rest->Get(context, i).ToLocal(&value) || !rest->Get(context, i + 1).ToLocal(&ports)) {
      return;
    }
    std::shared_ptr<Message> msg = SerializeValue(realm, value, ports, wrap->core.get());
    if (!msg) {
      return;
    }
    msgs.push_back(std::move(msg));
  }
  if (args[2]->IsTrue()) {
    msgs.push_back(NewMessage());
    msgs.back()->kind = Message::kClose;
  }
  {
    std::lock_guard<PortLock> guard(wrap->core->lock);
    wrap->core->queue.PushFront(msgs);
  }
  WakeIfNeeded(wrap->core);
}

// plainKind(value): 1 for an object whose prototype is Object.prototype or
// null, 2 for an array whose prototype is Array.prototype, 0 for anything
// else, a proxy included (asking a proxy for its prototype runs its trap).
// One call where the plain-data encoder made two (isProxy, then
// Object.getPrototypeOf, a runtime call in V8 10).
void PlainKind(const v8::FunctionCallbackInfo<v8::Value> &args) {
  int kind = 0;
  if (args[0]->IsObject() && !args[0]->IsProxy()) {
    v8::Isolate *isolate = args.GetIsolate();
    MessagingData *data = Data(Realm::From(args));
    v8::Local<v8::Object> obj = args[0].As<v8::Object>();
    v8::Local<v8::Value> proto = obj->GetPrototype();
    if (obj->IsArray()) {
      kind = proto == data->array_prototype.Get(isolate) ? 2 : 0;
    } else if (proto->IsNull() || proto == data->object_prototype.Get(isolate)) {
      kind = 1;
    }
  }
  args.GetReturnValue().Set(kind);
}

// shapeId(keys) -> the id of the shape of an array of keys, or -1
// (InternShape). Each key is Latin-1 text (the caller checked).
void ShapeId(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  int id = -1;
  if (args[0]->IsArray()) {
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Array> array = args[0].As<v8::Array>();
    std::vector<std::string> keys;
    bool ok = true;
    for (uint32_t i = 0; ok && i < array->Length(); i++) {
      v8::Local<v8::Value> key;
      ok = array->Get(context, i).ToLocal(&key) && key->IsString() && key.As<v8::String>()->ContainsOnlyOneByte();
      if (ok) {
        v8::Local<v8::String> str = key.As<v8::String>();
        std::string bytes(static_cast<size_t>(str->Length()), '\0');
        str->WriteOneByte(isolate, reinterpret_cast<uint8_t *>(bytes.data()), 0, str->Length(),
                          v8::String::NO_NULL_TERMINATION);
        keys.push_back(std::move(bytes));
      }
    }
    if (ok) {
      id = InternShape(std::move(keys));
    }
  }
  args.GetReturnValue().Set(id);
}

// shapeKeys(id) -> the keys of a shape, or undefined.
void ShapeKeys(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  const MessageShape *shape = args[0]->IsNumber() ? FindShape(args[0].As<v8::Number>()->Value()) : nullptr;
  if (shape == nullptr) {
    return;
  }
  std::vector<v8::Local<v8::Value>> keys;
  for (const std::string &key : shape->keys) {
    v8::Local<v8::String> str;
    if (!v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(key.data()),
                                    v8::NewStringType::kInternalized, static_cast<int>(key.size()))
             .ToLocal(&str)) {
      return;
    }
    keys.push_back(str);
  }
  args.GetReturnValue().Set(v8::Array::New(isolate, keys.data(), keys.size()));
}

void IsPort(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(UnwrapPort(Realm::From(args), args[0]) != nullptr);
}

// isActive(port): not closed and not transferred.
void IsActive(const v8::FunctionCallbackInfo<v8::Value> &args) {
  PortWrap *wrap = UnwrapPort(Realm::From(args), args[0]);
  args.GetReturnValue().Set(wrap != nullptr && wrap->core != nullptr);
}

void InitMessaging(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  RegisterExternalReference(reinterpret_cast<const void *>(MessagingData::Construct));
  v8::Local<v8::FunctionTemplate> port = v8::FunctionTemplate::New(isolate, MessagingData::Construct);
  port->SetClassName(OneByte(isolate, "MessagePort"));
  // [0] the PortWrap, [1] kPortTag: a cheaper check than HasInstance.
  port->InstanceTemplate()->SetInternalFieldCount(2);
  SetValue(isolate, target, "MessagePort", port->GetFunction(realm->context()).ToLocalChecked());
  SetMethod(isolate, target, "setup", Setup);
  SetMethod(isolate, target, "attach", Attach);
  SetMethod(isolate, target, "createChannel", CreateChannel);
  SetMethod(isolate, target, "post", Post);
  SetMethod(isolate, target, "postJSON", PostJSON);
  SetMethod(isolate, target, "postFlat", PostFlat);
  SetMethod(isolate, target, "broadcast", Broadcast);
  SetMethod(isolate, target, "broadcastChannel", BroadcastChannelHandle);
  SetMethod(isolate, target, "coreInbox", CoreInbox);
  SetMethod(isolate, target, "sendToCore", SendToCore);
  SetMethod(isolate, target, "coreCount", CoreCount);
  SetMethod(isolate, target, "start", Start);
  SetMethod(isolate, target, "stop", Stop);
  SetMethod(isolate, target, "close", Close);
  SetMethod(isolate, target, "receive", Receive);
  SetMethod(isolate, target, "requeue", Requeue);
  SetMethod(isolate, target, "isPort", IsPort);
  SetMethod(isolate, target, "plainKind", PlainKind);
  SetMethod(isolate, target, "shapeId", ShapeId);
  SetMethod(isolate, target, "shapeKeys", ShapeKeys);
  SetMethod(isolate, target, "isActive", IsActive);
  AttachMessagingBinding(realm, target);
}

}  // namespace

// ---- js/messaging.h ----

void NoteCores(unsigned count) {
  Hub &hub = GetHub();
  std::lock_guard<std::mutex> guard(hub.lock);
  if (count > hub.cores) {
    hub.cores = count;
  }
}

Message::~Message() {
  if (data != small) {
    free(data);
  }
  if (attachments) {
    for (auto &port : attachments->ports) {
      if (port) {
        ClosePort(port);
      }
    }
  }
}

bool EnqueueMessage(const std::shared_ptr<PortCore> &core, std::shared_ptr<Message> msg) {
  sh_loop_id_t to{};
  sh_msg_t *wake = nullptr;
  // The wake-up's line comes from the owner's CPU too: fetch it while the
  // lock is taken.
  __builtin_prefetch(&core->wake, 1);
  {
    std::lock_guard<PortLock> guard(core->lock);
    if (!core->closed) {
      core->queue.push(std::move(msg));
      if (NeedsWake(core.get())) {
        wake = PrepareWake(core);
        to = core->owner;
      }
    }
  }
  // A refused message (closed port) is freed here, outside the lock: its
  // destructor closes the ports it carried.
  if (msg) {
    msg.reset();
    return false;
  }
  if (wake != nullptr) {
    SendWake(core, to, wake);
  }
  return true;
}

void ClosePort(const std::shared_ptr<PortCore> &core) {
  std::shared_ptr<PortCore> peer;
  MessageList dropped;
  std::string channel;
  {
    std::lock_guard<PortLock> guard(core->lock);
    if (core->closed) {
      return;
    }
    core->closed = true;
    peer = std::move(core->peer);
    core->queue.TakeAll(dropped);
    channel = core->channel;
  }
  if (!channel.empty()) {
    Hub &hub = GetHub();
    std::lock_guard<std::mutex> guard(hub.lock);
    auto it = hub.channels.find(channel);
    if (it != hub.channels.end()) {
      auto &subs = it->second;
      for (size_t i = 0; i < subs.size(); i++) {
        std::shared_ptr<PortCore> sub = subs[i].lock();
        if (!sub || sub == core) {
          subs[i] = subs.back();
          subs.pop_back();
          i--;
        }
      }
      if (subs.empty()) {
        hub.channels.erase(it);
      }
    }
  }
  if (peer) {
    {
      std::lock_guard<PortLock> guard(peer->lock);
      if (peer->peer == core) {
        peer->peer.reset();
      }
    }
    auto close = NewMessage();
    close->kind = Message::kClose;
    EnqueueMessage(peer, std::move(close));
  }
  // `dropped` is freed here, outside every lock.
}

void DrainAll(Realm *realm) {
  MessagingData *data = Data(realm);
  // Copied first: a delivery may run JS (a full batch of completions
  // flushes), which may make and close ports.
  std::vector<std::shared_ptr<PortCore>> cores;
  for (PortWrap *wrap : data->live) {
    if (wrap->core) {
      cores.push_back(wrap->core);
    }
  }
  for (const auto &core : cores) {
    std::shared_ptr<PortCore> rest;
    DrainSome(core.get(), false, SIZE_MAX, &rest);
  }
}

void NewChannel(std::shared_ptr<PortCore> *a, std::shared_ptr<PortCore> *b) {
  *a = NewPortCore();
  *b = NewPortCore();
  (*a)->peer = *b;
  (*b)->peer = *a;
}

PortWrap *UnwrapPort(Realm *realm, v8::Local<v8::Value> value) {
  if (!value->IsObject()) {
    return nullptr;
  }
  v8::Local<v8::Object> obj = value.As<v8::Object>();
  // Only MessagePorts have two internal fields with this tag in the second
  // (the check runs for every postMessage: HasInstance is slower).
  if (obj->InternalFieldCount() != 2 || obj->GetAlignedPointerFromInternalField(1) != &kPortTag) {
    return nullptr;
  }
  return static_cast<PortWrap *>(obj->GetAlignedPointerFromInternalField(0));
}

std::shared_ptr<PortCore> DetachPort(PortWrap *wrap) {
  Unhook(wrap);
  return std::move(wrap->core);
}

v8::MaybeLocal<v8::Object> AttachPort(Realm *realm, std::shared_ptr<PortCore> core) {
  v8::Isolate *isolate = realm->isolate();
  v8::EscapableHandleScope scope(isolate);
  v8::Local<v8::Context> context = realm->context();
  MessagingData *data = Data(realm);
  v8::Local<v8::Function> ctor = data->port_ctor.Get(isolate);
  data->constructing = true;
  v8::MaybeLocal<v8::Object> made = ctor->NewInstance(context);
  data->constructing = false;
  v8::Local<v8::Object> obj;
  if (!made.ToLocal(&obj)) {
    if (core) {
      ClosePort(core);
    }
    return {};
  }
  auto *wrap = new PortWrap{realm, core, {}, nullptr};
  obj->SetAlignedPointerInInternalField(0, wrap);
  obj->SetAlignedPointerInInternalField(1, const_cast<uint64_t *>(&kPortTag));
  wrap->object.Reset(isolate, obj);
  wrap->object.SetWeak(wrap, OnPortGc, v8::WeakCallbackType::kParameter);
  data->live.insert(wrap);
  if (core) {
    {
      std::lock_guard<PortLock> guard(core->lock);
      core->owner = sh_loop_id(realm->loop());
      core->wrap = wrap;
      wrap->peer = core->peer;
      core->receiving = !core->channel.empty(); // a BroadcastChannel starts at once
    }
    // A close that arrived while it travelled must still be seen.
    WakeIfNeeded(core);
  }
  if (!data->port_init.IsEmpty()) {
    v8::Local<v8::Value> argv[] = {obj};
    if (data->port_init.Get(isolate)->Call(context, v8::Undefined(isolate), 1, argv).IsEmpty()) {
      return {};
    }
  }
  return scope.Escape(obj);
}

SH_BINDING(messaging, InitMessaging);

}  // namespace shard
