/* io/udp.c: datagrams over loopback both ways (sender address reported, a
 * gather send of several iovecs, an empty datagram), a connected socket,
 * truncation never happens below 64 KiB, recv_stop/recv_start, options, and
 * close callbacks that never run synchronously. */
#include "io/udp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "tests/unit/test.h"

static char got[70000];
static int got_len = -1;
static int got_port;
static char got_addr[64];
static int recv_count;
static int send_results[8];
static int nsends;
static int closes;

static void on_recv(sh_udp_t *udp, int res, const char *data, const struct sockaddr *addr, bool truncated) {
  (void)udp;
  T_ASSERT(!truncated);
  T_ASSERT(res >= 0);
  memcpy(got, data, (size_t)res);
  got_len = res;
  got_port = sh_udp_addr_text(addr, got_addr, sizeof got_addr);
  recv_count++;
}

static void on_send(sh_udp_send_t *req, int res) {
  (void)req;
  send_results[nsends++] = res;
}

static void on_close(sh_udp_t *udp) {
  (void)udp;
  closes++;
}

static int local_port(sh_udp_t *u) {
  struct sockaddr_storage ss;
  T_EQ(sh_udp_getsockname(u, &ss), 0);
  char text[64];
  return sh_udp_addr_text((struct sockaddr *)&ss, text, sizeof text);
}

static void run_until(sh_loop_t *loop, int *counter, int want) {
  while (*counter < want) {
    T_ASSERT(sh_loop_run(loop, SH_RUN_ONCE) >= 0);
  }
}

int main(void) {
  sh_loop_t *loop;
  const char *why;
  if (sh_loop_create(&loop, NULL, &why) < 0) {
    T_SKIP(why);
  }
  sh_udp_t a;
  sh_udp_t b;
  T_EQ(sh_udp_open(loop, &a, AF_INET), 0);
  T_EQ(sh_udp_open(loop, &b, AF_INET), 0);
  struct sockaddr_storage addr;
  int len = sh_udp_make_addr(AF_INET, "127.0.0.1", 0, &addr);
  T_ASSERT(len > 0);
  T_EQ(sh_udp_bind(&a, (struct sockaddr *)&addr, (socklen_t)len, 0), 0);
  T_EQ(sh_udp_bind(&b, (struct sockaddr *)&addr, (socklen_t)len, SH_UDP_REUSEADDR), 0);
  int port_a = local_port(&a);
  int port_b = local_port(&b);
  T_ASSERT(port_a > 0 && port_b > 0);
  T_EQ(sh_udp_recv_start(&a, on_recv), 0);

  /* b -> a: three iovecs, one datagram */
  struct sockaddr_storage to_a;
  len = sh_udp_make_addr(AF_INET, "127.0.0.1", port_a, &to_a);
  struct iovec iov[3] = {{"ab", 2}, {"cde", 3}, {"f", 1}};
  sh_udp_send_t s1;
  T_EQ(sh_udp_send(&b, &s1, iov, 3, (struct sockaddr *)&to_a, (socklen_t)len, on_send), 0);
  T_EQ(nsends, 0); /* never synchronously */
  run_until(loop, &recv_count, 1);
  run_until(loop, &nsends, 1);
  T_EQ(send_results[0], 6);
  T_EQ(got_len, 6);
  T_ASSERT(memcmp(got, "abcdef", 6) == 0);
  T_EQ(got_port, port_b);
  T_ASSERT(strcmp(got_addr, "127.0.0.1") == 0);

  /* an empty datagram, then a large one */
  sh_udp_send_t s2;
  T_EQ(sh_udp_send(&b, &s2, NULL, 0, (struct sockaddr *)&to_a, (socklen_t)len, on_send), 0);
  run_until(loop, &recv_count, 2);
  T_EQ(got_len, 0);
  static char big[65000];
  memset(big, 'z', sizeof big);
  struct iovec bigv = {big, sizeof big};
  sh_udp_send_t s3;
  T_EQ(sh_udp_send(&b, &s3, &bigv, 1, (struct sockaddr *)&to_a, (socklen_t)len, on_send), 0);
  run_until(loop, &recv_count, 3);
  T_EQ(got_len, (int)sizeof big);
  T_ASSERT(memcmp(got, big, sizeof big) == 0);
  run_until(loop, &nsends, 3);
  T_EQ(send_results[2], (int)sizeof big);

  /* stopped: nothing is delivered; started again: the datagram waiting in
   * the socket arrives */
  sh_udp_recv_stop(&a);
  T_ASSERT(sh_udp_try_send(&b, iov, 1, (struct sockaddr *)&to_a, (socklen_t)len) == 2);
  for (int i = 0; i < 3; i++) {
    T_ASSERT(sh_loop_run(loop, SH_RUN_NOWAIT) >= 0);
  }
  T_EQ(recv_count, 3);
  T_EQ(sh_udp_recv_start(&a, on_recv), 0);
  run_until(loop, &recv_count, 4);
  T_EQ(got_len, 2);

  /* connected: sends without an address go to the peer */
  T_EQ(sh_udp_connect(&b, (struct sockaddr *)&to_a, (socklen_t)len), 0);
  struct sockaddr_storage peer;
  T_EQ(sh_udp_getpeername(&b, &peer), 0);
  char text[64];
  T_EQ(sh_udp_addr_text((struct sockaddr *)&peer, text, sizeof text), port_a);
  sh_udp_send_t s4;
  struct iovec one = {"connected", 9};
  T_EQ(sh_udp_send(&b, &s4, &one, 1, NULL, 0, on_send), 0);
  run_until(loop, &recv_count, 5);
  T_EQ(got_len, 9);
  T_EQ(sh_udp_connect(&b, NULL, 0), 0);
  T_EQ(sh_udp_getpeername(&b, &peer), -ENOTCONN);

  /* options */
  T_EQ(sh_udp_set_broadcast(&a, true), 0);
  T_EQ(sh_udp_set_ttl(&a, 64), 0);
  T_EQ(sh_udp_set_multicast_ttl(&a, 3), 0);
  T_EQ(sh_udp_set_multicast_loop(&a, false), 0);
  T_EQ(sh_udp_membership(&a, "not an address", NULL, true), -EINVAL);
  T_EQ(sh_udp_make_addr(AF_INET6, "::1", 5, &addr), (int)sizeof(struct sockaddr_in6));
  T_EQ(sh_udp_make_addr(AF_INET, "::1", 5, &addr), -EINVAL);

  /* close: callbacks later, after the cancelled receive */
  sh_udp_close(&a, on_close);
  sh_udp_close(&b, on_close);
  T_EQ(closes, 0);
  run_until(loop, &closes, 2);
  T_EQ(a.fd, -1);
  T_EQ(b.fd, -1);
  sh_loop_destroy(loop);
  printf("ok\n");
  return 0;
}
