/* The per-loop io_uring: the only file that includes liburing. Everything
 * else in io/ queues operations through these functions and is told of the
 * result through a sh_req_t callback.
 *
 * user_data layout: every SQE carries a pointer to a sh_req_t (8-byte
 * aligned) or 0. 0 marks an operation whose completion nobody waits for (a
 * MSG_RING's source-side CQE, a cancel); such CQEs are dropped.
 *
 * Callback contract (as libuv): a prep function that returns an error never
 * runs the callback; one that returns 0 runs it once per CQE (multishot
 * operations: until a CQE without SH_CQE_MORE), never synchronously. */
#ifndef SH_RING_H
#define SH_RING_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_ring sh_ring_t;
typedef struct sh_req sh_req_t;

/* res: the CQE's result (>= 0 or -errno); flags: SH_CQE_* bits. */
typedef void (*sh_req_cb)(sh_req_t *req, int res, uint32_t flags);

struct sh_req {
  sh_req_cb cb;
  void *data;
};

/* Mirrors of the kernel's CQE flags, so callers need no liburing header. */
enum {
  SH_CQE_BUFFER = 1u << 0, /* a provided buffer was used: sh_cqe_buffer_id() */
  SH_CQE_MORE = 1u << 1,   /* a multishot operation stays armed */
  SH_CQE_NOTIF = 1u << 3,  /* SEND_ZC: the kernel is done with the memory */
};

static inline unsigned sh_cqe_buffer_id(uint32_t flags) { return flags >> 16; }

typedef struct sh_ring_stats {
  uint64_t submits;     /* io_uring_enter calls that submitted */
  uint64_t completions; /* CQEs handled */
  uint64_t turns;       /* reap passes */
  uint64_t overflows;   /* times the CQ had overflowed into the kernel's backlog */
} sh_ring_stats_t;

/* Creates a ring on the calling thread (SINGLE_ISSUER | DEFER_TASKRUN where
 * the kernel has them, else plain). The calling thread owns it and is the
 * only one that may use it. On failure *err_msg points to a static text that
 * says why (for example that a seccomp profile refused io_uring_setup). */
int sh_ring_create(sh_ring_t **out, unsigned entries, const char **err_msg);
void sh_ring_destroy(sh_ring_t *ring);
int sh_ring_fd(const sh_ring_t *ring);
const sh_ring_stats_t *sh_ring_stats(const sh_ring_t *ring);
/* Kernel features the ring found: used to pick fallbacks. */
bool sh_ring_has_defer_taskrun(const sh_ring_t *ring);
bool sh_ring_supports(const sh_ring_t *ring, int opcode_sh);

/* Submits what is queued and waits for at least one completion, or until
 * timeout_ns passes (< 0: no timeout; 0: do not wait). Then runs the
 * callbacks of every completion available. Returns the number of completions
 * handled or -errno. */
int sh_ring_run_once(sh_ring_t *ring, int64_t timeout_ns);
/* Runs the callbacks of the completions already in the CQ, without entering
 * the kernel (so without the deferred ones, which wait for the next entry).
 * Returns how many ran. */
int sh_ring_reap(sh_ring_t *ring);
/* Submits queued SQEs without waiting. */
int sh_ring_submit(sh_ring_t *ring);
/* Number of SQEs queued and not yet submitted. */
unsigned sh_ring_pending(const sh_ring_t *ring);

/* Limits the kernel's io-wq workers of this ring (offloaded file work). */
int sh_ring_limit_workers(sh_ring_t *ring, const void *cpuset, size_t cpuset_size, unsigned bounded,
                          unsigned unbounded);

/* ---- operations ---- */
/* Options for socket ops. */
enum { SH_OP_MSG_RING = 1, SH_OP_SEND_ZC, SH_OP_RECV_MULTISHOT, SH_OP_ACCEPT_MULTISHOT };

int sh_ring_nop(sh_ring_t *ring, sh_req_t *req);
int sh_ring_read(sh_ring_t *ring, sh_req_t *req, int fd, void *buf, unsigned len, uint64_t off);
int sh_ring_write(sh_ring_t *ring, sh_req_t *req, int fd, const void *buf, unsigned len, uint64_t off);
int sh_ring_readv(sh_ring_t *ring, sh_req_t *req, int fd, const struct iovec *iov, unsigned n, uint64_t off);
int sh_ring_writev(sh_ring_t *ring, sh_req_t *req, int fd, const struct iovec *iov, unsigned n,
                   uint64_t off);
int sh_ring_openat(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, int flags, unsigned mode);
int sh_ring_close(sh_ring_t *ring, sh_req_t *req, int fd);
int sh_ring_statx(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, int flags, unsigned mask,
                  void *statxbuf);
