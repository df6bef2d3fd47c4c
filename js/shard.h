/* What js/ offers core/: start V8 once per process, then run one isolate on
 * a loop thread. Plain C: core/ never sees a V8 type. */
#ifndef SH_JS_SHARD_H
#define SH_JS_SHARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/loop.h"

#ifdef __cplusplus
extern "C" {
#endif

struct sh_js_core;
struct sh_js_core_options;

/* Process-wide services core/ provides to every isolate. */
typedef struct sh_js_host {
  /* process.exit(code) or a fatal error on some core. Records the code and
   * starts the exit sequence; returns, and the calling core then stops its
   * loop. Any core's thread. */
  void (*request_exit)(int code);
  /* A core started (+1) or stopped (-1) listening for signal signo. */
  void (*signal_listen)(int signo, int delta);
  /* stdio: writes all of buf to fd 1 or 2, atomically with respect to other
   * cores. Returns 0 or -errno. */
  int (*write_stdio)(int fd, const void *buf, size_t len);
  /* cluster.fork(): starts one more core that runs *opts (copied; the
   * strings it points to must outlive the core), reached through handle
   * (from sh_js_core_create, never freed). The new core's process.exit and
   * uncaught errors end that core only. Returns the new core's index or
   * -errno. Any core's thread; NULL where the host cannot. */
  int (*start_core)(struct sh_js_core *handle, const struct sh_js_core_options *opts);
} sh_js_host_t;

typedef struct sh_js_process_options {
  int argc;            /* the whole command line, for process.argv0/execPath */
  char **argv;
  const char *v8_flags; /* space-separated, passed to V8 as they are */
  const sh_js_host_t *host;
} sh_js_process_options_t;

/* What one core runs. Strings are owned by the caller and outlive the core. */
typedef struct sh_js_core_options {
  unsigned core;        /* this core's index */
  unsigned cores;       /* how many run the program */
  int cpu;              /* the CPU it is pinned to, or -1 */
  size_t heap_limit_mb; /* 0: V8's default */
  /* What to run: exactly one of script (a path), eval (source text, also
   * used for a script read from stdin), or neither (the REPL). */
  const char *script;
  const char *eval;
  bool print;           /* -p: print the value of eval */
  bool check;           /* -c: check the script's syntax only */
  bool interactive;     /* -i, or no program on a TTY: the REPL */
  bool test;            /* --test: run the test runner over args */
  bool stdin_script;    /* eval holds a program read from stdin */
  int script_argc;      /* arguments after the script, for process.argv */
  char **script_argv;
  int exec_argc;        /* the options before the script, for process.execArgv */
  char **exec_argv;
  int preload_count;    /* -r/--require modules, in order */
  char **preloads;
  int import_count;     /* --import modules, in order */
  char **imports;
  const char *const *env; /* environ, copied into process.env */
  unsigned stats;       /* --stats */
  const char *cpu_prof_dir; /* --cpu-prof: where to write the profile, or NULL */
  bool cpu_prof;
  const char *test_reporter;
  /* A Worker's resourceLimits in MiB (0: V8's default); js/ sets them. */
  size_t max_young_generation_mb;
  size_t max_old_generation_mb;
  size_t code_range_mb;
  /* > 0: a core started by cluster.fork(), with this cluster worker id. */
  unsigned cluster_worker_id;
  /* > 0: a Worker, with this threadId (its --cpu-prof file's <tid>); js/
   * sets it. */
  unsigned thread_id;
} sh_js_core_options_t;

/* Hands options shard does not know to V8 (before sh_js_process_init).
 * Returns the first one V8 does not know either, or NULL. */
const char *sh_js_take_v8_flags(int count, char **flags);

/* Once, before any core starts. Returns 0 or -errno and prints why. */
int sh_js_process_init(const sh_js_process_options_t *opts);
const char *sh_js_v8_version(void);
/* Prints V8's own option list (--v8-options). */
void sh_js_print_v8_options(void);

typedef struct sh_js_core sh_js_core_t;
/* A handle through which other threads reach a core; made before the core's
 * thread starts, freed after it ended. */
sh_js_core_t *sh_js_core_create(void);
void sh_js_core_free(sh_js_core_t *core);
/* Runs the program on the calling thread's loop until it ends. Returns the
 * core's exit code. */
int sh_js_core_run(sh_js_core_t *core, sh_loop_t *loop, const sh_js_core_options_t *opts);
/* Any thread: stop the core's JavaScript now (TerminateExecution) and end
 * its loop at the next turn. Its `exit` listeners still run, with code. */
void sh_js_core_interrupt(sh_js_core_t *core, int code);
/* Any thread: forwards a signal; the core emits it if it has listeners. */
void sh_js_core_signal(sh_js_core_t *core, int signo);

#ifdef __cplusplus
}
#endif
#endif
