// internalBinding('os'): what node:os reads from the system. Values come
// back as plain arrays and numbers; node:os shapes them. Failures return
// a negative errno (never a stale errno) and node:os turns them into
// Node's SystemError.
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

static v8::Local<v8::Context> Ctx(v8::Isolate *isolate) { return isolate->GetCurrentContext(); }

static void GetHostname(const v8::FunctionCallbackInfo<v8::Value> &args) {
  char buf[256];
  if (gethostname(buf, sizeof buf) != 0) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  buf[sizeof buf - 1] = '\0';
  args.GetReturnValue().Set(Str(args.GetIsolate(), buf));
}

// getUname() -> [sysname, release, version, machine]
static void GetUname(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  struct utsname u;
  if (uname(&u) != 0) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  v8::Local<v8::Value> values[] = {Str(isolate, u.sysname), Str(isolate, u.release),
                                   Str(isolate, u.version), Str(isolate, u.machine)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 4));
}

// Reads a small /proc file whole; empty on failure.
static std::string ReadProcFile(const char *path) {
  std::string out;
  FILE *f = fopen(path, "re");
  if (f == nullptr) {
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
    out.append(buf, n);
  }
  fclose(f);
  return out;
}

// The seconds since boot, with /proc/uptime's precision (as libuv).
static void GetUptime(const v8::FunctionCallbackInfo<v8::Value> &args) {
  std::string text = ReadProcFile("/proc/uptime");
  double up = 0;
  if (text.empty() || sscanf(text.c_str(), "%lf", &up) != 1) {
    struct sysinfo info;
    if (sysinfo(&info) != 0) {
      args.GetReturnValue().Set(-errno);
      return;
    }
    up = static_cast<double>(info.uptime);
  }
  args.GetReturnValue().Set(up);
}

// getLoadAvg(Float64Array(3))
static void GetLoadAvg(const v8::FunctionCallbackInfo<v8::Value> &args) {
  if (!args[0]->IsFloat64Array() || args[0].As<v8::Float64Array>()->Length() < 3) {
    return;
  }
  v8::Local<v8::Float64Array> arr = args[0].As<v8::Float64Array>();
  double *out = reinterpret_cast<double *>(static_cast<char *>(arr->Buffer()->Data()) + arr->ByteOffset());
  struct sysinfo info;
  if (sysinfo(&info) != 0) {
    out[0] = out[1] = out[2] = 0;
    return;
  }
  for (int i = 0; i < 3; i++) {
    out[i] = static_cast<double>(info.loads[i]) / static_cast<double>(1 << SI_LOAD_SHIFT);
  }
}

// A field of /proc/meminfo in bytes, or -1.
static double MemInfo(const char *field) {
  std::string text = ReadProcFile("/proc/meminfo");
  size_t len = strlen(field);
  size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, len, field) == 0 && text[pos + len] == ':') {
      unsigned long long kb = 0;
      if (sscanf(text.c_str() + pos + len + 1, "%llu", &kb) == 1) {
        return static_cast<double>(kb) * 1024;
      }
      return -1;
    }
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      break;
    }
    pos = nl + 1;
  }
  return -1;
}

static void GetTotalMem(const v8::FunctionCallbackInfo<v8::Value> &args) {
  double total = MemInfo("MemTotal");
  if (total < 0) {
    struct sysinfo info;
    total = sysinfo(&info) == 0 ? static_cast<double>(info.totalram) * info.mem_unit : 0;
  }
  args.GetReturnValue().Set(total);
}

// Free memory as libuv reports it: what is available to new programs.
static void GetFreeMem(const v8::FunctionCallbackInfo<v8::Value> &args) {
  double avail = MemInfo("MemAvailable");
  if (avail < 0) {
    struct sysinfo info;
    avail = sysinfo(&info) == 0 ? static_cast<double>(info.freeram) * info.mem_unit : 0;
  }
  args.GetReturnValue().Set(avail);
}

