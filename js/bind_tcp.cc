// internalBinding('tcp'): stream sockets and servers for net and http.
//
// Each socket or server has an id that JS registered with internal/loop;
// everything that happens to it reaches JS as completion records
// [id, result, aux, kind + bits * 256, extra] in the realm's batch.
//
// Received bytes are never copied through JS: a receive lands in a slot of
// the core's buffer pool (slices of 1 MiB slabs that are V8 ArrayBuffers,
// listed in `slabs`); a large chunk is handed over as a view of its slot
// (the slot is taken), a small one is copied into a shared copy slab so the
// pool slot goes straight back to the ring. Either way JS gets (slab id,
// offset, length) and makes a Buffer view: aux = slab id * 2^21 + offset.
//
// In HTTP mode the connection's bytes go through llhttp in C, in place; JS
// gets one record per request head (the url as an interned string, the
// header block copied into a copy slab and decoded only if the handler reads
// headers), body chunks as views, and the end of each message.
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <memory>
#include <vector>

#include "io/buf.h"
#include "io/http.h"
#include "io/tcp.h"
#include "js/binding.h"
#include "js/realm.h"
#include "js/slab_table.h"

namespace shard {
namespace {

enum Kind {
  kData = 1,
  kEof = 2,
  kReadError = 3,
  kWrite = 4,
  kConnect = 5,
  kShutdown = 6,
  kClose = 7,
  kConnection = 8,
  kServerClose = 9,
  kHead = 16,       // request (res: method) or response (res: status) head
  kBody = 17,
  kMessageEnd = 18,
  kParseError = 19,
  kUpgrade = 20,
};

enum Mode { kRaw = 0, kHttpServer = 1, kHttpClient = 2, kDead = 3 };

constexpr unsigned kPoolEntries = 512;
constexpr unsigned kSlotSize = 16384;
constexpr size_t kSlabSize = 1 << 20;
constexpr size_t kCopySlabSize = 1 << 16;
// Chunks at least this big are handed over as views of their pool slot;
// smaller ones are copied (cheaper than retiring a 16 KiB slot).
constexpr size_t kTakeThreshold = 4096;
constexpr double kSlabShift = 2097152.0; // 2^21: offsets stay below it
constexpr size_t kCopyByReference = 65536;

struct NetData;

struct TcpWrap {
  sh_tcp_t tcp;
  NetData *net;
  double id;
  int mode = kRaw;
  bool refed = true;
  bool closing = false;   // close started: ref'd until OnClose, whatever JS asks
  bool want_acks = false; // JS waits for sends to complete (backpressure)
  bool skip_end = false;  // the message end was reported with its head
  bool parser_ready = false;
  bool slot_taken = false;
  const sh_slot_ref_t *slot = nullptr; // the slot being parsed, while on_read runs
  sh_http_parser_t parser;
  std::vector<bool> no_body; // client: responses to HEAD requests, in order
};

struct ServerWrap {
  sh_tcp_server_t server;
  NetData *net;
  double id;
  bool refed = true;
};

// Handles by JS id (internal/loop.js: id = generation * 2^20 + slot): a
// vector indexed by slot, the id kept to reject stale generations.
template <typename T>
class HandleTable {
 public:
  T *Get(double id) const {
    size_t slot = Slot(id);
    return slot < entries_.size() && entries_[slot].first == id ? entries_[slot].second : nullptr;
  }
  void Set(double id, T *value) {
    size_t slot = Slot(id);
    if (slot >= entries_.size()) {
      entries_.resize(slot + 1, {0.0, nullptr});
    }
    entries_[slot] = {id, value};
  }
  void Erase(double id) {
    size_t slot = Slot(id);
    if (slot < entries_.size() && entries_[slot].first == id) {
      entries_[slot] = {0.0, nullptr};
    }
  }
  template <typename F>
  void ForEach(F fn) const {
    for (const auto &e : entries_) {
      if (e.second != nullptr) {
        fn(e.second);
      }
    }
  }

 private:
  static size_t Slot(double id) { return static_cast<size_t>(id) & ((1u << 20) - 1); }
  std::vector<std::pair<double, T *>> entries_;
};

struct NetData : BindingData {
  explicit NetData(Realm *r) : realm(r) {}
  ~NetData() override;

  Realm *realm;
  sh_bufpool_t *pool = nullptr;
  SlabTable slabs;
  char *copy_base = nullptr; // the copy slab
  uint32_t copy_id = 0;
  size_t copy_off = 0;
  size_t copy_size = 0;
  HandleTable<TcpWrap> sockets;
  HandleTable<ServerWrap> servers;
  std::string scratch; // header blocks are assembled here
  // Recent request targets, interned: a server sees the same few urls again
  // and again, and a hit costs no allocation.
  struct UrlEntry {
    uint32_t hash = 0;
    std::string bytes;
    v8::Global<v8::String> str;
  };
  UrlEntry urls[256];
  v8::Local<v8::String> Url(const char *data, size_t len);
  unsigned listen_seq = 0;
  double *write_info = nullptr; // [end offset of the last write's socket]

