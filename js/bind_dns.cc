// internalBinding('dns'): getaddrinfo and getnameinfo on the core's pool of
// blocking threads (the loop never waits on name resolution).
#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include <string>
#include <vector>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {
namespace {

struct LookupWork {
  sh_work_t work;
  Realm *realm;
  double id;
  std::string host;
  int family; // 0, 4 or 6
  int hints_flags;
  bool all;
  int status = 0;
  std::vector<std::pair<std::string, int>> results; // address, family
};

// getaddrinfo's EAI_* codes as Node names them.
const char *GaiCode(int status) {
  switch (status) {
  case EAI_AGAIN:
    return "EAI_AGAIN";
  case EAI_BADFLAGS:
    return "EAI_BADFLAGS";
  case EAI_FAIL:
    return "EAI_FAIL";
  case EAI_FAMILY:
    return "EAI_FAMILY";
  case EAI_MEMORY:
    return "EAI_MEMORY";
  case EAI_NONAME:
    return "ENOTFOUND";
#ifdef EAI_NODATA
  case EAI_NODATA:
    return "ENODATA";
#endif
  case EAI_SERVICE:
    return "EAI_SERVICE";
  case EAI_SOCKTYPE:
    return "EAI_SOCKTYPE";
  case EAI_SYSTEM:
    return "EAI_SYSTEM";
  default:
    return "EAI_FAIL";
  }
}

void DoLookup(sh_work_t *w) {
  LookupWork *lw = reinterpret_cast<LookupWork *>(w);
  addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = lw->family == 4 ? AF_INET : lw->family == 6 ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = lw->hints_flags;
  addrinfo *res = nullptr;
  lw->status = getaddrinfo(lw->host.c_str(), nullptr, &hints, &res);
  if (lw->status != 0) {
    return;
  }
  char buf[INET6_ADDRSTRLEN];
  for (addrinfo *ai = res; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family == AF_INET) {
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(ai->ai_addr)->sin_addr, buf, sizeof buf);
      lw->results.emplace_back(buf, 4);
    } else if (ai->ai_family == AF_INET6) {
      inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 *>(ai->ai_addr)->sin6_addr, buf, sizeof buf);
      lw->results.emplace_back(buf, 6);
    }
  }
  freeaddrinfo(res);
}

void LookupDone(sh_work_t *w, int status) {
  LookupWork *lw = reinterpret_cast<LookupWork *>(w);
  Realm *realm = lw->realm;
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Context> context = realm->context();
  if (lw->status != 0) {
    int index = realm->PushCompletionValue(OneByte(isolate, GaiCode(lw->status)));
    realm->PushCompletion(lw->id, -1, index, 0);
  } else {
    // De-duplicated, in getaddrinfo's order: [address, family, address, family, ...]
    v8::Local<v8::Array> list = v8::Array::New(isolate);
    uint32_t n = 0;
    for (size_t i = 0; i < lw->results.size(); i++) {
      bool seen = false;
      for (size_t j = 0; j < i; j++) {
        seen = seen || lw->results[j] == lw->results[i];
      }
      if (seen) {
        continue;
      }
      USE(list->Set(context, n++, Str(isolate, lw->results[i].first)));
      USE(list->Set(context, n++, v8::Integer::New(isolate, lw->results[i].second)));
    }
    int index = realm->PushCompletionValue(list);
    realm->PushCompletion(lw->id, 0, index, 0);
  }
  delete lw;
  (void)status;
}

// getaddrinfo(id, hostname, family, flags)
void GetAddrInfo(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Local<v8::Context> context = realm->context();
  auto *lw = new LookupWork();
  lw->realm = realm;
  lw->id = args[0]->NumberValue(context).FromMaybe(0);
  lw->host = ToStdString(args.GetIsolate(), args[1]);
  lw->family = args[2]->Int32Value(context).FromMaybe(0);
  lw->hints_flags = args[3]->Int32Value(context).FromMaybe(0);
  lw->work.work = DoLookup;
  lw->work.done = LookupDone;
  sh_work_submit(realm->loop(), &lw->work);
}

struct NameInfoWork {
  sh_work_t work;
  Realm *realm;
  double id;
  std::string address;
  int port;
  int status = 0;
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
};

void DoNameInfo(sh_work_t *w) {
  NameInfoWork *nw = reinterpret_cast<NameInfoWork *>(w);
  sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len;
  if (inet_pton(AF_INET, nw->address.c_str(), &reinterpret_cast<sockaddr_in *>(&ss)->sin_addr) == 1) {
    auto *in = reinterpret_cast<sockaddr_in *>(&ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(static_cast<uint16_t>(nw->port));
    len = sizeof *in;
  } else {
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(&ss);
    inet_pton(AF_INET6, nw->address.c_str(), &in6->sin6_addr);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(static_cast<uint16_t>(nw->port));
    len = sizeof *in6;
  }
  nw->status = getnameinfo(reinterpret_cast<sockaddr *>(&ss), len, nw->host, sizeof nw->host, nw->service,
                           sizeof nw->service, NI_NAMEREQD);
}

void NameInfoDone(sh_work_t *w, int status) {
  NameInfoWork *nw = reinterpret_cast<NameInfoWork *>(w);
  Realm *realm = nw->realm;
  v8::Isolate *isolate = realm->isolate();
  v8::HandleScope scope(isolate);
  if (nw->status != 0) {
    int index = realm->PushCompletionValue(OneByte(isolate, GaiCode(nw->status)));
    realm->PushCompletion(nw->id, -1, index, 0);
  } else {
    v8::Local<v8::Value> pair[2] = {Str(isolate, nw->host), Str(isolate, nw->service)};
    int index = realm->PushCompletionValue(v8::Array::New(isolate, pair, 2));
    realm->PushCompletion(nw->id, 0, index, 0);
  }
  delete nw;
  (void)status;
}

// getnameinfo(id, address, port): [hostname, service] (lookupService)
void GetNameInfo(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  v8::Local<v8::Context> context = realm->context();
  auto *nw = new NameInfoWork();
  nw->realm = realm;
  nw->id = args[0]->NumberValue(context).FromMaybe(0);
  nw->address = ToStdString(args.GetIsolate(), args[1]);
  nw->port = args[2]->Int32Value(context).FromMaybe(0);
  nw->work.work = DoNameInfo;
  nw->work.done = NameInfoDone;
  sh_work_submit(realm->loop(), &nw->work);
}

void InitDns(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "getaddrinfo", GetAddrInfo);
  SetMethod(isolate, target, "getnameinfo", GetNameInfo);
  SetInt(isolate, target, "AI_ADDRCONFIG", AI_ADDRCONFIG);
  SetInt(isolate, target, "AI_ALL", AI_ALL);
  SetInt(isolate, target, "AI_V4MAPPED", AI_V4MAPPED);
}

}  // namespace

SH_BINDING(dns, InitDns);

}  // namespace shard
