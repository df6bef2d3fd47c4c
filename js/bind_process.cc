// internalBinding('process'): the process-wide facts and calls behind the
// `process` object.
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <string>

#include <ares.h>
#include <brotli/decode.h>
#include <llhttp.h>
#include <openssl/crypto.h>
#include <zlib.h>

#include "js/binding.h"
#include "js/realm.h"

namespace shard {

static uint64_t g_start_ns = sh_hrtime();

static v8::Local<v8::Array> StringArray(v8::Isolate *isolate, int n, char *const *items) {
  v8::Local<v8::Array> arr = v8::Array::New(isolate, n);
  for (int i = 0; i < n; i++) {
    USE(arr->Set(isolate->GetCurrentContext(), static_cast<uint32_t>(i), Str(isolate, items[i])));
  }
  return arr;
}

static void GetOptions(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  Realm *realm = Realm::From(args);
  const sh_js_core_options_t *o = realm->options();
  const sh_js_process_options_t *p = ProcessOptions();
  v8::Local<v8::Object> obj = v8::Object::New(isolate);
  SetInt(isolate, obj, "core", o->core);
  SetInt(isolate, obj, "cores", o->cores);
  SetInt(isolate, obj, "cpu", o->cpu);
  SetValue(isolate, obj, "argv0", Str(isolate, p->argc > 0 ? p->argv[0] : "shard"));
  SetValue(isolate, obj, "script", o->script ? Str(isolate, o->script).As<v8::Value>() : v8::Null(isolate).As<v8::Value>());
  SetValue(isolate, obj, "eval", o->eval ? Str(isolate, o->eval).As<v8::Value>() : v8::Null(isolate).As<v8::Value>());
  SetValue(isolate, obj, "print", v8::Boolean::New(isolate, o->print));
  SetValue(isolate, obj, "test", v8::Boolean::New(isolate, o->test));
  SetValue(isolate, obj, "check", v8::Boolean::New(isolate, o->check));
  SetValue(isolate, obj, "interactive", v8::Boolean::New(isolate, o->interactive));
  SetValue(isolate, obj, "stdinScript", v8::Boolean::New(isolate, o->stdin_script));
  SetValue(isolate, obj, "args", StringArray(isolate, o->script_argc, o->script_argv));
  SetValue(isolate, obj, "execArgv", StringArray(isolate, o->exec_argc, o->exec_argv));
  SetValue(isolate, obj, "preloads", StringArray(isolate, o->preload_count, o->preloads));
  SetValue(isolate, obj, "imports", StringArray(isolate, o->import_count, o->imports));
  SetValue(isolate, obj, "stats", v8::Boolean::New(isolate, o->stats != 0));
  SetValue(isolate, obj, "cpuProf", v8::Boolean::New(isolate, o->cpu_prof));
  if (o->cpu_prof_dir) {
    SetValue(isolate, obj, "cpuProfDir", Str(isolate, o->cpu_prof_dir));
  }
  if (o->test_reporter) {
    SetValue(isolate, obj, "testReporter", Str(isolate, o->test_reporter));
  }
  int envc = 0;
  while (o->env && o->env[envc]) {
    envc++;
  }
  SetValue(isolate, obj, "env", StringArray(isolate, envc, const_cast<char *const *>(o->env)));
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = '\0';
  SetValue(isolate, obj, "execPath", Str(isolate, exe));
  SetValue(isolate, obj, "v8Version", Str(isolate, v8::V8::GetVersion()));
#if defined(__SANITIZE_ADDRESS__)
  SetInt(isolate, obj, "asan", 1); // process.config.variables.asan, as Node
#else
  SetInt(isolate, obj, "asan", 0);
#endif
  // The libraries as linked (Debian's), for process.versions.
  v8::Local<v8::Object> libs = v8::Object::New(isolate);
  SetValue(isolate, libs, "openssl", Str(isolate, OpenSSL_version(OPENSSL_VERSION_STRING)));
  SetValue(isolate, libs, "zlib", Str(isolate, zlibVersion()));
  uint32_t brotli = BrotliDecoderVersion();
  std::string brotli_str = std::to_string(brotli >> 24) + "." + std::to_string((brotli >> 12) & 0xfff) +
                           "." + std::to_string(brotli & 0xfff);
  SetValue(isolate, libs, "brotli", Str(isolate, brotli_str.c_str()));
  SetValue(isolate, libs, "ares", Str(isolate, ares_version(nullptr)));
  std::string llhttp = std::to_string(LLHTTP_VERSION_MAJOR) + "." + std::to_string(LLHTTP_VERSION_MINOR) + "." +
                       std::to_string(LLHTTP_VERSION_PATCH);
  SetValue(isolate, libs, "llhttp", Str(isolate, llhttp.c_str()));
  SetValue(isolate, obj, "libraryVersions", libs);
  args.GetReturnValue().Set(obj);
}

static void Cwd(const v8::FunctionCallbackInfo<v8::Value> &args) {
  char buf[PATH_MAX];
  if (getcwd(buf, sizeof buf) == nullptr) {
    ThrowErrno(args.GetIsolate(), -errno, "uv_cwd");
    return;
  }
  args.GetReturnValue().Set(Str(args.GetIsolate(), buf));
}

static void Chdir(const v8::FunctionCallbackInfo<v8::Value> &args) {
  std::string path = ToStdString(args.GetIsolate(), args[0]);
  if (chdir(path.c_str()) != 0) {
    int err = errno;
    char cwd[PATH_MAX];
    std::string from = getcwd(cwd, sizeof cwd) ? cwd : "";
    v8::Local<v8::Value> e = ErrnoException(args.GetIsolate(), -err, "chdir", from.c_str(), path.c_str());
    args.GetIsolate()->ThrowException(e);
  }
}

static void Umask(const v8::FunctionCallbackInfo<v8::Value> &args) {
  mode_t old;
  if (args[0]->IsUint32()) {
    old = umask(static_cast<mode_t>(args[0].As<v8::Uint32>()->Value()));
  } else {
    old = umask(0);
    umask(old);
  }
  args.GetReturnValue().Set(static_cast<uint32_t>(old));
}

static void Ids(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Value> ids[] = {
      v8::Integer::New(isolate, getpid()),     v8::Integer::New(isolate, getppid()),
      v8::Integer::NewFromUnsigned(isolate, getuid()), v8::Integer::NewFromUnsigned(isolate, geteuid()),
      v8::Integer::NewFromUnsigned(isolate, getgid()), v8::Integer::NewFromUnsigned(isolate, getegid())};
  args.GetReturnValue().Set(v8::Array::New(isolate, ids, 6));
}

static void GetGroups(const v8::FunctionCallbackInfo<v8::Value> &args) {
  gid_t groups[NGROUPS_MAX];
  int n = getgroups(NGROUPS_MAX, groups);
  v8::Isolate *isolate = args.GetIsolate();
  v8::Local<v8::Array> arr = v8::Array::New(isolate, n > 0 ? n : 0);
  for (int i = 0; i < n; i++) {
    USE(arr->Set(isolate->GetCurrentContext(), i, v8::Integer::NewFromUnsigned(isolate, groups[i])));
  }
  args.GetReturnValue().Set(arr);
}

// hrtime(buf: Uint32Array(3)) fills [seconds high, seconds low, nanoseconds].
static void Hrtime(const v8::FunctionCallbackInfo<v8::Value> &args) {
  uint64_t t = sh_hrtime();
  uint32_t *fields = static_cast<uint32_t *>(args[0].As<v8::Uint32Array>()->Buffer()->GetBackingStore()->Data());
  uint64_t sec = t / 1000000000u;
  fields[0] = static_cast<uint32_t>(sec >> 32);
  fields[1] = static_cast<uint32_t>(sec & 0xffffffffu);
  fields[2] = static_cast<uint32_t>(t % 1000000000u);
}

static void HrtimeBigInt(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(v8::BigInt::NewFromUnsigned(args.GetIsolate(), sh_hrtime()));
}

static void Uptime(const v8::FunctionCallbackInfo<v8::Value> &args) {
  args.GetReturnValue().Set(static_cast<double>(sh_hrtime() - g_start_ns) / 1e9);
}

static double Rss() {
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0;
  long rss = 0;
  if (f != nullptr) {
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2) {
      rss = 0;
    }
    fclose(f);
  }
  return static_cast<double>(rss) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

static void GetRss(const v8::FunctionCallbackInfo<v8::Value> &args) { args.GetReturnValue().Set(Rss()); }

// memoryUsage(buf: Float64Array(5)): rss, heapTotal, heapUsed, external, arrayBuffers.
static void MemoryUsage(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::HeapStatistics stats;
  args.GetIsolate()->GetHeapStatistics(&stats);
  double *f = static_cast<double *>(args[0].As<v8::Float64Array>()->Buffer()->GetBackingStore()->Data());
  f[0] = Rss();
  f[1] = static_cast<double>(stats.total_heap_size());
  f[2] = static_cast<double>(stats.used_heap_size());
  f[3] = static_cast<double>(stats.external_memory());
  f[4] = static_cast<double>(stats.external_memory()); // array buffers are the external memory here
}

// resourceUsage(buf: Float64Array(16)) in Node's field order; cpuUsage reads [0], [1].
static void ResourceUsage(const v8::FunctionCallbackInfo<v8::Value> &args) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double *f = static_cast<double *>(args[0].As<v8::Float64Array>()->Buffer()->GetBackingStore()->Data());
  f[0] = static_cast<double>(ru.ru_utime.tv_sec) * 1e6 + static_cast<double>(ru.ru_utime.tv_usec);
  f[1] = static_cast<double>(ru.ru_stime.tv_sec) * 1e6 + static_cast<double>(ru.ru_stime.tv_usec);
  f[2] = static_cast<double>(ru.ru_maxrss);
  f[3] = static_cast<double>(ru.ru_ixrss);
  f[4] = static_cast<double>(ru.ru_idrss);
  f[5] = static_cast<double>(ru.ru_isrss);
  f[6] = static_cast<double>(ru.ru_minflt);
  f[7] = static_cast<double>(ru.ru_majflt);
  f[8] = static_cast<double>(ru.ru_nswap);
  f[9] = static_cast<double>(ru.ru_inblock);
  f[10] = static_cast<double>(ru.ru_oublock);
  f[11] = static_cast<double>(ru.ru_msgsnd);
  f[12] = static_cast<double>(ru.ru_msgrcv);
  f[13] = static_cast<double>(ru.ru_nsignals);
  f[14] = static_cast<double>(ru.ru_nvcsw);
  f[15] = static_cast<double>(ru.ru_nivcsw);
}