  sh_bufpool_t *Pool();
  double Deliver(TcpWrap *w, const char *data, size_t len);
};

NetData *Net(Realm *realm) { return realm->Data<NetData>("tcp"); }

v8::Local<v8::String> Latin1(v8::Isolate *isolate, const char *data, size_t len);

v8::Local<v8::String> NetData::Url(const char *data, size_t len) {
  v8::Isolate *isolate = realm->isolate();
  if (len > 128) {
    return Latin1(isolate, data, len);
  }
  uint32_t h = 2166136261u; // FNV-1a
  for (size_t i = 0; i < len; i++) {
    h = (h ^ static_cast<uint8_t>(data[i])) * 16777619u;
  }
  UrlEntry &e = urls[h & 255];
  if (e.hash == h && e.bytes.size() == len && memcmp(e.bytes.data(), data, len) == 0 &&
      !e.str.IsEmpty()) {
    return e.str.Get(isolate);
  }
  v8::Local<v8::String> str = Latin1(isolate, data, len);
  e.hash = h;
  e.bytes.assign(data, len);
  e.str.Reset(isolate, str);
  return str;
}

sh_bufpool_t *NetData::Pool() {
  if (pool != nullptr) {
    return pool;
  }
  sh_slab_allocator_t alloc;
  alloc.data = this;
  alloc.alloc = [](void *data, size_t size, uint32_t *slab_id) -> void * {
    char *base;
    *slab_id = static_cast<NetData *>(data)->slabs.Add(size, &base);
    return base;
  };
  alloc.release = [](void *data, uint32_t slab_id) {
    static_cast<NetData *>(data)->slabs.Release(slab_id);
  };
  int err = sh_bufpool_create(realm->loop(), &pool, 1, kPoolEntries, kSlotSize, kSlabSize, &alloc);
  if (err < 0) {
    pool = nullptr; // receives fall back to private buffers
  }
  return pool;
}

NetData::~NetData() {
  sockets.ForEach([](TcpWrap *w) { sh_http_parser_free(&w->parser); });
  // A realm can end before the process (a Worker, a cluster copy): its
  // descriptors close now. A listening socket left open would stay in its
  // SO_REUSEPORT group and take connections nobody accepts. The ring,
  // destroyed next, still holds the sockets of the operations in flight
  // for a while (its teardown finishes in the kernel's own time): shutdown
  // ends the connections and the listening now.
  sockets.ForEach([](TcpWrap *w) {
    if (w->tcp.fd >= 0) {
      shutdown(w->tcp.fd, SHUT_RDWR);
      close(w->tcp.fd);
      w->tcp.fd = -1;
    }
  });
  servers.ForEach([](ServerWrap *s) {
    if (s->server.fd >= 0) {
      struct sockaddr_storage ss;
      socklen_t len = sizeof ss;
      // (Not a Unix socket: the other cores share that descriptor.)
      if (getsockname(s->server.fd, reinterpret_cast<struct sockaddr *>(&ss), &len) == 0 &&
          ss.ss_family != AF_UNIX) {
        shutdown(s->server.fd, SHUT_RDWR);
      }
      if (s->server.owns_fd) {
        close(s->server.fd);
      } else {
        sh_listen_release(s->server.fd);
      }
      s->server.fd = -1;
    }
  });
  // The pool's ring entries die with the ring.
  if (pool != nullptr) {
    sh_bufpool_destroy(pool);
  }
}

// Where len bytes at data go for JS: a view of their slot, or a copy.
double NetData::Deliver(TcpWrap *w, const char *data, size_t len) {
  if (w != nullptr && w->slot != nullptr && len >= kTakeThreshold) {
    w->slot_taken = true;
    double offset = w->slot->offset + static_cast<double>(data - w->slot->base);
    return w->slot->slab_id * kSlabShift + offset;
  }
  if (copy_base == nullptr || copy_off + len > copy_size) {
    if (copy_base != nullptr) {
      slabs.Release(copy_id);
    }
    copy_size = len > kCopySlabSize ? len : kCopySlabSize;
    copy_id = slabs.Add(copy_size, &copy_base);
    copy_off = 0;
  }
  memcpy(copy_base + copy_off, data, len);
  double ref = copy_id * kSlabShift + static_cast<double>(copy_off);
  copy_off += (len + 7) & ~static_cast<size_t>(7);
  return ref;
}

void Push(TcpWrap *w, int kind, double res, double aux = 0, double bits = 0, double extra = 0) {
  w->net->realm->PushCompletion(w->id, res, aux, kind + bits * 256, extra);
}

// ---- HTTP parser callbacks ----

v8::Local<v8::String> Latin1(v8::Isolate *isolate, const char *data, size_t len) {
  return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(data),
                                    v8::NewStringType::kNormal, static_cast<int>(len))
      .ToLocalChecked();
}

// "name\0value\0name\0value": one string per head, split by JS on demand.
v8::Local<v8::String> HeaderBlock(NetData *net, const sh_http_head_t *head) {
  std::string &s = net->scratch;
  s.clear();
  for (unsigned i = 0; i < head->nheaders; i++) {
    const sh_http_header_t &h = head->headers[i];
    if (i > 0) {
      s.push_back('\0');
    }
    s.append(head->arena + h.name, h.name_len);
    s.push_back('\0');
    s.append(head->arena + h.value, h.value_len);
  }
  return Latin1(net->realm->isolate(), s.data(), s.size());
}

// The header block ("name\0value\0...") goes into a copy slab: JS decodes it
// only if the handler reads headers. Returns the slab reference; *len its size.
double HeaderBlockRef(TcpWrap *w, const sh_http_head_t *head, size_t *len) {
  std::string &s = w->net->scratch;
  s.clear();
  for (unsigned i = 0; i < head->nheaders; i++) {
    const sh_http_header_t &h = head->headers[i];
    if (i > 0) {
      s.push_back('\0');
    }
    s.append(head->arena + h.name, h.name_len);
    s.push_back('\0');
    s.append(head->arena + h.value, h.value_len);
  }
  *len = s.size();
  return s.empty() ? 0 : w->net->Deliver(nullptr, s.data(), s.size());
}

// kHead: res = method (requests) or status (responses) + block length * 1024,
// aux = value index of the url (or the status text), extra = the header
// block's slab reference.
int OnHead(sh_http_parser_t *p, const sh_http_head_t *head) {
  TcpWrap *w = static_cast<TcpWrap *>(p->data);
  Realm *realm = w->net->realm;
  v8::HandleScope scope(realm->isolate());
  int first;
  double code;
  if (w->mode == kHttpServer) {
    first = realm->PushCompletionValue(w->net->Url(head->arena + head->url, head->url_len));
    code = head->method;
  } else {
    first = realm->PushCompletionValue(
        Latin1(realm->isolate(), head->arena + head->reason, head->reason_len));
    code = head->status;
  }
  size_t block_len;
  double block = HeaderBlockRef(w, head, &block_len);
  bool has_body = head->chunked || (head->has_content_length && head->content_length > 0);
  // A request without a body ends with its head: one record instead of two
  // (the end that llhttp reports right after is not sent).
  bool complete = w->mode == kHttpServer && !has_body && !head->upgrade;
  w->skip_end = complete;
  double bits = (head->keep_alive ? 1 : 0) + (head->upgrade ? 2 : 0) + (has_body ? 4 : 0) +
                head->major * 16 + head->minor * 256 + (complete ? 4096 : 0);
  Push(w, kHead, code + static_cast<double>(block_len) * 1024, first, bits, block);
  if (w->mode == kHttpClient && head->status >= 200) {
    bool skip = false;
    if (!w->no_body.empty()) {
      skip = w->no_body.front();
      w->no_body.erase(w->no_body.begin());
    }
    // A response to HEAD has no body whatever its headers say.
    if (skip || head->status == 204 || head->status == 304) {
      return 1;
    }
  }
  return 0;
}

int OnBody(sh_http_parser_t *p, const char *data, size_t len) {
  TcpWrap *w = static_cast<TcpWrap *>(p->data);
  Push(w, kBody, static_cast<double>(len), w->net->Deliver(w, data, len));
  return 0;
}

int OnComplete(sh_http_parser_t *p, const sh_http_head_t *trailers) {
  TcpWrap *w = static_cast<TcpWrap *>(p->data);
  if (w->skip_end && trailers == nullptr) {
    w->skip_end = false;
    return 0;
  }
  w->skip_end = false;
  double index = -1;
  if (trailers != nullptr) {
    v8::HandleScope scope(w->net->realm->isolate());
    index = w->net->realm->PushCompletionValue(HeaderBlock(w->net, trailers));
  }
  Push(w, kMessageEnd, index);
  return 0;
}

const sh_http_callbacks_t kHttpCallbacks = {OnHead, OnBody, OnComplete};

void ParseError(TcpWrap *w, size_t consumed) {
  Realm *realm = w->net->realm;
  v8::HandleScope scope(realm->isolate());
  int first = realm->PushCompletionValue(OneByte(realm->isolate(), sh_http_error_code(&w->parser)));
  realm->PushCompletionValue(Str(realm->isolate(), sh_http_error_reason(&w->parser)));
  Push(w, kParseError, static_cast<double>(consumed), first);
  w->mode = kDead;
  sh_tcp_read_stop(&w->tcp);
}

// ---- sh_tcp callbacks ----

bool OnRead(sh_tcp_t *tcp, const char *data, size_t len, const sh_slot_ref_t *slot) {
  TcpWrap *w = reinterpret_cast<TcpWrap *>(tcp);
  w->slot = slot;
  w->slot_taken = false;
  if (w->mode == kRaw) {
    Push(w, kData, static_cast<double>(len), w->net->Deliver(w, data, len));
  } else if (w->mode == kHttpServer || w->mode == kHttpClient) {
    size_t consumed = 0;
    sh_http_status_t st = sh_http_execute(&w->parser, data, len, &consumed);
    if (st == SH_HTTP_UPGRADE) {
      // The rest of this receive belongs to the new protocol (Node's `head`).
      size_t rest = len - consumed;
      double ref = rest > 0 ? w->net->Deliver(w, data + consumed, rest) : 0;
      Push(w, kUpgrade, static_cast<double>(rest), ref);
      w->mode = kRaw;
    } else if (st == SH_HTTP_ERROR) {
      ParseError(w, consumed);
    }
  }
  w->slot = nullptr;
  return w->slot_taken;
}

void OnReadEnd(sh_tcp_t *tcp, int err) {
  TcpWrap *w = reinterpret_cast<TcpWrap *>(tcp);
  if (err == 0 && w->mode == kHttpClient && sh_http_in_message(&w->parser)) {
    // A response delimited by the end of the connection ends here.
    if (sh_http_finish(&w->parser) != SH_HTTP_OK) {
      ParseError(w, 0);
    }
  }
  Push(w, err == 0 ? kEof : kReadError, err);
}

// Sends completing are reported only while JS waits on them (a write over
// the queue limit, a drain): most writes need no event at all.
void OnWrite(sh_tcp_t *tcp, size_t bytes, int err) {
  TcpWrap *w = reinterpret_cast<TcpWrap *>(tcp);
  if (err == 0 && !w->want_acks) {
    return;
  }
  Push(w, kWrite, err < 0 ? err : static_cast<double>(bytes),
       static_cast<double>(sh_tcp_queued(&w->tcp)));
}

void OnConnect(sh_tcp_t *tcp, int err) {
  Push(reinterpret_cast<TcpWrap *>(tcp), kConnect, err);
}

void OnShutdown(sh_tcp_t *tcp, int err) {
  Push(reinterpret_cast<TcpWrap *>(tcp), kShutdown, err);
}

void OnClose(sh_tcp_t *tcp) {
  TcpWrap *w = reinterpret_cast<TcpWrap *>(tcp);
  Push(w, kClose, 0);
  if (w->refed) {
    sh_loop_unref(w->net->realm->loop());
  }
  w->net->sockets.Erase(w->id);
  if (w->parser_ready) {
    sh_http_parser_free(&w->parser);
  }
  delete w;
}

const sh_tcp_ops_t kTcpOps = {OnRead, OnReadEnd, OnWrite, OnConnect, OnShutdown, OnClose};

void OnConnection(sh_tcp_server_t *server, int fd) {
  ServerWrap *s = reinterpret_cast<ServerWrap *>(server);
  s->net->realm->PushCompletion(s->id, fd, 0, kConnection);
}

void OnServerClose(sh_tcp_server_t *server) {
  ServerWrap *s = reinterpret_cast<ServerWrap *>(server);
  s->net->realm->PushCompletion(s->id, 0, 0, kServerClose);
  if (s->refed) {
    sh_loop_unref(s->net->realm->loop());
  }
  s->net->servers.Erase(s->id);
  delete s;
}

const sh_tcp_server_ops_t kServerOps = {OnConnection, OnServerClose};

// ---- helpers for the JS entry points ----

double NumberArg(const v8::FunctionCallbackInfo<v8::Value> &args, int i) {
  return args[i]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

TcpWrap *FindSocket(const v8::FunctionCallbackInfo<v8::Value> &args) {
  NetData *net = Net(Realm::From(args));
  TcpWrap *w = net->sockets.Get(NumberArg(args, 0));
  if (w == nullptr) {
    args.GetReturnValue().Set(-EBADF);
  }
  return w;
}

ServerWrap *FindServer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  return Net(Realm::From(args))->servers.Get(NumberArg(args, 0));
}

void SetMode(TcpWrap *w, int mode) {
  if ((mode == kHttpServer || mode == kHttpClient) && !w->parser_ready) {
    sh_http_parser_init(&w->parser, mode == kHttpServer ? HTTP_REQUEST : HTTP_RESPONSE,
                        &kHttpCallbacks, w, 0);
    w->parser_ready = true;
  }
  w->mode = mode;
}

TcpWrap *NewSocket(NetData *net, double id) {
  TcpWrap *w = new TcpWrap();
  w->net = net;
  w->id = id;
  net->sockets.Set(id, w);
  sh_loop_ref(net->realm->loop());
  return w;
}

int ParseAddress(v8::Isolate *isolate, v8::Local<v8::Value> host, int port, int family,
                 sockaddr_storage *ss, socklen_t *len) {
  std::string ip = ToStdString(isolate, host);
  memset(ss, 0, sizeof *ss);
  if (family == 6) {
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(ss);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(static_cast<uint16_t>(port));
    std::string addr = ip;
    size_t pct = addr.find('%');
    if (pct != std::string::npos) {
      in6->sin6_scope_id = static_cast<uint32_t>(atoi(addr.c_str() + pct + 1));
      addr.resize(pct);
    }
    if (inet_pton(AF_INET6, addr.c_str(), &in6->sin6_addr) != 1) {
      return -EINVAL;
    }
    *len = sizeof(sockaddr_in6);
  } else {
    auto *in = reinterpret_cast<sockaddr_in *>(ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET, ip.c_str(), &in->sin_addr) != 1) {
      return -EINVAL;
    }
    *len = sizeof(sockaddr_in);
  }
  return 0;
}

