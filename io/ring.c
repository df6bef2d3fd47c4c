/* io_uring behind a small interface: see ring.h for the contracts. */
#include "io/ring.h"

#include <errno.h>
#include <liburing.h>
#include <string.h>
#include <sys/mman.h>

#include "io/common.h"
#include "perf/counters.h"

struct sh_ring {
  struct io_uring uring;
  struct io_uring_probe *probe;
  bool defer_taskrun;
  sh_ring_stats_t stats;
};

struct sh_bufring {
  struct io_uring_buf_ring *br;
  size_t map_size;
  unsigned entries;
  unsigned bgid;
  unsigned added; /* buffers added since the last commit */
};

int sh_ring_create(sh_ring_t **out, unsigned entries, const char **err_msg) {
  sh_ring_t *ring = sh_xcalloc(1, sizeof *ring);
  struct io_uring_params p;
  /* The CQ is larger than the SQ: multishot receives and accepts post many
   * CQEs per SQE. Overflow is still handled (see reap). */
  unsigned flag_sets[] = {
      IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE,
      IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_CQSIZE,
      IORING_SETUP_CQSIZE,
  };
  int err = -ENOSYS;
  for (size_t i = 0; i < SH_ARRAY_SIZE(flag_sets); i++) {
    memset(&p, 0, sizeof p);
    p.flags = flag_sets[i];
    p.cq_entries = entries * 8;
    err = io_uring_queue_init_params(entries, &ring->uring, &p);
    if (err == 0) {
      ring->defer_taskrun = (flag_sets[i] & IORING_SETUP_DEFER_TASKRUN) != 0;
      break;
    }
    if (err != -EINVAL) {
      break; /* refused outright: no point trying weaker flags */
    }
  }
  if (err < 0) {
    if (err_msg) {
      if (err == -EPERM || err == -ENOSYS) {
        *err_msg = "the kernel refused io_uring_setup (blocked by a seccomp profile such as "
                   "Docker's or containerd's default, or disabled with the sysctl "
                   "kernel.io_uring_disabled). Allow the io_uring_setup, io_uring_enter and "
                   "io_uring_register syscalls (docker run --security-opt seccomp=unconfined, "
                   "or a profile that lists them) or set kernel.io_uring_disabled=0";
      } else if (err == -ENOMEM) {
        *err_msg = "io_uring_setup failed with ENOMEM: the locked-memory limit (ulimit -l) "
                   "is too low for the ring";
      } else {
        *err_msg = "io_uring_setup failed";
      }
    }
    free(ring);
    return err;
  }
  ring->probe = io_uring_get_probe_ring(&ring->uring);
  *out = ring;
  return 0;
}

void sh_ring_destroy(sh_ring_t *ring) {
  if (ring == NULL) {
    return;
  }
  if (ring->probe) {
    io_uring_free_probe(ring->probe);
  }
  io_uring_queue_exit(&ring->uring);
  free(ring);
}

int sh_ring_fd(const sh_ring_t *ring) { return ring->uring.ring_fd; }
const sh_ring_stats_t *sh_ring_stats(const sh_ring_t *ring) { return &ring->stats; }
bool sh_ring_has_defer_taskrun(const sh_ring_t *ring) { return ring->defer_taskrun; }

bool sh_ring_supports(const sh_ring_t *ring, int op) {
  if (ring->probe == NULL) {
    return false;
  }
  switch (op) {
  case SH_OP_MSG_RING:
    return io_uring_opcode_supported(ring->probe, IORING_OP_MSG_RING);
  case SH_OP_SEND_ZC:
    return io_uring_opcode_supported(ring->probe, IORING_OP_SEND_ZC);
  case SH_OP_RECV_MULTISHOT:
  case SH_OP_ACCEPT_MULTISHOT:
    /* Both came with 5.19/6.0, as did SINGLE_ISSUER; DEFER_TASKRUN (6.1) implies them. */
    return ring->defer_taskrun;
  default:
    return false;
  }
}

