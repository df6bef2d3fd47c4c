/* Messages between loops, and the registry of live loops they are addressed
 * through. A sender on a loop thread wakes the receiver with IORING_OP_MSG_RING
 * (a CQE posted straight into the receiver's ring); a sender without a ring
 * writes the receiver's eventfd. Only a receiver that sleeps is woken (an
 * awake one drains its inbox before it sleeps), and wake-ups are coalesced:
 * only the sender that flips `signalled` from false sends one, so a storm of
 * messages costs the receiver one CQE, never an overflowing CQ. */
#include <errno.h>
#include <pthread.h>

#include "io/common.h"
#include "io/loop_internal.h"

#define MAX_LOOPS 4096

static struct {
  pthread_rwlock_t lock;
  sh_loop_t *loops[MAX_LOOPS];
  uint32_t gens[MAX_LOOPS];
  uint32_t count;
} registry = {.lock = PTHREAD_RWLOCK_INITIALIZER};

int sh__registry_add(sh_loop_t *loop) {
  pthread_rwlock_wrlock(&registry.lock);
  int err = -EMFILE;
  for (uint32_t i = 0; i < MAX_LOOPS; i++) {
    if (registry.loops[i] == NULL) {
      registry.loops[i] = loop;
      registry.gens[i]++;
      loop->id = (sh_loop_id_t){.slot = i, .gen = registry.gens[i]};
      registry.count++;
      err = 0;
      break;
    }
  }
  pthread_rwlock_unlock(&registry.lock);
  return err;
}

void sh__registry_remove(sh_loop_t *loop) {
  pthread_rwlock_wrlock(&registry.lock);
  SH_CHECK(registry.loops[loop->id.slot] == loop);
  registry.loops[loop->id.slot] = NULL;
  registry.count--;
  pthread_rwlock_unlock(&registry.lock);
}

/* Called with the registry's read lock held, so `to` cannot end meanwhile. */
static void deliver(sh_loop_t *to, sh_msg_t *msg) {
  sh_msg_t *head = atomic_load_explicit(&to->inbox, memory_order_relaxed);
  do {
    msg->next = head;
  } while (!atomic_compare_exchange_weak_explicit(&to->inbox, &head, msg, memory_order_release,
                                                  memory_order_relaxed));
  /* A loop that is awake looks at its inbox before it sleeps (loop.c,
   * go_to_sleep): it needs no wake-up. The fence pairs with the one there:
   * either it sees this message, or this sees it sleeping. */
  atomic_thread_fence(memory_order_seq_cst);
  if (!atomic_load(&to->sleeping)) {
    return;
  }
  if (atomic_exchange(&to->signalled, true)) {
    return; /* a wake-up is on its way */
  }
  sh_loop_t *self = sh_loop_current();
  if (self != NULL && self != to && sh_ring_supports(self->ring, SH_OP_MSG_RING) &&
      sh_ring_msg(self->ring, sh_ring_fd(to->ring), &to->mail_req, 0) == 0) {
    /* Submitted now, under the read lock: MSG_RING completes inside the
     * submit, so the receiver's ring cannot be closed (and its descriptor
     * reused) before the CQE is posted. */
    sh_ring_submit(self->ring);
  } else {
    sh_loop_wake(to);
  }
}

int sh_mailbox_send(sh_loop_id_t to, sh_msg_t *msg) {
  if (to.slot >= MAX_LOOPS) {
    return -ESRCH;
  }
  int err = 0;
  pthread_rwlock_rdlock(&registry.lock);
  sh_loop_t *loop = registry.loops[to.slot];
  if (loop == NULL || registry.gens[to.slot] != to.gen) {
    err = -ESRCH;
  } else {
    deliver(loop, msg);
  }
  pthread_rwlock_unlock(&registry.lock);
  return err;
}

int sh_mailbox_broadcast(sh_msg_t *(*make)(void *ctx), void *ctx) {
  sh_loop_t *self = sh_loop_current();
  int sent = 0;
  pthread_rwlock_rdlock(&registry.lock);
  for (uint32_t i = 0; i < MAX_LOOPS && (uint32_t)sent < registry.count; i++) {
    sh_loop_t *loop = registry.loops[i];
    if (loop != NULL && loop != self) {
      deliver(loop, make(ctx));
      sent++;
    }
  }
  pthread_rwlock_unlock(&registry.lock);
  return sent;
}

void sh__mailbox_drain(sh_loop_t *loop) {
  /* Clear the flag before taking the messages: a message pushed after the
   * exchange below then triggers a new wake-up instead of being stranded. */
  atomic_store(&loop->signalled, false);
  sh_msg_t *stack = atomic_exchange_explicit(&loop->inbox, NULL, memory_order_acquire);
  sh_msg_t *fifo = NULL;
  while (stack != NULL) {
    sh_msg_t *next = stack->next;
    stack->next = fifo;
    fifo = stack;
    stack = next;
  }
  if (fifo != NULL) {
    loop->mail_ns = sh_hrtime();
  }
  while (fifo != NULL) {
    sh_msg_t *next = fifo->next;
    fifo->cb(fifo, loop);
    fifo = next;
  }
}