// The CPUs the process may run on (its affinity mask as started, taskset
// included). The main thread is never pinned: the cores are other threads.
static void AvailableParallelism(const v8::FunctionCallbackInfo<v8::Value> &args) {
  cpu_set_t set;
  CPU_ZERO(&set);
  int count = 0;
  if (sched_getaffinity(getpid(), sizeof set, &set) == 0) {
    count = CPU_COUNT(&set);
  }
  if (count < 1) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    count = n > 0 ? static_cast<int>(n) : 1;
  }
  args.GetReturnValue().Set(count);
}

// getCPUs() -> [model, speed, user, nice, sys, idle, irq, ...] per CPU, as
// libuv reads them: times from /proc/stat in milliseconds, the model from
// /proc/cpuinfo, the speed from cpufreq (0 where the kernel has none).
static void GetCPUs(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  std::string stat = ReadProcFile("/proc/stat");
  long ticks = sysconf(_SC_CLK_TCK);
  double mult = ticks > 0 ? 1000.0 / static_cast<double>(ticks) : 10.0;

  struct Cpu {
    unsigned index;
    double user, nice, sys, idle, irq;
  };
  std::vector<Cpu> cpus;
  size_t pos = 0;
  while (pos < stat.size()) {
    size_t nl = stat.find('\n', pos);
    std::string line = stat.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? stat.size() : nl + 1;
    unsigned idx;
    unsigned long long user, nice, sys, idle, iowait, irq;
    if (line.compare(0, 3, "cpu") != 0 || line.size() < 4 || line[3] < '0' || line[3] > '9') {
      continue;
    }
    if (sscanf(line.c_str(), "cpu%u %llu %llu %llu %llu %llu %llu", &idx, &user, &nice, &sys, &idle,
               &iowait, &irq) != 7) {
      continue;
    }
    cpus.push_back({idx, user * mult, nice * mult, sys * mult, idle * mult, irq * mult});
  }

  // Model names by processor number.
  std::map<unsigned, std::string> models;
  std::string info = ReadProcFile("/proc/cpuinfo");
  pos = 0;
  unsigned current = 0;
  std::string last_model = "unknown";
  while (pos < info.size()) {
    size_t nl = info.find('\n', pos);
    std::string line = info.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? info.size() : nl + 1;
    unsigned n;
    if (sscanf(line.c_str(), "processor : %u", &n) == 1) {
      current = n;
    } else if (line.compare(0, 10, "model name") == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string model = line.substr(colon + 1);
        size_t start = model.find_first_not_of(" \t");
        model = start == std::string::npos ? "" : model.substr(start);
        models[current] = model;
        last_model = model;
      }
    }
  }

  v8::Local<v8::Context> context = Ctx(isolate);
  v8::Local<v8::Array> out = v8::Array::New(isolate, static_cast<int>(cpus.size() * 7));
  uint32_t k = 0;
  for (const Cpu &c : cpus) {
    auto it = models.find(c.index);
    const std::string &model = it != models.end() ? it->second : last_model;
    double speed = 0;
    char path[128];
    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cpufreq/scaling_cur_freq", c.index);
    std::string freq = ReadProcFile(path);
    unsigned long long khz = 0;
    if (!freq.empty() && sscanf(freq.c_str(), "%llu", &khz) == 1) {
      speed = static_cast<double>(khz / 1000);
    }
    USE(out->Set(context, k++, Str(isolate, model)));
    USE(out->Set(context, k++, v8::Number::New(isolate, speed)));
    USE(out->Set(context, k++, v8::Number::New(isolate, c.user)));
    USE(out->Set(context, k++, v8::Number::New(isolate, c.nice)));
    USE(out->Set(context, k++, v8::Number::New(isolate, c.sys)));
    USE(out->Set(context, k++, v8::Number::New(isolate, c.idle)));
    USE(out->Set(context, k++, v8::Number::New(isolate, c.irq)));
  }
  args.GetReturnValue().Set(out);
}