int PipeAddress(v8::Isolate *isolate, v8::Local<v8::Value> path, sockaddr_storage *ss, socklen_t *len) {
  std::string p = ToStdString(isolate, path);
  auto *un = reinterpret_cast<sockaddr_un *>(ss);
  memset(ss, 0, sizeof *ss);
  un->sun_family = AF_UNIX;
  if (p.size() >= sizeof un->sun_path) {
    return -ENAMETOOLONG;
  }
  memcpy(un->sun_path, p.data(), p.size());
  if (!p.empty() && p[0] == '\0') {
    *len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + p.size()); // abstract
  } else {
    *len = sizeof(sockaddr_un);
  }
  return 0;
}

// ---- JS entry points ----

// listen(id, host, port, family (4|6|0 pipe), backlog, ipv6Only, reuseport, path) -> port | -errno
void Listen(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  NetData *net = Net(realm);
  double id = NumberArg(args, 0);
  int port = static_cast<int>(NumberArg(args, 2));
  int family = static_cast<int>(NumberArg(args, 3));
  sh_listen_options_t opts = {};
  opts.backlog = static_cast<int>(NumberArg(args, 4));
  opts.ipv6_only = args[5]->BooleanValue(isolate);
  opts.reuseport = args[6]->BooleanValue(isolate);
  sockaddr_storage ss;
  socklen_t len;
  int err = family == 0 ? PipeAddress(isolate, args[1], &ss, &len)
                        : ParseAddress(isolate, args[1], port, family, &ss, &len);
  if (err < 0) {
    args.GetReturnValue().Set(err);
    return;
  }
  if (family != 0 && port == 0) {
    opts.seq = net->listen_seq++;
  }
  int fd;
  bool shared;
  err = sh_listen(reinterpret_cast<sockaddr *>(&ss), len, &opts, &fd, &shared);
  if (err < 0) {
    args.GetReturnValue().Set(err);
    return;
  }
  auto *s = new ServerWrap();
  s->net = net;
  s->id = id;
  net->servers.Set(id, s);
  sh_loop_ref(realm->loop());
  // Registered listeners are released through the registry, shared or not.
  sh_tcp_server_start(&s->server, realm->loop(), fd, false, &kServerOps, s);
  int bound = 0;
  if (family != 0) {
    sockaddr_storage local;
    socklen_t llen = sizeof local;
    getsockname(fd, reinterpret_cast<sockaddr *>(&local), &llen);
    bound = local.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port)
                                        : ntohs(reinterpret_cast<sockaddr_in *>(&local)->sin_port);
  }
  args.GetReturnValue().Set(bound);
}

