/* Child processes: see proc.h. */
#include "io/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/common.h"

extern char **environ;

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static int pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

/* ---- finding the program ---- */

static const char *env_path(char *const *envp) {
  if (envp != NULL) {
    for (char *const *e = envp; *e != NULL; e++) {
      if (strncmp(*e, "PATH=", 5) == 0) {
        return *e + 5;
      }
    }
    /* An env without PATH searches the default, as libuv does. */
    return "/usr/bin:/bin";
  }
  const char *p = getenv("PATH");
  return p != NULL ? p : "/usr/bin:/bin";
}

int sh_proc_find(const char *file, char *const *envp, char *buf, size_t size) {
  if (file == NULL || file[0] == '\0') {
    return -ENOENT;
  }
  if (strchr(file, '/') != NULL) {
    if (strlen(file) + 1 > size) {
      return -ENAMETOOLONG;
    }
    strcpy(buf, file);
    return 0;
  }
  const char *path = env_path(envp);
  size_t flen = strlen(file);
  int err = -ENOENT;
  while (path != NULL) {
    const char *colon = strchr(path, ':');
    size_t dlen = colon != NULL ? (size_t)(colon - path) : strlen(path);
    /* An empty entry is the current directory. */
    const char *dir = dlen > 0 ? path : ".";
    if (dlen == 0) {
      dlen = 1;
    }
    if (dlen + 1 + flen + 1 <= size) {
      memcpy(buf, dir, dlen);
      buf[dlen] = '/';
      memcpy(buf + dlen + 1, file, flen + 1);
      struct stat st;
      if (stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
        if (access(buf, X_OK) == 0) {
          return 0;
        }
        err = -EACCES; /* found but not executable: go on, as execvp does */
      }
    }
    path = colon != NULL ? colon + 1 : NULL;
  }
  return err;
}

/* ---- spawning ---- */

static void close_quietly(int *fd) {
  if (*fd >= 0) {
    close(*fd);
    *fd = -1;
  }
}

/* The child of the fork path (uid/gid): only async-signal-safe calls. */
static _Noreturn void fork_child(const sh_proc_options_t *opts, const char *path, const int *tmp,
                                 int errfd) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++) {
    sigaction(sig, &sa, NULL);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  if (opts->detached && setsid() < 0) {
    goto fail;
  }
  for (unsigned i = 0; i < opts->nstdio; i++) {
    if (tmp[i] >= 0) {
      if (dup2(tmp[i], (int)i) < 0) {
        goto fail;
      }
    } else if (i <= 2 && opts->stdio[i].kind == SH_STDIO_IGNORE) {
      int fd = open("/dev/null", O_RDWR);
      if (fd < 0 || (fd != (int)i && dup2(fd, (int)i) < 0)) {
        goto fail;
      }
      if (fd != (int)i) {
        close(fd);
      }
    }
  }
  if (opts->cwd != NULL && chdir(opts->cwd) < 0) {
    goto fail;
  }
  /* Raw syscalls: glibc's wrappers broadcast to threads that a forked child
   * does not have. */
  if (opts->set_gid) {
    syscall(SYS_setgroups, 0, NULL); /* EPERM is fine: dropping groups is best effort */
    if (syscall(SYS_setgid, opts->gid) < 0) {
      goto fail;
    }
  }
  if (opts->set_uid && syscall(SYS_setuid, opts->uid) < 0) {
    goto fail;
  }
  execve(path, opts->argv, opts->envp != NULL ? opts->envp : environ);
fail:;
  int err = errno;
  ssize_t n = write(errfd, &err, sizeof err);
  SH_UNUSED(n);
  _exit(127);
}

static int spawn_fork(const sh_proc_options_t *opts, const char *path, const int *tmp,
                      pid_t *pid_out) {
  int errpipe[2];
  if (pipe2(errpipe, O_CLOEXEC) < 0) {
    return -errno;
  }
  pid_t pid = fork();
  if (pid < 0) {
    int err = -errno;
    close(errpipe[0]);
    close(errpipe[1]);
    return err;
  }
  if (pid == 0) {
    close(errpipe[0]);
    fork_child(opts, path, tmp, errpipe[1]);
  }
  close(errpipe[1]);
  int child_err = 0;
  ssize_t n;
  do {
    n = read(errpipe[0], &child_err, sizeof child_err);
  } while (n < 0 && errno == EINTR);
  close(errpipe[0]);
  if (n == (ssize_t)sizeof child_err) {
    /* The exec never happened: reap the child that reported it. */
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
    return -child_err;
  }
  *pid_out = pid;
  return 0;
}