int sh_ring_fsync(sh_ring_t *ring, sh_req_t *req, int fd, bool datasync);
int sh_ring_fallocate(sh_ring_t *ring, sh_req_t *req, int fd, int mode, uint64_t off, uint64_t len);
int sh_ring_unlinkat(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, int flags);
int sh_ring_renameat(sh_ring_t *ring, sh_req_t *req, int olddfd, const char *oldpath, int newdfd,
                     const char *newpath, unsigned flags);
int sh_ring_mkdirat(sh_ring_t *ring, sh_req_t *req, int dfd, const char *path, unsigned mode);
int sh_ring_symlinkat(sh_ring_t *ring, sh_req_t *req, const char *target, int newdfd,
                      const char *linkpath);
int sh_ring_linkat(sh_ring_t *ring, sh_req_t *req, int olddfd, const char *oldpath, int newdfd,
                   const char *newpath, int flags);
int sh_ring_splice(sh_ring_t *ring, sh_req_t *req, int fd_in, int64_t off_in, int fd_out,
                   int64_t off_out, unsigned len, unsigned flags);
/* Two splices, file -> pipe then pipe -> fd_out, the second linked to the
 * first: it starts when the first moved all len bytes, with no round trip
 * through the loop, and fails with -ECANCELED when the first came up short
 * or failed. Both CQEs arrive (req_in's first). */
int sh_ring_splice_pair(sh_ring_t *ring, sh_req_t *req_in, int fd_in, int64_t off_in, int pipe_w,
                        sh_req_t *req_out, int pipe_r, int fd_out, unsigned len, unsigned flags);
/* Multishot poll when multishot is true (SH_CQE_MORE while armed). */
int sh_ring_poll(sh_ring_t *ring, sh_req_t *req, int fd, unsigned events, bool multishot);
/* Cancels every operation whose user_data is req. Its CQEs still arrive
 * (with -ECANCELED where it was cancelled). */
int sh_ring_cancel(sh_ring_t *ring, sh_req_t *req);
int sh_ring_cancel_fd(sh_ring_t *ring, int fd);

int sh_ring_accept_multishot(sh_ring_t *ring, sh_req_t *req, int fd);
int sh_ring_connect(sh_ring_t *ring, sh_req_t *req, int fd, const struct sockaddr *addr,
                    socklen_t addrlen);
/* Receives into a buffer picked by the kernel from provided-buffer group
 * bgid; the CQE's flags carry SH_CQE_BUFFER and the buffer id. */
int sh_ring_recv_multishot(sh_ring_t *ring, sh_req_t *req, int fd, unsigned bgid);
/* The same, once: one CQE. */
int sh_ring_recv_select(sh_ring_t *ring, sh_req_t *req, int fd, unsigned bgid);
int sh_ring_recv(sh_ring_t *ring, sh_req_t *req, int fd, void *buf, unsigned len);
int sh_ring_send(sh_ring_t *ring, sh_req_t *req, int fd, const void *buf, unsigned len, int flags);
int sh_ring_sendmsg(sh_ring_t *ring, sh_req_t *req, int fd, const struct msghdr *msg, int flags);
/* One recvmsg into msg's buffers (datagrams: msg_name gets the sender).
 * msg and what it points to stay untouched until the CQE. */
int sh_ring_recvmsg(sh_ring_t *ring, sh_req_t *req, int fd, struct msghdr *msg, int flags);
/* Zero-copy send: a CQE with the result (SH_CQE_MORE set), then one with
 * SH_CQE_NOTIF when the kernel no longer reads buf. */
int sh_ring_send_zc(sh_ring_t *ring, sh_req_t *req, int fd, const void *buf, unsigned len, int flags);
int sh_ring_shutdown(sh_ring_t *ring, sh_req_t *req, int fd, int how);
/* Posts a CQE with user_data target_req and res value in the ring target_fd.
 * No CQE is posted here on success. */
int sh_ring_msg(sh_ring_t *ring, int target_fd, sh_req_t *target_req, int value);

/* ---- provided buffers ---- */
typedef struct sh_bufring sh_bufring_t;
/* Registers a buffer ring of `entries` (a power of two) slots as group bgid.
 * The ring starts empty: the owner adds buffers with sh_bufring_add and
 * publishes them with sh_bufring_commit. */
int sh_bufring_create(sh_ring_t *ring, sh_bufring_t **out, unsigned bgid, unsigned entries);
void sh_bufring_destroy(sh_ring_t *ring, sh_bufring_t *br);
void sh_bufring_add(sh_bufring_t *br, void *addr, unsigned len, unsigned short bid);
void sh_bufring_commit(sh_bufring_t *br);
unsigned sh_bufring_entries(const sh_bufring_t *br);

#ifdef __cplusplus
}
#endif
#endif
