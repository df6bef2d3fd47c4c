/* Stream sockets on the ring: see tcp.h. */
#include "io/tcp.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "io/common.h"
#include "io/ring.h"
#include "perf/counters.h"

/* Copied writes go into segments of this size (larger writes get their own). */
#define SEG_SIZE 16384
#define SEG_CACHE_MAX 64
#define FALLBACK_SIZE 65536

struct sh_seg {
  sh_seg_t *next;
  char *data;  /* first byte */
  size_t len;  /* bytes queued in this segment */
  size_t cap;  /* capacity of buf; 0 for a by-reference segment */
  void (*release)(void *owner);
  void *owner;
  char buf[];
};

/* A file segment (sh_tcp_write_file) has cap SEG_FILE; its buf holds a
 * file_seg_t and data is NULL. */
#define SEG_FILE SIZE_MAX

typedef struct file_seg {
  int fd;
  uint64_t off;  /* the file offset of the segment's first byte */
  size_t filled; /* bytes moved from the file into the pipe */
  size_t sent;   /* bytes moved from the pipe to the socket */
  int err;       /* reading the file failed (-errno), or 1: it ended early */
  bool complete; /* went out whole, or its rest was skipped */
  void (*done)(void *owner, uint64_t moved, int err);
  void *owner;
} file_seg_t;

static void file_seg_done(sh_seg_t *s);

/* A socket's pipe for file segments (see "file segments" below). */
#define SPLICE_PIPE_SIZE (1u << 20)

struct sh_tcp_splice {
  int pipe_r;
  int pipe_w;
  size_t pipe_size;
  size_t in_pipe;   /* bytes in the pipe not yet sent */
  unsigned inflight; /* splices (or the POLLOUT wait) in flight */
  bool polling;     /* out_req is a POLLOUT wait, not a splice */
  bool dirty;       /* a splice was cancelled: what the pipe holds is unknown */
  sh_req_t in_req;  /* file -> pipe */
  sh_req_t out_req; /* pipe -> socket, or the POLLOUT wait */
};

/* Free copy segments of the standard size, per thread (per loop). */
static _Thread_local sh_seg_t *seg_cache;
static _Thread_local unsigned seg_cache_len;

static sh_seg_t *seg_new(size_t min_cap) {
  if (min_cap <= SEG_SIZE && seg_cache != NULL) {
    sh_seg_t *s = seg_cache;
    seg_cache = s->next;
    seg_cache_len--;
    s->next = NULL;
    s->len = 0;
    s->data = s->buf;
    return s;
  }
  size_t cap = min_cap <= SEG_SIZE ? SEG_SIZE : min_cap;
  sh_seg_t *s = sh_xmalloc(sizeof *s + cap);
  s->next = NULL;
  s->data = s->buf;
  s->len = 0;
  s->cap = cap;
  s->release = NULL;
  s->owner = NULL;
  return s;
}

static void seg_free(sh_seg_t *s) {
  if (s->cap == SEG_FILE) {
    file_seg_done(s);
    free(s);
  } else if (s->cap == 0) {
    if (s->release) {
      s->release(s->owner);
    }
    free(s);
  } else if (s->cap == SEG_SIZE && seg_cache_len < SEG_CACHE_MAX) {
    s->next = seg_cache;
    seg_cache = s;
    seg_cache_len++;
  } else {
    free(s);
  }
}

static void on_recv(sh_req_t *req, int res, uint32_t cflags);
static void on_send(sh_req_t *req, int res, uint32_t cflags);
static void on_op(sh_req_t *req, int res, uint32_t cflags);
static void flush_cb(sh_prepare_t *item);
static void start_send(sh_tcp_t *tcp);
static void splice_step(sh_tcp_t *tcp);
static void splice_free(sh_tcp_t *tcp);

void sh_tcp_init(sh_tcp_t *tcp, sh_loop_t *loop, sh_bufpool_t *pool, int fd,
                 const sh_tcp_ops_t *ops, void *data) {
  memset(tcp, 0, sizeof *tcp);
  tcp->loop = loop;
  tcp->pool = pool;
  tcp->ops = ops;
  tcp->data = data;
  tcp->fd = fd;
  tcp->recv_req = (sh_req_t){.cb = on_recv, .data = tcp};
  tcp->send_req = (sh_req_t){.cb = on_send, .data = tcp};
  tcp->op_req = (sh_req_t){.cb = on_op, .data = tcp};
  tcp->flush.cb = flush_cb;
  int domain = 0;
  socklen_t len = sizeof domain;
  if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 && domain == AF_UNIX) {
    tcp->flags |= SH_TCP_UNIX;
  }
}