static int spawn_posix(const sh_proc_options_t *opts, const char *path, const int *tmp,
                       pid_t *pid_out) {
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  int err = posix_spawn_file_actions_init(&fa);
  if (err != 0) {
    return -err;
  }
  err = posix_spawnattr_init(&attr);
  if (err != 0) {
    posix_spawn_file_actions_destroy(&fa);
    return -err;
  }
  for (unsigned i = 0; i < opts->nstdio && err == 0; i++) {
    if (tmp[i] >= 0) {
      err = posix_spawn_file_actions_adddup2(&fa, tmp[i], (int)i);
    } else if (i <= 2 && opts->stdio[i].kind == SH_STDIO_IGNORE) {
      err = posix_spawn_file_actions_addopen(&fa, (int)i, "/dev/null", O_RDWR, 0);
    }
  }
  if (err == 0 && opts->cwd != NULL) {
    err = posix_spawn_file_actions_addchdir_np(&fa, opts->cwd);
  }
  /* Children start with an empty mask and default handlers: shard blocks
   * the signals its signalfd reads and ignores SIGPIPE. */
  sigset_t set;
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (opts->detached) {
    flags |= POSIX_SPAWN_SETSID;
  }
  if (err == 0) {
    sigemptyset(&set);
    err = posix_spawnattr_setsigmask(&attr, &set);
  }
  if (err == 0) {
    sigfillset(&set);
    err = posix_spawnattr_setsigdefault(&attr, &set);
  }
  if (err == 0) {
    err = posix_spawnattr_setflags(&attr, flags);
  }
  if (err == 0) {
    pid_t pid;
    err = posix_spawn(&pid, path, &fa, &attr, opts->argv, opts->envp != NULL ? opts->envp : environ);
    if (err == 0) {
      *pid_out = pid;
    }
  }
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&fa);
  return -err;
}

int sh_proc_spawn(sh_proc_options_t *opts, pid_t *pid_out, int *pidfd_out) {
  char path[PATH_MAX];
  int *tmp = sh_xmalloc((opts->nstdio > 0 ? opts->nstdio : 1) * sizeof *tmp);
  int *child_end = sh_xmalloc((opts->nstdio > 0 ? opts->nstdio : 1) * sizeof *child_end);
  for (unsigned i = 0; i < opts->nstdio; i++) {
    tmp[i] = -1;
    child_end[i] = -1;
    opts->stdio[i].parent_fd = -1;
  }
  pid_t pid = 0;
  int err = sh_proc_find(opts->file, opts->envp, path, sizeof path);
  if (err < 0) {
    goto fail;
  }
  for (unsigned i = 0; i < opts->nstdio; i++) {
    sh_proc_stdio_t *s = &opts->stdio[i];
    int src = -1;
    if (s->kind == SH_STDIO_PIPE) {
      /* A socketpair, as libuv makes for Node's children: the child sees a
       * Unix socket on its fd, the parent reads and writes it on the ring. */
      int sv[2];
      if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        err = -errno;
        goto fail;
      }
      s->parent_fd = sv[0];
      child_end[i] = sv[1];
      src = sv[1];
    } else if (s->kind == SH_STDIO_FD) {
      src = s->fd;
      if (i <= 2) {
        /* The child's stdio starts blocking, as libuv leaves it (the
         * description is shared, so the parent's copy changes too). */
        int fl = fcntl(src, F_GETFL);
        if (fl >= 0 && (fl & O_NONBLOCK)) {
          fcntl(src, F_SETFL, fl & ~O_NONBLOCK);
        }
      }
    }
    if (src >= 0) {
      /* Above every target number, so dup2 into 0..n-1 in the child never
       * overwrites a source it still needs. Close-on-exec: the child keeps
       * only the dup2'd copies. */
      tmp[i] = fcntl(src, F_DUPFD_CLOEXEC, (int)opts->nstdio);
      if (tmp[i] < 0) {
        err = -errno;
        goto fail;
      }
    }
  }
  if (opts->set_uid || opts->set_gid) {
    err = spawn_fork(opts, path, tmp, &pid);
  } else {
    err = spawn_posix(opts, path, tmp, &pid);
  }
  if (err < 0) {
    goto fail;
  }
  int pidfd = pidfd_open(pid);
  if (pidfd < 0) {
    err = -errno;
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
    goto fail;
  }
  for (unsigned i = 0; i < opts->nstdio; i++) {
    close_quietly(&tmp[i]);
    close_quietly(&child_end[i]);
  }
  free(tmp);
  free(child_end);
  *pid_out = pid;
  *pidfd_out = pidfd;
  return 0;
