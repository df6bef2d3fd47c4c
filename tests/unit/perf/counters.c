/* perf/counters.c: per-thread slots, totals across threads, numbers kept
 * after a thread ends, the delay quantiles, the --stats table, and the
 * loop's own bumps (turns, completions, submits) through a real ring. */
#include <pthread.h>
#include <string.h>

#include "io/loop.h"
#include "perf/counters.h"
#include "tests/unit/test.h"

static void *worker(void *arg) {
  int n = (int)(intptr_t)arg;
  T_ASSERT(sh_perf_attach() >= 0);
  sh_perf_set_label(7);
  for (int i = 0; i < n; i++) {
    SH_PERF_INC(requests);
    SH_PERF_ADD(bytes_in, 10);
  }
  SH_PERF_MIN(bufring_low, 5);
  SH_PERF_MIN(bufring_low, 9); /* a higher value leaves the low-water mark */
  sh_perf_detach();
  /* Detached: bumps go to the sink and count nowhere. */
  SH_PERF_INC(requests);
  return NULL;
}

static void on_nop(sh_req_t *req, int res, uint32_t flags) {
  (void)res;
  (void)flags;
  (*(int *)req->data)++;
}

int main(void) {
  /* Before attaching: the sink, and reads of self give zeros. */
  SH_PERF_INC(accepted);
  sh_perf_counters_t c;
  sh_perf_read_self(&c);
  T_EQ(c.accepted, 0);
  T_EQ(sh_perf_current_slot(), -1);

  int slot = sh_perf_attach();
  T_ASSERT(slot >= 0);
  T_EQ(sh_perf_attach(), slot); /* idempotent */
  sh_perf_set_label(0);
  SH_PERF_INC(accepted);
  SH_PERF_INC(accepted);
  SH_PERF_ADD(bytes_out, 100);
  SH_PERF_MAX(max_batch, 3);
  SH_PERF_MAX(max_batch, 2);
  sh_perf_read_self(&c);
  T_EQ(c.accepted, 2);
  T_EQ(c.bytes_out, 100);
  T_EQ(c.max_batch, 3);
  T_EQ(c.bufring_low, UINT64_MAX); /* never measured */

  pthread_t t[2];
  pthread_create(&t[0], NULL, worker, (void *)(intptr_t)1000);
  pthread_create(&t[1], NULL, worker, (void *)(intptr_t)500);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);

  /* The ended threads' slots are still listed and summed. */
  sh_perf_slot_info_t list[16];
  unsigned n = sh_perf_list(list, 16);
  T_EQ(n, 3);
  unsigned live = 0;
  for (unsigned i = 0; i < n; i++) {
    live += list[i].live;
    if (list[i].slot != slot) {
      T_EQ(list[i].label, 7);
    }
  }
  T_EQ(live, 1);
  unsigned threads;
  sh_perf_counters_t total;
  sh_perf_total(&total, &threads);
  T_EQ(threads, 3);
  T_EQ(total.requests, 1500);
  T_EQ(total.bytes_in, 15000);
  T_EQ(total.accepted, 2);
  T_EQ(total.bufring_low, 5);
  T_EQ(total.max_batch, 3);

  /* Quantiles: 90 turns of ~2 us and 10 of ~1 ms. */
  sh_perf_counters_t h;
  memset(&h, 0, sizeof h);
  h.delay_hist[sh_perf_delay_bucket(2000)] = 90;
  h.delay_hist[sh_perf_delay_bucket(1000000)] = 10;
  h.busy_max_ns = 1000000;
  uint64_t p50 = sh_perf_delay_quantile(&h, 0.5);
  uint64_t p99 = sh_perf_delay_quantile(&h, 0.99);
  T_ASSERT(p50 >= 1024 && p50 <= 4096);
  T_ASSERT(p99 >= 500000 && p99 <= 1000000);
  T_EQ(sh_perf_delay_quantile(&h, 1.0), 1000000);
  memset(&h, 0, sizeof h);
  T_EQ(sh_perf_delay_quantile(&h, 0.5), 0);

  /* The table: a header, one row per slot, a total; truncation is safe. */
  char buf[4096];
  size_t len = sh_perf_format(buf, sizeof buf, "in a test");
  T_ASSERT(len < sizeof buf);
  T_ASSERT(strstr(buf, "in a test") != NULL);
  T_ASSERT(strstr(buf, "core 0") != NULL);
  T_ASSERT(strstr(buf, "core 7") != NULL);
  T_ASSERT(strstr(buf, "total") != NULL);
  char small[16];
  T_EQ(sh_perf_format(small, sizeof small, "x"), len - strlen("in a test") + 1);
  T_EQ(strlen(small), sizeof small - 1);

  /* --stats: only the last of the expected cores prints. */
  sh_perf_stats_expect(2);
  sh_perf_stats_expect(5); /* later calls do not reset the count */
  T_ASSERT(!sh_perf_stats_release());
  T_ASSERT(sh_perf_stats_release());

  T_EQ(sh_perf_next_seq(), 1);
  T_EQ(sh_perf_next_seq(), 2);

  /* A loop attaches its thread itself; its ring counts turns and CQEs. */
  sh_perf_detach();
  sh_loop_t *loop;
  const char *why;
  if (sh_loop_create(&loop, NULL, &why) < 0) {
    T_SKIP(why);
  }
  T_ASSERT(sh_perf_current_slot() >= 0);
  int done = 0;
  sh_req_t reqs[3];
  for (int i = 0; i < 3; i++) {
    reqs[i] = (sh_req_t){.cb = on_nop, .data = &done};
    T_EQ(sh_ring_nop(sh_loop_ring(loop), &reqs[i]), 0);
  }
  while (done < 3) {
    T_ASSERT(sh_ring_run_once(sh_loop_ring(loop), -1) >= 0);
  }
  T_EQ(sh_ring_nop(sh_loop_ring(loop), &reqs[0]), 0);
  while (done < 4) {
    T_ASSERT(sh_ring_run_once(sh_loop_ring(loop), -1) >= 0);
  }
  sh_perf_read_self(&c);
  T_EQ(c.completions, 4);
  T_ASSERT(c.turns >= 2);
  T_ASSERT(c.submits >= 2);
  T_ASSERT(c.max_batch >= 1 && c.max_batch <= 3);
  uint64_t turns_seen = 0;
  for (int i = 0; i < SH_PERF_DELAY_BUCKETS; i++) {
    turns_seen += c.delay_hist[i];
  }
  T_EQ(turns_seen, c.turns - 1); /* the first turn has no busy time before it */
  T_ASSERT(c.busy_max_ns > 0 && c.busy_ns >= c.busy_max_ns);
  sh_loop_destroy(loop);
  T_EQ(sh_perf_current_slot(), -1);
  return 0;
}