int sh_tcp_connect(sh_tcp_t *tcp, sh_loop_t *loop, sh_bufpool_t *pool, const struct sockaddr *addr,
                   socklen_t addrlen, const sh_tcp_ops_t *ops, void *data) {
  int fd = socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -errno;
  }
  sh_tcp_init(tcp, loop, pool, fd, ops, data);
  /* The kernel reads the address when the connect is issued, which may be
   * after this call returns: keep a copy for that long. */
  struct sockaddr_storage *copy = sh_xmalloc(sizeof *copy);
  memcpy(copy, addr, addrlen);
  tcp->msg.msg_name = copy;
  tcp->msg.msg_namelen = addrlen;
  int err = sh_ring_connect(sh_loop_ring(loop), &tcp->op_req, fd, (struct sockaddr *)copy, addrlen);
  if (err < 0) {
    free(copy);
    tcp->msg.msg_name = NULL;
    close(fd);
    tcp->fd = -1;
    return err;
  }
  tcp->flags |= SH_TCP_CONNECTING;
  tcp->ops_pending++;
  return 0;
}

static void maybe_finish_close(sh_tcp_t *tcp) {
  if ((tcp->flags & SH_TCP_CLOSING) && tcp->ops_pending == 0 && !(tcp->flags & SH_TCP_CLOSED)) {
    /* Finished from the prepare phase, never from inside a callback that
     * may still be using tcp. */
    sh_loop_prepare_once(tcp->loop, &tcp->flush);
  }
}

static void arm_recv(sh_tcp_t *tcp) {
  if (tcp->flags & (SH_TCP_RECV_ARMED | SH_TCP_CLOSING | SH_TCP_EOF | SH_TCP_CONNECTING)) {
    return;
  }
  sh_ring_t *ring = sh_loop_ring(tcp->loop);
  int err;
  if (tcp->pool != NULL && tcp->fallback == NULL) {
    /* A multishot receive on an AF_UNIX socket can miss the peer's close:
     * now and then no EOF CQE ever comes (seen on 6.18, a child's stdout
     * stalled after its last bytes; liburing issue #1549). One receive at a
     * time sees it. */
    unsigned bgid = sh_bufpool_bgid(tcp->pool);
    err = (tcp->flags & SH_TCP_UNIX) ? sh_ring_recv_select(ring, &tcp->recv_req, tcp->fd, bgid)
                                      : sh_ring_recv_multishot(ring, &tcp->recv_req, tcp->fd, bgid);
  } else {
    if (tcp->fallback == NULL) {
      tcp->fallback = sh_xmalloc(FALLBACK_SIZE);
    }
    err = sh_ring_recv(ring, &tcp->recv_req, tcp->fd, tcp->fallback, FALLBACK_SIZE);
  }
  SH_CHECK(err == 0);
  tcp->flags |= SH_TCP_RECV_ARMED;
  tcp->ops_pending++;
}

int sh_tcp_read_start(sh_tcp_t *tcp) {
  if (tcp->flags & SH_TCP_CLOSING) {
    return -EBADF;
  }
  tcp->flags |= SH_TCP_READING;
  arm_recv(tcp);
  return 0;
}

void sh_tcp_read_stop(sh_tcp_t *tcp) {
  tcp->flags &= ~SH_TCP_READING;
  if (tcp->flags & SH_TCP_RECV_ARMED) {
    sh_ring_cancel(sh_loop_ring(tcp->loop), &tcp->recv_req);
  }
}