fail:
  for (unsigned i = 0; i < opts->nstdio; i++) {
    close_quietly(&tmp[i]);
    close_quietly(&child_end[i]);
    close_quietly(&opts->stdio[i].parent_fd);
  }
  free(tmp);
  free(child_end);
  return err;
}

/* ---- reaping ---- */

/* Reaps the child behind pidfd if it has ended: 1 (status set), 0 when it
 * still runs, or -errno. */
static int reap(int pidfd, int *status, int *signo) {
  siginfo_t si;
  memset(&si, 0, sizeof si);
  int rc;
  do {
    rc = waitid((idtype_t)P_PIDFD, (id_t)pidfd, &si, WEXITED | WNOHANG);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) {
    return -errno;
  }
  if (si.si_pid == 0) {
    return 0;
  }
  if (si.si_code == CLD_EXITED) {
    *status = si.si_status;
    *signo = 0;
  } else {
    *status = -1;
    *signo = si.si_status;
  }
  return 1;
}

static int arm(sh_proc_t *proc) {
  int err = sh_ring_poll(sh_loop_ring(proc->loop), &proc->poll_req, proc->pidfd, POLLIN, false);
  if (err == 0) {
    proc->polling = true;
  }
  return err;
}

static void finish_close(sh_proc_t *proc) {
  close_quietly(&proc->pidfd);
  if (proc->on_close != NULL) {
    proc->on_close(proc);
  }
}

static void on_poll(sh_req_t *req, int res, uint32_t flags) {
  SH_UNUSED(flags);
  sh_proc_t *proc = req->data;
  proc->polling = false;
  int status = -1;
  int signo = 0;
  int r = 0;
  if (res != -ECANCELED) {
    r = reap(proc->pidfd, &status, &signo);
  }
  if (proc->closing) {
    finish_close(proc);
    return;
  }
  if (r == 0) {
    /* Woken early, or the poll failed (it cannot for a pidfd): look again. */
    if (arm(proc) < 0) {
      SH_CHECK(!"cannot re-arm a pidfd poll");
    }
    return;
  }
  if (r < 0) {
    /* ECHILD: someone else reaped it (a waitpid(-1) elsewhere). */
    status = -1;
    signo = 0;
  }
  proc->exited = true;
  close_quietly(&proc->pidfd);
  proc->on_exit(proc, status, signo);
}

int sh_proc_watch(sh_proc_t *proc, sh_loop_t *loop, pid_t pid, int pidfd, sh_proc_exit_cb on_exit,
                  void *data) {
  memset(proc, 0, sizeof *proc);
  proc->loop = loop;
  proc->pid = pid;
  proc->pidfd = pidfd;
  proc->on_exit = on_exit;
  proc->data = data;
  proc->poll_req = (sh_req_t){.cb = on_poll, .data = proc};
  int err = arm(proc);
  if (err < 0) {
    proc->pidfd = -1;
  }
  return err;
}

int sh_proc_kill(sh_proc_t *proc, int signo) {
  if (proc->exited || proc->pidfd < 0) {
    return -ESRCH;
  }
  if (syscall(SYS_pidfd_send_signal, proc->pidfd, signo, NULL, 0) < 0) {
    return -errno;
  }
  return 0;
}

void sh_proc_close(sh_proc_t *proc, void (*on_close)(sh_proc_t *proc)) {
  if (proc->closing) {
    return;
  }
  proc->closing = true;
  proc->on_close = on_close;
  if (proc->polling) {
    sh_ring_cancel(sh_loop_ring(proc->loop), &proc->poll_req);
    return;
  }
  finish_close(proc);
}

/* ---- spawnSync ---- */

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0) {
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  }
}