void CloseServer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (ServerWrap *s = FindServer(args)) {
    sh_tcp_server_close(&s->server);
  }
}

void PauseAccept(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (ServerWrap *s = FindServer(args)) {
    if (args[1]->BooleanValue(args.GetIsolate())) {
      sh_tcp_server_pause(&s->server);
    } else {
      sh_tcp_server_resume(&s->server);
    }
  }
}

void RefServer(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  ServerWrap *s = FindServer(args);
  if (s == nullptr) {
    return;
  }
  bool ref = args[1]->BooleanValue(args.GetIsolate());
  if (ref != s->refed) {
    s->refed = ref;
    if (ref) {
      sh_loop_ref(realm->loop());
    } else {
      sh_loop_unref(realm->loop());
    }
  }
}

// adopt(fd, id, mode): an accepted connection becomes socket id.
void Adopt(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  NetData *net = Net(realm);
  int fd = static_cast<int>(NumberArg(args, 0));
  TcpWrap *w = NewSocket(net, NumberArg(args, 1));
  sh_tcp_init(&w->tcp, realm->loop(), net->Pool(), fd, &kTcpOps, w);
  SetMode(w, static_cast<int>(NumberArg(args, 2)));
  if (w->mode == kHttpServer) {
    sh_tcp_set_nodelay(&w->tcp, true); // as Node's http server (noDelay: true)
    sh_tcp_read_start(&w->tcp);
  }
}