unsigned sh_ring_pending(const sh_ring_t *ring) { return io_uring_sq_ready(&ring->uring); }

int sh_ring_submit(sh_ring_t *ring) {
  if (io_uring_sq_ready(&ring->uring) == 0) {
    return 0;
  }
  ring->stats.submits++;
  SH_PERF_INC(submits);
  int n = io_uring_submit(&ring->uring);
  return n < 0 ? n : 0;
}

static void reap(sh_ring_t *ring, int *handled) {
  struct io_uring_cqe *cqe;
  unsigned seen = 0;
  /* One CQE at a time, marked seen before its callback runs: a callback may
   * queue new operations or run nested work, and its slot must be free. */
  while (io_uring_cq_ready(&ring->uring) > 0 && io_uring_peek_cqe(&ring->uring, &cqe) == 0) {
    sh_req_t *req = (sh_req_t *)(uintptr_t)cqe->user_data;
    int res = cqe->res;
    uint32_t flags = cqe->flags;
    io_uring_cqe_seen(&ring->uring, cqe);
    seen++;
    if (req != NULL) {
      req->cb(req, res, flags);
    }
  }
  *handled += (int)seen;
  ring->stats.completions += seen;
}

int sh_ring_reap(sh_ring_t *ring) {
  int handled = 0;
  reap(ring, &handled);
  return handled;
}

int sh_ring_run_once(sh_ring_t *ring, int64_t timeout_ns) {
  struct io_uring_cqe *cqe = NULL;
  int err;
  ring->stats.turns++;
  if (io_uring_sq_ready(&ring->uring) > 0) {
    ring->stats.submits++;
    SH_PERF_INC(submits);
  }
  sh_perf_turn_begin();
  if (timeout_ns == 0) {
    /* With DEFER_TASKRUN nothing completes until we enter the kernel to reap. */
    err = io_uring_submit_and_get_events(&ring->uring);
  } else if (timeout_ns < 0) {
    err = io_uring_submit_and_wait_timeout(&ring->uring, &cqe, 1, NULL, NULL);
  } else {
    struct __kernel_timespec ts = {.tv_sec = timeout_ns / 1000000000,
                                   .tv_nsec = timeout_ns % 1000000000};
    err = io_uring_submit_and_wait_timeout(&ring->uring, &cqe, 1, &ts, NULL);
  }
  sh_perf_turn_woke();
  if (err < 0 && err != -ETIME && err != -EINTR && err != -EBUSY && err != -EAGAIN) {
    return err;
  }
  int handled = 0;
  for (;;) {
    reap(ring, &handled);
    /* CQEs that did not fit wait in the kernel's backlog (IORING_FEAT_NODROP);
     * entering the kernel again flushes them into the CQ we just emptied. */
    if (!io_uring_cq_has_overflow(&ring->uring)) {
      break;
    }
    ring->stats.overflows++;
    SH_PERF_INC(cq_overflows);
    io_uring_get_events(&ring->uring);
  }
  sh_perf_turn_end((unsigned)handled);
  return handled;
}

int sh_ring_limit_workers(sh_ring_t *ring, const void *cpuset, size_t cpuset_size, unsigned bounded,
                          unsigned unbounded) {
  int err = 0;
  if (cpuset != NULL) {
    err = io_uring_register_iowq_aff(&ring->uring, cpuset_size, (const cpu_set_t *)cpuset);
  }
  unsigned vals[2] = {bounded, unbounded};
  int err2 = io_uring_register_iowq_max_workers(&ring->uring, vals);
  return err < 0 ? err : err2;
}

