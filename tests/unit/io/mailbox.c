/* io/mailbox.c: a storm of messages from several threads (some with a loop
 * of their own, sending by MSG_RING, some without) reaches the receiver with
 * nothing lost and each sender's order kept; a dead loop's id is refused;
 * and a ping-pong between two loops, each going to sleep between messages
 * (with and without polling first), loses no wake-up. */
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

/* ---- ping-pong: one message bounced between two loops ---- */

#define BOUNCES 50000

typedef struct {
  sh_msg_t msg;
  int left;
} ball_t;

static sh_loop_id_t player_ids[2];
static int player_bounces[2];
static pthread_barrier_t players_ready;

static void on_ball(sh_msg_t *msg, sh_loop_t *loop) {
  ball_t *ball = (ball_t *)msg;
  if (loop == NULL) {
    return;
  }
  int me = sh_loop_id(loop).slot == player_ids[0].slot ? 0 : 1;
  player_bounces[me]++;
  /* The ball is the other side's once sent: read nothing of it after. */
  int left = ball->left;
  if (left > 0) {
    ball->left = left - 1;
    T_EQ(sh_mailbox_send(player_ids[1 - me], &ball->msg), 0);
  }
  if (left <= 1) {
    sh_loop_stop(loop); /* it sent the last throw, or caught it */
  }
}

static void on_watchdog(sh_timer_t *t) {
  (void)t;
  T_ASSERT(!"ping-pong stalled: a wake-up was lost");
}

static void *player_main(void *arg) {
  int me = (int)(intptr_t)arg;
  sh_loop_t *loop;
  const char *why;
  T_EQ(sh_loop_create(&loop, NULL, &why), 0);
  player_ids[me] = sh_loop_id(loop);
  sh_timer_t watchdog;
  sh_timer_init(&watchdog, on_watchdog, NULL);
  sh_timer_start(loop, &watchdog, 30000);
  pthread_barrier_wait(&players_ready);
  static ball_t ball;
  if (me == 0) {
    ball = (ball_t){.msg.cb = on_ball, .left = BOUNCES};
    T_EQ(sh_mailbox_send(player_ids[1], &ball.msg), 0);
  }
  sh_loop_run(loop, SH_RUN_DEFAULT);
  sh_timer_stop(loop, &watchdog);
  /* The other side may still hand the ball back once: let it land. */
  pthread_barrier_wait(&players_ready);
  sh_loop_destroy(loop);
  return NULL;
}

static void ping_pong(const char *spin) {
  setenv("SHARD_MAIL_SPIN", spin, 1);
  player_bounces[0] = player_bounces[1] = 0;
  pthread_barrier_init(&players_ready, NULL, 2);
  pthread_t threads[2];
  for (int i = 0; i < 2; i++) {
    pthread_create(&threads[i], NULL, player_main, (void *)(intptr_t)i);
  }
  for (int i = 0; i < 2; i++) {
    pthread_join(threads[i], NULL);
  }
  pthread_barrier_destroy(&players_ready);
  T_EQ(player_bounces[0] + player_bounces[1], BOUNCES + 1);
}

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

  ping_pong("0"); /* each side sleeps between messages */
  ping_pong("1"); /* each side polls, then sleeps */
  return 0;
}