// connect(id, host, port, family (4|6|0 pipe), mode) -> 0 | -errno
void Connect(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  NetData *net = Net(realm);
  int family = static_cast<int>(NumberArg(args, 3));
  sockaddr_storage ss;
  socklen_t len;
  int err = family == 0 ? PipeAddress(isolate, args[1], &ss, &len)
                        : ParseAddress(isolate, args[1], static_cast<int>(NumberArg(args, 2)),
                                       family, &ss, &len);
  if (err < 0) {
    args.GetReturnValue().Set(err);
    return;
  }
  TcpWrap *w = NewSocket(net, NumberArg(args, 0));
  err = sh_tcp_connect(&w->tcp, realm->loop(), net->Pool(), reinterpret_cast<sockaddr *>(&ss), len,
                       &kTcpOps, w);
  if (err < 0) {
    net->sockets.Erase(w->id);
    sh_loop_unref(realm->loop());
    delete w;
    args.GetReturnValue().Set(err);
    return;
  }
  SetMode(w, static_cast<int>(NumberArg(args, 4)));
  args.GetReturnValue().Set(0);
}

void SetModeJs(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    SetMode(w, static_cast<int>(NumberArg(args, 1)));
  }
}

// expectResponse(id, noBody): the client sent a request; its response has
// no body when noBody (a HEAD request).
void ExpectResponse(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    w->no_body.push_back(args[1]->BooleanValue(args.GetIsolate()));
  }
}

