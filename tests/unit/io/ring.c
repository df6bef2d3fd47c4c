/* io/ring.c: operations complete through their callbacks; reads and writes
 * on a pipe; a provided-buffer ring feeding a multishot receive. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "io/loop.h"
#include "tests/unit/test.h"

static int results[16];
static int nresults;
static uint32_t last_flags;

static void on_done(sh_req_t *req, int res, uint32_t flags) {
  (void)req;
  results[nresults++] = res;
  last_flags = flags;
}

int main(void) {
  sh_loop_t *loop;
  const char *why;
  if (sh_loop_create(&loop, NULL, &why) < 0) {
    T_SKIP(why);
  }
  sh_ring_t *ring = sh_loop_ring(loop);

  /* nop */
  sh_req_t nop = {.cb = on_done};
  T_EQ(sh_ring_nop(ring, &nop), 0);
  T_EQ(nresults, 0); /* never synchronously */
  while (nresults < 1) {
    T_ASSERT(sh_ring_run_once(ring, -1) >= 0);
  }
  T_EQ(results[0], 0);

  /* write then read through a pipe */
  int p[2];
  T_EQ(pipe(p), 0);
  sh_req_t w = {.cb = on_done};
  sh_req_t r = {.cb = on_done};
  char out[6] = "hello";
  char in[16] = {0};
  T_EQ(sh_ring_write(ring, &w, p[1], out, 5, (uint64_t)-1), 0);
  T_EQ(sh_ring_read(ring, &r, p[0], in, sizeof in, (uint64_t)-1), 0);
  while (nresults < 3) {
    T_ASSERT(sh_ring_run_once(ring, -1) >= 0);
  }
  T_EQ(results[1], 5);
  T_EQ(results[2], 5);
  T_ASSERT(memcmp(in, "hello", 5) == 0);

  /* a read on a closed descriptor fails with -EBADF through the callback */
  sh_req_t bad = {.cb = on_done};
  T_EQ(sh_ring_read(ring, &bad, 9999, in, 1, 0), 0);
  while (nresults < 4) {
    T_ASSERT(sh_ring_run_once(ring, -1) >= 0);
  }
  T_EQ(results[3], -EBADF);

  /* provided buffers + multishot receive over a socketpair */
  if (!sh_ring_supports(ring, SH_OP_RECV_MULTISHOT)) {
    T_SKIP("no multishot receive on this kernel");
  }
  int sv[2];
  T_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  sh_bufring_t *br;
  T_EQ(sh_bufring_create(ring, &br, 7, 8), 0);
  static char slab[8][64];
  for (unsigned short i = 0; i < 8; i++) {
    sh_bufring_add(br, slab[i], 64, i);
  }
  sh_bufring_commit(br);
  sh_req_t rx = {.cb = on_done};
  T_EQ(sh_ring_recv_multishot(ring, &rx, sv[0], 7), 0);
  T_EQ(write(sv[1], "abc", 3), 3);
  while (nresults < 5) {
    T_ASSERT(sh_ring_run_once(ring, -1) >= 0);
  }
  T_EQ(results[4], 3);
  T_ASSERT(last_flags & SH_CQE_BUFFER);
  T_ASSERT(last_flags & SH_CQE_MORE);
  unsigned bid = sh_cqe_buffer_id(last_flags);
  T_ASSERT(bid < 8);
  T_ASSERT(memcmp(slab[bid], "abc", 3) == 0);
  close(sv[1]); /* EOF ends the multishot receive: res 0, no MORE */
  while (nresults < 6) {
    T_ASSERT(sh_ring_run_once(ring, -1) >= 0);
  }
  T_EQ(results[5], 0);
  T_ASSERT(!(last_flags & SH_CQE_MORE));
  sh_bufring_destroy(ring, br);
  sh_loop_destroy(loop);
  return 0;
}