static void on_recv(sh_req_t *req, int res, uint32_t cflags) {
  sh_tcp_t *tcp = req->data;
  bool more = (cflags & SH_CQE_MORE) != 0;
  if (!more) {
    tcp->flags &= ~SH_TCP_RECV_ARMED;
    tcp->ops_pending--;
  }
  if (res > 0) {
    tcp->bytes_read += (uint64_t)res;
    SH_PERF_ADD(bytes_in, res);
    if (cflags & SH_CQE_BUFFER) {
      unsigned bid = sh_cqe_buffer_id(cflags);
      sh_slot_ref_t slot = sh_bufpool_slot(tcp->pool, bid);
      bool taken = false;
      if (!(tcp->flags & SH_TCP_CLOSING)) {
        taken = tcp->ops->on_read(tcp, slot.base, (size_t)res, &slot);
      }
      if (taken) {
        sh_bufpool_take(tcp->pool, bid);
      } else {
        sh_bufpool_recycle(tcp->pool, bid);
      }
      sh_bufpool_commit(tcp->pool);
      SH_PERF_MIN(bufring_low, sh_bufpool_available(tcp->pool));
    } else if (!(tcp->flags & SH_TCP_CLOSING)) {
      tcp->ops->on_read(tcp, tcp->fallback, (size_t)res, NULL);
      if (tcp->pool != NULL && sh_bufpool_refill(tcp->pool) == 0) {
        /* The pool has slots again: back to zero-copy receives. */
        free(tcp->fallback);
        tcp->fallback = NULL;
      }
    }
    if (!more && (tcp->flags & SH_TCP_READING)) {
      arm_recv(tcp);
    }
  } else if (res == 0) {
    tcp->flags |= SH_TCP_EOF;
    tcp->flags &= ~SH_TCP_READING;
    if (more) {
      sh_ring_cancel(sh_loop_ring(tcp->loop), &tcp->recv_req);
    }
    if (!(tcp->flags & SH_TCP_CLOSING)) {
      tcp->ops->on_read_end(tcp, 0);
    }
  } else if (res == -ENOBUFS) {
    /* The ring had no free slot when data came. Slots of this batch are
     * recycled as their CQEs are handled, so usually re-arming is enough;
     * if the pool is truly dry (memory ran out), this socket copies through
     * a private buffer for now: a core must never stall on ENOBUFS. */
    sh_bufpool_note_empty(tcp->pool);
    SH_PERF_INC(bufring_empty);
    if (sh_bufpool_available(tcp->pool) == 0 && sh_bufpool_refill(tcp->pool) > 0 &&
        tcp->fallback == NULL) {
      tcp->fallback = sh_xmalloc(FALLBACK_SIZE);
    }
    if (tcp->flags & SH_TCP_READING) {
      arm_recv(tcp);
    }
  } else if (res != -ECANCELED && res != -EINTR) {
    tcp->flags &= ~SH_TCP_READING;
    if (!(tcp->flags & SH_TCP_CLOSING)) {
      tcp->ops->on_read_end(tcp, res);
    }
  } else if ((res == -EINTR || res == -ECANCELED) && (tcp->flags & SH_TCP_READING)) {
    /* -ECANCELED: a read_stop's cancel, but read_start came again before
     * it completed (arm_recv skipped while the recv was still armed). */
    arm_recv(tcp);
  }
  if (!more) {
    maybe_finish_close(tcp);
  }
}

static void queue_flush(sh_tcp_t *tcp) {
  if (!(tcp->flags & SH_TCP_SENDING)) {
    sh_loop_prepare_once(tcp->loop, &tcp->flush);
  }
}

/* Links s at the end of the send queue (its bytes are counted by the caller). */
static void queue_append(sh_tcp_t *tcp, sh_seg_t *s) {
  if (tcp->tail == NULL) {
    tcp->head = s;
    tcp->head_off = 0;
  } else {
    tcp->tail->next = s;
  }
  tcp->tail = s;
}

char *sh__tcp_reserve(sh_tcp_t *tcp, size_t len) {
  if (tcp->flags & (SH_TCP_CLOSING | SH_TCP_SHUT_WANTED)) {
    return NULL;
  }
  sh_seg_t *tail = tcp->tail;
  if (tail == NULL || tail->cap == 0 || tail->cap == SEG_FILE || tail->cap - (size_t)(tail->data - tail->buf) - tail->len < len) {
    tail = seg_new(len);
    queue_append(tcp, tail);
  }
  return tail->data + tail->len;
}

void sh__tcp_commit(sh_tcp_t *tcp, size_t used) {
  if (used == 0) {
    return;
  }
  tcp->tail->len += used;
  tcp->queued += used;
  queue_flush(tcp);
}

int sh_tcp_write(sh_tcp_t *tcp, const void *data, size_t len) {
  if (tcp->tls != NULL) {
    return sh__tls_write(tcp->tls, data, len);
  }
  if (len == 0) {
    return (tcp->flags & SH_TCP_CLOSING) ? -EPIPE : 0;
  }
  char *dst = sh__tcp_reserve(tcp, len);
  if (dst == NULL) {
    return -EPIPE;
  }
  memcpy(dst, data, len);
  sh__tcp_commit(tcp, len);
  return 0;
}

int sh__tcp_write_ref(sh_tcp_t *tcp, const void *data, size_t len, void (*release)(void *owner),
                      void *owner) {
  if (tcp->flags & (SH_TCP_CLOSING | SH_TCP_SHUT_WANTED)) {
    if (release) {
      release(owner);
    }
    return -EPIPE;
  }
  sh_seg_t *s = sh_xmalloc(sizeof *s);
  s->next = NULL;
  s->data = (char *)data;
  s->len = len;
  s->cap = 0;
  s->release = release;
  s->owner = owner;
  queue_append(tcp, s);
  tcp->queued += len;
  queue_flush(tcp);
  return 0;
}

size_t sh_tcp_queued(const sh_tcp_t *tcp) {
  return tcp->tls == NULL ? tcp->queued : tcp->queued + sh__tls_pending(tcp->tls);
}

