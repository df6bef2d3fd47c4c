/* Byte streams on descriptors that are not sockets (pipes, FIFOs,
 * terminals, files), read and written on the ring: process.stdin when it is
 * a pipe, a terminal or a file, and anything else read with read(2) rather
 * than recv(2).
 *
 * Reads: a FIFO or a file is read with the ring's READ (the kernel waits
 * for data itself); a terminal or another character device is polled on
 * the ring first and then read (a blocking terminal read would otherwise
 * tie up a kernel worker, and raw mode may change between reads). Each read
 * goes into memory the owner hands out (ops.alloc), so bytes can land
 * straight in a JS slab.
 *
 * Writes: queued in order, each written by the ring's WRITE until all of
 * it is out (short writes resume; EAGAIN polls for room).
 *
 * Callbacks run on the loop thread from completions, never synchronously
 * from the call that started the operation. */
#ifndef SH_PIPE_H
#define SH_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "io/loop.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_pipe sh_pipe_t;
typedef struct sh_pipe_write sh_pipe_write_t;

typedef struct sh_pipe_ops {
  /* Memory for the next read: *buf of *len bytes, valid until on_read. */
  void (*alloc)(sh_pipe_t *p, char **buf, size_t *len);
  /* n > 0 bytes landed at buf; n == 0: the end of the input; n < 0: -errno.
   * After 0 or an error reading has stopped. buf is the alloc'd memory
   * (also on 0 and errors, so the owner can take it back). */
  void (*on_read)(sh_pipe_t *p, char *buf, ssize_t n);
  /* A write finished: all of it is out (err 0), or err < 0 (-ECANCELED
   * when the pipe closed first). The owner may free w now. */
  void (*on_write)(sh_pipe_t *p, sh_pipe_write_t *w, int err);
  /* Nothing is in flight any more and the descriptor is closed (unless it
   * is 0-2, which stay open as libuv leaves them): free p now. */
  void (*on_close)(sh_pipe_t *p);
} sh_pipe_ops_t;

/* A queued write: caller-owned, data must stay valid until on_write. */
struct sh_pipe_write {
  sh_pipe_write_t *next;
  const char *data;
  size_t len;
  size_t done;
  void *owner;
};

enum {
  SH_PIPE_READING = 1u << 0,
  SH_PIPE_READ_ARMED = 1u << 1,
  SH_PIPE_WRITING = 1u << 2,
  SH_PIPE_CLOSING = 1u << 3,
  SH_PIPE_EOF = 1u << 4,
  SH_PIPE_POLL_READ = 1u << 5, /* reads are polled, then read(2) */
  SH_PIPE_READ_POLLING = 1u << 6,
};

/* Caller-owned (embed it); lives until on_close. */
struct sh_pipe {
  sh_loop_t *loop;
  const sh_pipe_ops_t *ops;
  void *data;
  int fd;
  uint32_t flags;
  int pending; /* SQEs in flight */
  sh_req_t read_req;
  sh_req_t write_req;
  char *rbuf;
  size_t rlen;
  sh_pipe_write_t *whead;
  sh_pipe_write_t *wtail;
  bool write_polling;
  uint64_t bytes_read;
  uint64_t bytes_written;
};

/* Kinds of descriptor, as libuv's uv_guess_handle names them. */
typedef enum {
  SH_FD_UNKNOWN = 0,
  SH_FD_FILE,
  SH_FD_TTY,
  SH_FD_PIPE,   /* a FIFO or a Unix stream socket */
  SH_FD_TCP,
  SH_FD_UDP,
} sh_fd_kind_t;

sh_fd_kind_t sh_fd_kind(int fd);

/* Wraps fd (not made non-blocking: it may be shared with other processes,
 * as a terminal is). */
void sh_pipe_init(sh_pipe_t *p, sh_loop_t *loop, int fd, const sh_pipe_ops_t *ops, void *data);
int sh_pipe_read_start(sh_pipe_t *p);
/* Stops asking for data. A read already in flight may still deliver once. */
void sh_pipe_read_stop(sh_pipe_t *p);
/* Queues w (data, len set by the caller). Returns 0 or -EPIPE when closing. */
int sh_pipe_write(sh_pipe_t *p, sh_pipe_write_t *w);
/* Bytes queued and not yet written. */
size_t sh_pipe_queued(const sh_pipe_t *p);
/* Cancels what is in flight, fails queued writes with -ECANCELED, closes
 * the descriptor (not 0-2), then on_close. Safe to call twice. */
void sh_pipe_close(sh_pipe_t *p);

/* ---- terminals ---- */
enum { SH_TTY_MODE_NORMAL = 0, SH_TTY_MODE_RAW = 1, SH_TTY_MODE_IO = 2 };
/* Sets a terminal's mode; the first change saves the original settings,
 * which sh_tty_reset puts back. Any thread. */
int sh_tty_set_mode(int fd, int mode);
/* Restores the terminal settings saved by sh_tty_set_mode (at exit). Any
 * thread; async-signal-safe. */
void sh_tty_reset(void);
int sh_tty_window_size(int fd, int *cols, int *rows);

#ifdef __cplusplus
}
#endif
#endif