// getInterfaceAddresses() -> [name, address, netmask, family, mac, internal,
// scopeid, ...] for every address of an interface that is up and running,
// in getifaddrs order (as libuv lists them).
static void GetInterfaceAddresses(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Context> context = Ctx(isolate);
  struct ifaddrs *addrs;
  if (getifaddrs(&addrs) != 0) {
    args.GetReturnValue().Set(-errno);
    return;
  }
  // MAC addresses come from the AF_PACKET entries of the same interface.
  std::map<std::string, std::string> macs;
  for (struct ifaddrs *ent = addrs; ent != nullptr; ent = ent->ifa_next) {
    if (ent->ifa_addr != nullptr && ent->ifa_addr->sa_family == AF_PACKET) {
      const struct sockaddr_ll *ll = reinterpret_cast<const struct sockaddr_ll *>(ent->ifa_addr);
      char mac[18];
      snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", ll->sll_addr[0], ll->sll_addr[1],
               ll->sll_addr[2], ll->sll_addr[3], ll->sll_addr[4], ll->sll_addr[5]);
      macs[ent->ifa_name] = mac;
    }
  }
  v8::Local<v8::Array> out = v8::Array::New(isolate);
  uint32_t k = 0;
  for (struct ifaddrs *ent = addrs; ent != nullptr; ent = ent->ifa_next) {
    if (!((ent->ifa_flags & IFF_UP) && (ent->ifa_flags & IFF_RUNNING)) || ent->ifa_addr == nullptr) {
      continue;
    }
    int family = ent->ifa_addr->sa_family;
    if (family != AF_INET && family != AF_INET6) {
      continue;
    }
    char address[INET6_ADDRSTRLEN] = "";
    char netmask[INET6_ADDRSTRLEN] = "";
    uint32_t scopeid = 0;
    if (family == AF_INET) {
      inet_ntop(AF_INET, &reinterpret_cast<const struct sockaddr_in *>(ent->ifa_addr)->sin_addr, address,
                sizeof address);
      if (ent->ifa_netmask != nullptr) {
        inet_ntop(AF_INET, &reinterpret_cast<const struct sockaddr_in *>(ent->ifa_netmask)->sin_addr,
                  netmask, sizeof netmask);
      }
    } else {
      const struct sockaddr_in6 *a6 = reinterpret_cast<const struct sockaddr_in6 *>(ent->ifa_addr);
      inet_ntop(AF_INET6, &a6->sin6_addr, address, sizeof address);
      scopeid = a6->sin6_scope_id;
      if (ent->ifa_netmask != nullptr) {
        inet_ntop(AF_INET6, &reinterpret_cast<const struct sockaddr_in6 *>(ent->ifa_netmask)->sin6_addr,
                  netmask, sizeof netmask);
      }
    }
    auto mac = macs.find(ent->ifa_name);
    USE(out->Set(context, k++, Str(isolate, ent->ifa_name)));
    USE(out->Set(context, k++, Str(isolate, address)));
    USE(out->Set(context, k++, Str(isolate, netmask)));
    USE(out->Set(context, k++, OneByte(isolate, family == AF_INET ? "IPv4" : "IPv6")));
    USE(out->Set(context, k++, Str(isolate, mac != macs.end() ? mac->second : "00:00:00:00:00:00")));
    USE(out->Set(context, k++, v8::Boolean::New(isolate, (ent->ifa_flags & IFF_LOOPBACK) != 0)));
    USE(out->Set(context, k++, v8::Integer::NewFromUnsigned(isolate, scopeid)));
  }
  freeifaddrs(addrs);
  args.GetReturnValue().Set(out);
}