static void do_shutdown(sh_tcp_t *tcp) {
  if (tcp->flags & (SH_TCP_SHUT_DONE | SH_TCP_CLOSING | SH_TCP_CONNECTING)) {
    return;
  }
  tcp->flags |= SH_TCP_SHUT_DONE;
  int err = sh_ring_shutdown(sh_loop_ring(tcp->loop), &tcp->op_req, tcp->fd, SHUT_WR);
  SH_CHECK(err == 0);
  tcp->ops_pending++;
}

static void start_send(sh_tcp_t *tcp) {
  if (tcp->flags & (SH_TCP_SENDING | SH_TCP_CLOSING | SH_TCP_CONNECTING)) {
    return;
  }
  if (tcp->queued == 0) {
    if (tcp->flags & SH_TCP_SHUT_WANTED) {
      do_shutdown(tcp);
    }
    return;
  }
  /* A file segment at the front goes by splice; memory queued after it
   * waits for it. */
  if (tcp->head != NULL && tcp->head->cap == SEG_FILE) {
    splice_step(tcp);
    return;
  }
  unsigned n = 0;
  size_t total = 0;
  size_t off = tcp->head_off;
  for (sh_seg_t *s = tcp->head; s != NULL && n < SH_ARRAY_SIZE(tcp->iov); s = s->next) {
    if (s->cap == SEG_FILE) {
      break;
    }
    if (s->len > off) {
      tcp->iov[n].iov_base = s->data + off;
      tcp->iov[n].iov_len = s->len - off;
      total += s->len - off;
      n++;
    }
    off = 0;
  }
  memset(&tcp->msg, 0, sizeof tcp->msg);
  tcp->msg.msg_iov = tcp->iov;
  tcp->msg.msg_iovlen = n;
  int err = sh_ring_sendmsg(sh_loop_ring(tcp->loop), &tcp->send_req, tcp->fd, &tcp->msg, 0);
  SH_CHECK(err == 0);
  tcp->flags |= SH_TCP_SENDING;
  tcp->inflight = total;
  tcp->ops_pending++;
}

/* Drops sent bytes from the front of the queue. */
static void consume(sh_tcp_t *tcp, size_t bytes) {
  tcp->queued -= bytes;
  while (bytes > 0 && tcp->head != NULL) {
    sh_seg_t *s = tcp->head;
    size_t left = s->len - tcp->head_off;
    if (bytes < left) {
      tcp->head_off += bytes;
      return;
    }
    bytes -= left;
    tcp->head = s->next;
    tcp->head_off = 0;
    if (tcp->head == NULL) {
      tcp->tail = NULL;
    }
    seg_free(s);
  }
  /* The tail segment was fully sent but kept (more may be appended): it was
   * freed above once empty, so an empty queue has no segments. */
}

static void on_send(sh_req_t *req, int res, uint32_t cflags) {
  SH_UNUSED(cflags);
  sh_tcp_t *tcp = req->data;
  tcp->ops_pending--;
  tcp->flags &= ~SH_TCP_SENDING;
  tcp->inflight = 0;
  if (tcp->flags & SH_TCP_CLOSING) {
    maybe_finish_close(tcp);
    return;
  }
  if (res == -EINTR || res == -EAGAIN) {
    start_send(tcp);
    return;
  }
  if (res < 0) {
    tcp->ops->on_write(tcp, 0, res);
    return;
  }
  consume(tcp, (size_t)res);
  tcp->bytes_written += (uint64_t)res;
  SH_PERF_ADD(bytes_out, res);
  tcp->ops->on_write(tcp, (size_t)res, 0);
  if (!(tcp->flags & SH_TCP_CLOSING)) {
    start_send(tcp);
  }
}

static void on_op(sh_req_t *req, int res, uint32_t cflags) {
  SH_UNUSED(cflags);
  sh_tcp_t *tcp = req->data;
  tcp->ops_pending--;
  if (tcp->flags & SH_TCP_CONNECTING) {
    tcp->flags &= ~SH_TCP_CONNECTING;
    free(tcp->msg.msg_name);
    tcp->msg.msg_name = NULL;
    if (!(tcp->flags & SH_TCP_CLOSING)) {
      tcp->ops->on_connect(tcp, res);
      if (res == 0 && !(tcp->flags & SH_TCP_CLOSING)) {
        if (tcp->flags & SH_TCP_READING) {
          arm_recv(tcp);
        }
        start_send(tcp);
      }
    }
  } else if (!(tcp->flags & SH_TCP_CLOSING) && tcp->ops->on_shutdown) {
    tcp->ops->on_shutdown(tcp, res);
  }
  maybe_finish_close(tcp);
}