void ReadStart(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    args.GetReturnValue().Set(sh_tcp_read_start(&w->tcp));
  }
}

void ReadStop(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    sh_tcp_read_stop(&w->tcp);
  }
}

void ReleaseBackingStore(void *owner) {
  delete static_cast<std::shared_ptr<v8::BackingStore> *>(owner);
}

// Rewrites n Latin-1 bytes at p as UTF-8 in place (p has room for 2n) and
// returns the new length. ASCII, the common case, is only scanned.
size_t WidenLatin1(uint8_t *p, size_t n) {
  size_t high = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ull) {
      break;
    }
  }
  for (size_t j = i; j < n; j++) {
    high += p[j] >> 7;
  }
  if (high == 0) {
    return n;
  }
  // Back to front, so nothing is overwritten before it is read.
  uint8_t *out = p + n + high;
  for (size_t j = n; j-- > i;) {
    uint8_t c = p[j];
    if (c < 0x80) {
      *--out = c;
    } else {
      *--out = static_cast<uint8_t>(0x80 | (c & 0x3f));
      *--out = static_cast<uint8_t>(0xc0 | (c >> 6));
    }
  }
  return n + high;
}

// Queues one value (string or ArrayBufferView). Returns 0 or -errno.
int WriteValue(v8::Isolate *isolate, TcpWrap *w, v8::Local<v8::Value> value, int latin1) {
  if (value->IsString()) {
    v8::Local<v8::String> str = value.As<v8::String>();
    int length = str->Length();
    if (length == 0) {
      return 0;
    }
    if (latin1 || str->IsOneByte()) {
      // One copy out of V8, then (for UTF-8) Latin-1 bytes above 0x7f are
      // widened in place: room for the worst case is reserved up front.
      size_t room = latin1 ? static_cast<size_t>(length) : static_cast<size_t>(length) * 2;
      char *dst = sh_tcp_reserve(&w->tcp, room);
      if (dst == nullptr) {
        return -EPIPE;
      }
      str->WriteOneByte(isolate, reinterpret_cast<uint8_t *>(dst), 0, length,
                        v8::String::NO_NULL_TERMINATION);
      size_t used = static_cast<size_t>(length);
      if (!latin1) {
        used = WidenLatin1(reinterpret_cast<uint8_t *>(dst), static_cast<size_t>(length));
      }
      sh_tcp_commit(&w->tcp, used);
      return 0;
    }
    size_t need = static_cast<size_t>(str->Utf8Length(isolate));
    char *dst = sh_tcp_reserve(&w->tcp, need);
    if (dst == nullptr) {
      return -EPIPE;
    }
    int written = str->WriteUtf8(isolate, dst, static_cast<int>(need), nullptr,
                                 v8::String::NO_NULL_TERMINATION |
                                     v8::String::REPLACE_INVALID_UTF8);
    sh_tcp_commit(&w->tcp, static_cast<size_t>(written));
    return 0;
  }
  if (value->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
    size_t len = view->ByteLength();
    if (len == 0) {
      return 0;
    }
    std::shared_ptr<v8::BackingStore> store = view->Buffer()->GetBackingStore();
    const char *data = static_cast<const char *>(store->Data()) + view->ByteOffset();
    if (len < kCopyByReference) {
      return sh_tcp_write(&w->tcp, data, len);
    }
    // Large: by reference, the backing store pinned until the send is done.
    auto *owner = new std::shared_ptr<v8::BackingStore>(std::move(store));
    return sh_tcp_write_ref(&w->tcp, data, len, ReleaseBackingStore, owner);
  }
  return -EINVAL;
}

// After a write: the bytes queued on the socket (the return value), and in
// writeInfo[0] the position where the queue ends in the socket's byte stream
// (every byte ever written plus what is queued: Node's bytesWritten).
double AfterWrite(TcpWrap *w) {
  size_t queued = sh_tcp_queued(&w->tcp);
  w->net->write_info[0] = static_cast<double>(w->tcp.bytes_written) + static_cast<double>(queued);
  return static_cast<double>(queued);
}