// The password entry of the effective user: 0 or -errno (ENOENT: none).
static int GetPasswd(uid_t uid, struct passwd *pw, std::vector<char> *buf) {
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  buf->resize(size > 0 ? static_cast<size_t>(size) : 4096);
  for (;;) {
    struct passwd *result = nullptr;
    int err = getpwuid_r(uid, pw, buf->data(), buf->size(), &result);
    if (err == ERANGE) {
      buf->resize(buf->size() * 2);
      continue;
    }
    if (err != 0) {
      return -err;
    }
    return result == nullptr ? -ENOENT : 0;
  }
}

// getHomeDirectory(): the password entry's (node:os checks process.env.HOME
// first: each core has its own copy of the environment).
static void GetHomeDirectory(const v8::FunctionCallbackInfo<v8::Value> &args) {
  struct passwd pw;
  std::vector<char> buf;
  int err = GetPasswd(geteuid(), &pw, &buf);
  if (err < 0) {
    args.GetReturnValue().Set(err);
    return;
  }
  args.GetReturnValue().Set(Str(args.GetIsolate(), pw.pw_dir));
}

// getUserInfo() -> [uid, gid, username, homedir, shell] or -errno.
static void GetUserInfo(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  struct passwd pw;
  std::vector<char> buf;
  int err = GetPasswd(geteuid(), &pw, &buf);
  if (err < 0) {
    args.GetReturnValue().Set(err);
    return;
  }
  v8::Local<v8::Value> values[] = {
      v8::Integer::NewFromUnsigned(isolate, pw.pw_uid), v8::Integer::NewFromUnsigned(isolate, pw.pw_gid),
      Str(isolate, pw.pw_name),
      Str(isolate, pw.pw_dir),
      pw.pw_shell != nullptr ? Str(isolate, pw.pw_shell).As<v8::Value>() : v8::Null(isolate).As<v8::Value>()};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 5));
}

// getPriority(pid) -> [0, priority] or [-errno]
static void GetPriority(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  int pid = args[0]->Int32Value(Ctx(isolate)).FromMaybe(0);
  errno = 0;
  int prio = getpriority(PRIO_PROCESS, static_cast<id_t>(pid));
  v8::Local<v8::Value> values[2];
  int n = 1;
  if (prio == -1 && errno != 0) {
    values[0] = v8::Integer::New(isolate, -errno);
  } else {
    values[0] = v8::Integer::New(isolate, 0);
    values[n++] = v8::Integer::New(isolate, prio);
  }
  args.GetReturnValue().Set(v8::Array::New(isolate, values, n));
}

// setPriority(pid, priority) -> 0 or -errno
static void SetPriority(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Context> context = Ctx(args.GetIsolate());
  int pid = args[0]->Int32Value(context).FromMaybe(0);
  int prio = args[1]->Int32Value(context).FromMaybe(0);
  int rc = setpriority(PRIO_PROCESS, static_cast<id_t>(pid), prio);
  args.GetReturnValue().Set(rc == 0 ? 0 : -errno);
}

