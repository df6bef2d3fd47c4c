/* Stream sockets (TCP and Unix) on the ring: accept, connect, multishot
 * receive into the core's buffer pool, and a send queue corked per loop
 * turn: every write of one turn to one socket leaves in one sendmsg.
 *
 * Callbacks run on the loop thread from completions, never synchronously
 * from the call that started the operation. */
#ifndef SH_TCP_H
#define SH_TCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "io/buf.h"
#include "io/loop.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_tcp sh_tcp_t;
typedef struct sh_tcp_server sh_tcp_server_t;
typedef struct sh_seg sh_seg_t;

typedef struct sh_tcp_ops {
  /* Bytes arrived. With a slot (a pool buffer) return true to take it (its
   * bytes now belong to the consumer, as a view of the slab) or false to
   * have it recycled: copy what you keep. slot is NULL for a private
   * buffer (the pool ran dry): copy what you keep. */
  bool (*on_read)(sh_tcp_t *tcp, const char *data, size_t len, const sh_slot_ref_t *slot);
  /* The peer ended its side (err 0) or reading failed (err < 0). Reading
   * has stopped. */
  void (*on_read_end)(sh_tcp_t *tcp, int err);
  /* A send completed: bytes left the queue (err 0), or it failed. */
  void (*on_write)(sh_tcp_t *tcp, size_t bytes, int err);
  /* The connect finished (0 or -errno). */
  void (*on_connect)(sh_tcp_t *tcp, int err);
  /* The write side was shut down after the queue drained (0 or -errno). */
  void (*on_shutdown)(sh_tcp_t *tcp, int err);
  /* Every operation ended and the descriptor is closed: the owner may free
   * tcp now. */
  void (*on_close)(sh_tcp_t *tcp);
} sh_tcp_ops_t;

enum {
  SH_TCP_READING = 1u << 0,   /* the owner wants data */
  SH_TCP_RECV_ARMED = 1u << 1,/* a receive is in flight */
  SH_TCP_SENDING = 1u << 2,   /* a send is in flight */
  SH_TCP_SHUT_WANTED = 1u << 3,
  SH_TCP_SHUT_DONE = 1u << 4,
  SH_TCP_CLOSING = 1u << 5,
  SH_TCP_CLOSED = 1u << 6,
  SH_TCP_EOF = 1u << 7,
  SH_TCP_CONNECTING = 1u << 8,
  SH_TCP_UNIX = 1u << 9,      /* AF_UNIX: one receive at a time (tcp.c, arm_recv) */
};

/* A stream socket. Caller-owned (embed it); lives until on_close. */
struct sh_tcp {
  sh_loop_t *loop;
  sh_bufpool_t *pool;
  const sh_tcp_ops_t *ops;
  void *data;
  int fd;
  uint32_t flags;
  int ops_pending; /* SQEs in flight that must complete before on_close */
  sh_req_t recv_req;
  sh_req_t send_req;
  sh_req_t op_req; /* connect, shutdown */
  sh_prepare_t flush;
  /* The send queue: segments in order; head_off bytes of the head are sent. */
  sh_seg_t *head;
  sh_seg_t *tail;
  size_t head_off;
  size_t queued;     /* bytes not yet sent */
  size_t inflight;   /* bytes of the send in flight */
  char *fallback;    /* private receive buffer when the pool is dry */
  struct msghdr msg;
  struct iovec iov[16];
  uint64_t bytes_read;
  uint64_t bytes_written;
  /* File segments (sh_tcp_write_file): the pipe and the splice state, made
   * on first use. */
  struct sh_tcp_splice *splice;
  /* The TLS transform (io/tls.c) or NULL: see "the TLS transform" below. */
  struct sh_tls *tls;
};

/* Wraps a connected or accepted descriptor (made non-blocking, close-on-exec). */
void sh_tcp_init(sh_tcp_t *tcp, sh_loop_t *loop, sh_bufpool_t *pool, int fd,
                 const sh_tcp_ops_t *ops, void *data);
/* Creates a socket of the address's family and connects it. */
int sh_tcp_connect(sh_tcp_t *tcp, sh_loop_t *loop, sh_bufpool_t *pool, const struct sockaddr *addr,
                   socklen_t addrlen, const sh_tcp_ops_t *ops, void *data);

int sh_tcp_read_start(sh_tcp_t *tcp);
/* Stops asking for data. Data already received may still arrive once. */
void sh_tcp_read_stop(sh_tcp_t *tcp);

/* Copies data into the send queue (so later changes to the caller's memory
 * do not reach the wire); it leaves at the end of the loop turn. */
int sh_tcp_write(sh_tcp_t *tcp, const void *data, size_t len);
/* Queues memory by reference: release(owner) runs once the kernel no longer
 * reads it (after its send completes, or on close). Takes ownership of
 * owner even on error. */
int sh_tcp_write_ref(sh_tcp_t *tcp, const void *data, size_t len, void (*release)(void *owner),
                     void *owner);
/* Reserves len bytes at the end of the queue for the caller to fill (an
 * encoder writing straight into the send buffer). Returns NULL when tcp is
 * closing. Commit with sh_tcp_commit(tcp, used). */
char *sh_tcp_reserve(sh_tcp_t *tcp, size_t len);
void sh_tcp_commit(sh_tcp_t *tcp, size_t used);
size_t sh_tcp_queued(const sh_tcp_t *tcp);