/* Returns a free SQE, submitting what is queued when the SQ is full. */
static struct io_uring_sqe *get_sqe(sh_ring_t *ring) {
  struct io_uring_sqe *sqe = io_uring_get_sqe(&ring->uring);
  if (SH_UNLIKELY(sqe == NULL)) {
    ring->stats.submits++;
    SH_PERF_INC(submits);
    io_uring_submit(&ring->uring);
    sqe = io_uring_get_sqe(&ring->uring);
  }
  return sqe;
}

#define PREP(call)                                                                                 \
  struct io_uring_sqe *sqe = get_sqe(ring);                                                        \
  if (SH_UNLIKELY(sqe == NULL)) {                                                                  \
    return -EBUSY;                                                                                 \
  }                                                                                                \
  call;                                                                                            \
  io_uring_sqe_set_data(sqe, req);                                                                 \
  return 0

int sh_ring_nop(sh_ring_t *ring, sh_req_t *req) { PREP(io_uring_prep_nop(sqe)); }

int sh_ring_read(sh_ring_t *ring, sh_req_t *req, int fd, void *buf, unsigned len, uint64_t off) {
  PREP(io_uring_prep_read(sqe, fd, buf, len, off));
}

int sh_ring_write(sh_ring_t *ring, sh_req_t *req, int fd, const void *buf, unsigned len,
                  uint64_t off) {
  PREP(io_uring_prep_write(sqe, fd, buf, len, off));
}

int sh_ring_readv(sh_ring_t *ring, sh_req_t *req, int fd, const struct iovec *iov, unsigned n,
                  uint64_t off) {
  PREP(io_uring_prep_readv(sqe, fd, iov, n, off));
}

int sh_ring_writev(sh_ring_t *ring, sh_req_t *req, int fd, const struct iovec *iov, unsigned n,
                   uint64_t off) {
  PREP(io_uring_prep_writev(sqe, fd, iov, n, off));
}

int sh_ring_openat(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, int flags,
                   unsigned mode) {
  PREP(io_uring_prep_openat(sqe, dfd, path, flags, mode));
}

int sh_ring_close(sh_ring_t *ring, sh_req_t *req, int fd) { PREP(io_uring_prep_close(sqe, fd)); }

int sh_ring_statx(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, int flags,
                  unsigned mask, void *statxbuf) {
  PREP(io_uring_prep_statx(sqe, dfd, path, flags, mask, (struct statx *)statxbuf));
}

int sh_ring_fsync(sh_ring_t *ring, sh_req_t *req, int fd, bool datasync) {
  PREP(io_uring_prep_fsync(sqe, fd, datasync ? IORING_FSYNC_DATASYNC : 0));
}

int sh_ring_fallocate(sh_ring_t *ring, sh_req_t *req, int fd, int mode, uint64_t off,
                      uint64_t len) {
  PREP(io_uring_prep_fallocate(sqe, fd, mode, off, len));
}

int sh_ring_unlinkat(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, int flags) {
  PREP(io_uring_prep_unlinkat(sqe, dfd, path, flags));
}

int sh_ring_renameat(sh_ring_t *ring, sh_req_t *req, int olddfd, const char *oldpath, int newdfd,
                     const char *newpath, unsigned flags) {
  PREP(io_uring_prep_renameat(sqe, olddfd, oldpath, newdfd, newpath, flags));
}

int sh_ring_mkdirat(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, unsigned mode) {
  PREP(io_uring_prep_mkdirat(sqe, dfd, path, mode));
}

int sh_ring_symlinkat(sh_ring_t *ring, sh_req_t *req, const char *target, int newdfd,
                      const char *linkpath) {
  PREP(io_uring_prep_symlinkat(sqe, target, newdfd, linkpath));
}

int sh_ring_linkat(sh_ring_t *ring, sh_req_t *req, int olddfd, const char *oldpath, int newdfd,
                   const char *newpath, int flags) {
  PREP(io_uring_prep_linkat(sqe, olddfd, oldpath, newdfd, newpath, flags));
}

