/* shard's main(): parse the command line, start V8 and one pinned loop
 * thread per core, then wait: forward signals to the cores, and run the
 * exit sequence when a core asks for it or every core has ended. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/envfile.h"
#include "core/signals.h"
#include "core/topology.h"
#include "io/common.h"
#include "io/loop.h"
#include "js/shard.h"
#include "config.h"

/* How long the other cores get to run their `exit` listeners once one core
 * called process.exit(). */
#define EXIT_DEADLINE_MS 5000

extern char **environ;

typedef struct core_slot {
  pthread_t thread;
  unsigned index;
  int cpu;
  bool pin;
  sh_js_core_t *js;
  sh_js_core_options_t opts;
  int exit_code;
} core_slot_t;

static struct {
  core_slot_t *cores;
  unsigned count;
  atomic_bool exit_requested;
  atomic_int exit_code; /* the first non-zero code asked for */
  atomic_uint done;
  int wake_fd; /* eventfd: a core ended, or exit was requested */
  pthread_mutex_t stdio_lock;
} proc = {.stdio_lock = PTHREAD_MUTEX_INITIALIZER};

static void wake_main(void) {
  uint64_t one = 1;
  ssize_t n = write(proc.wake_fd, &one, sizeof one);
  SH_UNUSED(n);
}

static void host_request_exit(int code) {
  if (code != 0) {
    int zero = 0;
    atomic_compare_exchange_strong(&proc.exit_code, &zero, code);
  }
  atomic_store(&proc.exit_requested, true);
  wake_main();
}

static int host_write_stdio(int fd, const void *buf, size_t len) {
  const char *p = buf;
  int err = 0;
  pthread_mutex_lock(&proc.stdio_lock);
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      if (errno == EAGAIN) {
        /* Someone made the descriptor non-blocking: wait until it drains. */
        struct pollfd pfd = {.fd = fd, .events = POLLOUT};
        poll(&pfd, 1, -1);
        continue;
      }
      err = -errno;
      break;
    }
    p += n;
    len -= (size_t)n;
  }
  pthread_mutex_unlock(&proc.stdio_lock);
  return err;
}

static void *core_main(void *arg);

/* ---- cores started at run time (cluster.fork(): sh_js_host_t.start_core) ----
 * They run beside the cores of the command line: the supervisor waits for
 * them too, interrupts them when the process exits and forwards signals to
 * them, but their exit codes never become the process's (their
 * process.exit() ends only themselves: js/ routes it). Never freed. */
static struct {
  pthread_mutex_t lock;
  core_slot_t **slots;
  unsigned count;
  atomic_uint started; /* read by the supervisor without the lock */
} extra = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int host_start_core(struct sh_js_core *handle, const struct sh_js_core_options *opts) {
  core_slot_t *core = sh_xcalloc(1, sizeof *core);
  pthread_mutex_lock(&extra.lock);
  unsigned index = proc.count + extra.count;
  core->index = index;
  core->pin = proc.cores[0].pin;
  core->cpu = core->pin ? sh_topology_cpu_for((int)index) : -1;
  core->js = handle;
  core->opts = *opts;
  core->opts.core = index;
  core->opts.cpu = core->cpu;
  if (core->opts.cores <= index) {
    core->opts.cores = index + 1;
  }
  extra.slots = sh_xrealloc(extra.slots, (extra.count + 1) * sizeof *extra.slots);
  extra.slots[extra.count++] = core;
  atomic_fetch_add(&extra.started, 1);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 8u << 20);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int err = pthread_create(&core->thread, &attr, core_main, core);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    extra.count--;
    atomic_fetch_sub(&extra.started, 1);
    free(core);
  }
  pthread_mutex_unlock(&extra.lock);
  return err != 0 ? -err : (int)index;
}

static void extra_interrupt(int code) {
  pthread_mutex_lock(&extra.lock);
  for (unsigned i = 0; i < extra.count; i++) {
    sh_js_core_interrupt(extra.slots[i]->js, code);
  }
  pthread_mutex_unlock(&extra.lock);
}

static void extra_signal(int signo) {
  pthread_mutex_lock(&extra.lock);
  for (unsigned i = 0; i < extra.count; i++) {
    sh_js_core_signal(extra.slots[i]->js, signo);
  }
  pthread_mutex_unlock(&extra.lock);
}
/* ---- end of the cores started at run time ---- */

