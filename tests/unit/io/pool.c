/* io/pool.c: blocking work runs off the loop thread and its completion runs
 * on the loop thread; pending work keeps the loop alive. */
#include <pthread.h>
#include <unistd.h>

#include "io/loop.h"
#include "tests/unit/test.h"

static pthread_t loop_thread;
static int done_count;

typedef struct {
  sh_work_t w;
  pthread_t ran_on;
  int value;
} job_t;

static void work(sh_work_t *w) {
  job_t *j = (job_t *)w;
  j->ran_on = pthread_self();
  usleep(2000);
  j->value *= 2;
}

static void done(sh_work_t *w, int status) {
  job_t *j = (job_t *)w;
  T_EQ(status, 0);
  T_ASSERT(pthread_equal(pthread_self(), loop_thread));
  T_ASSERT(!pthread_equal(j->ran_on, loop_thread));
  done_count++;
}

int main(void) {
  sh_loop_t *loop;
  const char *why;
  if (sh_loop_create(&loop, NULL, &why) < 0) {
    T_SKIP(why);
  }
  loop_thread = pthread_self();
  job_t jobs[32];
  for (int i = 0; i < 32; i++) {
    jobs[i].w.work = work;
    jobs[i].w.done = done;
    jobs[i].value = i;
    T_EQ(sh_work_submit(loop, &jobs[i].w), 0);
  }
  T_EQ(sh_loop_run(loop, SH_RUN_DEFAULT), 0);
  T_EQ(done_count, 32);
  for (int i = 0; i < 32; i++) {
    T_EQ(jobs[i].value, i * 2);
  }
  sh_loop_destroy(loop);
  return 0;
}
