/* A small pool of blocking threads per loop, for work io_uring cannot do
 * (getaddrinfo, readdir, chmod, key derivation...). Results come back to the
 * loop through its mailbox, so `done` always runs on the loop's thread. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>

#include "io/common.h"
#include "io/loop_internal.h"

#define POOL_MAX_THREADS 4

struct sh_pool {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  sh_work_t *head; /* FIFO of queued work, linked through msg.next */
  sh_work_t *tail;
  unsigned threads;
  unsigned idle;
  bool quit;
  pthread_t tids[POOL_MAX_THREADS];
};

static void work_done(sh_msg_t *msg, sh_loop_t *receiver) {
  sh_work_t *w = SH_CONTAINER_OF(msg, sh_work_t, msg);
  if (receiver == NULL) {
    return; /* the loop ended: nobody is left to tell */
  }
  sh_loop_unref(receiver);
  w->done(w, 0);
}

static void *pool_main(void *arg) {
  sh_pool_t *pool = arg;
  pthread_mutex_lock(&pool->lock);
  for (;;) {
    while (pool->head == NULL && !pool->quit) {
      pool->idle++;
      pthread_cond_wait(&pool->cond, &pool->lock);
      pool->idle--;
    }
    if (pool->quit) {
      break;
    }
    sh_work_t *w = pool->head;
    pool->head = (sh_work_t *)(void *)w->msg.next;
    if (pool->head == NULL) {
      pool->tail = NULL;
    }
    pthread_mutex_unlock(&pool->lock);
    w->work(w);
    w->msg.cb = work_done;
    w->msg.next = NULL;
    sh_mailbox_send(sh_loop_id(w->loop), &w->msg);
    pthread_mutex_lock(&pool->lock);
  }
  pthread_mutex_unlock(&pool->lock);
  return NULL;
}

int sh_work_submit(sh_loop_t *loop, sh_work_t *w) {
  sh_pool_t *pool = loop->pool;
  if (pool == NULL) {
    pool = loop->pool = sh_xcalloc(1, sizeof *pool);
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->cond, NULL);
  }
  w->loop = loop;
  w->msg.next = NULL;
  pthread_mutex_lock(&pool->lock);
  if (pool->tail) {
    pool->tail->msg.next = &w->msg;
  } else {
    pool->head = w;
  }
  pool->tail = w;
  /* msg.next links works while queued: the cast back in pool_main relies on
   * msg being the first member of sh_work_t. */
  _Static_assert(offsetof(sh_work_t, msg) == 0, "msg must come first");
  if (pool->idle == 0 && pool->threads < POOL_MAX_THREADS) {
    /* Pool threads take no signals: they are blocked process-wide before any
     * thread starts, and new threads inherit the mask. */
    if (pthread_create(&pool->tids[pool->threads], NULL, pool_main, pool) == 0) {
      pool->threads++;
    }
    SH_CHECK(pool->threads > 0);
  }
  pthread_cond_signal(&pool->cond);
  pthread_mutex_unlock(&pool->lock);
  sh_loop_ref(loop);
  return 0;
}

void sh__pool_destroy(sh_loop_t *loop) {
  sh_pool_t *pool = loop->pool;
  if (pool == NULL) {
    return;
  }
  pthread_mutex_lock(&pool->lock);
  pool->quit = true;
  pthread_cond_broadcast(&pool->cond);
  pthread_mutex_unlock(&pool->lock);
  for (unsigned i = 0; i < pool->threads; i++) {
    pthread_join(pool->tids[i], NULL);
  }
  pthread_mutex_destroy(&pool->lock);
  pthread_cond_destroy(&pool->cond);
  free(pool);
  loop->pool = NULL;
}
