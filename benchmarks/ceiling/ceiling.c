/* The ceiling: the least an HTTP/1.1 server on io_uring can do per request,
 * so that every runtime's figures read as a fraction of what the machine
 * allows. One thread, one ring: a multishot accept, a multishot receive per
 * connection into provided buffers, and for every complete request (up to
 * the blank line; the benchmarks send no bodies) a fixed response appended
 * to the connection's output, sent once per batch of received bytes, so
 * pipelined keep-alive requests are answered in one send.
 *
 *   ceiling [port]        (PORT in the environment also works; default 8080)
 *
 * GET /json answers {"message":"Hello, World!"} as application/json, any
 * other path "Hello, World!" as text/plain, both with a Date header as the
 * runtimes send. Prints "listening" once ready. Not a general server: it
 * parses nothing but the blank line and the first letter of the path. */
#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define QUEUE_DEPTH 4096
#define BUF_GROUP 1
#define BUF_COUNT 4096 /* a power of two */
#define BUF_SIZE 4096

/* user_data: a pointer with the operation in its low bits (structs are
 * 8-byte aligned), or the listener's tag. */
enum { OP_ACCEPT = 1, OP_RECV = 2, OP_SEND = 3 };
#define OP_MASK 7u

typedef struct conn {
  int fd;
  bool recv_armed;
  bool closing;
  bool sending;
  /* Request scanning across receives: how much of "\r\n\r\n" matched, the
   * offset in the current request (for the path's first letter) and whether
   * it asked for /json. */
  int crlf;
  int offset;
  bool json;
  /* out: responses waiting; wire: the bytes of the send in flight. */
  char *out;
  size_t out_len, out_cap;
  char *wire;
  size_t wire_len, wire_off, wire_cap;
} conn_t;

static struct io_uring ring;
static struct io_uring_buf_ring *buf_ring;
static char *buf_base;
static int listen_fd;

static char plain_resp[256], json_resp[256];
static size_t plain_len, json_len;
static time_t resp_second;

static void build_responses(void) {
  time_t now = time(NULL);
  if (now == resp_second) {
    return;
  }
  resp_second = now;
  char date[64];
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  static const char plain_body[] = "Hello, World!";
  static const char json_body[] = "{\"message\":\"Hello, World!\"}";
  plain_len = (size_t)snprintf(plain_resp, sizeof plain_resp,
                               "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n"
                               "Date: %s\r\n\r\n%s",
                               sizeof plain_body - 1, date, plain_body);
  json_len = (size_t)snprintf(json_resp, sizeof json_resp,
                              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                              "Date: %s\r\n\r\n%s",
                              sizeof json_body - 1, date, json_body);
}

static struct io_uring_sqe *sqe_get(void) {
  struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
  if (sqe == NULL) {
    io_uring_submit(&ring);
    sqe = io_uring_get_sqe(&ring);
  }
  if (sqe == NULL) {
    fprintf(stderr, "ceiling: no SQE\n");
    exit(1);
  }
  return sqe;
}

static void arm_accept(void) {
  struct io_uring_sqe *sqe = sqe_get();
  io_uring_prep_multishot_accept(sqe, listen_fd, NULL, NULL, SOCK_CLOEXEC);
  io_uring_sqe_set_data64(sqe, OP_ACCEPT);
}

static void arm_recv(conn_t *c) {
  struct io_uring_sqe *sqe = sqe_get();
  io_uring_prep_recv_multishot(sqe, c->fd, NULL, 0, 0);
  sqe->flags |= IOSQE_BUFFER_SELECT;
  sqe->buf_group = BUF_GROUP;
  io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)c | OP_RECV);
  c->recv_armed = true;
}

static void conn_free(conn_t *c) {
  close(c->fd);
  free(c->out);
  free(c->wire);
  free(c);
}

static void send_wire(conn_t *c) {
  struct io_uring_sqe *sqe = sqe_get();
  io_uring_prep_send(sqe, c->fd, c->wire + c->wire_off, c->wire_len - c->wire_off, MSG_NOSIGNAL);
  io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)c | OP_SEND);
  c->sending = true;
}

/* Moves what is waiting in out onto the wire, unless a send is in flight. */
static void flush(conn_t *c) {
  if (c->sending || c->out_len == 0) {
    return;
  }
  char *tmp = c->wire;
  size_t cap = c->wire_cap;
  c->wire = c->out;
  c->wire_cap = c->out_cap;
  c->wire_len = c->out_len;
  c->wire_off = 0;
  c->out = tmp;
  c->out_cap = cap;
  c->out_len = 0;
  send_wire(c);
}

static void append(conn_t *c, const char *data, size_t len) {
  if (c->out_len + len > c->out_cap) {
    size_t cap = c->out_cap ? c->out_cap : 4096;
    while (cap < c->out_len + len) {
      cap *= 2;
    }
    c->out = realloc(c->out, cap);
    if (c->out == NULL) {
      fprintf(stderr, "ceiling: out of memory\n");
      exit(1);
    }
    c->out_cap = cap;
  }
  memcpy(c->out + c->out_len, data, len);
  c->out_len += len;
}

static void scan(conn_t *c, const char *p, size_t n) {
  static const char blank[] = "\r\n\r\n";
  for (size_t i = 0; i < n; i++) {
    char ch = p[i];
    if (c->offset == 5) {
      c->json = ch == 'j'; /* "GET /j..." */
    }
    c->offset++;
    if (ch == blank[c->crlf]) {
      if (++c->crlf == 4) {
        if (c->json) {
          append(c, json_resp, json_len);
        } else {
          append(c, plain_resp, plain_len);
        }
        c->crlf = 0;
        c->offset = 0;
        c->json = false;
      }
    } else {
      c->crlf = ch == '\r' ? 1 : 0;
    }
  }
}