// write(id, value, latin1?, value2?, latin1?): a head and a body in one
// call. Returns the bytes queued on the socket (see AfterWrite), or -errno.
void Write(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TcpWrap *w = FindSocket(args);
  if (w == nullptr) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  int latin1 = args[2]->IsTrue() ? 1 : 0;
  int err = WriteValue(isolate, w, args[1], latin1);
  if (err == 0 && args.Length() > 3 && !args[3]->IsUndefined()) {
    err = WriteValue(isolate, w, args[3], args[4]->IsTrue() ? 1 : 0);
  }
  args.GetReturnValue().Set(err < 0 ? static_cast<double>(err) : AfterWrite(w));
}

// writev(id, chunks[]) -> queued bytes or -errno
void Writev(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TcpWrap *w = FindSocket(args);
  if (w == nullptr || !args[1]->IsArray()) {
    return;
  }
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Array> chunks = args[1].As<v8::Array>();
  int err = 0;
  for (uint32_t i = 0; i < chunks->Length() && err == 0; i++) {
    v8::Local<v8::Value> chunk;
    if (chunks->Get(context, i).ToLocal(&chunk)) {
      err = WriteValue(isolate, w, chunk, 0);
    }
  }
  args.GetReturnValue().Set(err < 0 ? static_cast<double>(err) : AfterWrite(w));
}

// writeFile(id, fd, offset, length, doneId) -> end offset | -errno: queues
// a range of a file that moves to the socket by splice (fs streams piped
// into a socket; see sh_tcp_write_file). doneId's callback gets (moved, err)
// once the range has gone out, failed or been dropped.
struct FileRangeDone {
  NetData *net;
  double id;
};

void OnFileRangeDone(void *owner, uint64_t moved, int err) {
  auto *d = static_cast<FileRangeDone *>(owner);
  d->net->realm->PushCompletion(d->id, static_cast<double>(moved), err);
  delete d;
}

void WriteFile(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TcpWrap *w = FindSocket(args);
  if (w == nullptr) {
    return;
  }
  int fd = static_cast<int>(NumberArg(args, 1));
  double offset = NumberArg(args, 2);
  double length = NumberArg(args, 3);
  if (offset < 0 || length <= 0) {
    args.GetReturnValue().Set(-EINVAL);
    return;
  }
  auto *done = new FileRangeDone{w->net, NumberArg(args, 4)};
  int err = sh_tcp_write_file(&w->tcp, fd, static_cast<uint64_t>(offset), static_cast<size_t>(length),
                              OnFileRangeDone, done);
  if (err < 0) {
    delete done;
  }
  args.GetReturnValue().Set(err < 0 ? static_cast<double>(err) : AfterWrite(w));
}

// wantAcks(id, on): report completed sends (kWrite with the queue left).
void WantAcks(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    w->want_acks = args[1]->BooleanValue(args.GetIsolate());
  }
}

void Shutdown(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    args.GetReturnValue().Set(sh_tcp_shutdown(&w->tcp));
  }
}

void Close(const v8::FunctionCallbackInfo<v8::Value> &args) {
  NetData *net = Net(Realm::From(args));
  if (TcpWrap *w = net->sockets.Get(NumberArg(args, 0))) {
    // A closing socket keeps the loop alive until its 'close' is emitted,
    // even an unref'd one, as libuv's closing handles do (an agent that
    // drops an unref'd keep-alive socket waits for its 'close').
    if (!w->refed) {
      w->refed = true;
      sh_loop_ref(net->realm->loop());
    }
    w->closing = true;
    sh_tcp_close(&w->tcp);
  }
}

void RefSocket(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  TcpWrap *w = FindSocket(args);
  if (w == nullptr) {
    return;
  }
  bool ref = args[1]->BooleanValue(args.GetIsolate());
  if (ref != w->refed && !w->closing) {
    w->refed = ref;
    if (ref) {
      sh_loop_ref(realm->loop());
    } else {
      sh_loop_unref(realm->loop());
    }
  }
}

void SetNoDelay(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    args.GetReturnValue().Set(sh_tcp_set_nodelay(&w->tcp, args[1]->BooleanValue(args.GetIsolate())));
  }
}

void SetKeepAlive(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (TcpWrap *w = FindSocket(args)) {
    args.GetReturnValue().Set(sh_tcp_set_keepalive(&w->tcp, args[1]->BooleanValue(args.GetIsolate()),
                                                   static_cast<unsigned>(NumberArg(args, 2))));
  }
}

