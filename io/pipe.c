/* Streams on pipes, terminals and files: see pipe.h. */
#include "io/pipe.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "io/common.h"

sh_fd_kind_t sh_fd_kind(int fd) {
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    return SH_FD_UNKNOWN;
  }
  if (S_ISREG(st.st_mode)) {
    return SH_FD_FILE;
  }
  if (S_ISCHR(st.st_mode)) {
    return isatty(fd) ? SH_FD_TTY : SH_FD_FILE; /* /dev/null reads as a file, as libuv says */
  }
  if (S_ISFIFO(st.st_mode)) {
    return SH_FD_PIPE;
  }
  if (S_ISSOCK(st.st_mode)) {
    int type = 0;
    socklen_t len = sizeof type;
    struct sockaddr_storage ss;
    socklen_t slen = sizeof ss;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &slen) != 0) {
      return SH_FD_UNKNOWN;
    }
    if (ss.ss_family == AF_UNIX) {
      return type == SOCK_STREAM ? SH_FD_PIPE : SH_FD_UNKNOWN;
    }
    if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
      return type == SOCK_STREAM ? SH_FD_TCP : type == SOCK_DGRAM ? SH_FD_UDP : SH_FD_UNKNOWN;
    }
  }
  return SH_FD_UNKNOWN;
}

static void maybe_finish_close(sh_pipe_t *p);
static void arm_read(sh_pipe_t *p);
static void submit_write(sh_pipe_t *p);
static void on_write(sh_req_t *req, int res, uint32_t flags);

static void deliver(sh_pipe_t *p, ssize_t n) {
  char *buf = p->rbuf;
  p->rbuf = NULL;
  p->rlen = 0;
  if (n > 0) {
    p->bytes_read += (uint64_t)n;
  } else {
    p->flags &= ~(uint32_t)SH_PIPE_READING;
    if (n == 0) {
      p->flags |= SH_PIPE_EOF;
    }
  }
  p->ops->on_read(p, buf, n);
}

static bool take_buffer(sh_pipe_t *p) {
  if (p->rbuf == NULL) {
    p->ops->alloc(p, &p->rbuf, &p->rlen);
  }
  return p->rbuf != NULL && p->rlen > 0;
}

static void on_read(sh_req_t *req, int res, uint32_t flags) {
  SH_UNUSED(flags);
  sh_pipe_t *p = req->data;
  p->pending--;
  bool polled = (p->flags & SH_PIPE_READ_POLLING) != 0;
  p->flags &= ~(uint32_t)(SH_PIPE_READ_ARMED | SH_PIPE_READ_POLLING);
  if (p->flags & SH_PIPE_CLOSING) {
    maybe_finish_close(p);
    return;
  }
  if (polled) {
    if (res < 0 && res != -ECANCELED) {
      deliver(p, res);
      return;
    }
    if (res == -ECANCELED || !(p->flags & SH_PIPE_READING)) {
      /* Stopped; but reading may have been asked for again before the
       * cancel completed. */
      if (p->flags & SH_PIPE_READING) {
        arm_read(p);
      }
      return;
    }
    if (!take_buffer(p)) {
      deliver(p, -ENOMEM);
      return;
    }
    /* The poll said there is something: this read(2) does not block (a
     * terminal in canonical mode has a whole line, a pipe has bytes or its
     * end). */
    ssize_t n = read(p->fd, p->rbuf, p->rlen);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      arm_read(p);
      return;
    }
    if (n < 0 && errno == EIO) {
      n = 0; /* a terminal that went away (hangup) ends the input */
    }
    deliver(p, n < 0 ? -errno : n);
  } else {
    if (res == -ECANCELED) {
      /* Stopped: the buffer stays for the next read, which may have been
       * asked for before the cancel completed. */
      if (p->flags & SH_PIPE_READING) {
        arm_read(p);
      }
      return;
    }
    if (res == -EAGAIN || res == -EINTR) {
      /* A non-blocking descriptor with nothing in it: wait on a poll. */
      p->flags |= SH_PIPE_POLL_READ;
      if (p->flags & SH_PIPE_READING) {
        arm_read(p);
      }
      return;
    }
    deliver(p, res);
  }
  if ((p->flags & SH_PIPE_READING) && !(p->flags & (SH_PIPE_CLOSING | SH_PIPE_EOF))) {
    arm_read(p);
  }
}

