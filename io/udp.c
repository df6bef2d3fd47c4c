/* Datagram sockets on the ring (see udp.h). */
#include "io/udp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RECV_CAP 65536

static void finish_close(sh_udp_t *udp);

static void close_nop_cb(sh_req_t *req, int res, uint32_t flags) {
  (void)res;
  (void)flags;
  sh_udp_t *udp = (sh_udp_t *)req->data;
  udp->pending--;
  finish_close(udp);
}

/* Runs the close callback once nothing is in flight any more. */
static void finish_close(sh_udp_t *udp) {
  if (!udp->closing || udp->pending > 0 || udp->fd < 0) {
    return;
  }
  close(udp->fd);
  udp->fd = -1;
  free(udp->recv_buf);
  udp->recv_buf = NULL;
  if (udp->close_cb != NULL) {
    udp->close_cb(udp);
  }
}

static int arm_recv(sh_udp_t *udp);

static void recv_done(sh_req_t *req, int res, uint32_t flags) {
  (void)flags;
  sh_udp_t *udp = (sh_udp_t *)req->data;
  udp->recv_armed = false;
  udp->pending--;
  if (udp->closing) {
    finish_close(udp);
    return;
  }
  if (res == -ECANCELED) {
    /* recv_stop cancelled it; a later recv_start re-arms. */
    if (udp->reading) {
      arm_recv(udp);
    }
    return;
  }
  if (!udp->reading) {
    /* Stopped while a datagram was on its way: it is dropped, as libuv
     * would not have read it. */
    return;
  }
  if (res >= 0) {
    bool truncated = (udp->recv_msg.msg_flags & MSG_TRUNC) != 0;
    udp->recv_cb(udp, res, udp->recv_buf, (const struct sockaddr *)&udp->recv_addr, truncated);
  } else {
    udp->recv_cb(udp, res, NULL, NULL, false);
  }
  /* The callback may have stopped reading or closed the socket. */
  if (udp->reading && !udp->closing && !udp->recv_armed) {
    int err = arm_recv(udp);
    if (err < 0) {
      udp->recv_cb(udp, err, NULL, NULL, false);
    }
  }
}

static int arm_recv(sh_udp_t *udp) {
  memset(&udp->recv_msg, 0, sizeof(udp->recv_msg));
  udp->recv_iov.iov_base = udp->recv_buf;
  udp->recv_iov.iov_len = RECV_CAP;
  udp->recv_msg.msg_name = &udp->recv_addr;
  udp->recv_msg.msg_namelen = sizeof(udp->recv_addr);
  udp->recv_msg.msg_iov = &udp->recv_iov;
  udp->recv_msg.msg_iovlen = 1;
  udp->recv_req.cb = recv_done;
  udp->recv_req.data = udp;
  int err = sh_ring_recvmsg(sh_loop_ring(udp->loop), &udp->recv_req, udp->fd, &udp->recv_msg, 0);
  if (err < 0) {
    return err;
  }
  udp->recv_armed = true;
  udp->pending++;
  return 0;
}

int sh_udp_open(sh_loop_t *loop, sh_udp_t *udp, int family) {
  memset(udp, 0, sizeof(*udp));
  udp->loop = loop;
  udp->family = family;
  int fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    udp->fd = -1;
    return -errno;
  }
  udp->fd = fd;
  return 0;
}

