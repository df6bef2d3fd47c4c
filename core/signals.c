#include "core/signals.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "io/common.h"

/* The signals a program can listen for with process.on(). Others keep their
 * default disposition untouched. */
static const int kForwarded[] = {SIGINT,  SIGTERM, SIGHUP,  SIGUSR1,
                                 SIGUSR2, SIGWINCH, SIGQUIT, SIGALRM};

static atomic_int listeners[NSIG];

static void forwarded_set(sigset_t *set) {
  sigemptyset(set);
  for (size_t i = 0; i < SH_ARRAY_SIZE(kForwarded); i++) {
    sigaddset(set, kForwarded[i]);
  }
}

int sh_signals_init(void) {
  sigset_t set;
  forwarded_set(&set);
  /* Every thread created after this inherits the mask, so only the
   * signalfd ever sees these signals. */
  int err = pthread_sigmask(SIG_BLOCK, &set, NULL);
  if (err != 0) {
    return -err;
  }
  signal(SIGPIPE, SIG_IGN);
  int fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
  return fd < 0 ? -errno : fd;
}

void sh_signals_listen(int signo, int delta) {
  if (signo > 0 && signo < NSIG) {
    atomic_fetch_add(&listeners[signo], delta);
  }
}

int sh_signals_listeners(int signo) {
  return signo > 0 && signo < NSIG ? atomic_load(&listeners[signo]) : 0;
}

int sh_signals_read(int fd) {
  struct signalfd_siginfo info;
  ssize_t n = read(fd, &info, sizeof info);
  if (n < 0) {
    return -errno;
  }
  if (n != (ssize_t)sizeof info) {
    return -EIO;
  }
  return (int)info.ssi_signo;
}

void sh_signals_default_action(int signo) {
  if (signo == SIGWINCH) {
    return; /* ignored by default */
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigaction(signo, &sa, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signo);
  /* Delivered to this thread as soon as it is unblocked. */
  raise(signo);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void sh_signals_reset_for_child(void) {
  sigset_t set;
  sigemptyset(&set);
  pthread_sigmask(SIG_SETMASK, &set, NULL);
  signal(SIGPIPE, SIG_DFL);
}