int sh_ring_splice(sh_ring_t *ring, sh_req_t *req, int fd_in, int64_t off_in, int fd_out,
                   int64_t off_out, unsigned len, unsigned flags) {
  PREP(io_uring_prep_splice(sqe, fd_in, off_in, fd_out, off_out, len, flags));
}

int sh_ring_splice_pair(sh_ring_t *ring, sh_req_t *req_in, int fd_in, int64_t off_in, int pipe_w,
                        sh_req_t *req_out, int pipe_r, int fd_out, unsigned len, unsigned flags) {
  /* Both SQEs in one submission: a link left open at the end of a submit
   * would not chain. */
  if (io_uring_sq_space_left(&ring->uring) < 2) {
    ring->stats.submits++;
    SH_PERF_INC(submits);
    io_uring_submit(&ring->uring);
    if (io_uring_sq_space_left(&ring->uring) < 2) {
      return -EBUSY;
    }
  }
  struct io_uring_sqe *first = io_uring_get_sqe(&ring->uring);
  io_uring_prep_splice(first, fd_in, off_in, pipe_w, -1, len, flags);
  io_uring_sqe_set_data(first, req_in);
  first->flags |= IOSQE_IO_LINK;
  struct io_uring_sqe *second = io_uring_get_sqe(&ring->uring);
  io_uring_prep_splice(second, pipe_r, -1, fd_out, -1, len, flags);
  io_uring_sqe_set_data(second, req_out);
  return 0;
}

int sh_ring_poll(sh_ring_t *ring, sh_req_t *req, int fd, unsigned events, bool multishot) {
  PREP(multishot ? io_uring_prep_poll_multishot(sqe, fd, events)
                 : io_uring_prep_poll_add(sqe, fd, events));
}

int sh_ring_cancel(sh_ring_t *ring, sh_req_t *target) {
  struct io_uring_sqe *sqe = get_sqe(ring);
  if (SH_UNLIKELY(sqe == NULL)) {
    return -EBUSY;
  }
  io_uring_prep_cancel(sqe, target, IORING_ASYNC_CANCEL_ALL);
  io_uring_sqe_set_data(sqe, NULL);
  return 0;
}

int sh_ring_cancel_fd(sh_ring_t *ring, int fd) {
  struct io_uring_sqe *sqe = get_sqe(ring);
  if (SH_UNLIKELY(sqe == NULL)) {
    return -EBUSY;
  }
  io_uring_prep_cancel_fd(sqe, fd, IORING_ASYNC_CANCEL_ALL);
  io_uring_sqe_set_data(sqe, NULL);
  return 0;
}

int sh_ring_accept_multishot(sh_ring_t *ring, sh_req_t *req, int fd) {
  PREP(io_uring_prep_multishot_accept(sqe, fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK));
}

int sh_ring_connect(sh_ring_t *ring, sh_req_t *req, int fd, const struct sockaddr *addr,
                    socklen_t addrlen) {
  PREP(io_uring_prep_connect(sqe, fd, addr, addrlen));
}

static int recv_into_group(sh_ring_t *ring, sh_req_t *req, int fd, unsigned bgid, bool multishot) {
  struct io_uring_sqe *sqe = get_sqe(ring);
  if (SH_UNLIKELY(sqe == NULL)) {
    return -EBUSY;
  }
  if (multishot) {
    io_uring_prep_recv_multishot(sqe, fd, NULL, 0, 0);
  } else {
    io_uring_prep_recv(sqe, fd, NULL, 0, 0);
  }
  sqe->flags |= IOSQE_BUFFER_SELECT;
  sqe->buf_group = (uint16_t)bgid;
  io_uring_sqe_set_data(sqe, req);
  return 0;
}

int sh_ring_recv_multishot(sh_ring_t *ring, sh_req_t *req, int fd, unsigned bgid) {
  return recv_into_group(ring, req, fd, bgid, true);
}

int sh_ring_recv_select(sh_ring_t *ring, sh_req_t *req, int fd, unsigned bgid) {
  return recv_into_group(ring, req, fd, bgid, false);
}

