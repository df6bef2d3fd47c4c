/* io/proc.c and io/pipe.c: a child's exit (code and signal) seen through
 * its pidfd on the ring; a missing program; stdio socketpairs; spawnSync
 * with input, output, a timeout and maxBuffer; a pipe stream reading a
 * child's output and writing to a FIFO; no descriptor left behind. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "io/loop.h"
#include "io/pipe.h"
#include "io/proc.h"
#include "tests/unit/test.h"

static int exits;
static int last_status;
static int last_signo;
static int closes;

static void on_exit_cb(sh_proc_t *proc, int status, int signo) {
  (void)proc;
  exits++;
  last_status = status;
  last_signo = signo;
}

static void on_close_cb(sh_proc_t *proc) {
  (void)proc;
  closes++;
}

static int count_fds(void) {
  DIR *d = opendir("/proc/self/fd");
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] != '.') {
      n++;
    }
  }
  closedir(d);
  return n - 1; /* the DIR's own descriptor */
}

static void run_until(sh_loop_t *loop, int *counter, int want) {
  while (*counter < want) {
    T_ASSERT(sh_ring_run_once(sh_loop_ring(loop), -1) >= 0);
  }
}

/* ---- a pipe stream reading into a fixed buffer ---- */
static char pbuf[1 << 16];
static size_t pgot;
static int peof;
static int pwrites;
static int pcloses;

static void p_alloc(sh_pipe_t *p, char **buf, size_t *len) {
  (void)p;
  *buf = pbuf + pgot;
  *len = sizeof pbuf - pgot;
}
static void p_read(sh_pipe_t *p, char *buf, ssize_t n) {
  (void)p;
  (void)buf;
  if (n > 0) {
    pgot += (size_t)n;
  } else if (n == 0) {
    peof++;
  }
}
static void p_write(sh_pipe_t *p, sh_pipe_write_t *w, int err) {
  (void)p;
  (void)w;
  T_EQ(err, 0);
  pwrites++;
}
static void p_close(sh_pipe_t *p) {
  (void)p;
  pcloses++;
}
static const sh_pipe_ops_t kPipeOps = {p_alloc, p_read, p_write, p_close};

