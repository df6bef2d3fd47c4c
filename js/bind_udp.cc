// internalBinding('udp'): datagram sockets for node:dgram.
//
// Each socket has an id that JS registered (persistent) with internal/loop;
// what happens to it reaches JS as completion records [id, result, aux,
// kind, extra]: a datagram (result = its length, aux = the index of
// [ArrayBuffer, address, port, family] in the batch's value array), a
// receive error (result = -errno) or the end of a close. A send completes on
// its own registered id with the bytes sent or -errno.
//
// Datagrams are copied out of the socket's receive buffer into a fresh
// ArrayBuffer of their exact size (the next recvmsg reuses the buffer).
// Sends go by reference: the Buffers' backing stores are held until the
// completion.
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/udp.h"
#include "js/binding.h"
#include "js/realm.h"

namespace shard {
namespace {

enum Kind { kMessage = 1, kRecvError = 2, kClose = 3 };

struct UdpData;

struct UdpWrap {
  sh_udp_t udp;
  UdpData *data;
  double id;
  bool refed = true;
  bool reading = false;  // holds a loop ref while refed
  bool closing = false;
  // Recent senders' address texts (see SenderText).
  static constexpr unsigned kSenders = 4;
  struct Sender {
    unsigned char bytes[16];
    size_t len = 0;
    v8::Global<v8::String> text;
  };
  Sender senders[kSenders];
  unsigned next_sender = 0;
};

struct SendReq {
  sh_udp_send_t send;
  UdpData *data;
  double id;
  std::vector<std::shared_ptr<v8::BackingStore>> stores;
};

// Small datagrams are copied into a shared slab (one ArrayBuffer holds many,
// JS gets views of it): no allocation per datagram. Large ones get an
// ArrayBuffer of their own.
constexpr size_t kSlabSize = 64 * 1024;
constexpr size_t kSlabMax = 2048;

struct UdpData : BindingData {
  explicit UdpData(Realm *r) : realm(r) {}
  v8::Global<v8::ArrayBuffer> slab;
  char *slab_base = nullptr;
  size_t slab_off = kSlabSize;
  // Copies len bytes for JS; returns the index of their ArrayBuffer in the
  // batch's values and sets *offset to where they start in it.
  int Deliver(v8::Isolate *isolate, const char *bytes, size_t len, size_t *offset) {
    if (len > kSlabMax) {
      std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, len);
      memcpy(store->Data(), bytes, len);
      *offset = 0;
      return realm->PushCompletionValue(v8::ArrayBuffer::New(isolate, std::move(store)));
    }
    if (slab_off + len > kSlabSize || slab.IsEmpty()) {
      std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, kSlabSize);
      slab_base = static_cast<char *>(store->Data());
      slab.Reset(isolate, v8::ArrayBuffer::New(isolate, std::move(store)));
      slab_off = 0;
    }
    if (len > 0) {
      memcpy(slab_base + slab_off, bytes, len);
    }
    *offset = slab_off;
    slab_off += (len + 7) & ~static_cast<size_t>(7);
    return realm->PushCompletionValue(slab.Get(isolate));
  }
  ~UdpData() override {
    // A realm can end before the process (a Worker): its descriptors close
    // now. The ring, destroyed next, drops the operations still in flight.
    for (auto &entry : sockets) {
      if (entry.second->udp.fd >= 0) {
        close(entry.second->udp.fd);
        entry.second->udp.fd = -1;
      }
    }
  }
  Realm *realm;
  std::unordered_map<double, UdpWrap *> sockets;
};

UdpData *Data(Realm *realm) { return realm->Data<UdpData>("udp"); }