static void flush_cb(sh_prepare_t *item) {
  sh_tcp_t *tcp = SH_CONTAINER_OF(item, sh_tcp_t, flush);
  if (tcp->flags & SH_TCP_CLOSING) {
    if (tcp->ops_pending == 0 && !(tcp->flags & SH_TCP_CLOSED)) {
      tcp->flags |= SH_TCP_CLOSED;
      while (tcp->head != NULL) {
        sh_seg_t *s = tcp->head;
        tcp->head = s->next;
        seg_free(s);
      }
      tcp->tail = NULL;
      tcp->queued = 0;
      free(tcp->fallback);
      tcp->fallback = NULL;
      free(tcp->msg.msg_name);
      tcp->msg.msg_name = NULL;
      splice_free(tcp);
      if (tcp->fd >= 0) {
        close(tcp->fd);
        tcp->fd = -1;
      }
      tcp->ops->on_close(tcp);
    }
    return;
  }
  start_send(tcp);
}

int sh__tcp_shutdown(sh_tcp_t *tcp) {
  if (tcp->flags & SH_TCP_CLOSING) {
    return -EBADF;
  }
  tcp->flags |= SH_TCP_SHUT_WANTED;
  if (!(tcp->flags & SH_TCP_SENDING) && tcp->queued == 0) {
    do_shutdown(tcp);
  }
  return 0;
}

void sh__tcp_close(sh_tcp_t *tcp) {
  if (tcp->flags & SH_TCP_CLOSING) {
    return;
  }
  tcp->flags |= SH_TCP_CLOSING;
  tcp->flags &= ~SH_TCP_READING;
  sh_ring_t *ring = sh_loop_ring(tcp->loop);
  if (tcp->flags & SH_TCP_RECV_ARMED) {
    sh_ring_cancel(ring, &tcp->recv_req);
  }
  if (tcp->flags & SH_TCP_SENDING) {
    sh_ring_cancel(ring, &tcp->send_req);
  }
  if (tcp->flags & SH_TCP_CONNECTING) {
    sh_ring_cancel(ring, &tcp->op_req);
  }
  if (tcp->splice != NULL && (tcp->flags & SH_TCP_SENDING)) {
    tcp->splice->dirty = true; /* never reused: a cancelled splice may have moved bytes */
    sh_ring_cancel(ring, &tcp->splice->in_req);
    sh_ring_cancel(ring, &tcp->splice->out_req);
  }
  maybe_finish_close(tcp);
}

/* ---- file segments: file -> pipe -> socket by splice ----
 *
 * One pipe per socket, made when its first file segment is queued. A file
 * segment at the front of the queue alternates two ring operations: splice
 * from the file into the empty pipe (at most the pipe's size), then from
 * the pipe into the socket until the pipe is empty. Both run in the
 * kernel's io-wq workers; a socket that is full answers EAGAIN (the ring
 * does not poll for splice), so the second half waits for POLLOUT and
 * tries again. SH_TCP_SENDING covers either half, so nothing else is sent
 * meanwhile and the segment keeps its place in the stream. */

static void on_splice_in(sh_req_t *req, int res, uint32_t cflags);
static void on_splice_out(sh_req_t *req, int res, uint32_t cflags);

static void file_seg_done(sh_seg_t *s) {
  file_seg_t *f = (file_seg_t *)(void *)s->buf;
  int err = !f->complete ? -ECANCELED : f->err < 0 ? f->err : 0;
  f->done(f->owner, f->sent, err);
}

/* Idle pipes, per thread (per loop): a socket holds a pipe only while a
 * file segment moves, so idle keep-alive connections cost no descriptors
 * and the pipes' buffer pages (which count against the user's pipe limits)
 * scale with the transfers in progress, not with the connections. */
#define PIPE_CACHE_MAX 16
static _Thread_local struct sh_tcp_splice *pipe_cache[PIPE_CACHE_MAX];
static _Thread_local unsigned pipe_cache_len;

static struct sh_tcp_splice *splice_take(sh_tcp_t *tcp) {
  struct sh_tcp_splice *sp;
  if (pipe_cache_len > 0) {
    sp = pipe_cache[--pipe_cache_len];
  } else {
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
      return NULL;
    }
    sp = sh_xcalloc(1, sizeof *sp);
    sp->pipe_r = p[0];
    sp->pipe_w = p[1];
    /* A larger pipe means fewer round trips per segment; the default (64
     * KiB) where the system limit refuses it. */
    fcntl(sp->pipe_w, F_SETPIPE_SZ, SPLICE_PIPE_SIZE);
    int size = fcntl(sp->pipe_w, F_GETPIPE_SZ);
    sp->pipe_size = size > 0 ? (size_t)size : 65536;
  }
  sp->in_req = (sh_req_t){.cb = on_splice_in, .data = tcp};
  sp->out_req = (sh_req_t){.cb = on_splice_out, .data = tcp};
  sp->polling = false;
  sp->dirty = false;
  return sp;
}