/* Queues len bytes of the file fd from offset off, in order with the other
 * writes. When the segment reaches the front of the queue its bytes move
 * by splice, file -> pipe -> socket, both halves on the ring: they never
 * pass through user memory. fd must stay open until done runs.
 *
 * done(owner, moved, err) runs once, on the loop thread, never
 * synchronously: err 0 when the segment went out (moved < len when the file
 * ended early: the rest is skipped, and counted as sent so the stream
 * offsets stay whole); err < 0 when reading the file failed (the rest is
 * skipped likewise) or -ECANCELED when the socket closed first. Socket
 * errors reach on_write as for any send. Returns 0, or -errno (done never
 * runs). */
int sh_tcp_write_file(sh_tcp_t *tcp, int fd, uint64_t off, size_t len,
                      void (*done)(void *owner, uint64_t moved, int err), void *owner);

/* Shuts the write side down once the queue has drained. */
int sh_tcp_shutdown(sh_tcp_t *tcp);
/* Stops everything, drops what is queued, closes the descriptor, then
 * on_close. Safe to call more than once. */
void sh_tcp_close(sh_tcp_t *tcp);

int sh_tcp_set_nodelay(sh_tcp_t *tcp, bool on);
int sh_tcp_set_keepalive(sh_tcp_t *tcp, bool on, unsigned delay_s);

/* ---- servers ---- */
typedef struct sh_tcp_server_ops {
  /* A connection arrived (fd >= 0, non-blocking and close-on-exec) or
   * accepting failed (fd < 0: -errno; accepting goes on after EMFILE/ENFILE
   * once descriptors free up). */
  void (*on_connection)(sh_tcp_server_t *server, int fd);
  void (*on_close)(sh_tcp_server_t *server);
} sh_tcp_server_ops_t;

struct sh_tcp_server {
  sh_loop_t *loop;
  const sh_tcp_server_ops_t *ops;
  void *data;
  int fd;
  bool owns_fd; /* false when the descriptor is shared with other cores */
  bool closing;
  bool armed;
  bool paused;
  int ops_pending;
  sh_req_t accept_req;
  sh_timer_t retry;
  uint64_t accepted;
};

/* Starts accepting on a listening descriptor (multishot accept). */
int sh_tcp_server_start(sh_tcp_server_t *server, sh_loop_t *loop, int fd, bool owns_fd,
                        const sh_tcp_server_ops_t *ops, void *data);
/* Stops accepting (backpressure, maxConnections) and resumes. */
void sh_tcp_server_pause(sh_tcp_server_t *server);
void sh_tcp_server_resume(sh_tcp_server_t *server);
void sh_tcp_server_close(sh_tcp_server_t *server);

/* ---- listening sockets shared by the cores (io/listen.c) ---- */
typedef struct sh_listen_options {
  int backlog;
  bool ipv6_only;
  /* More than one core may listen on this address: SO_REUSEPORT, after a
   * plain bind probe (so a port held by another process is EADDRINUSE). */
  bool reuseport;
  /* listen(0) gets the same port on every core: the n-th listen(0) of each
   * core on the same address shares one port. seq is that n. */
  unsigned seq;
} sh_listen_options_t;

/* Creates, binds and listens. *fd_out: the listening descriptor; for a Unix
 * socket shared by the cores, the same descriptor for all (*shared true:
 * it must not be closed while others use it; sh_listen_release does). */
int sh_listen(const struct sockaddr *addr, socklen_t addrlen, const sh_listen_options_t *opts,
              int *fd_out, bool *shared);
/* The core stops listening on fd (closes it, or drops its use of a shared one). */
void sh_listen_release(int fd);

/* ---- the TLS transform (io/tls.c) ----
 * With tcp->tls set, what the owner writes through the functions above is
 * plaintext, handed to io/tls.c, which encrypts it into the send queue with
 * the sh__tcp_* functions below: the same operations on the raw byte
 * stream. sh_tcp_queued and the byte counts stay those of the raw stream. */
struct sh_tls;
char *sh__tcp_reserve(sh_tcp_t *tcp, size_t len);
/* Like sh__tcp_reserve, but settles for what is left in the tail segment
 * (at least one byte): *got says how much. NULL when closing. */
char *sh__tcp_reserve_upto(sh_tcp_t *tcp, size_t len, size_t *got);
void sh__tcp_commit(sh_tcp_t *tcp, size_t used);
int sh__tcp_write_ref(sh_tcp_t *tcp, const void *data, size_t len, void (*release)(void *owner),
                      void *owner);
int sh__tcp_write_file(sh_tcp_t *tcp, int fd, uint64_t off, size_t len,
                       void (*done)(void *owner, uint64_t moved, int err), void *owner);
int sh__tcp_shutdown(sh_tcp_t *tcp);
void sh__tcp_close(sh_tcp_t *tcp);
/* io/tls.c's side of the public write functions. */
char *sh__tls_reserve(struct sh_tls *tls, size_t len);
void sh__tls_commit(struct sh_tls *tls, size_t used);
int sh__tls_write(struct sh_tls *tls, const void *data, size_t len);
int sh__tls_write_ref(struct sh_tls *tls, const void *data, size_t len, void (*release)(void *owner),
                      void *owner);
int sh__tls_write_file(struct sh_tls *tls, int fd, uint64_t off, size_t len,
                       void (*done)(void *owner, uint64_t moved, int err), void *owner);
int sh__tls_shutdown(struct sh_tls *tls);
/* Plaintext written but not sealed yet (it counts as queued). */
size_t sh__tls_pending(const struct sh_tls *tls);
/* True when TLS keeps the socket open a little longer (an alert still has
 * to leave) and closes it itself. */
bool sh__tls_close(struct sh_tls *tls);

#ifdef __cplusplus
}
#endif
#endif