int sh_ring_recv(sh_ring_t *ring, sh_req_t *req, int fd, void *buf, unsigned len) {
  PREP(io_uring_prep_recv(sqe, fd, buf, len, 0));
}

int sh_ring_send(sh_ring_t *ring, sh_req_t *req, int fd, const void *buf, unsigned len,
                 int flags) {
  PREP(io_uring_prep_send(sqe, fd, buf, len, flags | MSG_NOSIGNAL));
}

int sh_ring_sendmsg(sh_ring_t *ring, sh_req_t *req, int fd, const struct msghdr *msg, int flags) {
  PREP(io_uring_prep_sendmsg(sqe, fd, msg, (unsigned)(flags | MSG_NOSIGNAL)));
}

int sh_ring_recvmsg(sh_ring_t *ring, sh_req_t *req, int fd, struct msghdr *msg, int flags) {
  PREP(io_uring_prep_recvmsg(sqe, fd, msg, (unsigned)flags));
}

int sh_ring_send_zc(sh_ring_t *ring, sh_req_t *req, int fd, const void *buf, unsigned len,
                    int flags) {
  PREP(io_uring_prep_send_zc(sqe, fd, buf, len, flags | MSG_NOSIGNAL, 0));
}

int sh_ring_shutdown(sh_ring_t *ring, sh_req_t *req, int fd, int how) {
  PREP(io_uring_prep_shutdown(sqe, fd, how));
}

int sh_ring_msg(sh_ring_t *ring, int target_fd, sh_req_t *target_req, int value) {
  struct io_uring_sqe *sqe = get_sqe(ring);
  if (SH_UNLIKELY(sqe == NULL)) {
    return -EBUSY;
  }
  io_uring_prep_msg_ring(sqe, target_fd, (unsigned)value, (uint64_t)(uintptr_t)target_req, 0);
  /* The source-side CQE only matters on failure; user_data 0 drops it. */
  sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
  io_uring_sqe_set_data(sqe, NULL);
  return 0;
}

int sh_bufring_create(sh_ring_t *ring, sh_bufring_t **out, unsigned bgid, unsigned entries) {
  SH_CHECK(entries > 0 && (entries & (entries - 1)) == 0 && entries <= 32768);
  size_t size = entries * sizeof(struct io_uring_buf);
  void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  if (mem == MAP_FAILED) {
    return -errno;
  }
  struct io_uring_buf_reg reg = {.ring_addr = (uint64_t)(uintptr_t)mem,
                                 .ring_entries = entries,
                                 .bgid = (uint16_t)bgid};
  int err = io_uring_register_buf_ring(&ring->uring, &reg, 0);
  if (err < 0) {
    munmap(mem, size);
    return err;
  }
  sh_bufring_t *br = sh_xcalloc(1, sizeof *br);
  br->br = mem;
  br->map_size = size;
  br->entries = entries;
  br->bgid = bgid;
  io_uring_buf_ring_init(br->br);
  *out = br;
  return 0;
}

void sh_bufring_destroy(sh_ring_t *ring, sh_bufring_t *br) {
  if (br == NULL) {
    return;
  }
  io_uring_unregister_buf_ring(&ring->uring, (int)br->bgid);
  munmap(br->br, br->map_size);
  free(br);
}

void sh_bufring_add(sh_bufring_t *br, void *addr, unsigned len, unsigned short bid) {
  io_uring_buf_ring_add(br->br, addr, len, bid, io_uring_buf_ring_mask(br->entries),
                        (int)br->added);
  br->added++;
}

void sh_bufring_commit(sh_bufring_t *br) {
  if (br->added > 0) {
    io_uring_buf_ring_advance(br->br, (int)br->added);
    br->added = 0;
  }
}

unsigned sh_bufring_entries(const sh_bufring_t *br) { return br->entries; }