/* Gives the socket's pipe back (to the cache when it is empty and idle). */
static void splice_free(sh_tcp_t *tcp) {
  struct sh_tcp_splice *sp = tcp->splice;
  if (sp == NULL) {
    return;
  }
  tcp->splice = NULL;
  if (sp->in_pipe == 0 && sp->inflight == 0 && !sp->dirty && pipe_cache_len < PIPE_CACHE_MAX) {
    pipe_cache[pipe_cache_len++] = sp;
    return;
  }
  close(sp->pipe_r);
  close(sp->pipe_w);
  free(sp);
}

/* After a file segment: keep the pipe only if another one is next. */
static void splice_maybe_release(sh_tcp_t *tcp) {
  if (tcp->splice != NULL && tcp->splice->inflight == 0 && tcp->splice->in_pipe == 0 &&
      (tcp->head == NULL || tcp->head->cap != SEG_FILE)) {
    bool more = false;
    for (sh_seg_t *s = tcp->head; s != NULL && !more; s = s->next) {
      more = s->cap == SEG_FILE;
    }
    if (!more) {
      splice_free(tcp);
    }
  }
}

int sh__tcp_write_file(sh_tcp_t *tcp, int fd, uint64_t off, size_t len,
                       void (*done)(void *owner, uint64_t moved, int err), void *owner) {
  if (tcp->flags & (SH_TCP_CLOSING | SH_TCP_SHUT_WANTED)) {
    return -EPIPE;
  }
  if (len == 0 || fd < 0) {
    return -EINVAL;
  }
  if (tcp->splice == NULL) {
    tcp->splice = splice_take(tcp);
    if (tcp->splice == NULL) {
      return -errno;
    }
  }
  sh_seg_t *s = sh_xmalloc(sizeof *s + sizeof(file_seg_t));
  s->next = NULL;
  s->data = NULL;
  s->len = len;
  s->cap = SEG_FILE;
  s->release = NULL;
  s->owner = NULL;
  file_seg_t *f = (file_seg_t *)(void *)s->buf;
  *f = (file_seg_t){.fd = fd, .off = off, .done = done, .owner = owner};
  queue_append(tcp, s);
  tcp->queued += len;
  queue_flush(tcp);
  return 0;
}

static void splice_issued(sh_tcp_t *tcp, unsigned n) {
  tcp->splice->inflight += n;
  tcp->ops_pending += (int)n;
  tcp->flags |= SH_TCP_SENDING;
}

/* A splice CQE arrived: false when the socket is closing (nothing more to
 * do here). */
static bool splice_landed(sh_tcp_t *tcp) {
  tcp->splice->inflight--;
  tcp->ops_pending--;
  if (tcp->splice->inflight == 0) {
    tcp->flags &= ~SH_TCP_SENDING;
  }
  if (tcp->flags & SH_TCP_CLOSING) {
    maybe_finish_close(tcp);
    return false;
  }
  return true;
}

static void splice_step(sh_tcp_t *tcp) {
  sh_seg_t *s = tcp->head;
  file_seg_t *f = (file_seg_t *)(void *)s->buf;
  struct sh_tcp_splice *sp = tcp->splice;
  sh_ring_t *ring = sh_loop_ring(tcp->loop);
  if (sp->in_pipe > 0) {
    size_t n = sp->in_pipe > 0x7ffff000u ? 0x7ffff000u : sp->in_pipe;
    SH_CHECK(sh_ring_splice(ring, &sp->out_req, sp->pipe_r, -1, tcp->fd, -1, (unsigned)n, SPLICE_F_MOVE) == 0);
    splice_issued(tcp, 1);
  } else if (f->err == 0 && f->filled < s->len) {
    size_t n = s->len - f->filled;
    if (n > sp->pipe_size) {
      n = sp->pipe_size;
    }
    /* Both halves at once, the second linked to the first: no trip
     * through the loop between them when the file gave all n bytes. */
    int err = sh_ring_splice_pair(ring, &sp->in_req, f->fd, (int64_t)(f->off + f->filled), sp->pipe_w,
                                  &sp->out_req, sp->pipe_r, tcp->fd, (unsigned)n, SPLICE_F_MOVE);
    if (err == 0) {
      splice_issued(tcp, 2);
    } else {
      SH_CHECK(sh_ring_splice(ring, &sp->in_req, f->fd, (int64_t)(f->off + f->filled), sp->pipe_w, -1,
                              (unsigned)n, SPLICE_F_MOVE) == 0);
      splice_issued(tcp, 1);
    }
  } else {
    /* Everything read went out; the file ended early or failed: skip the
     * rest, counted as sent (JS keeps the stream's offsets). */
    size_t rest = s->len - tcp->head_off;
    f->complete = true;
    tcp->bytes_written += rest;
    consume(tcp, rest);
    splice_maybe_release(tcp);
    if (rest > 0) {
      tcp->ops->on_write(tcp, rest, 0);
    }
    if (!(tcp->flags & SH_TCP_CLOSING)) {
      start_send(tcp);
    }
  }
}