// Fills out = [address, family, port] from a socket address.
void FillAddress(v8::Isolate *isolate, const sockaddr_storage &ss, v8::Local<v8::Array> out) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  char buf[INET6_ADDRSTRLEN];
  if (ss.ss_family == AF_INET) {
    const auto *in = reinterpret_cast<const sockaddr_in *>(&ss);
    inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
    USE(out->Set(context, 0, Str(isolate, buf)));
    USE(out->Set(context, 1, OneByte(isolate, "IPv4")));
    USE(out->Set(context, 2, v8::Integer::New(isolate, ntohs(in->sin_port))));
  } else if (ss.ss_family == AF_INET6) {
    const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&ss);
    inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
    USE(out->Set(context, 0, Str(isolate, buf)));
    USE(out->Set(context, 1, OneByte(isolate, "IPv6")));
    USE(out->Set(context, 2, v8::Integer::New(isolate, ntohs(in6->sin6_port))));
  } else if (ss.ss_family == AF_UNIX) {
    const auto *un = reinterpret_cast<const sockaddr_un *>(&ss);
    USE(out->Set(context, 0, Str(isolate, un->sun_path)));
    USE(out->Set(context, 1, OneByte(isolate, "Unix")));
    USE(out->Set(context, 2, v8::Integer::New(isolate, 0)));
  }
}

// address(id, peer, out[], isServer) -> 0 | -errno
void Address(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  NetData *net = Net(Realm::From(args));
  double id = NumberArg(args, 0);
  int fd = -1;
  if (args[3]->IsTrue()) {
    if (ServerWrap *s = net->servers.Get(id)) {
      fd = s->server.fd;
    }
  } else if (TcpWrap *w = net->sockets.Get(id)) {
    fd = w->tcp.fd;
  }
  if (fd < 0 || !args[2]->IsArray()) {
    args.GetReturnValue().Set(-EBADF);
    return;
  }
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  int rc = args[1]->IsTrue() ? getpeername(fd, reinterpret_cast<sockaddr *>(&ss), &len)
                             : getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len);
  if (rc != 0) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  FillAddress(isolate, ss, args[2].As<v8::Array>());
  args.GetReturnValue().Set(0);
}

// bytes(id, out: Float64Array(3)) -> [bytesRead, bytesWritten, queued]
void Bytes(const v8::FunctionCallbackInfo<v8::Value> &args) {
  TcpWrap *w = FindSocket(args);
  if (w == nullptr || !args[1]->IsFloat64Array()) {
    return;
  }
  auto *out = static_cast<double *>(args[1].As<v8::Float64Array>()->Buffer()->GetBackingStore()->Data());
  out[0] = static_cast<double>(w->tcp.bytes_read);
  out[1] = static_cast<double>(w->tcp.bytes_written);
  out[2] = static_cast<double>(sh_tcp_queued(&w->tcp));
}

void InitTcp(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  NetData *net = Net(realm);
  net->slabs.Init(realm, target);
  SetInt(isolate, target, "kSlabShift", kSlabShift);
  SetMethod(isolate, target, "listen", Listen);
  SetMethod(isolate, target, "closeServer", CloseServer);
  SetMethod(isolate, target, "pauseAccept", PauseAccept);
  SetMethod(isolate, target, "refServer", RefServer);
  SetMethod(isolate, target, "adopt", Adopt);
  SetMethod(isolate, target, "connect", Connect);
  SetMethod(isolate, target, "setMode", SetModeJs);
  SetMethod(isolate, target, "expectResponse", ExpectResponse);
  SetMethod(isolate, target, "readStart", ReadStart);
  SetMethod(isolate, target, "readStop", ReadStop);
  SetMethod(isolate, target, "write", Write);
  SetMethod(isolate, target, "writev", Writev);
  SetMethod(isolate, target, "wantAcks", WantAcks);
  {
    std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, sizeof(double));
    net->write_info = static_cast<double *>(store->Data());
    v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, std::move(store));
    SetValue(isolate, target, "writeInfo", v8::Float64Array::New(ab, 0, 1));
  }
  SetMethod(isolate, target, "writeFile", WriteFile);
  SetMethod(isolate, target, "shutdown", Shutdown);
  SetMethod(isolate, target, "close", Close);
  SetMethod(isolate, target, "ref", RefSocket);
  SetMethod(isolate, target, "setNoDelay", SetNoDelay);
  SetMethod(isolate, target, "setKeepAlive", SetKeepAlive);
  SetMethod(isolate, target, "address", Address);
  SetMethod(isolate, target, "bytes", Bytes);
  v8::Local<v8::Array> methods = v8::Array::New(isolate);
#define SH_METHOD(num, name, string) USE(methods->Set(realm->context(), num, OneByte(isolate, #string)));
  HTTP_METHOD_MAP(SH_METHOD)
#undef SH_METHOD
  SetValue(isolate, target, "methods", methods);
}

}  // namespace

// For bind_tls.cc, which puts TLS under a socket: the stream socket behind a
// socket id, or nullptr.
sh_tcp_t *SocketTcp(Realm *realm, double id) {
  TcpWrap *w = Net(realm)->sockets.Get(id);
  return w != nullptr ? &w->tcp : nullptr;
}

SH_BINDING(tcp, InitTcp);

}  // namespace shard
