/* io/timer.c: heap order, equal deadlines in start order, stop and restart,
 * unref'd timers not keeping the loop alive. */
#include <string.h>

#include "io/loop.h"
#include "tests/unit/test.h"

static int fired[64];
static int nfired;

static void record(sh_timer_t *t) { fired[nfired++] = (int)(intptr_t)t->data; }

int main(void) {
  sh_loop_t *loop;
  const char *why;
  int err = sh_loop_create(&loop, NULL, &why);
  if (err < 0) {
    T_SKIP(why);
  }
  /* Deadlines out of order, two equal ones (3 then 4 at 20 ms). */
  sh_timer_t t[6];
  const int delays[6] = {30, 10, 40, 20, 20, 5};
  for (int i = 0; i < 6; i++) {
    sh_timer_init(&t[i], record, (void *)(intptr_t)i);
    sh_timer_start(loop, &t[i], (uint64_t)delays[i]);
  }
  sh_timer_stop(loop, &t[2]); /* never fires */
  T_EQ(sh_loop_run(loop, SH_RUN_DEFAULT), 0);
  T_EQ(nfired, 5);
  const int want[5] = {5, 1, 3, 4, 0};
  for (int i = 0; i < 5; i++) {
    T_EQ(fired[i], want[i]);
  }

  /* An unref'd timer alone does not keep the loop alive. */
  nfired = 0;
  sh_timer_t lone;
  sh_timer_init(&lone, record, (void *)99);
  sh_timer_set_ref(loop, &lone, false);
  sh_timer_start(loop, &lone, 1000);
  uint64_t before = sh_hrtime();
  T_EQ(sh_loop_run(loop, SH_RUN_DEFAULT), 0);
  T_EQ(nfired, 0);
  T_ASSERT(sh_hrtime() - before < 500u * 1000000u);

  /* Restarting moves the deadline; it fires once. */
  sh_timer_set_ref(loop, &lone, true);
  sh_timer_start(loop, &lone, 50);
  sh_timer_start(loop, &lone, 1);
  T_EQ(sh_loop_run(loop, SH_RUN_DEFAULT), 0);
  T_EQ(nfired, 1);
  T_EQ(fired[0], 99);
  sh_loop_destroy(loop);
  return 0;
}