int sh_proc_run_sync(sh_proc_options_t *opts, sh_proc_sync_t *sync) {
  pid_t pid;
  int pidfd;
  unsigned n = opts->nstdio;
  for (unsigned i = 0; i < n; i++) {
    sync->out[i] = NULL;
    sync->out_len[i] = 0;
  }
  sync->status = -1;
  sync->signo = 0;
  sync->error = 0;
  sync->pid = 0;
  int err = sh_proc_spawn(opts, &pid, &pidfd);
  if (err < 0) {
    return err;
  }
  sync->pid = pid;
  size_t *cap = sh_xcalloc(n > 0 ? n : 1, sizeof *cap);
  struct pollfd *pfds = sh_xcalloc(n + 1, sizeof *pfds);
  int *fds = sh_xmalloc((n > 0 ? n : 1) * sizeof *fds);
  size_t written = 0;
  for (unsigned i = 0; i < n; i++) {
    fds[i] = opts->stdio[i].parent_fd;
    opts->stdio[i].parent_fd = -1; /* ours to close */
    if (fds[i] >= 0) {
      set_nonblock(fds[i]);
    }
  }
  /* Nothing to feed: the child sees the end of its input at once. */
  if (n > 0 && fds[0] >= 0 && sync->input_len == 0) {
    close_quietly(&fds[0]);
  }
  int64_t deadline = sync->timeout_ms > 0 ? now_ms() + sync->timeout_ms : -1;
  bool exited = false;
  bool killed = false;
  for (;;) {
    unsigned np = 0;
    int open_pipes = 0;
    for (unsigned i = 0; i < n; i++) {
      if (fds[i] < 0) {
        continue;
      }
      pfds[np].fd = fds[i];
      pfds[np].events = i == 0 ? POLLOUT : POLLIN;
      pfds[np].revents = 0;
      np++;
      open_pipes++;
    }
    if (exited && open_pipes == 0) {
      break;
    }
    if (!exited) {
      pfds[np].fd = pidfd;
      pfds[np].events = POLLIN;
      pfds[np].revents = 0;
      np++;
    }
    int wait = -1;
    if (deadline >= 0 && !killed) {
      int64_t left = deadline - now_ms();
      wait = left > 0 ? (int)(left > INT_MAX ? INT_MAX : left) : 0;
    }
    int rc = poll(pfds, np, wait);
    if (rc < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    if (rc == 0 && deadline >= 0 && !killed && now_ms() >= deadline) {
      sync->error = -ETIMEDOUT;
      goto kill_child;
    }
    for (unsigned k = 0; k < np; k++) {
      if (pfds[k].revents == 0) {
        continue;
      }
      if (pfds[k].fd == pidfd && !exited) {
        int r = reap(pidfd, &sync->status, &sync->signo);
        if (r != 0) {
          exited = true;
        }
        continue;
      }
      unsigned i = 0;
      while (i < n && fds[i] != pfds[k].fd) {
        i++;
      }
      if (i == n) {
        continue;
      }
      if (i == 0) {
        ssize_t w = write(fds[0], sync->input + written, sync->input_len - written);
        if (w > 0) {
          written += (size_t)w;
        }
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == sync->input_len) {
          /* Done, or the child stopped reading (EPIPE): end its input. */
          close_quietly(&fds[0]);
        }
        continue;
      }
      if (cap[i] - sync->out_len[i] < 65536) {
        cap[i] = cap[i] == 0 ? 65536 : cap[i] * 2;
        sync->out[i] = sh_xrealloc(sync->out[i], cap[i]);
      }
      ssize_t r = read(fds[i], sync->out[i] + sync->out_len[i], cap[i] - sync->out_len[i]);
      if (r > 0) {
        sync->out_len[i] += (size_t)r;
        if (sync->max_buffer > 0 && sync->out_len[i] > sync->max_buffer) {
          /* What was read stays (as in Node): the limit only stops it. */
          sync->error = -ENOBUFS;
          goto kill_child;
        }
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        close_quietly(&fds[i]);
      }
    }
    continue;
  kill_child:
    /* As Node: signal the child, stop reading and writing (a grandchild
     * holding a pipe cannot make us hang), and wait only for the exit. */
    killed = true;
    if (!exited) {
      syscall(SYS_pidfd_send_signal, pidfd, sync->kill_signal > 0 ? sync->kill_signal : SIGTERM,
              NULL, 0);
    }
    for (unsigned i = 0; i < n; i++) {
      close_quietly(&fds[i]);
    }
  }
  for (unsigned i = 0; i < n; i++) {
    close_quietly(&fds[i]);
  }
  close(pidfd);
  free(cap);
  free(pfds);
  free(fds);
  return 0;
}