int main(void) {
  sh_loop_t *loop;
  const char *why;
  if (sh_loop_create(&loop, NULL, &why) < 0) {
    T_SKIP(why);
  }
  int fds_before = count_fds();

  /* exit code */
  char *argv1[] = {"sh", "-c", "exit 3", NULL};
  sh_proc_options_t o = {.file = "sh", .argv = argv1};
  pid_t pid;
  int pidfd;
  T_EQ(sh_proc_spawn(&o, &pid, &pidfd), 0);
  T_ASSERT(pid > 0);
  sh_proc_t p1;
  T_EQ(sh_proc_watch(&p1, loop, pid, pidfd, on_exit_cb, NULL), 0);
  T_EQ(exits, 0);
  run_until(loop, &exits, 1);
  T_EQ(last_status, 3);
  T_EQ(last_signo, 0);
  T_EQ(sh_proc_kill(&p1, SIGTERM), -ESRCH);
  sh_proc_close(&p1, on_close_cb);
  T_EQ(closes, 1);

  /* killed by a signal */
  char *argv2[] = {"sleep", "30", NULL};
  sh_proc_options_t o2 = {.file = "sleep", .argv = argv2};
  T_EQ(sh_proc_spawn(&o2, &pid, &pidfd), 0);
  sh_proc_t p2;
  T_EQ(sh_proc_watch(&p2, loop, pid, pidfd, on_exit_cb, NULL), 0);
  T_EQ(sh_proc_kill(&p2, SIGKILL), 0);
  run_until(loop, &exits, 2);
  T_EQ(last_status, -1);
  T_EQ(last_signo, SIGKILL);
  sh_proc_close(&p2, on_close_cb);

  /* closing while the child runs: no exit callback, on_close later */
  char *argv3[] = {"sleep", "30", NULL};
  sh_proc_options_t o3 = {.file = "sleep", .argv = argv3};
  T_EQ(sh_proc_spawn(&o3, &pid, &pidfd), 0);
  sh_proc_t p3;
  T_EQ(sh_proc_watch(&p3, loop, pid, pidfd, on_exit_cb, NULL), 0);
  sh_proc_close(&p3, on_close_cb);
  T_EQ(closes, 2);
  run_until(loop, &closes, 3);
  T_EQ(exits, 2);
  kill(pid, SIGKILL);

  /* missing program, missing cwd */
  char *argv4[] = {"no-such-program-here", NULL};
  sh_proc_options_t o4 = {.file = "no-such-program-here", .argv = argv4};
  T_EQ(sh_proc_spawn(&o4, &pid, &pidfd), -ENOENT);
  sh_proc_options_t o5 = {.file = "sh", .argv = argv1, .cwd = "/no/such/dir"};
  T_EQ(sh_proc_spawn(&o5, &pid, &pidfd), -ENOENT);

  /* spawnSync: input through cat, output back, stderr apart */
  char *argv6[] = {"sh", "-c", "cat; echo err >&2; exit 7", NULL};
  sh_proc_stdio_t st6[3] = {{SH_STDIO_PIPE, -1, -1}, {SH_STDIO_PIPE, -1, -1}, {SH_STDIO_PIPE, -1, -1}};
  sh_proc_options_t o6 = {.file = "sh", .argv = argv6, .stdio = st6, .nstdio = 3};
  char *outs[3];
  size_t lens[3];
  sh_proc_sync_t s6 = {.input = "hello\n", .input_len = 6, .out = outs, .out_len = lens};
  T_EQ(sh_proc_run_sync(&o6, &s6), 0);
  T_EQ(s6.status, 7);
  T_EQ(s6.error, 0);
  T_EQ(lens[1], 6);
  T_ASSERT(memcmp(outs[1], "hello\n", 6) == 0);
  T_EQ(lens[2], 4);
  T_ASSERT(memcmp(outs[2], "err\n", 4) == 0);
  free(outs[1]);
  free(outs[2]);

  /* spawnSync timeout: killed with the kill signal */
  char *argv7[] = {"sleep", "30", NULL};
  sh_proc_stdio_t st7[3] = {{SH_STDIO_IGNORE, -1, -1}, {SH_STDIO_PIPE, -1, -1}, {SH_STDIO_IGNORE, -1, -1}};
  sh_proc_options_t o7 = {.file = "sleep", .argv = argv7, .stdio = st7, .nstdio = 3};
  sh_proc_sync_t s7 = {.timeout_ms = 50, .kill_signal = SIGTERM, .out = outs, .out_len = lens};
  T_EQ(sh_proc_run_sync(&o7, &s7), 0);
  T_EQ(s7.error, -ETIMEDOUT);
  T_EQ(s7.signo, SIGTERM);
  free(outs[1]);

  /* spawnSync maxBuffer */
  char *argv8[] = {"sh", "-c", "yes | head -c 1000000", NULL};
  sh_proc_stdio_t st8[3] = {{SH_STDIO_IGNORE, -1, -1}, {SH_STDIO_PIPE, -1, -1}, {SH_STDIO_IGNORE, -1, -1}};
  sh_proc_options_t o8 = {.file = "sh", .argv = argv8, .stdio = st8, .nstdio = 3};
  sh_proc_sync_t s8 = {.max_buffer = 100, .kill_signal = SIGKILL, .out = outs, .out_len = lens};
  T_EQ(sh_proc_run_sync(&o8, &s8), 0);
  T_EQ(s8.error, -ENOBUFS);
  T_ASSERT(lens[1] > 100 && lens[1] < 1000000);
  free(outs[1]);

  /* descriptors mapped across: the child's fd 1 and fd 4 are our
   * socketpairs' ends; the ring's descriptor (close-on-exec) is not there. */
  char cmd9[128];
  snprintf(cmd9, sizeof cmd9,
           "echo out; echo four >&4; if [ -e /proc/self/fd/%d ]; then echo leak; else echo ok; fi >&4",
           sh_ring_fd(sh_loop_ring(loop)));
  char *argv9[] = {"sh", "-c", cmd9, NULL};
  sh_proc_stdio_t st9[5] = {{SH_STDIO_IGNORE, -1, -1},
                            {SH_STDIO_PIPE, -1, -1},
                            {SH_STDIO_IGNORE, -1, -1},
                            {SH_STDIO_IGNORE, -1, -1},
                            {SH_STDIO_PIPE, -1, -1}};
  sh_proc_options_t o9 = {.file = "/bin/sh", .argv = argv9, .stdio = st9, .nstdio = 5};
  char *outs9[5];
  size_t lens9[5];
  sh_proc_sync_t s9 = {.out = outs9, .out_len = lens9};
  T_EQ(sh_proc_run_sync(&o9, &s9), 0);
  T_EQ(s9.status, 0);
  T_EQ(lens9[1], 4);
  T_ASSERT(memcmp(outs9[1], "out\n", 4) == 0);
  T_EQ(lens9[4], 8);
  T_ASSERT(memcmp(outs9[4], "four\nok\n", 8) == 0);
  free(outs9[1]);
  free(outs9[4]);

  /* a pipe stream reads a child's output to its end */
  char *argv10[] = {"sh", "-c", "printf abc; sleep 0.05; printf def", NULL};
  sh_proc_stdio_t st10[2] = {{SH_STDIO_IGNORE, -1, -1}, {SH_STDIO_PIPE, -1, -1}};
  sh_proc_options_t o10 = {.file = "sh", .argv = argv10, .stdio = st10, .nstdio = 2};
  T_EQ(sh_proc_spawn(&o10, &pid, &pidfd), 0);
  sh_proc_t p10;
  T_EQ(sh_proc_watch(&p10, loop, pid, pidfd, on_exit_cb, NULL), 0);
  sh_pipe_t rp;
  sh_pipe_init(&rp, loop, st10[1].parent_fd, &kPipeOps, NULL);
  T_EQ(sh_pipe_read_start(&rp), 0);
  run_until(loop, &peof, 1);
  T_EQ(pgot, 6);
  T_ASSERT(memcmp(pbuf, "abcdef", 6) == 0);
  run_until(loop, &exits, 3);
  T_EQ(last_status, 0);
  sh_proc_close(&p10, on_close_cb);
  sh_pipe_close(&rp);
  T_EQ(pcloses, 0);
  run_until(loop, &pcloses, 1);

  /* a pipe stream writes into a pipe, the other end reads it back */
  int pp[2];
  T_EQ(pipe2(pp, O_CLOEXEC), 0);
  sh_pipe_t wp;
  sh_pipe_init(&wp, loop, pp[1], &kPipeOps, NULL);
  sh_pipe_write_t w1 = {.data = "xyz", .len = 3};
  sh_pipe_write_t w2 = {.data = "123", .len = 3};
  T_EQ(sh_pipe_write(&wp, &w1), 0);
  T_EQ(sh_pipe_write(&wp, &w2), 0);
  T_EQ(pwrites, 0);
  run_until(loop, &pwrites, 2);
  char back[8];
  T_EQ(read(pp[0], back, sizeof back), 6);
  T_ASSERT(memcmp(back, "xyz123", 6) == 0);
  sh_pipe_close(&wp);
  run_until(loop, &pcloses, 2);
  close(pp[0]);

  T_EQ(sh_fd_kind(0) != SH_FD_UNKNOWN || 1, 1);
  int sv[2];
  T_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  T_EQ(sh_fd_kind(sv[0]), SH_FD_PIPE);
  close(sv[0]);
  close(sv[1]);

  T_EQ(count_fds(), fds_before);
  sh_loop_destroy(loop);
  printf("ok\n");
  return 0;
}