static const sh_js_host_t host = {
    .request_exit = host_request_exit,
    .signal_listen = sh_signals_listen,
    .write_stdio = host_write_stdio,
    .start_core = host_start_core,
};

static void *core_main(void *arg) {
  core_slot_t *core = arg;
  if (core->pin) {
    int err = sh_topology_bind_thread(core->cpu);
    if (err < 0) {
      fprintf(stderr, "shard: warning: could not pin core %u to CPU %d: %s\n", core->index,
              core->cpu, strerror(-err));
    }
  }
  sh_loop_t *loop = NULL;
  const char *why = NULL;
  int err = sh_loop_create(&loop, NULL, &why);
  if (err < 0) {
    fprintf(stderr, "shard: cannot start core %u: %s (%s)\n", core->index, why ? why : "",
            strerror(-err));
    core->exit_code = 1;
    host_request_exit(1);
  } else {
    if (core->pin) {
      cpu_set_t set;
      CPU_ZERO(&set);
      CPU_SET(core->cpu, &set);
      /* The kernel's io-wq threads of this ring (offloaded file work) stay on
       * this core's CPU, and few. */
      sh_ring_limit_workers(sh_loop_ring(loop), &set, sizeof set, 4, 4);
    } else {
      sh_ring_limit_workers(sh_loop_ring(loop), NULL, 0, 4, 4);
    }
    core->exit_code = sh_js_core_run(core->js, loop, &core->opts);
    sh_loop_destroy(loop);
  }
  atomic_fetch_add(&proc.done, 1);
  wake_main();
  return NULL;
}

static char *read_stdin(void) {
  size_t cap = 1 << 16, len = 0;
  char *buf = sh_xmalloc(cap);
  for (;;) {
    ssize_t n = read(0, buf + len, cap - len - 1);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    len += (size_t)n;
    if (len + 1 == cap) {
      cap *= 2;
      buf = sh_xrealloc(buf, cap);
    }
  }
  buf[len] = '\0';
  return buf;
}

