/* io/mailbox.c: a storm of messages from several threads (some with a loop
 * of their own, sending by MSG_RING, some without) reaches the receiver with
 * nothing lost and each sender's order kept; a dead loop's id is refused. */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "io/common.h"
#include "io/loop.h"
#include "tests/unit/test.h"

#define SENDERS 4
#define PER_SENDER 20000

typedef struct {
  sh_msg_t msg;
  int sender;
  int seq;
} test_msg_t;

static int next_seq[SENDERS];
static int received;
static sh_loop_id_t receiver_id;
static pthread_barrier_t ready;

static void on_msg(sh_msg_t *msg, sh_loop_t *loop) {
  test_msg_t *m = (test_msg_t *)msg;
  if (loop != NULL) {
    T_EQ(m->seq, next_seq[m->sender]);
    next_seq[m->sender]++;
    received++;
    if (received == SENDERS * PER_SENDER) {
      sh_loop_stop(loop);
    }
  }
  free(m);
}

static void *sender_main(void *arg) {
  int id = (int)(intptr_t)arg;
  sh_loop_t *own = NULL;
  const char *why;
  if (id % 2 == 0) {
    T_EQ(sh_loop_create(&own, NULL, &why), 0); /* sends through MSG_RING */
  }
  pthread_barrier_wait(&ready);
  for (int i = 0; i < PER_SENDER; i++) {
    test_msg_t *m = sh_xmalloc(sizeof *m);
    m->msg.cb = on_msg;
    m->sender = id;
    m->seq = i;
    T_EQ(sh_mailbox_send(receiver_id, &m->msg), 0);
    if (own != NULL && i % 1000 == 0) {
      sh_loop_run(own, SH_RUN_NOWAIT);
    }
  }
  if (own != NULL) {
    sh_loop_destroy(own);
  }
  return NULL;
}

static void on_keepalive(sh_timer_t *t) { (void)t; }

int main(void) {
  sh_loop_t *loop;
  const char *why;
  if (sh_loop_create(&loop, NULL, &why) < 0) {
    T_SKIP(why);
  }
  receiver_id = sh_loop_id(loop);
  pthread_barrier_init(&ready, NULL, SENDERS);
  pthread_t threads[SENDERS];
  for (int i = 0; i < SENDERS; i++) {
    pthread_create(&threads[i], NULL, sender_main, (void *)(intptr_t)i);
  }
  /* A long timer keeps the loop alive until the last message stops it. */
  sh_timer_t keep;
  sh_timer_init(&keep, on_keepalive, NULL);
  sh_timer_start(loop, &keep, 60000);
  sh_loop_run(loop, SH_RUN_DEFAULT);
  for (int i = 0; i < SENDERS; i++) {
    pthread_join(threads[i], NULL);
  }
  T_EQ(received, SENDERS * PER_SENDER);

  /* A loop that ended cannot be messaged, even once its slot is reused. */
  sh_loop_id_t old = receiver_id;
  sh_timer_stop(loop, &keep);
  sh_loop_destroy(loop);
  sh_loop_t *fresh;
  T_EQ(sh_loop_create(&fresh, NULL, &why), 0);
  test_msg_t stray = {.msg.cb = on_msg};
  T_EQ(sh_mailbox_send(old, &stray.msg), -ESRCH);
  sh_loop_destroy(fresh);
  return 0;
}
