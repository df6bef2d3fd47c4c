/* Child processes: posix_spawn with a clean signal state, a pidfd for each
 * child, and the child's end seen by polling that pidfd on the loop's ring
 * (no SIGCHLD handler, so cores never race to reap each other's children).
 *
 * Descriptors: every descriptor made here is close-on-exec except the ones
 * a child is meant to get, and those only inside the child.
 *
 * Callbacks run on the loop thread from completions, never synchronously
 * from the call that started the operation. */
#ifndef SH_PROC_H
#define SH_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "io/loop.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a child's descriptor i is (sh_proc_stdio_t.kind). */
enum {
  SH_STDIO_IGNORE = 0, /* /dev/null for 0-2; nothing above */
  SH_STDIO_PIPE = 1,   /* a new socketpair: the child gets one end, the parent the other */
  SH_STDIO_FD = 2,     /* the parent's descriptor fd, shared */
};

typedef struct sh_proc_stdio {
  int kind;
  int fd;        /* SH_STDIO_FD: the parent's descriptor */
  int parent_fd; /* out, SH_STDIO_PIPE: the parent's end (close-on-exec), else -1 */
} sh_proc_stdio_t;

typedef struct sh_proc_options {
  const char *file;    /* a path, or a name searched in the PATH of envp */
  char *const *argv;   /* NULL-terminated */
  char *const *envp;   /* NULL-terminated; NULL: the parent's environ */
  const char *cwd;     /* NULL: the parent's */
  sh_proc_stdio_t *stdio;
  unsigned nstdio;
  bool detached;       /* setsid() in the child */
  bool set_uid;
  bool set_gid;
  uid_t uid;
  gid_t gid;
} sh_proc_options_t;

/* Starts a child. On success returns 0 with *pid_out and *pidfd_out set
 * (the caller owns the pidfd) and, for each SH_STDIO_PIPE entry, its
 * parent_fd (owned by the caller, blocking, close-on-exec). On failure
 * returns -errno (-ENOENT for a missing program or cwd, -EACCES, ...) and
 * nothing is left open. */
int sh_proc_spawn(sh_proc_options_t *opts, pid_t *pid_out, int *pidfd_out);

/* The full path a name resolves to with the PATH of envp (the parent's
 * PATH when envp is NULL or has none), as execvp finds it: the first
 * executable regular file. Returns 0 and writes it into buf, or -errno. */
int sh_proc_find(const char *file, char *const *envp, char *buf, size_t size);

/* ---- watching a child on the loop ---- */
typedef struct sh_proc sh_proc_t;

/* status: the exit code, or -1 when a signal ended it; signo: that signal
 * or 0. The child has been reaped and the pidfd closed. */
typedef void (*sh_proc_exit_cb)(sh_proc_t *proc, int status, int signo);

struct sh_proc {
  sh_loop_t *loop;
  pid_t pid;
  int pidfd;
  bool exited;
  bool polling;
  bool closing;
  sh_req_t poll_req;
  sh_proc_exit_cb on_exit;
  void (*on_close)(sh_proc_t *proc);
  void *data;
};

/* Takes ownership of pidfd and runs on_exit once the child ends. Returns 0
 * or -errno (the pidfd is then still the caller's). */
int sh_proc_watch(sh_proc_t *proc, sh_loop_t *loop, pid_t pid, int pidfd, sh_proc_exit_cb on_exit,
                  void *data);
/* Sends signo through the pidfd (never to a reused pid). -ESRCH once the
 * child has been reaped. */
int sh_proc_kill(sh_proc_t *proc, int signo);
/* Stops watching (the child runs on, unreaped until shard ends) and closes
 * the pidfd; on_close runs once nothing is in flight (possibly within this
 * call when nothing was). After on_exit, closing just calls on_close. */
void sh_proc_close(sh_proc_t *proc, void (*on_close)(sh_proc_t *proc));

/* ---- running a child to its end (spawnSync) ---- */
typedef struct sh_proc_sync {
  /* in */
  const char *input;  /* written to the child's fd 0 when it is a pipe */
  size_t input_len;
  int64_t timeout_ms; /* <= 0: none */
  size_t max_buffer;  /* per output stream; 0: no limit */
  int kill_signal;
  /* out: what each SH_STDIO_PIPE entry above fd 0 received (malloc'd,
   * the caller frees), indexed like opts->stdio */
  char **out;
  size_t *out_len;
  int status;  /* exit code, or -1 */
  int signo;   /* the signal that ended the child, or 0 */
  int error;   /* -ETIMEDOUT, -ENOBUFS (maxBuffer) or another -errno, or 0 */
  pid_t pid;
} sh_proc_sync_t;

/* Spawns with opts and waits for the child with poll(2) on the calling
 * thread, feeding input and collecting output. out and out_len must have
 * opts->nstdio entries. Returns 0 when the child ran (sync->error may
 * still say it was killed for a timeout or maxBuffer), or the spawn's
 * -errno. */
int sh_proc_run_sync(sh_proc_options_t *opts, sh_proc_sync_t *sync);

#ifdef __cplusplus
}
#endif
#endif