static void Kill(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  int pid = args[0]->Int32Value(context).FromMaybe(0);
  int sig = args[1]->Int32Value(context).FromMaybe(SIGTERM);
  args.GetReturnValue().Set(kill(pid, sig) == 0 ? 0 : -errno);
}

// reallyExit(code): the JS side already emitted 'exit'. Ends this core's
// JavaScript now and asks core/ to end the process.
static void ReallyExit(const v8::FunctionCallbackInfo<v8::Value> &args) {
  Realm *realm = Realm::From(args);
  int code = args[0]->Int32Value(realm->context()).FromMaybe(0);
  realm->StopForExit(code);
  Host()->request_exit(code);
  args.GetIsolate()->TerminateExecution();
}

// writeStdio(fd, string | ArrayBufferView): synchronous and atomic across cores.
static void WriteStdio(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Isolate *isolate = args.GetIsolate();
  int fd = args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(1);
  int err;
  if (args[1]->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
    const char *base = static_cast<const char *>(view->Buffer()->GetBackingStore()->Data());
    err = Host()->write_stdio(fd, base + view->ByteOffset(), view->ByteLength());
  } else {
    v8::Local<v8::String> str;
    if (!args[1]->ToString(isolate->GetCurrentContext()).ToLocal(&str)) {
      return;
    }
    // Lone surrogates become U+FFFD, as Node writes them.
    std::string utf8(static_cast<size_t>(str->Utf8Length(isolate)), '\0');
    int n = str->WriteUtf8(isolate, utf8.data(), static_cast<int>(utf8.size()), nullptr,
                           v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
    err = Host()->write_stdio(fd, utf8.data(), static_cast<size_t>(n));
  }
  args.GetReturnValue().Set(err);
}

static void SetSignalListening(const v8::FunctionCallbackInfo<v8::Value> &args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  int signo = args[0]->Int32Value(context).FromMaybe(0);
  bool on = args[1]->BooleanValue(args.GetIsolate());
  if (signo > 0 && signo < NSIG) {
    Host()->signal_listen(signo, on ? 1 : -1);
  }
}

static void InitProcess(Realm *realm, v8::Local<v8::Object> target) {
  v8::Isolate *isolate = realm->isolate();
  SetMethod(isolate, target, "getOptions", GetOptions);
  SetMethod(isolate, target, "cwd", Cwd);
  SetMethod(isolate, target, "chdir", Chdir);
  SetMethod(isolate, target, "umask", Umask);
  SetMethod(isolate, target, "ids", Ids);
  SetMethod(isolate, target, "getgroups", GetGroups);
  SetMethod(isolate, target, "hrtime", Hrtime);
  SetMethod(isolate, target, "hrtimeBigInt", HrtimeBigInt);
  SetMethod(isolate, target, "uptime", Uptime);
  SetMethod(isolate, target, "rss", GetRss);
  SetMethod(isolate, target, "memoryUsage", MemoryUsage);
  SetMethod(isolate, target, "resourceUsage", ResourceUsage);
  SetMethod(isolate, target, "kill", Kill);
  SetMethod(isolate, target, "reallyExit", ReallyExit);
  SetMethod(isolate, target, "writeStdio", WriteStdio);
  SetMethod(isolate, target, "setSignalListening", SetSignalListening);
  v8::Local<v8::Object> signals = v8::Object::New(isolate);
  static const struct {
    const char *name;
    int num;
  } kSignals[] = {
      {"SIGHUP", SIGHUP},       {"SIGINT", SIGINT},       {"SIGQUIT", SIGQUIT},   {"SIGILL", SIGILL},
      {"SIGTRAP", SIGTRAP},     {"SIGABRT", SIGABRT},     {"SIGIOT", SIGIOT},     {"SIGBUS", SIGBUS},
      {"SIGFPE", SIGFPE},       {"SIGKILL", SIGKILL},     {"SIGUSR1", SIGUSR1},   {"SIGSEGV", SIGSEGV},
      {"SIGUSR2", SIGUSR2},     {"SIGPIPE", SIGPIPE},     {"SIGALRM", SIGALRM},   {"SIGTERM", SIGTERM},
      {"SIGCHLD", SIGCHLD},     {"SIGSTKFLT", SIGSTKFLT}, {"SIGCONT", SIGCONT},   {"SIGSTOP", SIGSTOP},
      {"SIGTSTP", SIGTSTP},     {"SIGTTIN", SIGTTIN},     {"SIGTTOU", SIGTTOU},   {"SIGURG", SIGURG},
      {"SIGXCPU", SIGXCPU},     {"SIGXFSZ", SIGXFSZ},     {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF},
      {"SIGWINCH", SIGWINCH},   {"SIGIO", SIGIO},         {"SIGPOLL", SIGPOLL},   {"SIGPWR", SIGPWR},
      {"SIGSYS", SIGSYS},
  };
  for (const auto &s : kSignals) {
    SetInt(isolate, signals, s.name, s.num);
  }
  SetValue(isolate, target, "signals", signals);
}

SH_BINDING(process, InitProcess);

}  // namespace shard