double NumberArg(const v8::FunctionCallbackInfo<v8::Value> &args, int i) {
  return args[i]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

UdpWrap *Find(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpData *data = Data(Realm::From(args));
  auto it = data->sockets.find(NumberArg(args, 0));
  return it == data->sockets.end() || it->second->closing ? nullptr : it->second;
}

// Find; when the socket is gone, the call returns -EBADF.
UdpWrap *FindOrEbadf(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = Find(args);
  if (w == nullptr) {
    args.GetReturnValue().Set(-EBADF);
  }
  return w;
}

// The loop stays alive while a refed socket reads.
void UpdateRef(UdpWrap *w, bool was_holding) {
  bool holding = w->refed && w->reading && !w->closing;
  if (holding == was_holding) {
    return;
  }
  if (holding) {
    sh_loop_ref(w->data->realm->loop());
  } else {
    sh_loop_unref(w->data->realm->loop());
  }
}

bool Holding(const UdpWrap *w) { return w->refed && w->reading && !w->closing; }

v8::Local<v8::Value> AddressArray(v8::Isolate *isolate, v8::Local<v8::Context> context,
                                  const sockaddr *addr) {
  char text[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
  int port = sh_udp_addr_text(addr, text, sizeof text);
  v8::Local<v8::Array> out = v8::Array::New(isolate, 3);
  USE(out->Set(context, 0, OneByte(isolate, text)));
  USE(out->Set(context, 1, v8::Integer::New(isolate, port)));
  USE(out->Set(context, 2, v8::Integer::New(isolate, addr->sa_family == AF_INET6 ? 6 : 4)));
  return out;
}

// The sender's address as a JS string. A socket hears the same few peers
// again and again: the last few texts are kept per socket, keyed by the raw
// address bytes, so a repeat sender costs no string allocation.
v8::Local<v8::String> SenderText(UdpWrap *w, v8::Isolate *isolate, const sockaddr *addr) {
  const void *key;
  size_t key_len;
  if (addr->sa_family == AF_INET6) {
    const auto *a6 = reinterpret_cast<const sockaddr_in6 *>(addr);
    key = &a6->sin6_addr;
    key_len = sizeof a6->sin6_addr;
  } else {
    key = &reinterpret_cast<const sockaddr_in *>(addr)->sin_addr;
    key_len = sizeof(in_addr);
  }
  for (auto &e : w->senders) {
    if (e.len == key_len && memcmp(e.bytes, key, key_len) == 0 && !e.text.IsEmpty()) {
      return e.text.Get(isolate);
    }
  }
  char text[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
  sh_udp_addr_text(addr, text, sizeof text);
  v8::Local<v8::String> str = OneByte(isolate, text);
  UdpWrap::Sender &slot = w->senders[w->next_sender++ % UdpWrap::kSenders];
  memcpy(slot.bytes, key, key_len);
  slot.len = key_len;
  slot.text.Reset(isolate, str);
  return str;
}

// A datagram: result = its length, aux = the index of its ArrayBuffer in the
// batch's values (the sender's address text follows it), flags = kMessage +
// 256 * its offset in that buffer, extra = port + 65536 for IPv6 + 131072
// when truncated.
void OnRecv(sh_udp_t *udp, int res, const char *bytes, const sockaddr *addr, bool truncated) {
  auto *w = static_cast<UdpWrap *>(udp->data);
  Realm *realm = w->data->realm;
  if (res < 0) {
    realm->PushCompletion(w->id, res, 0, kRecvError);
    return;
  }
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  size_t offset;
  int index = w->data->Deliver(isolate, bytes, static_cast<size_t>(res), &offset);
  realm->PushCompletionValue(SenderText(w, isolate, addr));
  int port = addr->sa_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6 *>(addr)->sin6_port)
                                         : ntohs(reinterpret_cast<const sockaddr_in *>(addr)->sin_port);
  double extra = port + (addr->sa_family == AF_INET6 ? 65536 : 0) + (truncated ? 131072 : 0);
  realm->PushCompletion(w->id, res, index, kMessage + static_cast<double>(offset) * 256, extra);
}

void OnClose(sh_udp_t *udp) {
  auto *w = static_cast<UdpWrap *>(udp->data);
  UdpData *data = w->data;
  data->realm->PushCompletion(w->id, 0, 0, kClose);
  data->sockets.erase(w->id);
  sh_loop_unref(data->realm->loop());  // the close itself held one
  delete w;
}

void OnSend(sh_udp_send_t *send, int res) {
  auto *req = static_cast<SendReq *>(send->data);
  Realm *realm = req->data->realm;
  realm->PushCompletion(req->id, res);
  sh_loop_unref(realm->loop());
  delete req;
}

int ParseAddress(v8::Isolate *isolate, v8::Local<v8::Value> value, int port, int family,
                 sockaddr_storage *ss) {
  std::string ip = ToStdString(isolate, value);
  return sh_udp_make_addr(family == 6 ? AF_INET6 : AF_INET, ip.c_str(), port, ss);
}

// ---- JS entry points ----

// create(id, family 4|6) -> 0 | -errno
void Create(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  UdpData *data = Data(realm);
  double id = NumberArg(args, 0);
  int family = NumberArg(args, 1) == 6 ? AF_INET6 : AF_INET;
  auto *w = new UdpWrap();
  int err = sh_udp_open(realm->loop(), &w->udp, family);
  if (err < 0) {
    delete w;
    args.GetReturnValue().Set(err);
    return;
  }
  w->udp.data = w;
  w->data = data;
  w->id = id;
  data->sockets[id] = w;
  args.GetReturnValue().Set(0);
}

// bind(id, address, port, flags) -> 0 | -errno
void Bind(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  sockaddr_storage ss;
  int family = w->udp.family == AF_INET6 ? 6 : 4;
  int len = ParseAddress(args.GetIsolate(), args[1], static_cast<int>(NumberArg(args, 2)), family, &ss);
  if (len < 0) {
    args.GetReturnValue().Set(len);
    return;
  }
  int err = sh_udp_bind(&w->udp, reinterpret_cast<sockaddr *>(&ss), static_cast<socklen_t>(len),
                        static_cast<unsigned>(NumberArg(args, 3)));
  args.GetReturnValue().Set(err);
}

// connect(id, address, port) -> 0 | -errno; disconnect(id)
void Connect(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  if (args.Length() < 2 || args[1]->IsUndefined()) {
    args.GetReturnValue().Set(sh_udp_connect(&w->udp, nullptr, 0));
    return;
  }
  sockaddr_storage ss;
  int family = w->udp.family == AF_INET6 ? 6 : 4;
  int len = ParseAddress(args.GetIsolate(), args[1], static_cast<int>(NumberArg(args, 2)), family, &ss);
  if (len < 0) {
    args.GetReturnValue().Set(len);
    return;
  }
  args.GetReturnValue().Set(
      sh_udp_connect(&w->udp, reinterpret_cast<sockaddr *>(&ss), static_cast<socklen_t>(len)));
}

void RecvStart(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  bool was = Holding(w);
  int err = sh_udp_recv_start(&w->udp, OnRecv);
  if (err == 0) {
    w->reading = true;
    UpdateRef(w, was);
  }
  args.GetReturnValue().Set(err);
}

void RecvStop(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = Find(args);
  if (w == nullptr) {
    return;
  }
  bool was = Holding(w);
  sh_udp_recv_stop(&w->udp);
  w->reading = false;
  UpdateRef(w, was);
}

// send(id, reqId, chunks[], address | undefined, port) -> 0 | -errno. The
// completion of reqId carries the bytes sent or -errno.
void Send(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = realm->context();
  auto *req = new SendReq();
  req->data = w->data;
  req->id = NumberArg(args, 1);
  req->send.data = req;
  std::vector<iovec> iov;
  v8::Local<v8::Array> chunks = args[2].As<v8::Array>();
  uint32_t n = chunks->Length();
  iov.reserve(n);
  for (uint32_t i = 0; i < n; i++) {
    v8::Local<v8::Value> chunk = chunks->Get(context, i).ToLocalChecked();
    if (!chunk->IsArrayBufferView()) {
      continue;
    }
    v8::Local<v8::ArrayBufferView> view = chunk.As<v8::ArrayBufferView>();
    std::shared_ptr<v8::BackingStore> store = view->Buffer()->GetBackingStore();
    char *base = static_cast<char *>(store->Data());
    iov.push_back({base == nullptr ? nullptr : base + view->ByteOffset(), view->ByteLength()});
    req->stores.push_back(std::move(store));
  }
  sockaddr_storage ss;
  sockaddr *addr = nullptr;
  socklen_t addrlen = 0;
  if (!args[3]->IsUndefined()) {
    int family = w->udp.family == AF_INET6 ? 6 : 4;
    int len = ParseAddress(isolate, args[3], static_cast<int>(NumberArg(args, 4)), family, &ss);
    if (len < 0) {
      delete req;
      args.GetReturnValue().Set(len);
      return;
    }
    addr = reinterpret_cast<sockaddr *>(&ss);
    addrlen = static_cast<socklen_t>(len);
  }
  int err = sh_udp_send(&w->udp, &req->send, iov.data(), static_cast<unsigned>(iov.size()), addr, addrlen,
                        OnSend);
  if (err < 0) {
    delete req;
    args.GetReturnValue().Set(err);
    return;
  }
  sh_loop_ref(realm->loop());  // a send in flight keeps the loop alive, refed or not
  args.GetReturnValue().Set(0);
}

void Close(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = Find(args);
  if (w == nullptr) {
    return;
  }
  bool was = Holding(w);
  w->closing = true;
  UpdateRef(w, was);
  sh_loop_ref(w->data->realm->loop());  // until OnClose
  sh_udp_close(&w->udp, OnClose);
}

void Ref(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = Find(args);
  if (w == nullptr) {
    return;
  }
  bool was = Holding(w);
  w->refed = args[1]->BooleanValue(args.GetIsolate());
  UpdateRef(w, was);
}

// address(id, peer) -> [address, port, family] | -errno
void Address(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  sockaddr_storage ss;
  int err = args[1]->IsTrue() ? sh_udp_getpeername(&w->udp, &ss) : sh_udp_getsockname(&w->udp, &ss);
  if (err < 0) {
    args.GetReturnValue().Set(err);
    return;
  }
  args.GetReturnValue().Set(
      AddressArray(args.GetIsolate(), Realm::From(args)->context(), reinterpret_cast<sockaddr *>(&ss)));
}

// option(id, which, value) -> 0 | -errno. which: 0 broadcast, 1 ttl,
// 2 multicast ttl, 3 multicast loop.
void Option(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  int value = static_cast<int>(NumberArg(args, 2));
  int err = -EINVAL;
  switch (static_cast<int>(NumberArg(args, 1))) {
    case 0: err = sh_udp_set_broadcast(&w->udp, value != 0); break;
    case 1: err = sh_udp_set_ttl(&w->udp, value); break;
    case 2: err = sh_udp_set_multicast_ttl(&w->udp, value); break;
    case 3: err = sh_udp_set_multicast_loop(&w->udp, value != 0); break;
    default: break;
  }
  args.GetReturnValue().Set(err);
}

// bufferSize(id, send, size) -> the size (size 0: just read it) | -errno
void BufferSize(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  int name = args[1]->IsTrue() ? SO_SNDBUF : SO_RCVBUF;
  int size = static_cast<int>(NumberArg(args, 2));
  if (size > 0) {
    int err = sh_udp_set_int(&w->udp, SOL_SOCKET, name, size);
    if (err < 0) {
      args.GetReturnValue().Set(err);
      return;
    }
  }
  int value = 0;
  int err = sh_udp_get_int(&w->udp, SOL_SOCKET, name, &value);
  args.GetReturnValue().Set(err < 0 ? err : value);
}

void MulticastInterface(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  std::string iface = ToStdString(args.GetIsolate(), args[1]);
  args.GetReturnValue().Set(sh_udp_set_multicast_interface(&w->udp, iface.c_str()));
}

// membership(id, group, iface | undefined, join) -> 0 | -errno
void Membership(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  std::string group = ToStdString(isolate, args[1]);
  std::string iface;
  bool has_iface = !args[2]->IsUndefined();
  if (has_iface) {
    iface = ToStdString(isolate, args[2]);
  }
  args.GetReturnValue().Set(
      sh_udp_membership(&w->udp, group.c_str(), has_iface ? iface.c_str() : nullptr, args[3]->IsTrue()));
}

// sourceMembership(id, source, group, iface | undefined, join) -> 0 | -errno
void SourceMembership(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = FindOrEbadf(args);
  if (w == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  std::string source = ToStdString(isolate, args[1]);
  std::string group = ToStdString(isolate, args[2]);
  std::string iface;
  bool has_iface = !args[3]->IsUndefined();
  if (has_iface) {
    iface = ToStdString(isolate, args[3]);
  }
  args.GetReturnValue().Set(sh_udp_source_membership(&w->udp, source.c_str(), group.c_str(),
                                                     has_iface ? iface.c_str() : nullptr,
                                                     args[4]->IsTrue()));
}

void Fd(const v8::FunctionCallbackInfo<v8::Value> &args) {
  UdpWrap *w = Find(args);
  args.GetReturnValue().Set(w == nullptr ? -EBADF : w->udp.fd);
}

void InitUdp(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "create", Create);
  SetMethod(isolate, target, "bind", Bind);
  SetMethod(isolate, target, "connect", Connect);
  SetMethod(isolate, target, "recvStart", RecvStart);
  SetMethod(isolate, target, "recvStop", RecvStop);
  SetMethod(isolate, target, "send", Send);
  SetMethod(isolate, target, "close", Close);
  SetMethod(isolate, target, "ref", Ref);
  SetMethod(isolate, target, "address", Address);
  SetMethod(isolate, target, "option", Option);
  SetMethod(isolate, target, "bufferSize", BufferSize);
  SetMethod(isolate, target, "multicastInterface", MulticastInterface);
  SetMethod(isolate, target, "membership", Membership);
  SetMethod(isolate, target, "sourceMembership", SourceMembership);
  SetMethod(isolate, target, "fd", Fd);
  SetInt(isolate, target, "kMessage", kMessage);
  SetInt(isolate, target, "kRecvError", kRecvError);
  SetInt(isolate, target, "kClose", kClose);
  SetInt(isolate, target, "UV_UDP_REUSEADDR", SH_UDP_REUSEADDR);
  SetInt(isolate, target, "UV_UDP_IPV6ONLY", SH_UDP_IPV6ONLY);
  SetInt(isolate, target, "UV_UDP_REUSEPORT", SH_UDP_REUSEPORT);
}

}  // namespace
}  // namespace shard

SH_BINDING(udp, shard::InitUdp);