static void arm_read(sh_pipe_t *p) {
  if (p->flags & (SH_PIPE_READ_ARMED | SH_PIPE_CLOSING | SH_PIPE_EOF)) {
    return;
  }
  sh_ring_t *ring = sh_loop_ring(p->loop);
  int err;
  if (p->flags & SH_PIPE_POLL_READ) {
    err = sh_ring_poll(ring, &p->read_req, p->fd, POLLIN, false);
    if (err == 0) {
      p->flags |= SH_PIPE_READ_POLLING;
    }
  } else {
    if (!take_buffer(p)) {
      deliver(p, -ENOMEM);
      return;
    }
    /* Offset -1: the descriptor's own position (files), ignored by pipes. */
    err = sh_ring_read(ring, &p->read_req, p->fd, p->rbuf, (unsigned)p->rlen, (uint64_t)-1);
  }
  SH_CHECK(err == 0);
  p->flags |= SH_PIPE_READ_ARMED;
  p->pending++;
}

void sh_pipe_init(sh_pipe_t *p, sh_loop_t *loop, int fd, const sh_pipe_ops_t *ops, void *data) {
  memset(p, 0, sizeof *p);
  p->loop = loop;
  p->fd = fd;
  p->ops = ops;
  p->data = data;
  p->read_req = (sh_req_t){.cb = on_read, .data = p};
  p->write_req = (sh_req_t){.cb = on_write, .data = p};
  struct stat st;
  if (fstat(fd, &st) == 0 && !S_ISFIFO(st.st_mode) && !S_ISREG(st.st_mode)) {
    p->flags |= SH_PIPE_POLL_READ;
  }
}

int sh_pipe_read_start(sh_pipe_t *p) {
  if (p->flags & SH_PIPE_CLOSING) {
    return -EBADF;
  }
  p->flags |= SH_PIPE_READING;
  if (!(p->flags & SH_PIPE_EOF)) {
    arm_read(p);
  }
  return 0;
}

void sh_pipe_read_stop(sh_pipe_t *p) {
  p->flags &= ~(uint32_t)SH_PIPE_READING;
  if (p->flags & SH_PIPE_READ_ARMED) {
    sh_ring_cancel(sh_loop_ring(p->loop), &p->read_req);
  }
}

/* ---- writes ---- */

static void fail_writes(sh_pipe_t *p, int err) {
  while (p->whead != NULL) {
    sh_pipe_write_t *w = p->whead;
    p->whead = w->next;
    if (p->whead == NULL) {
      p->wtail = NULL;
    }
    p->ops->on_write(p, w, err);
  }
}

static void on_write(sh_req_t *req, int res, uint32_t flags) {
  SH_UNUSED(flags);
  sh_pipe_t *p = req->data;
  p->pending--;
  p->flags &= ~(uint32_t)SH_PIPE_WRITING;
  bool polled = p->write_polling;
  p->write_polling = false;
  if (p->flags & SH_PIPE_CLOSING) {
    maybe_finish_close(p);
    return;
  }
  sh_pipe_write_t *w = p->whead;
  if (w == NULL) {
    return;
  }
  if (polled) {
    if (res < 0 && res != -ECANCELED) {
      fail_writes(p, res);
      return;
    }
    submit_write(p);
    return;
  }
  if (res == -EAGAIN || res == -EINTR) {
    p->write_polling = true;
    int err = sh_ring_poll(sh_loop_ring(p->loop), &p->write_req, p->fd, POLLOUT, false);
    SH_CHECK(err == 0);
    p->flags |= SH_PIPE_WRITING;
    p->pending++;
    return;
  }
  if (res == 0 && w->len > w->done) {
    res = -EIO; /* no progress on a non-empty write */
  }
  if (res < 0) {
    fail_writes(p, res);
    return;
  }
  w->done += (size_t)res;
  p->bytes_written += (uint64_t)res;
  if (w->done == w->len) {
    p->whead = w->next;
    if (p->whead == NULL) {
      p->wtail = NULL;
    }
    p->ops->on_write(p, w, 0);
  }
  /* on_write may have closed the pipe. */
  if (!(p->flags & SH_PIPE_CLOSING)) {
    submit_write(p);
  }
}

