/* Datagram sockets (UDP over IPv4 and IPv6) on the ring: one recvmsg in
 * flight while the owner reads (re-armed after each datagram), sendmsg per
 * send request, and the socket options node:dgram offers.
 *
 * Callbacks run on the loop thread from completions, never synchronously
 * from the call that started the operation. */
#ifndef SH_UDP_H
#define SH_UDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "io/loop.h"
#include "io/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_udp sh_udp_t;
typedef struct sh_udp_send sh_udp_send_t;

/* A datagram arrived (res = its length, the bytes at data; addr is the
 * sender) or receiving failed (res < 0; data and addr NULL). truncated: the
 * datagram was longer than the receive buffer. Reading goes on unless the
 * owner calls sh_udp_recv_stop. */
typedef void (*sh_udp_recv_cb)(sh_udp_t *udp, int res, const char *data, const struct sockaddr *addr,
                               bool truncated);
/* A send completed: res bytes sent or -errno. */
typedef void (*sh_udp_send_cb)(sh_udp_send_t *req, int res);
/* Every operation ended and the descriptor is closed: the owner may free udp. */
typedef void (*sh_udp_close_cb)(sh_udp_t *udp);

enum {
  SH_UDP_REUSEADDR = 1u << 0, /* bind: SO_REUSEADDR (and SO_REUSEPORT) */
  SH_UDP_IPV6ONLY = 1u << 1,  /* bind: IPV6_V6ONLY */
  SH_UDP_REUSEPORT = 1u << 2, /* bind: SO_REUSEPORT alone */
};

/* Caller-owned (embed it); lives until the close callback. */
struct sh_udp {
  sh_loop_t *loop;
  void *data;
  int fd;
  int family;
  bool reading;      /* the owner wants datagrams */
  bool recv_armed;   /* a recvmsg is in flight */
  bool closing;
  int pending;       /* operations in flight (the recvmsg and sends) */
  sh_udp_recv_cb recv_cb;
  sh_udp_close_cb close_cb;
  sh_req_t recv_req;
  struct msghdr recv_msg;
  struct iovec recv_iov;
  struct sockaddr_storage recv_addr;
  char *recv_buf; /* 64 KiB: the largest UDP payload */
};

/* One send. Caller-owned: the iovecs' memory stays valid until the callback. */
struct sh_udp_send {
  sh_req_t req;
  sh_udp_t *udp;
  sh_udp_send_cb cb;
  void *data;
  struct msghdr msg;
  struct sockaddr_storage addr;
};

/* Creates the socket (AF_INET or AF_INET6, non-blocking, close-on-exec).
 * Returns 0 or -errno. */
int sh_udp_open(sh_loop_t *loop, sh_udp_t *udp, int family);
int sh_udp_bind(sh_udp_t *udp, const struct sockaddr *addr, socklen_t len, unsigned flags);
/* connect(2) on a datagram socket: sends default to, and receives come only
 * from, the peer. addr NULL disconnects. Synchronous. */
int sh_udp_connect(sh_udp_t *udp, const struct sockaddr *addr, socklen_t len);
int sh_udp_recv_start(sh_udp_t *udp, sh_udp_recv_cb cb);
void sh_udp_recv_stop(sh_udp_t *udp);
/* Queues a sendmsg of n iovecs (n <= IOV_MAX) to addr (NULL: the connected
 * peer). The iovec array is copied; the bytes are not. Returns 0 (cb runs
 * once) or -errno (it never runs). */
int sh_udp_send(sh_udp_t *udp, sh_udp_send_t *req, const struct iovec *iov, unsigned n,
                const struct sockaddr *addr, socklen_t addrlen, sh_udp_send_cb cb);
/* Tries a non-blocking sendmsg now: bytes sent or -errno (-EAGAIN: queue it). */
int sh_udp_try_send(sh_udp_t *udp, const struct iovec *iov, unsigned n, const struct sockaddr *addr,
                    socklen_t addrlen);
/* Cancels what is in flight and closes; cb runs once everything ended. */
void sh_udp_close(sh_udp_t *udp, sh_udp_close_cb cb);

int sh_udp_getsockname(const sh_udp_t *udp, struct sockaddr_storage *out);
int sh_udp_getpeername(const sh_udp_t *udp, struct sockaddr_storage *out);
/* setsockopt(level, name) with an int. */
int sh_udp_set_int(sh_udp_t *udp, int level, int name, int value);
int sh_udp_get_int(const sh_udp_t *udp, int level, int name, int *value);
int sh_udp_set_broadcast(sh_udp_t *udp, bool on);
int sh_udp_set_ttl(sh_udp_t *udp, int ttl);
int sh_udp_set_multicast_ttl(sh_udp_t *udp, int ttl);
int sh_udp_set_multicast_loop(sh_udp_t *udp, bool on);
/* iface: an IPv4 address, or for IPv6 an interface index (scope). */
int sh_udp_set_multicast_interface(sh_udp_t *udp, const char *iface);
/* join: true to add, false to drop. iface may be NULL (any interface). */
int sh_udp_membership(sh_udp_t *udp, const char *group, const char *iface, bool join);
int sh_udp_source_membership(sh_udp_t *udp, const char *source, const char *group, const char *iface,
                             bool join);

/* Parses "1.2.3.4" or "::1" / "fe80::1%eth0" and port into out. Returns the
 * address length or -EINVAL. */
int sh_udp_make_addr(int family, const char *ip, int port, struct sockaddr_storage *out);
/* Writes the address as text (with %scope for scoped IPv6) into buf
 * (INET6_ADDRSTRLEN + IF_NAMESIZE bytes); returns the port. */
int sh_udp_addr_text(const struct sockaddr *addr, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