static void on_splice_in(sh_req_t *req, int res, uint32_t cflags) {
  SH_UNUSED(cflags);
  sh_tcp_t *tcp = req->data;
  if (!splice_landed(tcp)) {
    return;
  }
  file_seg_t *f = (file_seg_t *)(void *)tcp->head->buf;
  if (res > 0) {
    f->filled += (size_t)res;
    tcp->splice->in_pipe += (size_t)res;
  } else if (res == 0) {
    f->err = 1;
  } else if (res != -EINTR && res != -EAGAIN) {
    f->err = res;
  }
  /* A linked second half still in flight goes on from its own CQE. */
  if (tcp->splice->inflight == 0) {
    start_send(tcp);
  }
}

static void on_splice_out(sh_req_t *req, int res, uint32_t cflags) {
  SH_UNUSED(cflags);
  sh_tcp_t *tcp = req->data;
  struct sh_tcp_splice *sp = tcp->splice;
  if (!splice_landed(tcp)) {
    return;
  }
  if (sp->polling) {
    sp->polling = false; /* writable (or failed: the splice will say) */
    start_send(tcp);
    return;
  }
  if (res == -ECANCELED || res == -EINTR) {
    /* -ECANCELED: the linked first half came up short; send what it moved. */
    start_send(tcp);
    return;
  }
  if (res == -EAGAIN) {
    SH_CHECK(sh_ring_poll(sh_loop_ring(tcp->loop), &sp->out_req, tcp->fd, POLLOUT, false) == 0);
    sp->polling = true;
    splice_issued(tcp, 1);
    return;
  }
  if (res <= 0) {
    tcp->ops->on_write(tcp, 0, res == 0 ? -EPIPE : res);
    return;
  }
  file_seg_t *f = (file_seg_t *)(void *)tcp->head->buf;
  sp->in_pipe -= (size_t)res;
  f->sent += (size_t)res;
  if (f->sent == tcp->head->len) {
    f->complete = true;
  }
  tcp->bytes_written += (uint64_t)res;
  SH_PERF_ADD(bytes_out, res);
  SH_PERF_ADD(splice_bytes, res);
  consume(tcp, (size_t)res);
  splice_maybe_release(tcp);
  tcp->ops->on_write(tcp, (size_t)res, 0);
  if (!(tcp->flags & SH_TCP_CLOSING)) {
    start_send(tcp);
  }
}

int sh_tcp_set_nodelay(sh_tcp_t *tcp, bool on) {
  int v = on ? 1 : 0;
  return setsockopt(tcp->fd, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) == 0 ? 0 : -errno;
}

int sh_tcp_set_keepalive(sh_tcp_t *tcp, bool on, unsigned delay_s) {
  int v = on ? 1 : 0;
  if (setsockopt(tcp->fd, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v) != 0) {
    return -errno;
  }
  if (on && delay_s > 0) {
    int d = (int)delay_s;
    if (setsockopt(tcp->fd, IPPROTO_TCP, TCP_KEEPIDLE, &d, sizeof d) != 0) {
      return -errno;
    }
  }
  return 0;
}

/* ---- servers ---- */

static void on_accept(sh_req_t *req, int res, uint32_t cflags);

static void arm_accept(sh_tcp_server_t *server) {
  if (server->armed || server->closing || server->paused) {
    return;
  }
  int err = sh_ring_accept_multishot(sh_loop_ring(server->loop), &server->accept_req, server->fd);
  SH_CHECK(err == 0);
  server->armed = true;
  server->ops_pending++;
}

static void server_finish_close(sh_tcp_server_t *server);

static void retry_accept(sh_timer_t *timer) {
  sh_tcp_server_t *server = timer->data;
  if (server->closing) {
    server_finish_close(server);
  } else {
    arm_accept(server);
  }
}

static void server_finish_close(sh_tcp_server_t *server) {
  if (!server->closing || server->ops_pending > 0 || server->fd < 0) {
    return;
  }
  sh_timer_stop(server->loop, &server->retry);
  if (server->owns_fd) {
    close(server->fd);
  } else {
    sh_listen_release(server->fd);
  }
  server->fd = -1;
  server->ops->on_close(server);
}

