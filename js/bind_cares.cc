// internalBinding('cares'): DNS queries through c-ares (dns.resolve*,
// Resolver, reverse). Each Resolver is one c-ares channel; the channel's
// sockets are watched with polls on the core's ring and its timeouts with a
// loop timer, so queries never block the loop and need no extra thread.
//
// Results reach JS through the completion batch: a query's completion
// carries 0 and the index of its parsed value, or -1 and the index of
// Node's error code ("ENOTFOUND", "ETIMEOUT", ...).
#include <arpa/inet.h>
#include <ares.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {
namespace {

// Query kinds, as JS names them (modules/dns.js keeps the same order).
enum QueryKind {
  kA,
  kAaaa,
  kAny,
  kCaa,
  kCname,
  kMx,
  kNaptr,
  kNs,
  kPtr,
  kSoa,
  kSrv,
  kTxt,
  kKindCount,
};

const int kQueryType[kKindCount] = {1, 28, 255, 257, 5, 15, 35, 2, 12, 6, 33, 16};

const char *AresCode(int status) {
  switch (status) {
  case ARES_ENODATA: return "ENODATA";
  case ARES_EFORMERR: return "EFORMERR";
  case ARES_ESERVFAIL: return "ESERVFAIL";
  case ARES_ENOTFOUND: return "ENOTFOUND";
  case ARES_ENOTIMP: return "ENOTIMP";
  case ARES_EREFUSED: return "EREFUSED";
  case ARES_EBADQUERY: return "EBADQUERY";
  case ARES_EBADNAME: return "EBADNAME";
  case ARES_EBADFAMILY: return "EBADFAMILY";
  case ARES_EBADRESP: return "EBADRESP";
  case ARES_ECONNREFUSED: return "ECONNREFUSED";
  case ARES_ETIMEOUT: return "ETIMEOUT";
  case ARES_EOF: return "EOF";
  case ARES_EFILE: return "EFILE";
  case ARES_ENOMEM: return "ENOMEM";
  case ARES_EDESTRUCTION: return "EDESTRUCTION";
  case ARES_EBADSTR: return "EBADSTR";
  case ARES_EBADFLAGS: return "EBADFLAGS";
  case ARES_ENONAME: return "ENONAME";
  case ARES_EBADHINTS: return "EBADHINTS";
  case ARES_ENOTINITIALIZED: return "ENOTINITIALIZED";
  case ARES_ELOADIPHLPAPI: return "ELOADIPHLPAPI";
  case ARES_EADDRGETNETWORKPARAMS: return "EADDRGETNETWORKPARAMS";
  case ARES_ECANCELLED: return "ECANCELLED";
  default: return "EBADRESP";
  }
}

struct CaresData;
struct Channel;

// The poll of one c-ares socket. One-shot polls, armed again after each
// event: c-ares expects level-triggered readiness (it reads a TCP answer's
// length and then its body on the next call), which a multishot poll does
// not give. A cancelled poll is freed by its last CQE.
struct SocketPoll {
  sh_req_t req;
  Channel *channel; // nullptr once cancelled
  int fd;
  unsigned events;
};

struct Channel {
  CaresData *data;
  double id;
  ares_channel channel = nullptr;
  sh_timer_t timer;
  std::unordered_map<int, SocketPoll *> polls;
  int pending = 0; // queries in flight
};

// A query in flight. Owned by c-ares until its callback runs.
struct Query {
  Channel *channel;
  double id; // the JS completion id
  int kind;
  bool ttl;
  bool reverse = false; // getHostByAddr, not a DNS query
  bool in_send = false; // ares_query has not returned yet
  // Set when c-ares answered inside ares_query itself: delivered later,
  // through a ring no-op, never synchronously.
  bool early = false;
  int early_status = 0;
  std::string early_answer;
  std::vector<std::string> early_names; // reverse(): found in the hosts file
  sh_req_t nop;
};

struct CaresData : BindingData {
  explicit CaresData(Realm *r) : realm(r) {}
  ~CaresData() override {
    destroying = true;
    for (auto &entry : channels) {
      Destroy(entry.second);
    }
  }
  static void Destroy(Channel *ch);
  Realm *realm;
  bool destroying = false;
  double next_id = 1;
  std::unordered_map<double, Channel *> channels;
};

void Rearm(Channel *ch);
void ArmTimer(Channel *ch);

void OnPoll(sh_req_t *req, int res, uint32_t flags) {
  SocketPoll *poll = reinterpret_cast<SocketPoll *>(req);
  Channel *ch = poll->channel;
  if (ch != nullptr && res > 0) {
    int fd = poll->fd;
    ares_socket_t rfd = (res & (POLLIN | POLLERR | POLLHUP)) ? fd : ARES_SOCKET_BAD;
    ares_socket_t wfd = (res & (POLLOUT | POLLERR | POLLHUP)) ? fd : ARES_SOCKET_BAD;
    v8::HandleScope scope(ch->data->realm->isolate());
    ares_process_fd(ch->channel, rfd, wfd);
    ArmTimer(ch);
  }
  (void)flags;
  // Poll again while c-ares still wants this socket, else free the poll.
  if (poll->channel == nullptr) {
    delete poll;
  } else if (sh_ring_poll(sh_loop_ring(poll->channel->data->realm->loop()), &poll->req, poll->fd,
                          poll->events, false) < 0) {
    // The ring refused: c-ares's own timeout ends the query.
    poll->channel->polls.erase(poll->fd);
    delete poll;
  }
}

// c-ares says which of its sockets it wants to read or write.
void SockStateCb(void *arg, ares_socket_t fd, int readable, int writable) {
  Channel *ch = static_cast<Channel *>(arg);
  unsigned events = (readable ? POLLIN : 0) | (writable ? POLLOUT : 0);
  sh_ring_t *ring = sh_loop_ring(ch->data->realm->loop());
  auto it = ch->polls.find(fd);
  if (it != ch->polls.end()) {
    if (it->second->events == events) {
      return;
    }
    SocketPoll *old = it->second;
    old->channel = nullptr; // its last CQE frees it
    sh_ring_cancel(ring, &old->req);
    ch->polls.erase(it);
  }
  if (events == 0 || ch->data->destroying) {
    return;
  }
  SocketPoll *poll = new SocketPoll();
  poll->req.cb = OnPoll;
  poll->req.data = poll;
  poll->channel = ch;
  poll->fd = fd;
  poll->events = events;
  if (sh_ring_poll(ring, &poll->req, fd, events, false) < 0) {
    delete poll;
    return;
  }
  ch->polls.emplace(fd, poll);
}

// Every descriptor of the process is close-on-exec, c-ares's too.
int SocketCreated(ares_socket_t fd, int type, void *arg) {
  (void)type;
  (void)arg;
  return fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 ? -1 : 0;
}

void OnTimer(sh_timer_t *timer) {
  Channel *ch = static_cast<Channel *>(timer->data);
  v8::HandleScope scope(ch->data->realm->isolate());
  ares_process_fd(ch->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
  ArmTimer(ch);
  // Completions pushed from the timers phase are handed to JS after the
  // next batch of CQEs: make sure one comes.
  Rearm(ch);
}

void OnNop(sh_req_t *req, int res, uint32_t flags) {
  (void)res;
  (void)flags;
  delete req;
}

void Rearm(Channel *ch) {
  sh_req_t *nop = new sh_req_t();
  nop->cb = OnNop;
  nop->data = nullptr;
  if (sh_ring_nop(sh_loop_ring(ch->data->realm->loop()), nop) < 0) {
    delete nop;
  }
}

void ArmTimer(Channel *ch) {
  sh_loop_t *loop = ch->data->realm->loop();
  if (ch->pending == 0) {
    sh_timer_stop(loop, &ch->timer);
    return;
  }
  timeval max = {1, 0};
  timeval tv;
  timeval *next = ares_timeout(ch->channel, &max, &tv);
  uint64_t ms = static_cast<uint64_t>(next->tv_sec) * 1000 + static_cast<uint64_t>(next->tv_usec + 999) / 1000;
  sh_timer_start(loop, &ch->timer, ms == 0 ? 1 : ms);
}

void CaresData::Destroy(Channel *ch) {
  sh_timer_stop(ch->data->realm->loop(), &ch->timer);
  // Pending queries end with ARES_EDESTRUCTION; their sockets' polls are
  // cancelled through SockStateCb.
  ares_destroy(ch->channel);
  for (auto &entry : ch->polls) {
    entry.second->channel = nullptr;
    sh_ring_cancel(sh_loop_ring(ch->data->realm->loop()), &entry.second->req);
  }
  ch->polls.clear();
  delete ch;
}

CaresData *Data(Realm *realm) { return realm->Data<CaresData>("cares"); }

Channel *FindChannel(const v8::FunctionCallbackInfo<v8::Value> &args) {
  CaresData *data = Data(Realm::From(args));
  double id = args[0]->NumberValue(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
  auto it = data->channels.find(id);
  return it == data->channels.end() ? nullptr : it->second;
}

// ---- answers as Node shapes them ----

v8::Local<v8::Object> Obj(v8::Isolate *isolate) { return v8::Object::New(isolate); }

// Names and texts from answers are bytes: Node makes one-byte (latin1)
// strings of them, so do we.
v8::Local<v8::String> Latin1(v8::Isolate *isolate, const void *s, int len = -1) {
  return v8::String::NewFromOneByte(isolate, static_cast<const uint8_t *>(s), v8::NewStringType::kNormal, len)
      .ToLocalChecked();
}

void Set(v8::Isolate *isolate, v8::Local<v8::Object> o, const char *key, v8::Local<v8::Value> v) {
  USE(o->Set(isolate->GetCurrentContext(), OneByte(isolate, key), v));
}
void SetStr(v8::Isolate *isolate, v8::Local<v8::Object> o, const char *key, const char *s) {
  Set(isolate, o, key, Latin1(isolate, s));
}
void SetNum(v8::Isolate *isolate, v8::Local<v8::Object> o, const char *key, double n) {
  Set(isolate, o, key, v8::Number::New(isolate, n));
}
void Push(v8::Isolate *isolate, v8::Local<v8::Array> a, v8::Local<v8::Value> v) {
  USE(a->Set(isolate->GetCurrentContext(), a->Length(), v));
}

// A and AAAA: addresses, or {address, ttl} objects (typed for resolveAny).
int ParseAddresses(v8::Isolate *isolate, const unsigned char *buf, int len, bool v6, bool ttl,
                   const char *any_type, v8::Local<v8::Array> out) {
  char ip[INET6_ADDRSTRLEN];
  int n = 256;
  int status;
  if (v6) {
    ares_addr6ttl ttls[256];
    status = ares_parse_aaaa_reply(buf, len, nullptr, ttls, &n);
    if (status != ARES_SUCCESS) {
      return status;
    }
    for (int i = 0; i < n; i++) {
      inet_ntop(AF_INET6, &ttls[i].ip6addr, ip, sizeof ip);
      if (!ttl) {
        Push(isolate, out, Str(isolate, ip));
        continue;
      }
      v8::Local<v8::Object> o = Obj(isolate);
      SetStr(isolate, o, "address", ip);
      SetNum(isolate, o, "ttl", ttls[i].ttl);
      if (any_type != nullptr) {
        SetStr(isolate, o, "type", any_type);
      }
      Push(isolate, out, o);
    }
  } else {
    ares_addrttl ttls[256];
    status = ares_parse_a_reply(buf, len, nullptr, ttls, &n);
    if (status != ARES_SUCCESS) {
      return status;
    }
    for (int i = 0; i < n; i++) {
      inet_ntop(AF_INET, &ttls[i].ipaddr, ip, sizeof ip);
      if (!ttl) {
        Push(isolate, out, Str(isolate, ip));
        continue;
      }
      v8::Local<v8::Object> o = Obj(isolate);
      SetStr(isolate, o, "address", ip);
      SetNum(isolate, o, "ttl", ttls[i].ttl);
      if (any_type != nullptr) {
        SetStr(isolate, o, "type", any_type);
      }
      Push(isolate, out, o);
    }
  }
  return n == 0 ? ARES_ENODATA : ARES_SUCCESS;
}

// Names from a hostent: the canonical name (CNAME) or the aliases (NS, PTR).
int ParseNames(v8::Isolate *isolate, const unsigned char *buf, int len, int kind, const char *any_type,
               v8::Local<v8::Array> out) {
  hostent *host = nullptr;
  int status;
  if (kind == kCname) {
    status = ares_parse_a_reply(buf, len, &host, nullptr, nullptr);
  } else if (kind == kNs) {
    status = ares_parse_ns_reply(buf, len, &host);
  } else {
    status = ares_parse_ptr_reply(buf, len, nullptr, 0, AF_INET, &host);
  }
  if (status != ARES_SUCCESS) {
    return status;
  }
  auto add = [&](const char *name) {
    if (any_type == nullptr) {
      Push(isolate, out, Latin1(isolate, name));
      return;
    }
    v8::Local<v8::Object> o = Obj(isolate);
    SetStr(isolate, o, "value", name);
    SetStr(isolate, o, "type", any_type);
    Push(isolate, out, o);
  };
  if (kind == kCname) {
    // A CNAME answer names one target: c-ares followed it into h_name.
    if (host->h_name != nullptr && host->h_aliases != nullptr && host->h_aliases[0] != nullptr) {
      add(host->h_name);
    } else {
      status = ARES_ENODATA;
    }
  } else {
    for (char **alias = host->h_aliases; alias != nullptr && *alias != nullptr; alias++) {
      add(*alias);
    }
  }
  ares_free_hostent(host);
  return status;
}

int ParseMx(v8::Isolate *isolate, const unsigned char *buf, int len, bool any, v8::Local<v8::Array> out) {
  ares_mx_reply *mx = nullptr;
  int status = ares_parse_mx_reply(buf, len, &mx);
  if (status != ARES_SUCCESS) {
    return status;
  }
  for (ares_mx_reply *r = mx; r != nullptr; r = r->next) {
    v8::Local<v8::Object> o = Obj(isolate);
    SetStr(isolate, o, "exchange", r->host);
    SetNum(isolate, o, "priority", r->priority);
    if (any) {
      SetStr(isolate, o, "type", "MX");
    }
    Push(isolate, out, o);
  }
  ares_free_data(mx);
  return ARES_SUCCESS;
}

int ParseTxt(v8::Isolate *isolate, const unsigned char *buf, int len, bool any, v8::Local<v8::Array> out) {
  ares_txt_ext *txt = nullptr;
  int status = ares_parse_txt_reply_ext(buf, len, &txt);
  if (status != ARES_SUCCESS) {
    return status;
  }
  // One array of strings per record: a record's chunks stay apart.
  v8::Local<v8::Array> record;
  bool have = false;
  auto flush = [&]() {
    if (!have) {
      return;
    }
    if (any) {
      v8::Local<v8::Object> o = Obj(isolate);
      Set(isolate, o, "entries", record);
      SetStr(isolate, o, "type", "TXT");
      Push(isolate, out, o);
    } else {
      Push(isolate, out, record);
    }
  };
  for (ares_txt_ext *r = txt; r != nullptr; r = r->next) {
    if (r->record_start || !have) {
      flush();
      record = v8::Array::New(isolate);
      have = true;
    }
    Push(isolate, record, Latin1(isolate, r->txt, static_cast<int>(r->length)));
  }
  flush();
  ares_free_data(txt);
  return ARES_SUCCESS;
}

int ParseSrv(v8::Isolate *isolate, const unsigned char *buf, int len, bool any, v8::Local<v8::Array> out) {
  ares_srv_reply *srv = nullptr;
  int status = ares_parse_srv_reply(buf, len, &srv);
  if (status != ARES_SUCCESS) {
    return status;
  }
  for (ares_srv_reply *r = srv; r != nullptr; r = r->next) {
    v8::Local<v8::Object> o = Obj(isolate);
    SetStr(isolate, o, "name", r->host);
    SetNum(isolate, o, "port", r->port);
    SetNum(isolate, o, "priority", r->priority);
    SetNum(isolate, o, "weight", r->weight);
    if (any) {
      SetStr(isolate, o, "type", "SRV");
    }
    Push(isolate, out, o);
  }
  ares_free_data(srv);
  return ARES_SUCCESS;
}

int ParseNaptr(v8::Isolate *isolate, const unsigned char *buf, int len, bool any, v8::Local<v8::Array> out) {
  ares_naptr_reply *naptr = nullptr;
  int status = ares_parse_naptr_reply(buf, len, &naptr);
  if (status != ARES_SUCCESS) {
    return status;
  }
  for (ares_naptr_reply *r = naptr; r != nullptr; r = r->next) {
    v8::Local<v8::Object> o = Obj(isolate);
    SetStr(isolate, o, "flags", reinterpret_cast<const char *>(r->flags));
    SetStr(isolate, o, "service", reinterpret_cast<const char *>(r->service));
    SetStr(isolate, o, "regexp", reinterpret_cast<const char *>(r->regexp));
    SetStr(isolate, o, "replacement", r->replacement);
    SetNum(isolate, o, "order", r->order);
    SetNum(isolate, o, "preference", r->preference);
    if (any) {
      SetStr(isolate, o, "type", "NAPTR");
    }
    Push(isolate, out, o);
  }
  ares_free_data(naptr);
  return ARES_SUCCESS;
}

int ParseSoa(v8::Isolate *isolate, const unsigned char *buf, int len, bool any, v8::Local<v8::Value> *out) {
  ares_soa_reply *soa = nullptr;
  int status = ares_parse_soa_reply(buf, len, &soa);
  if (status != ARES_SUCCESS) {
    return status;
  }
  v8::Local<v8::Object> o = Obj(isolate);
  SetStr(isolate, o, "nsname", soa->nsname);
  SetStr(isolate, o, "hostmaster", soa->hostmaster);
  SetNum(isolate, o, "serial", soa->serial);
  SetNum(isolate, o, "refresh", soa->refresh);
  SetNum(isolate, o, "retry", soa->retry);
  SetNum(isolate, o, "expire", soa->expire);
  SetNum(isolate, o, "minttl", soa->minttl);
  if (any) {
    SetStr(isolate, o, "type", "SOA");
  }
  *out = o;
  ares_free_data(soa);
  return ARES_SUCCESS;
}

int ParseCaa(v8::Isolate *isolate, const unsigned char *buf, int len, bool any, v8::Local<v8::Array> out) {
  ares_caa_reply *caa = nullptr;
  int status = ares_parse_caa_reply(buf, len, &caa);
  if (status != ARES_SUCCESS) {
    return status;
  }
  for (ares_caa_reply *r = caa; r != nullptr; r = r->next) {
    v8::Local<v8::Object> o = Obj(isolate);
    SetNum(isolate, o, "critical", r->critical);
    USE(o->Set(isolate->GetCurrentContext(), Latin1(isolate, r->property, static_cast<int>(r->plength)),
               Latin1(isolate, r->value, static_cast<int>(r->length))));
    if (any) {
      SetStr(isolate, o, "type", "CAA");
    }
    Push(isolate, out, o);
  }
  ares_free_data(caa);
  return ARES_SUCCESS;
}

// Every record type of an ANY answer, in Node's order; types absent from
// the answer are skipped.
int ParseAny(v8::Isolate *isolate, const unsigned char *buf, int len, v8::Local<v8::Array> out) {
  int status = ParseAddresses(isolate, buf, len, false, true, "A", out);
  if (status != ARES_SUCCESS && status != ARES_ENODATA) {
    return status;
  }
  ParseNames(isolate, buf, len, kCname, "CNAME", out);
  ParseAddresses(isolate, buf, len, true, true, "AAAA", out);
  ParseMx(isolate, buf, len, true, out);
  ParseNames(isolate, buf, len, kNs, "NS", out);
  ParseTxt(isolate, buf, len, true, out);
  ParseSrv(isolate, buf, len, true, out);
  ParseNames(isolate, buf, len, kPtr, "PTR", out);
  ParseNaptr(isolate, buf, len, true, out);
  v8::Local<v8::Value> soa;
  if (ParseSoa(isolate, buf, len, true, &soa) == ARES_SUCCESS) {
    Push(isolate, out, soa);
  }
  ParseCaa(isolate, buf, len, true, out);
  return out->Length() == 0 ? ARES_ENODATA : ARES_SUCCESS;
}

// Parses an answer into the JS value for its query kind.
int ParseAnswer(v8::Isolate *isolate, Query *q, const unsigned char *buf, int len, v8::Local<v8::Value> *out) {
  v8::Local<v8::Array> list = v8::Array::New(isolate);
  int status;
  switch (q->kind) {
  case kA:
  case kAaaa: status = ParseAddresses(isolate, buf, len, q->kind == kAaaa, q->ttl, nullptr, list); break;
  case kCname:
  case kNs:
  case kPtr: status = ParseNames(isolate, buf, len, q->kind, nullptr, list); break;
  case kMx: status = ParseMx(isolate, buf, len, false, list); break;
  case kTxt: status = ParseTxt(isolate, buf, len, false, list); break;
  case kSrv: status = ParseSrv(isolate, buf, len, false, list); break;
  case kNaptr: status = ParseNaptr(isolate, buf, len, false, list); break;
  case kCaa: status = ParseCaa(isolate, buf, len, false, list); break;
  case kAny: status = ParseAny(isolate, buf, len, list); break;
  case kSoa: return ParseSoa(isolate, buf, len, false, out);
  default: status = ARES_EBADQUERY;
  }
  *out = list;
  return status;
}

// Names of a reverse lookup's host, as Node gives them: its aliases (every
// PTR name of a DNS answer; the other names of a hosts-file line).
std::vector<std::string> HostNames(const hostent *host) {
  std::vector<std::string> names;
  for (char **alias = host->h_aliases; alias != nullptr && *alias != nullptr; alias++) {
    names.emplace_back(*alias);
  }
  return names;
}

void Deliver(Query *q, int status, const unsigned char *buf, int len, const std::vector<std::string> *names) {
  Channel *ch = q->channel;
  CaresData *data = ch->data;
  ch->pending--;
  sh_loop_unref(data->realm->loop());
  if (data->destroying) {
    return;
  }
  Realm *realm = data->realm;
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Value> value;
  if (status == ARES_SUCCESS) {
    if (names != nullptr) {
      // reverse(): the host's names.
      v8::Local<v8::Array> list = v8::Array::New(isolate);
      for (const std::string &name : *names) {
        Push(isolate, list, Latin1(isolate, name.data(), static_cast<int>(name.size())));
      }
      value = list;
    } else {
      status = ParseAnswer(isolate, q, buf, len, &value);
    }
  }
  if (status != ARES_SUCCESS) {
    int index = realm->PushCompletionValue(OneByte(isolate, AresCode(status)));
    realm->PushCompletion(q->id, -1, index, 0);
  } else {
    int index = realm->PushCompletionValue(value);
    realm->PushCompletion(q->id, 0, index, 0);
  }
}

void OnEarly(sh_req_t *req, int res, uint32_t flags) {
  (void)res;
  (void)flags;
  Query *q = static_cast<Query *>(req->data);
  Deliver(q, q->early_status, reinterpret_cast<const unsigned char *>(q->early_answer.data()),
          static_cast<int>(q->early_answer.size()), q->reverse ? &q->early_names : nullptr);
  delete q;
}

// c-ares answered inside the call that started the query: keep the answer
// and hand it over from the next completion batch (callbacks never run
// synchronously).
bool DeferIfEarly(Query *q, int status, const unsigned char *buf, int len) {
  if (!q->in_send) {
    return false;
  }
  q->early = true;
  q->early_status = status;
  if (buf != nullptr) {
    q->early_answer.assign(reinterpret_cast<const char *>(buf), static_cast<size_t>(len));
  }
  return true;
}

void QueryCb(void *arg, int status, int timeouts, unsigned char *buf, int len) {
  (void)timeouts;
  Query *q = static_cast<Query *>(arg);
  if (DeferIfEarly(q, status, buf, len)) {
    return;
  }
  Deliver(q, status, buf, len, nullptr);
  delete q;
}

void HostCb(void *arg, int status, int timeouts, hostent *host) {
  (void)timeouts;
  Query *q = static_cast<Query *>(arg);
  std::vector<std::string> names;
  if (status == ARES_SUCCESS) {
    names = HostNames(host);
  }
  // A name found in the hosts file comes back at once, inside the call.
  if (DeferIfEarly(q, status, nullptr, 0)) {
    q->early_names = std::move(names);
    return;
  }
  Deliver(q, status, nullptr, 0, &names);
  delete q;
}

// Starts q through send(); reports early answers through a ring no-op.
template <typename Send>
void Start(Channel *ch, Query *q, Send send) {
  ch->pending++;
  sh_loop_ref(ch->data->realm->loop());
  q->in_send = true;
  send();
  q->in_send = false;
  if (q->early) {
    q->nop.cb = OnEarly;
    q->nop.data = q;
    if (sh_ring_nop(sh_loop_ring(ch->data->realm->loop()), &q->nop) < 0) {
      // No room on the ring: the queue is flushed each turn, so this is
      // a broken invariant rather than load.
      OnEarly(&q->nop, 0, 0);
    }
    return;
  }
  ArmTimer(ch);
}

// ---- JS entry points ----

// createChannel(timeoutMs, tries) -> id, or an error code string.
void CreateChannel(const v8::FunctionCallbackInfo<v8::Value> &args) {
  static std::once_flag once;
  std::call_once(once, [] { ares_library_init(ARES_LIB_INIT_ALL); });
  Realm *realm = Realm::From(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  CaresData *data = Data(realm);
  Channel *ch = new Channel();
  ch->data = data;
  ch->id = data->next_id++;
  sh_timer_init(&ch->timer, OnTimer, ch);
  ares_options options;
  memset(&options, 0, sizeof options);
  int mask = ARES_OPT_FLAGS | ARES_OPT_SOCK_STATE_CB;
  options.flags = ARES_FLAG_NOCHECKRESP;
  options.sock_state_cb = SockStateCb;
  options.sock_state_cb_data = ch;
  int timeout = args[0]->Int32Value(context).FromMaybe(-1);
  if (timeout >= 0) {
    options.timeout = timeout;
    mask |= ARES_OPT_TIMEOUTMS;
  }
  int tries = args[1]->Int32Value(context).FromMaybe(4);
  options.tries = tries;
  mask |= ARES_OPT_TRIES;
  int status = ares_init_options(&ch->channel, &options, mask);
  if (status != ARES_SUCCESS) {
    delete ch;
    args.GetReturnValue().Set(OneByte(isolate, AresCode(status)));
    return;
  }
  ares_set_socket_callback(ch->channel, SocketCreated, nullptr);
  data->channels.emplace(ch->id, ch);
  args.GetReturnValue().Set(ch->id);
}

// destroyChannel(id): pending queries fail with ECANCELLED first.
void DestroyChannel(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Channel *ch = FindChannel(args);
  if (ch == nullptr) {
    return;
  }
  ch->data->channels.erase(ch->id);
  ares_cancel(ch->channel);
  CaresData::Destroy(ch);
}

// query(channel, id, name, kind, ttl) -> 0 or an error code string.
void StartQuery(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Channel *ch = FindChannel(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (ch == nullptr) {
    args.GetReturnValue().Set(OneByte(isolate, "EBADF"));
    return;
  }
  Query *q = new Query();
  q->channel = ch;
  q->id = args[1]->NumberValue(context).FromMaybe(0);
  std::string name = ToStdString(isolate, args[2]);
  q->kind = args[3]->Int32Value(context).FromMaybe(0);
  q->ttl = args[4]->BooleanValue(isolate);
  if (q->kind < 0 || q->kind >= kKindCount) {
    delete q;
    args.GetReturnValue().Set(OneByte(isolate, "EBADQUERY"));
    return;
  }
  Start(ch, q, [&] { ares_query(ch->channel, name.c_str(), 1 /* IN */, kQueryType[q->kind], QueryCb, q); });
  args.GetReturnValue().Set(0);
}

// getHostByAddr(channel, id, ip) -> 0 or an error code string.
void GetHostByAddr(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Channel *ch = FindChannel(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string ip = ToStdString(isolate, args[2]);
  unsigned char addr[16];
  int family = AF_INET;
  int length = 4;
  if (inet_pton(AF_INET, ip.c_str(), addr) != 1) {
    family = AF_INET6;
    length = 16;
    if (inet_pton(AF_INET6, ip.c_str(), addr) != 1) {
      args.GetReturnValue().Set(OneByte(isolate, "EINVAL"));
      return;
    }
  }
  if (ch == nullptr) {
    args.GetReturnValue().Set(OneByte(isolate, "EBADF"));
    return;
  }
  Query *q = new Query();
  q->channel = ch;
  q->id = args[1]->NumberValue(context).FromMaybe(0);
  q->kind = kPtr;
  q->reverse = true;
  Start(ch, q, [&] { ares_gethostbyaddr(ch->channel, addr, length, family, HostCb, q); });
  args.GetReturnValue().Set(0);
}

// cancel(channel): every pending query fails with ECANCELLED.
void Cancel(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (Channel *ch = FindChannel(args)) {
    ares_cancel(ch->channel);
    ArmTimer(ch);
  }
}

// getServers(channel) -> [[ip, port], ...]
void GetServers(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Channel *ch = FindChannel(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Array> list = v8::Array::New(isolate);
  args.GetReturnValue().Set(list);
  if (ch == nullptr) {
    return;
  }
  ares_addr_port_node *servers = nullptr;
  if (ares_get_servers_ports(ch->channel, &servers) != ARES_SUCCESS) {
    return;
  }
  char ip[INET6_ADDRSTRLEN];
  for (ares_addr_port_node *s = servers; s != nullptr; s = s->next) {
    inet_ntop(s->family, &s->addr, ip, sizeof ip);
    // Servers from resolv.conf have no port of their own: DNS's 53.
    int port = s->udp_port == 0 ? 53 : s->udp_port;
    v8::Local<v8::Value> pair[2] = {Str(isolate, ip), v8::Integer::New(isolate, port)};
    Push(isolate, list, v8::Array::New(isolate, pair, 2));
  }
  ares_free_data(servers);
}

// setServers(channel, [[family, ip, port], ...]) -> 0 or an error code string.
void SetServers(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Channel *ch = FindChannel(args);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (ch == nullptr || !args[1]->IsArray()) {
    args.GetReturnValue().Set(OneByte(isolate, "EBADF"));
    return;
  }
  v8::Local<v8::Array> list = args[1].As<v8::Array>();
  uint32_t n = list->Length();
  std::vector<ares_addr_port_node> nodes(n);
  for (uint32_t i = 0; i < n; i++) {
    v8::Local<v8::Value> entry;
    if (!list->Get(context, i).ToLocal(&entry) || !entry->IsArray()) {
      args.GetReturnValue().Set(OneByte(isolate, "EBADSTR"));
      return;
    }
    v8::Local<v8::Array> e = entry.As<v8::Array>();
    int family = e->Get(context, 0).ToLocalChecked()->Int32Value(context).FromMaybe(4);
    std::string ip = ToStdString(isolate, e->Get(context, 1).ToLocalChecked());
    int port = e->Get(context, 2).ToLocalChecked()->Int32Value(context).FromMaybe(0);
    ares_addr_port_node &node = nodes[i];
    memset(&node, 0, sizeof node);
    node.family = family == 6 ? AF_INET6 : AF_INET;
    if (inet_pton(node.family, ip.c_str(), &node.addr) != 1) {
      args.GetReturnValue().Set(OneByte(isolate, "EBADSTR"));
      return;
    }
    node.udp_port = port;
    node.tcp_port = port;
    node.next = i + 1 < n ? &nodes[i + 1] : nullptr;
  }
  int status = ares_set_servers_ports(ch->channel, n > 0 ? nodes.data() : nullptr);
  if (status != ARES_SUCCESS) {
    args.GetReturnValue().Set(OneByte(isolate, AresCode(status)));
    return;
  }
  args.GetReturnValue().Set(0);
}

// setLocalAddress(channel, ipv4 or "", ipv6 or "")
void SetLocalAddress(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Channel *ch = FindChannel(args);
  v8::Isolate *isolate = args.GetIsolate();
  if (ch == nullptr) {
    return;
  }
  std::string v4 = ToStdString(isolate, args[1]);
  std::string v6 = ToStdString(isolate, args[2]);
  in_addr a4;
  if (!v4.empty() && inet_pton(AF_INET, v4.c_str(), &a4) == 1) {
    ares_set_local_ip4(ch->channel, ntohl(a4.s_addr));
  } else {
    ares_set_local_ip4(ch->channel, 0);
  }
  unsigned char a6[16] = {0};
  if (!v6.empty()) {
    inet_pton(AF_INET6, v6.c_str(), a6);
  }
  ares_set_local_ip6(ch->channel, a6);
}

void InitCares(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "createChannel", CreateChannel);
  SetMethod(isolate, target, "destroyChannel", DestroyChannel);
  SetMethod(isolate, target, "query", StartQuery);
  SetMethod(isolate, target, "getHostByAddr", GetHostByAddr);
  SetMethod(isolate, target, "cancel", Cancel);
  SetMethod(isolate, target, "getServers", GetServers);
  SetMethod(isolate, target, "setServers", SetServers);
  SetMethod(isolate, target, "setLocalAddress", SetLocalAddress);
}

}  // namespace

SH_BINDING(cares, InitCares);

}  // namespace shard