static void submit_write(sh_pipe_t *p) {
  if ((p->flags & (SH_PIPE_WRITING | SH_PIPE_CLOSING)) || p->whead == NULL) {
    return;
  }
  sh_pipe_write_t *w = p->whead;
  size_t left = w->len - w->done;
  unsigned chunk = left > (1u << 30) ? (1u << 30) : (unsigned)left;
  int err = sh_ring_write(sh_loop_ring(p->loop), &p->write_req, p->fd, w->data + w->done, chunk,
                          (uint64_t)-1);
  SH_CHECK(err == 0);
  p->flags |= SH_PIPE_WRITING;
  p->pending++;
}

int sh_pipe_write(sh_pipe_t *p, sh_pipe_write_t *w) {
  if (p->flags & SH_PIPE_CLOSING) {
    return -EPIPE;
  }
  w->next = NULL;
  w->done = 0;
  if (p->wtail != NULL) {
    p->wtail->next = w;
  } else {
    p->whead = w;
  }
  p->wtail = w;
  /* Even an empty write goes through the ring, so on_write never runs
   * inside this call. */
  submit_write(p);
  return 0;
}

size_t sh_pipe_queued(const sh_pipe_t *p) {
  size_t n = 0;
  for (const sh_pipe_write_t *w = p->whead; w != NULL; w = w->next) {
    n += w->len - w->done;
  }
  return n;
}

/* ---- closing ---- */

static void maybe_finish_close(sh_pipe_t *p) {
  if (p->pending > 0) {
    return;
  }
  fail_writes(p, -ECANCELED);
  if (p->rbuf != NULL) {
    /* Hand the read buffer back (a 0-length "read" the owner ignores
     * while closing). */
    char *buf = p->rbuf;
    p->rbuf = NULL;
    p->ops->on_read(p, buf, -ECANCELED);
  }
  if (p->fd > 2) {
    close(p->fd);
  }
  p->fd = -1;
  p->ops->on_close(p);
}

void sh_pipe_close(sh_pipe_t *p) {
  if (p->flags & SH_PIPE_CLOSING) {
    return;
  }
  p->flags |= SH_PIPE_CLOSING;
  p->flags &= ~(uint32_t)SH_PIPE_READING;
  sh_ring_t *ring = sh_loop_ring(p->loop);
  if (p->flags & SH_PIPE_READ_ARMED) {
    sh_ring_cancel(ring, &p->read_req);
  }
  if (p->flags & SH_PIPE_WRITING) {
    sh_ring_cancel(ring, &p->write_req);
  }
  if (p->pending == 0) {
    /* Nothing in flight: on_close must still not run inside this call. A
     * NOP on the read request carries us to the next completion. */
    int err = sh_ring_nop(ring, &p->read_req);
    SH_CHECK(err == 0);
    p->pending++;
  }
}

/* ---- terminals ---- */

static pthread_mutex_t tty_lock = PTHREAD_MUTEX_INITIALIZER;
static struct termios tty_orig;
static atomic_int tty_orig_fd = -1;

int sh_tty_set_mode(int fd, int mode) {
  struct termios tmp;
  pthread_mutex_lock(&tty_lock);
  if (atomic_load(&tty_orig_fd) < 0) {
    if (tcgetattr(fd, &tty_orig) != 0) {
      int err = -errno;
      pthread_mutex_unlock(&tty_lock);
      return err;
    }
    atomic_store(&tty_orig_fd, fd);
  }
  tmp = tty_orig;
  switch (mode) {
  case SH_TTY_MODE_RAW:
    /* As libuv's raw mode: bytes as typed, no echo, no signals from keys. */
    tmp.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    tmp.c_oflag |= ONLCR;
    tmp.c_cflag |= CS8;
    tmp.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
    tmp.c_cc[VMIN] = 1;
    tmp.c_cc[VTIME] = 0;
    break;
  case SH_TTY_MODE_IO:
    cfmakeraw(&tmp);
    break;
  default:
    break;
  }
  int rc;
  do {
    rc = tcsetattr(fd, TCSADRAIN, &tmp);
  } while (rc != 0 && errno == EINTR);
  int err = rc == 0 ? 0 : -errno;
  pthread_mutex_unlock(&tty_lock);
  return err;
}

void sh_tty_reset(void) {
  /* No lock: this may run in a signal handler or while exiting. The saved
   * settings are written once, before tty_orig_fd is published. */
  int fd = atomic_load(&tty_orig_fd);
  if (fd >= 0) {
    tcsetattr(fd, TCSANOW, &tty_orig);
  }
}

int sh_tty_window_size(int fd, int *cols, int *rows) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) {
    return -errno;
  }
  *cols = ws.ws_col;
  *rows = ws.ws_row;
  return 0;
}