static void raise_nofile_limit(void) {
  /* As Node does: programs with many connections should not hit the soft limit. */
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

static uint64_t now_ms(void) { return sh_hrtime() / 1000000u; }

/* The main thread's job once the cores run. Returns the process exit code. */
static int supervise(int signal_fd) {
  bool interrupting = false;
  uint64_t deadline = 0;
  for (;;) {
    if (atomic_load(&proc.done) == proc.count + atomic_load(&extra.started)) {
      break;
    }
    if (atomic_load(&proc.exit_requested) && !interrupting) {
      interrupting = true;
      deadline = now_ms() + EXIT_DEADLINE_MS;
      int code = atomic_load(&proc.exit_code);
      for (unsigned i = 0; i < proc.count; i++) {
        sh_js_core_interrupt(proc.cores[i].js, code);
      }
      extra_interrupt(code);
    }
    int timeout = -1;
    if (interrupting) {
      uint64_t now = now_ms();
      if (now >= deadline) {
        break; /* a core is stuck (a blocking call): end without it */
      }
      timeout = (int)(deadline - now);
    }
    struct pollfd fds[2] = {{.fd = proc.wake_fd, .events = POLLIN},
                            {.fd = signal_fd, .events = POLLIN}};
    int n = poll(fds, signal_fd >= 0 ? 2 : 1, timeout);
    if (n <= 0) {
      continue;
    }
    if (fds[0].revents & POLLIN) {
      uint64_t v;
      ssize_t r = read(proc.wake_fd, &v, sizeof v);
      SH_UNUSED(r);
    }
    if (signal_fd >= 0 && (fds[1].revents & POLLIN)) {
      int signo;
      while ((signo = sh_signals_read(signal_fd)) > 0) {
        if (sh_signals_listeners(signo) > 0) {
          for (unsigned i = 0; i < proc.count; i++) {
            sh_js_core_signal(proc.cores[i].js, signo);
          }
          extra_signal(signo);
        } else {
          sh_signals_default_action(signo);
        }
      }
    }
  }
  /* The first non-zero code asked for, else the first non-zero core's. */
  int code = atomic_load(&proc.exit_code);
  for (unsigned i = 0; i < proc.count && code == 0; i++) {
    code = proc.cores[i].exit_code;
  }
  return code;
}

int main(int argc, char **argv) {
  sh_cli_t cli;
  int err = sh_cli_parse(&cli, argc, argv);
  if (err) {
    return err;
  }
  if (cli.help) {
    sh_cli_print_help();
    return 0;
  }
  if (cli.version) {
    printf("v%s\n", SH_VERSION);
    return 0;
  }
  for (int i = 0; i < cli.env_file_count; i++) {
    err = sh_envfile_load(cli.env_files[i]);
    if (err < 0) {
      fprintf(stderr, "shard: %s: not found\n", cli.env_files[i]);
      return 9;
    }
  }
  raise_nofile_limit();
  int signal_fd = sh_signals_init();
  if (signal_fd < 0) {
    fprintf(stderr, "shard: signalfd failed: %s\n", strerror(-signal_fd));
  }
  proc.wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  SH_CHECK(proc.wake_fd >= 0);
  if (sh_topology_init() < 0) {
    fprintf(stderr, "shard: warning: hwloc could not read the machine's topology\n");
  }

  if (cli.other_flag_count > 0) {
    const char *bad = sh_js_take_v8_flags(cli.other_flag_count, cli.other_flags);
    if (bad != NULL) {
      fprintf(stderr, "shard: bad option: %s\n", bad);
      return 9;
    }
  }
  sh_js_process_options_t popts = {
      .argc = argc, .argv = argv, .v8_flags = cli.v8_flags, .host = &host};
  if (sh_js_process_init(&popts) < 0) {
    return 1;
  }
  if (cli.v8_options) {
    sh_js_print_v8_options();
    return 0;
  }

  char *stdin_source = NULL;
  bool interactive = cli.interactive;
  if (cli.script == NULL && cli.eval == NULL && !cli.test) {
    if (isatty(0) || cli.interactive) {
      /* -i: the REPL even when stdin is not a terminal (as Node). */
      interactive = true;
    } else {
      stdin_source = read_stdin();
    }
  }

  unsigned count = cli.cores == 0 ? 1 : cli.cores < 0 ? (unsigned)sh_topology_pu_count()
                                                      : (unsigned)cli.cores;
  bool pin = cli.cores != 0;
  size_t heap_mb = cli.heap_limit_mb;
  if (heap_mb == 0 && count > 1) {
    /* Each core's default heap limit is its share of the machine's memory. */
    heap_mb = sh_topology_memory() / count / (1024 * 1024);
  }

  proc.count = count;
  proc.cores = sh_xcalloc(count, sizeof *proc.cores);
  for (unsigned i = 0; i < count; i++) {
    core_slot_t *core = &proc.cores[i];
    core->index = i;
    core->pin = pin;
    core->cpu = pin ? sh_topology_cpu_for((int)i) : -1;
    core->js = sh_js_core_create();
    sh_js_core_options_t *o = &core->opts;
    o->core = i;
    o->cores = count;
    o->cpu = core->cpu;
    o->heap_limit_mb = cli.heap_limit_mb ? 0 : heap_mb; /* an explicit flag already reached V8 */
    o->script = cli.script;
    o->eval = stdin_source ? stdin_source : cli.eval;
    o->stdin_script = stdin_source != NULL;
    o->print = cli.print;
    o->check = cli.check;
    o->interactive = interactive;
    o->test = cli.test;
    o->test_reporter = cli.test_reporter;
    o->script_argc = cli.script_argc;
    o->script_argv = cli.script_argv;
    o->exec_argc = cli.exec_argc;
    o->exec_argv = cli.exec_argv;
    o->preload_count = cli.preload_count;
    o->preloads = cli.preloads;
    o->import_count = cli.import_count;
    o->imports = cli.imports;
    o->env = (const char *const *)environ;
    o->stats = cli.stats;
    o->cpu_prof = cli.cpu_prof;
    o->cpu_prof_dir = cli.cpu_prof_dir;
  }
  for (unsigned i = 0; i < count; i++) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    /* Room for V8's --stack-size and deep recursion, as a main thread has. */
    pthread_attr_setstacksize(&attr, 8u << 20);
    err = pthread_create(&proc.cores[i].thread, &attr, core_main, &proc.cores[i]);
    pthread_attr_destroy(&attr);
    if (err != 0) {
      fprintf(stderr, "shard: cannot start core %u: %s\n", i, strerror(err));
      _exit(1);
    }
  }
  int code = supervise(signal_fd);
  fflush(stdout);
  fflush(stderr);
  /* Never exit(): static destructors and atexit handlers would run while
   * other isolates may still be running. */
  _exit(code);
}
