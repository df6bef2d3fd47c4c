// The extern "C" surface of js/ (js/shard.h): V8 start-up and one core's run.
#include <libplatform/libplatform.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "io/common.h"
#include "js/binding.h"
#include "js/platform.h"
#include "js/realm.h"
#include "js/shard.h"

namespace shard {

static const sh_js_host_t *g_host;
static const sh_js_process_options_t *g_process_options;

const sh_js_host_t *Host() { return g_host; }
const sh_js_process_options_t *ProcessOptions() { return g_process_options; }

}  // namespace shard

using namespace shard;

static bool FillRandom(unsigned char *buffer, size_t length) {
  while (length > 0) {
    ssize_t got = getrandom(buffer, length, 0);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    buffer += got;
    length -= static_cast<size_t>(got);
  }
  return true;
}

extern "C" int sh_js_process_init(const sh_js_process_options_t *opts) {
  g_host = opts->host;
  g_process_options = opts;
  // Import attributes (`with { type: 'json' }`) and the older `assert` form
  // parse in V8 10.2 only behind these flags.
  std::string flags = "--harmony-import-assertions --harmony-import-attributes";
  // Every isolate (each core, each Worker) would checksum the embedded
  // startup snapshot again, ~0.15 ms, and every built-in's code cache: bytes
  // that live in this binary or that this process made in memory, never read
  // from disk. Newer V8s verify only in debug builds.
  flags += " --no-verify-snapshot-checksum";
  if (opts->v8_flags != nullptr && opts->v8_flags[0] != '\0') {
    flags += " ";
    flags += opts->v8_flags;
  }
  v8::V8::SetFlagsFromString(flags.c_str(), flags.size());
  v8::V8::InitializeICUDefaultLocation(opts->argc > 0 ? opts->argv[0] : "shard");
  // Each isolate seeds its random number generators: from getrandom(2),
  // not from a FILE opened on /dev/urandom (four system calls and a 4 KiB
  // read each, twice per Worker).
  v8::V8::SetEntropySource(FillRandom);
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  int workers = cpus < 2 ? 2 : (cpus > 4 ? 4 : static_cast<int>(cpus));
  auto *platform = new Platform(workers); // lives until _exit
  v8::V8::InitializePlatform(platform);
  if (!v8::V8::Initialize()) {
    fprintf(stderr, "shard: V8 failed to initialise\n");
    return -EINVAL;
  }
  return 0;
}

extern "C" const char *sh_js_take_v8_flags(int count, char **flags) {
  for (int i = 0; i < count; i++) {
    // V8 removes the flags it recognises from the list it is given.
    char *argv[2] = {const_cast<char *>("shard"), flags[i]};
    int argc = 2;
    v8::V8::SetFlagsFromCommandLine(&argc, argv, true);
    if (argc != 1) {
      return flags[i];
    }
  }
  return nullptr;
}

extern "C" const char *sh_js_v8_version(void) { return v8::V8::GetVersion(); }

extern "C" void sh_js_print_v8_options(void) {
  const char help[] = "--help";
  v8::V8::SetFlagsFromString(help, sizeof help - 1);
}

extern "C" sh_js_core_t *sh_js_core_create(void) { return new sh_js_core_t(); }

extern "C" int sh_js_core_run(sh_js_core_t *core, sh_loop_t *loop, const sh_js_core_options_t *opts) {
  auto *realm = new Realm(loop, opts, core);
  int code = realm->Run();
  delete realm;
  return code;
}

extern "C" void sh_js_core_free(sh_js_core_t *core) { delete core; }

extern "C" void sh_js_core_interrupt(sh_js_core_t *core, int code) {
  std::lock_guard<std::mutex> guard(core->lock);
  if (core->realm != nullptr) {
    core->realm->RequestInterrupt(code);
  } else {
    // Not started yet (or already ended): the realm checks this when it starts.
    core->interrupted = true;
    core->interrupt_code = code;
  }
}

namespace {
struct SignalMsg {
  sh_msg_t msg;
  Realm *realm;
  int signo;
};

void DeliverSignal(sh_msg_t *msg, sh_loop_t *receiver) {
  SignalMsg *m = reinterpret_cast<SignalMsg *>(msg);
  if (receiver != nullptr && !m->realm->exiting()) {
    v8::Isolate *isolate = m->realm->isolate();
    v8::HandleScope scope(isolate);
    v8::Local<v8::Value> argv[] = {v8::Integer::New(isolate, m->signo)};
    m->realm->MakeCallback(Callback::kEmitSignal, 1, argv);
  }
  delete m;
}
}  // namespace

extern "C" void sh_js_core_signal(sh_js_core_t *core, int signo) {
  std::lock_guard<std::mutex> guard(core->lock);
  if (core->realm == nullptr) {
    return;
  }
  auto *m = new SignalMsg{};
  m->msg.cb = DeliverSignal;
  m->realm = core->realm;
  m->signo = signo;
  if (sh_mailbox_send(core->loop_id, &m->msg) < 0) {
    delete m;
  }
}