static void recycle(unsigned bid) {
  io_uring_buf_ring_add(buf_ring, buf_base + (size_t)bid * BUF_SIZE, BUF_SIZE, (unsigned short)bid,
                        io_uring_buf_ring_mask(BUF_COUNT), 0);
  io_uring_buf_ring_advance(buf_ring, 1);
}

static void on_recv(conn_t *c, int res, unsigned flags) {
  if (!(flags & IORING_CQE_F_MORE)) {
    c->recv_armed = false;
  }
  if (res > 0) {
    unsigned bid = flags >> IORING_CQE_BUFFER_SHIFT;
    scan(c, buf_base + (size_t)bid * BUF_SIZE, (size_t)res);
    recycle(bid);
    flush(c);
    if (!c->recv_armed) {
      arm_recv(c);
    }
    return;
  }
  if (res == -ENOBUFS) {
    arm_recv(c); /* buffers come back as soon as this batch is handled */
    return;
  }
  /* End of stream or an error: close once nothing refers to c. */
  if (c->recv_armed) {
    return;
  }
  c->closing = true;
  if (!c->sending) {
    conn_free(c);
  }
}

static void on_send(conn_t *c, int res) {
  c->sending = false;
  if (res < 0 || c->closing) {
    if (c->closing || !c->recv_armed) {
      conn_free(c);
    } else {
      c->closing = true; /* the receive ends with an error soon; it frees */
      shutdown(c->fd, SHUT_RDWR);
    }
    return;
  }
  c->wire_off += (size_t)res;
  if (c->wire_off < c->wire_len) {
    send_wire(c);
    return;
  }
  flush(c);
}

static void on_accept(int res, unsigned flags) {
  if (!(flags & IORING_CQE_F_MORE)) {
    arm_accept();
  }
  if (res < 0) {
    return;
  }
  int one = 1;
  setsockopt(res, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  conn_t *c = calloc(1, sizeof *c);
  if (c == NULL) {
    close(res);
    return;
  }
  c->fd = res;
  arm_recv(c);
}

static int setup_ring(void) {
  struct io_uring_params p;
  unsigned flag_sets[] = {
      IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE,
      IORING_SETUP_COOP_TASKRUN | IORING_SETUP_CQSIZE,
      IORING_SETUP_CQSIZE,
  };
  int err = -EINVAL;
  for (size_t i = 0; i < sizeof flag_sets / sizeof flag_sets[0]; i++) {
    memset(&p, 0, sizeof p);
    p.flags = flag_sets[i];
    p.cq_entries = QUEUE_DEPTH * 8;
    err = io_uring_queue_init_params(QUEUE_DEPTH, &ring, &p);
    if (err != -EINVAL) {
      break;
    }
  }
  if (err < 0) {
    return err;
  }
  size_t ring_size = BUF_COUNT * sizeof(struct io_uring_buf);
  buf_ring = mmap(NULL, ring_size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  if (buf_ring == MAP_FAILED) {
    return -errno;
  }
  struct io_uring_buf_reg reg = {
      .ring_addr = (uint64_t)(uintptr_t)buf_ring, .ring_entries = BUF_COUNT, .bgid = BUF_GROUP};
  err = io_uring_register_buf_ring(&ring, &reg, 0);
  if (err < 0) {
    return err;
  }
  io_uring_buf_ring_init(buf_ring);
  buf_base = malloc((size_t)BUF_COUNT * BUF_SIZE);
  if (buf_base == NULL) {
    return -ENOMEM;
  }
  for (unsigned i = 0; i < BUF_COUNT; i++) {
    io_uring_buf_ring_add(buf_ring, buf_base + (size_t)i * BUF_SIZE, BUF_SIZE, (unsigned short)i,
                          io_uring_buf_ring_mask(BUF_COUNT), (int)i);
  }
  io_uring_buf_ring_advance(buf_ring, BUF_COUNT);
  return 0;
}

int main(int argc, char **argv) {
  const char *port_text = argc > 1 ? argv[1] : getenv("PORT");
  int port = port_text ? atoi(port_text) : 8080;
  signal(SIGPIPE, SIG_IGN);
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listen_fd, 4096) < 0) {
    perror("ceiling: bind/listen");
    return 1;
  }
  int err = setup_ring();
  if (err < 0) {
    fprintf(stderr, "ceiling: io_uring setup failed: %s\n", strerror(-err));
    return 1;
  }
  build_responses();
  arm_accept();
  printf("listening\n");
  fflush(stdout);
  for (;;) {
    err = io_uring_submit_and_wait(&ring, 1);
    if (err < 0 && err != -EINTR && err != -ETIME && err != -EAGAIN && err != -EBUSY) {
      fprintf(stderr, "ceiling: io_uring_enter: %s\n", strerror(-err));
      return 1;
    }
    build_responses();
    struct io_uring_cqe *cqe;
    unsigned head, seen = 0;
    io_uring_for_each_cqe(&ring, head, cqe) {
      seen++;
      uint64_t data = cqe->user_data;
      unsigned op = (unsigned)(data & OP_MASK);
      conn_t *c = (conn_t *)(uintptr_t)(data & ~(uint64_t)OP_MASK);
      switch (op) {
      case OP_ACCEPT:
        on_accept(cqe->res, cqe->flags);
        break;
      case OP_RECV:
        on_recv(c, cqe->res, cqe->flags);
        break;
      case OP_SEND:
        on_send(c, cqe->res);
        break;
      default:
        break;
      }
    }
    io_uring_cq_advance(&ring, seen);
  }
}