int sh_udp_bind(sh_udp_t *udp, const struct sockaddr *addr, socklen_t len, unsigned flags) {
  int on = 1;
  if ((flags & SH_UDP_REUSEADDR) != 0) {
    if (setsockopt(udp->fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0) {
      return -errno;
    }
  }
  if ((flags & SH_UDP_REUSEPORT) != 0) {
    if (setsockopt(udp->fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) < 0) {
      return -errno;
    }
  }
  if (addr->sa_family == AF_INET6) {
    int v6only = (flags & SH_UDP_IPV6ONLY) != 0;
    if (setsockopt(udp->fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only)) < 0) {
      return -errno;
    }
  }
  if (bind(udp->fd, addr, len) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_connect(sh_udp_t *udp, const struct sockaddr *addr, socklen_t len) {
  if (addr == NULL) {
    struct sockaddr unspec;
    memset(&unspec, 0, sizeof(unspec));
    unspec.sa_family = AF_UNSPEC;
    /* Linux answers AF_UNSPEC with 0 (or EAFNOSUPPORT on old kernels,
     * after having disconnected anyway). */
    if (connect(udp->fd, &unspec, sizeof(unspec)) < 0 && errno != EAFNOSUPPORT) {
      return -errno;
    }
    return 0;
  }
  if (connect(udp->fd, addr, len) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_recv_start(sh_udp_t *udp, sh_udp_recv_cb cb) {
  if (udp->closing) {
    return -EBADF;
  }
  udp->recv_cb = cb;
  if (udp->recv_buf == NULL) {
    udp->recv_buf = malloc(RECV_CAP);
    if (udp->recv_buf == NULL) {
      return -ENOMEM;
    }
  }
  udp->reading = true;
  if (udp->recv_armed) {
    return 0;
  }
  return arm_recv(udp);
}

void sh_udp_recv_stop(sh_udp_t *udp) {
  udp->reading = false;
  if (udp->recv_armed) {
    sh_ring_cancel(sh_loop_ring(udp->loop), &udp->recv_req);
  }
}

static void send_done(sh_req_t *r, int res, uint32_t flags) {
  (void)flags;
  sh_udp_send_t *req = (sh_udp_send_t *)r->data;
  sh_udp_t *udp = req->udp;
  udp->pending--;
  free(req->msg.msg_iov);
  req->msg.msg_iov = NULL;
  req->cb(req, res);
  finish_close(udp);
}

int sh_udp_send(sh_udp_t *udp, sh_udp_send_t *req, const struct iovec *iov, unsigned n,
                const struct sockaddr *addr, socklen_t addrlen, sh_udp_send_cb cb) {
  if (udp->closing) {
    return -EBADF;
  }
  if (n > IOV_MAX) {
    return -EMSGSIZE;
  }
  struct iovec *copy = malloc(sizeof(*copy) * (n > 0 ? n : 1));
  if (copy == NULL) {
    return -ENOMEM;
  }
  if (n > 0) {
    memcpy(copy, iov, sizeof(*copy) * n);
  }
  memset(&req->msg, 0, sizeof(req->msg));
  req->udp = udp;
  req->cb = cb;
  if (addr != NULL) {
    memcpy(&req->addr, addr, addrlen);
    req->msg.msg_name = &req->addr;
    req->msg.msg_namelen = addrlen;
  }
  req->msg.msg_iov = copy;
  req->msg.msg_iovlen = n;
  req->req.cb = send_done;
  req->req.data = req;
  int err = sh_ring_sendmsg(sh_loop_ring(udp->loop), &req->req, udp->fd, &req->msg, 0);
  if (err < 0) {
    free(copy);
    req->msg.msg_iov = NULL;
    return err;
  }
  udp->pending++;
  return 0;
}

int sh_udp_try_send(sh_udp_t *udp, const struct iovec *iov, unsigned n, const struct sockaddr *addr,
                    socklen_t addrlen) {
  struct msghdr msg;
  memset(&msg, 0, sizeof(msg));
  msg.msg_name = (void *)addr;
  msg.msg_namelen = addr != NULL ? addrlen : 0;
  msg.msg_iov = (struct iovec *)iov;
  msg.msg_iovlen = n;
  ssize_t r = sendmsg(udp->fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
  return r < 0 ? -errno : (int)r;
}

void sh_udp_close(sh_udp_t *udp, sh_udp_close_cb cb) {
  if (udp->closing) {
    return;
  }
  udp->closing = true;
  udp->reading = false;
  udp->close_cb = cb;
  sh_ring_t *ring = sh_loop_ring(udp->loop);
  if (udp->recv_armed) {
    sh_ring_cancel(ring, &udp->recv_req);
  }
  /* The close callback must not run from this call: with no receive in
   * flight, a NOP's completion (on the idle receive request) finishes the
   * close once nothing else is in flight. */
  if (!udp->recv_armed) {
    udp->recv_req.cb = close_nop_cb;
    udp->recv_req.data = udp;
    if (sh_ring_nop(ring, &udp->recv_req) == 0) {
      udp->pending++;
    } else {
      finish_close(udp);
    }
  }
}

int sh_udp_getsockname(const sh_udp_t *udp, struct sockaddr_storage *out) {
  socklen_t len = sizeof(*out);
  if (getsockname(udp->fd, (struct sockaddr *)out, &len) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_getpeername(const sh_udp_t *udp, struct sockaddr_storage *out) {
  socklen_t len = sizeof(*out);
  if (getpeername(udp->fd, (struct sockaddr *)out, &len) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_set_int(sh_udp_t *udp, int level, int name, int value) {
  if (setsockopt(udp->fd, level, name, &value, sizeof(value)) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_get_int(const sh_udp_t *udp, int level, int name, int *value) {
  socklen_t len = sizeof(*value);
  if (getsockopt(udp->fd, level, name, value, &len) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_set_broadcast(sh_udp_t *udp, bool on) {
  return sh_udp_set_int(udp, SOL_SOCKET, SO_BROADCAST, on ? 1 : 0);
}

int sh_udp_set_ttl(sh_udp_t *udp, int ttl) {
  if (udp->family == AF_INET6) {
    return sh_udp_set_int(udp, IPPROTO_IPV6, IPV6_UNICAST_HOPS, ttl);
  }
  return sh_udp_set_int(udp, IPPROTO_IP, IP_TTL, ttl);
}

int sh_udp_set_multicast_ttl(sh_udp_t *udp, int ttl) {
  if (udp->family == AF_INET6) {
    return sh_udp_set_int(udp, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, ttl);
  }
  return sh_udp_set_int(udp, IPPROTO_IP, IP_MULTICAST_TTL, ttl);
}

int sh_udp_set_multicast_loop(sh_udp_t *udp, bool on) {
  if (udp->family == AF_INET6) {
    return sh_udp_set_int(udp, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, on ? 1 : 0);
  }
  return sh_udp_set_int(udp, IPPROTO_IP, IP_MULTICAST_LOOP, on ? 1 : 0);
}

/* The interface index of an IPv6 scope text ("eth0" or "3"), 0 if none. */
static unsigned scope_index(const char *scope) {
  if (scope == NULL || *scope == '\0') {
    return 0;
  }
  char *end;
  unsigned long n = strtoul(scope, &end, 10);
  if (*end == '\0') {
    return (unsigned)n;
  }
  return if_nametoindex(scope);
}

int sh_udp_set_multicast_interface(sh_udp_t *udp, const char *iface) {
  if (udp->family == AF_INET6) {
    /* "::%eth0" or "%eth0" or "eth0": the scope names the interface. */
    const char *pct = strchr(iface, '%');
    unsigned index = scope_index(pct != NULL ? pct + 1 : iface);
    if (index == 0 && pct == NULL && strcmp(iface, "::") != 0) {
      struct in6_addr tmp;
      if (inet_pton(AF_INET6, iface, &tmp) != 1) {
        return -EINVAL;
      }
    }
    return sh_udp_set_int(udp, IPPROTO_IPV6, IPV6_MULTICAST_IF, (int)index);
  }
  struct in_addr addr;
  if (inet_pton(AF_INET, iface, &addr) != 1) {
    return -EINVAL;
  }
  if (setsockopt(udp->fd, IPPROTO_IP, IP_MULTICAST_IF, &addr, sizeof(addr)) < 0) {
    return -errno;
  }
  return 0;
}

/* An IPv4 multicast interface by address; NULL: any. */
static int ipv4_interface(const char *iface, struct in_addr *out) {
  if (iface == NULL) {
    out->s_addr = htonl(INADDR_ANY);
    return 0;
  }
  return inet_pton(AF_INET, iface, out) == 1 ? 0 : -EINVAL;
}

int sh_udp_membership(sh_udp_t *udp, const char *group, const char *iface, bool join) {
  if (udp->family == AF_INET6) {
    struct ipv6_mreq mreq;
    memset(&mreq, 0, sizeof(mreq));
    char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
    strncpy(buf, group, sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = '\0';
    char *pct = strchr(buf, '%');
    if (pct != NULL) {
      *pct = '\0';
      mreq.ipv6mr_interface = scope_index(pct + 1);
    }
    if (inet_pton(AF_INET6, buf, &mreq.ipv6mr_multiaddr) != 1) {
      return -EINVAL;
    }
    if (iface != NULL) {
      const char *ipct = strchr(iface, '%');
      mreq.ipv6mr_interface = scope_index(ipct != NULL ? ipct + 1 : iface);
    }
    int opt = join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP;
    if (setsockopt(udp->fd, IPPROTO_IPV6, opt, &mreq, sizeof(mreq)) < 0) {
      return -errno;
    }
    return 0;
  }
  struct ip_mreq mreq;
  memset(&mreq, 0, sizeof(mreq));
  if (inet_pton(AF_INET, group, &mreq.imr_multiaddr) != 1) {
    return -EINVAL;
  }
  if (ipv4_interface(iface, &mreq.imr_interface) < 0) {
    return -EINVAL;
  }
  int opt = join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
  if (setsockopt(udp->fd, IPPROTO_IP, opt, &mreq, sizeof(mreq)) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_source_membership(sh_udp_t *udp, const char *source, const char *group, const char *iface,
                             bool join) {
  if (udp->family == AF_INET6) {
    struct group_source_req req;
    memset(&req, 0, sizeof(req));
    struct sockaddr_storage g;
    struct sockaddr_storage s;
    if (sh_udp_make_addr(AF_INET6, group, 0, &g) < 0 || sh_udp_make_addr(AF_INET6, source, 0, &s) < 0) {
      return -EINVAL;
    }
    memcpy(&req.gsr_group, &g, sizeof(struct sockaddr_in6));
    memcpy(&req.gsr_source, &s, sizeof(struct sockaddr_in6));
    if (iface != NULL) {
      const char *pct = strchr(iface, '%');
      req.gsr_interface = scope_index(pct != NULL ? pct + 1 : iface);
    }
    int opt = join ? MCAST_JOIN_SOURCE_GROUP : MCAST_LEAVE_SOURCE_GROUP;
    if (setsockopt(udp->fd, IPPROTO_IPV6, opt, &req, sizeof(req)) < 0) {
      return -errno;
    }
    return 0;
  }
  struct ip_mreq_source mreq;
  memset(&mreq, 0, sizeof(mreq));
  if (inet_pton(AF_INET, group, &mreq.imr_multiaddr) != 1 ||
      inet_pton(AF_INET, source, &mreq.imr_sourceaddr) != 1) {
    return -EINVAL;
  }
  if (ipv4_interface(iface, &mreq.imr_interface) < 0) {
    return -EINVAL;
  }
  int opt = join ? IP_ADD_SOURCE_MEMBERSHIP : IP_DROP_SOURCE_MEMBERSHIP;
  if (setsockopt(udp->fd, IPPROTO_IP, opt, &mreq, sizeof(mreq)) < 0) {
    return -errno;
  }
  return 0;
}

int sh_udp_make_addr(int family, const char *ip, int port, struct sockaddr_storage *out) {
  memset(out, 0, sizeof(*out));
  if (family == AF_INET6) {
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)out;
    char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
    strncpy(buf, ip, sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = '\0';
    char *pct = strchr(buf, '%');
    if (pct != NULL) {
      *pct = '\0';
      a6->sin6_scope_id = scope_index(pct + 1);
    }
    if (inet_pton(AF_INET6, buf, &a6->sin6_addr) != 1) {
      return -EINVAL;
    }
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    return (int)sizeof(*a6);
  }
  struct sockaddr_in *a4 = (struct sockaddr_in *)out;
  if (inet_pton(AF_INET, ip, &a4->sin_addr) != 1) {
    return -EINVAL;
  }
  a4->sin_family = AF_INET;
  a4->sin_port = htons((uint16_t)port);
  return (int)sizeof(*a4);
}

int sh_udp_addr_text(const struct sockaddr *addr, char *buf, size_t cap) {
  if (addr->sa_family == AF_INET6) {
    const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)addr;
    if (inet_ntop(AF_INET6, &a6->sin6_addr, buf, (socklen_t)cap) == NULL) {
      buf[0] = '\0';
    }
    if (a6->sin6_scope_id != 0) {
      size_t n = strlen(buf);
      char name[IF_NAMESIZE];
      if (n + 1 + IF_NAMESIZE < cap && if_indextoname(a6->sin6_scope_id, name) != NULL) {
        buf[n] = '%';
        strcpy(buf + n + 1, name);
      }
    }
    return ntohs(a6->sin6_port);
  }
  const struct sockaddr_in *a4 = (const struct sockaddr_in *)addr;
  if (inet_ntop(AF_INET, &a4->sin_addr, buf, (socklen_t)cap) == NULL) {
    buf[0] = '\0';
  }
  return ntohs(a4->sin_port);
}