static void on_accept(sh_req_t *req, int res, uint32_t cflags) {
  sh_tcp_server_t *server = req->data;
  bool more = (cflags & SH_CQE_MORE) != 0;
  if (!more) {
    server->armed = false;
    server->ops_pending--;
  }
  if (res >= 0) {
    if (server->closing) {
      close(res);
    } else {
      server->accepted++;
      SH_PERF_INC(accepted);
      server->ops->on_connection(server, res);
    }
  } else if (res == -EMFILE || res == -ENFILE || res == -ENOMEM || res == -ENOBUFS) {
    /* Out of descriptors: tell the owner, stop for a moment, try again. */
    if (!server->closing) {
      server->ops->on_connection(server, res);
      if (server->armed) {
        sh_ring_cancel(sh_loop_ring(server->loop), &server->accept_req);
      }
      sh_timer_start(server->loop, &server->retry, 100);
    }
  }
  if (!more) {
    if (server->closing) {
      server_finish_close(server);
    } else if (!sh_timer_is_active(&server->retry)) {
      arm_accept(server);
    }
  }
}

int sh_tcp_server_start(sh_tcp_server_t *server, sh_loop_t *loop, int fd, bool owns_fd,
                        const sh_tcp_server_ops_t *ops, void *data) {
  memset(server, 0, sizeof *server);
  server->loop = loop;
  server->ops = ops;
  server->data = data;
  server->fd = fd;
  server->owns_fd = owns_fd;
  server->accept_req = (sh_req_t){.cb = on_accept, .data = server};
  sh_timer_init(&server->retry, retry_accept, server);
  sh_timer_set_ref(loop, &server->retry, false);
  arm_accept(server);
  return 0;
}

void sh_tcp_server_pause(sh_tcp_server_t *server) {
  if (server->paused) {
    return;
  }
  server->paused = true;
  if (server->armed) {
    sh_ring_cancel(sh_loop_ring(server->loop), &server->accept_req);
  }
}

void sh_tcp_server_resume(sh_tcp_server_t *server) {
  if (!server->paused) {
    return;
  }
  server->paused = false;
  arm_accept(server);
}

void sh_tcp_server_close(sh_tcp_server_t *server) {
  if (server->closing) {
    return;
  }
  server->closing = true;
  if (server->armed) {
    sh_ring_cancel(sh_loop_ring(server->loop), &server->accept_req);
  } else {
    /* on_close never runs synchronously: finish from a timer. */
    sh_timer_start(server->loop, &server->retry, 0);
  }
}

/* ---- the TLS transform ----
 * A socket with tcp->tls set carries TLS (io/tls.c): what its owner writes
 * is plaintext for io/tls.c, which queues ciphertext (or, under kTLS,
 * plaintext for the kernel) through the sh__tcp_* functions above. A plain
 * socket pays one predictable branch per call. */

char *sh_tcp_reserve(sh_tcp_t *tcp, size_t len) {
  return tcp->tls == NULL ? sh__tcp_reserve(tcp, len) : sh__tls_reserve(tcp->tls, len);
}

void sh_tcp_commit(sh_tcp_t *tcp, size_t used) {
  if (tcp->tls == NULL) {
    sh__tcp_commit(tcp, used);
  } else {
    sh__tls_commit(tcp->tls, used);
  }
}

int sh_tcp_write_ref(sh_tcp_t *tcp, const void *data, size_t len, void (*release)(void *owner),
                     void *owner) {
  return tcp->tls == NULL ? sh__tcp_write_ref(tcp, data, len, release, owner)
                          : sh__tls_write_ref(tcp->tls, data, len, release, owner);
}

int sh_tcp_write_file(sh_tcp_t *tcp, int fd, uint64_t off, size_t len,
                      void (*done)(void *owner, uint64_t moved, int err), void *owner) {
  return tcp->tls == NULL ? sh__tcp_write_file(tcp, fd, off, len, done, owner)
                          : sh__tls_write_file(tcp->tls, fd, off, len, done, owner);
}

int sh_tcp_shutdown(sh_tcp_t *tcp) {
  return tcp->tls == NULL ? sh__tcp_shutdown(tcp) : sh__tls_shutdown(tcp->tls);
}

void sh_tcp_close(sh_tcp_t *tcp) {
  if (tcp->tls == NULL || !sh__tls_close(tcp->tls)) {
    sh__tcp_close(tcp);
  }
}

char *sh__tcp_reserve_upto(sh_tcp_t *tcp, size_t len, size_t *got) {
  sh_seg_t *tail = tcp->tail;
  if (tail != NULL && tail->cap != 0 && tail->cap != SEG_FILE &&
      !(tcp->flags & (SH_TCP_CLOSING | SH_TCP_SHUT_WANTED))) {
    size_t room = tail->cap - (size_t)(tail->data - tail->buf) - tail->len;
    if (room > 0) {
      *got = room < len ? room : len;
      return tail->data + tail->len;
    }
  }
  /* A fresh segment: the standard size (cached) unless len needs less. */
  char *dst = sh__tcp_reserve(tcp, len < SEG_SIZE ? len : SEG_SIZE);
  *got = len < SEG_SIZE ? len : SEG_SIZE;
  return dst;
}
