/* Listening sockets shared by the cores of one process. With several cores
 * each gets its own SO_REUSEPORT socket on the same address, and the kernel
 * spreads connections over them; listen(0) must give every core the same
 * port, so ports are looked up in a process-wide registry keyed by address
 * and the n-th listen(0) of each core. Unix-socket servers share one
 * descriptor. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "io/common.h"
#include "io/tcp.h"

typedef struct entry {
  struct entry *next;
  int family;
  unsigned char addr[108]; /* IP bytes, or the Unix path */
  size_t addr_len;
  unsigned requested_port; /* 0 for listen(0) */
  unsigned seq;            /* which listen(0) of a core */
  unsigned port;           /* the bound port */
  int shared_fd;           /* Unix sockets: the one descriptor; else -1 */
  int *fds;                /* descriptors of the cores that listen */
  unsigned nfds;
} entry_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry_t *entries;

static void key_of(const struct sockaddr *addr, int *family, unsigned char *bytes, size_t *len,
                   unsigned *port) {
  *family = addr->sa_family;
  if (addr->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)addr;
    memcpy(bytes, &in->sin_addr, 4);
    *len = 4;
    *port = ntohs(in->sin_port);
  } else if (addr->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;
    memcpy(bytes, &in6->sin6_addr, 16);
    *len = 16;
    *port = ntohs(in6->sin6_port);
  } else {
    const struct sockaddr_un *un = (const struct sockaddr_un *)addr;
    size_t n = strnlen(un->sun_path, sizeof un->sun_path);
    memcpy(bytes, un->sun_path, n);
    *len = n;
    *port = 0;
  }
}

static entry_t *find(int family, const unsigned char *bytes, size_t len, unsigned port, unsigned seq) {
  for (entry_t *e = entries; e != NULL; e = e->next) {
    if (e->family == family && e->addr_len == len && memcmp(e->addr, bytes, len) == 0 &&
        e->requested_port == port && (port != 0 || e->seq == seq)) {
      return e;
    }
  }
  return NULL;
}

static void set_port(struct sockaddr_storage *ss, unsigned port) {
  if (ss->ss_family == AF_INET) {
    ((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
  } else if (ss->ss_family == AF_INET6) {
    ((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
  }
}

static int open_socket(const struct sockaddr *addr, socklen_t addrlen, const sh_listen_options_t *opts,
                       bool reuseport, unsigned *bound_port) {
  int fd = socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -errno;
  }
  int one = 1;
  if (addr->sa_family != AF_UNIX) {
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (reuseport && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
      int err = -errno;
      close(fd);
      return err;
    }
    if (addr->sa_family == AF_INET6) {
      int v6only = opts->ipv6_only ? 1 : 0;
      setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
    }
  }
  if (bind(fd, addr, addrlen) != 0 || listen(fd, opts->backlog > 0 ? opts->backlog : 511) != 0) {
    int err = -errno;
    close(fd);
    return err;
  }
  if (bound_port != NULL && addr->sa_family != AF_UNIX) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &len);
    *bound_port = ss.ss_family == AF_INET ? ntohs(((struct sockaddr_in *)&ss)->sin_port)
                                          : ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
  }
  return fd;
}

/* A plain bind (no SO_REUSEPORT) that fails with EADDRINUSE when another
 * process holds the port, even one that set SO_REUSEPORT itself. */
static int probe(const struct sockaddr *addr, socklen_t addrlen, bool ipv6_only) {
  int fd = socket(addr->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -errno;
  }
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (addr->sa_family == AF_INET6) {
    int v6only = ipv6_only ? 1 : 0;
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
  }
  int err = bind(fd, addr, addrlen) == 0 ? 0 : -errno;
  close(fd);
  return err;
}

static void add_fd(entry_t *e, int fd) {
  e->fds = sh_xrealloc(e->fds, (e->nfds + 1) * sizeof *e->fds);
  e->fds[e->nfds++] = fd;
}

int sh_listen(const struct sockaddr *addr, socklen_t addrlen, const sh_listen_options_t *opts,
              int *fd_out, bool *shared) {
  int family;
  unsigned char bytes[108];
  size_t len;
  unsigned port;
  key_of(addr, &family, bytes, &len, &port);
  *shared = false;
  pthread_mutex_lock(&lock);
  /* Only cores of one program share a listener; a second server of the
   * same core on the same address gets EADDRINUSE, as in Node. */
  entry_t *e = opts->reuseport ? find(family, bytes, len, port, opts->seq) : NULL;
  int err = 0;
  if (family == AF_UNIX) {
    if (e != NULL) {
      add_fd(e, e->shared_fd);
      *fd_out = e->shared_fd;
      *shared = true;
      goto out;
    }
    int fd = open_socket(addr, addrlen, opts, false, NULL);
    if (fd < 0) {
      err = fd;
      goto out;
    }
    e = sh_xcalloc(1, sizeof *e);
    e->shared_fd = fd;
    *shared = true;
    *fd_out = fd;
  } else {
    struct sockaddr_storage ss;
    memcpy(&ss, addr, addrlen);
    unsigned bound = 0;
    int fd;
    if (e != NULL) {
      set_port(&ss, e->port); /* another core chose it: share it */
      fd = open_socket((struct sockaddr *)&ss, addrlen, opts, true, &bound);
      if (fd < 0) {
        err = fd;
        goto out;
      }
      add_fd(e, fd);
      *fd_out = fd;
      goto out;
    }
    if (opts->reuseport && port != 0) {
      err = probe(addr, addrlen, opts->ipv6_only);
      if (err < 0) {
        goto out;
      }
    }
    fd = open_socket(addr, addrlen, opts, opts->reuseport, &bound);
    if (fd < 0) {
      err = fd;
      goto out;
    }
    e = sh_xcalloc(1, sizeof *e);
    e->shared_fd = -1;
    e->port = bound;
    *fd_out = fd;
  }
  e->family = family;
  memcpy(e->addr, bytes, len);
  e->addr_len = len;
  e->requested_port = port;
  e->seq = port == 0 ? opts->seq : 0;
  add_fd(e, *fd_out);
  e->next = entries;
  entries = e;
out:
  pthread_mutex_unlock(&lock);
  return err;
}

void sh_listen_release(int fd) {
  pthread_mutex_lock(&lock);
  for (entry_t **pe = &entries; *pe != NULL; pe = &(*pe)->next) {
    entry_t *e = *pe;
    for (unsigned i = 0; i < e->nfds; i++) {
      if (e->fds[i] != fd) {
        continue;
      }
      e->fds[i] = e->fds[--e->nfds];
      if (e->shared_fd < 0) {
        close(fd);
      }
      if (e->nfds == 0) {
        if (e->shared_fd >= 0) {
          close(e->shared_fd);
          /* As libuv does on close: the socket file goes with the server. */
          char path[109];
          memcpy(path, e->addr, e->addr_len);
          path[e->addr_len] = '\0';
          if (path[0] != '\0') {
            unlink(path);
          }
        }
        *pe = e->next;
        free(e->fds);
        free(e);
      }
      pthread_mutex_unlock(&lock);
      return;
    }
  }
  pthread_mutex_unlock(&lock);
  close(fd); /* not in the registry */
}