// os.constants, built from the system headers in Node's order.
static void SetConstants(v8::Isolate *isolate, v8::Local<v8::Object> target) {
  v8::Local<v8::Object> errnos = v8::Object::New(isolate);
#define E(name) SetInt(isolate, errnos, #name, name);
  E(E2BIG) E(EACCES) E(EADDRINUSE) E(EADDRNOTAVAIL) E(EAFNOSUPPORT) E(EAGAIN) E(EALREADY) E(EBADF)
  E(EBADMSG) E(EBUSY) E(ECANCELED) E(ECHILD) E(ECONNABORTED) E(ECONNREFUSED) E(ECONNRESET) E(EDEADLK)
  E(EDESTADDRREQ) E(EDOM) E(EDQUOT) E(EEXIST) E(EFAULT) E(EFBIG) E(EHOSTUNREACH) E(EIDRM) E(EILSEQ)
  E(EINPROGRESS) E(EINTR) E(EINVAL) E(EIO) E(EISCONN) E(EISDIR) E(ELOOP) E(EMFILE) E(EMLINK) E(EMSGSIZE)
  E(EMULTIHOP) E(ENAMETOOLONG) E(ENETDOWN) E(ENETRESET) E(ENETUNREACH) E(ENFILE) E(ENOBUFS) E(ENODATA)
  E(ENODEV) E(ENOENT) E(ENOEXEC) E(ENOLCK) E(ENOLINK) E(ENOMEM) E(ENOMSG) E(ENOPROTOOPT) E(ENOSPC)
  E(ENOSR) E(ENOSTR) E(ENOSYS) E(ENOTCONN) E(ENOTDIR) E(ENOTEMPTY) E(ENOTSOCK) E(ENOTSUP) E(ENOTTY)
  E(ENXIO) E(EOPNOTSUPP) E(EOVERFLOW) E(EPERM) E(EPIPE) E(EPROTO) E(EPROTONOSUPPORT) E(EPROTOTYPE)
  E(ERANGE) E(EROFS) E(ESPIPE) E(ESRCH) E(ESTALE) E(ETIME) E(ETIMEDOUT) E(ETXTBSY) E(EWOULDBLOCK) E(EXDEV)
#undef E
  v8::Local<v8::Object> signals = v8::Object::New(isolate);
#define S(name) SetInt(isolate, signals, #name, name);
  S(SIGHUP) S(SIGINT) S(SIGQUIT) S(SIGILL) S(SIGTRAP) S(SIGABRT) S(SIGIOT) S(SIGBUS) S(SIGFPE) S(SIGKILL)
  S(SIGUSR1) S(SIGSEGV) S(SIGUSR2) S(SIGPIPE) S(SIGALRM) S(SIGTERM) S(SIGCHLD) S(SIGSTKFLT) S(SIGCONT)
  S(SIGSTOP) S(SIGTSTP) S(SIGTTIN) S(SIGTTOU) S(SIGURG) S(SIGXCPU) S(SIGXFSZ) S(SIGVTALRM) S(SIGPROF)
  S(SIGWINCH) S(SIGIO) S(SIGPOLL) S(SIGPWR) S(SIGSYS)
#undef S
  v8::Local<v8::Object> dlopen = v8::Object::New(isolate);
  SetInt(isolate, dlopen, "RTLD_LAZY", RTLD_LAZY);
  SetInt(isolate, dlopen, "RTLD_NOW", RTLD_NOW);
  SetInt(isolate, dlopen, "RTLD_GLOBAL", RTLD_GLOBAL);
  SetInt(isolate, dlopen, "RTLD_LOCAL", RTLD_LOCAL);
  SetInt(isolate, dlopen, "RTLD_DEEPBIND", RTLD_DEEPBIND);
  SetValue(isolate, target, "errno", errnos);
  SetValue(isolate, target, "signals", signals);
  SetValue(isolate, target, "dlopen", dlopen);
}

static void InitOs(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "getHostname", GetHostname);
  SetMethod(isolate, target, "getUname", GetUname);
  SetMethod(isolate, target, "getUptime", GetUptime);
  SetMethod(isolate, target, "getLoadAvg", GetLoadAvg);
  SetMethod(isolate, target, "getTotalMem", GetTotalMem);
  SetMethod(isolate, target, "getFreeMem", GetFreeMem);
  SetMethod(isolate, target, "availableParallelism", AvailableParallelism);
  SetMethod(isolate, target, "getCPUs", GetCPUs);
  SetMethod(isolate, target, "getInterfaceAddresses", GetInterfaceAddresses);
  SetMethod(isolate, target, "getHomeDirectory", GetHomeDirectory);
  SetMethod(isolate, target, "getUserInfo", GetUserInfo);
  SetMethod(isolate, target, "getPriority", GetPriority);
  SetMethod(isolate, target, "setPriority", SetPriority);
  v8::Local<v8::Object> constants = v8::Object::New(isolate);
  SetConstants(isolate, constants);
  SetValue(isolate, target, "constants", constants);
}

SH_BINDING(os, InitOs);

}  // namespace shard
