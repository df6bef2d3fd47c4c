/* Messages between loops, and the registry of live loops they are addressed
 * through. A sender on a loop thread wakes the receiver with IORING_OP_MSG_RING
 * (a CQE posted straight into the receiver's ring); a sender without a ring
 * writes the receiver's eventfd. Only a receiver that sleeps is woken (an
 * awake one drains its inbox before it sleeps), and wake-ups are coalesced:
 * only the sender that flips `signalled` from false sends one, so a storm of
 * messages costs the receiver one CQE, never an overflowing CQ. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>

#include "io/common.h"
#include "io/loop_internal.h"

#define MAX_LOOPS 4096

/* The registry: a loop's id names a slot and the slot's generation. A
 * sender pins the slot while it delivers (a count beside the generation in
 * `state`), so the loop cannot end meanwhile: sh__registry_remove closes
 * the slot, then waits for the pins to go. Each slot has a cache line of
 * its own: senders to different loops share nothing, where one
 * process-wide read lock moved its line between the two sides of every
 * ping-pong. */
#define SLOT_OPEN 1u                /* a live loop is in the slot */
#define SLOT_PIN 2u                 /* one sender delivering */
#define SLOT_PINS 0xfffffffeu       /* the pin count's bits */

typedef struct {
  _Alignas(64) _Atomic uint64_t state; /* generation << 32 | pins | SLOT_OPEN */
  _Atomic(sh_loop_t *) loop;
} slot_t;

static slot_t slots[MAX_LOOPS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER; /* adds and removes */
static _Atomic uint32_t slots_used; /* live loops are in slots below this */

/* The loop in slot `i` if it is live and of generation gen (pinned: unpin
 * it after), or NULL. */
static sh_loop_t *pin(uint32_t i, uint32_t gen) {
  uint64_t state = atomic_fetch_add_explicit(&slots[i].state, SLOT_PIN, memory_order_acquire);
  if ((state & SLOT_OPEN) == 0 || (uint32_t)(state >> 32) != gen) {
    atomic_fetch_sub_explicit(&slots[i].state, SLOT_PIN, memory_order_release);
    return NULL;
  }
  return atomic_load_explicit(&slots[i].loop, memory_order_relaxed);
}

static void unpin(uint32_t i) { atomic_fetch_sub_explicit(&slots[i].state, SLOT_PIN, memory_order_release); }

int sh__registry_add(sh_loop_t *loop) {
  pthread_mutex_lock(&slots_lock);
  int err = -EMFILE;
  for (uint32_t i = 0; i < MAX_LOOPS; i++) {
    if (atomic_load_explicit(&slots[i].loop, memory_order_relaxed) != NULL) {
      continue;
    }
    atomic_store_explicit(&slots[i].loop, loop, memory_order_relaxed);
    /* Open it under a new generation; senders that still aim at the old one
     * may hold passing pins: they are kept (and they let go on their own). */
    uint64_t state = atomic_load_explicit(&slots[i].state, memory_order_relaxed);
    uint64_t open;
    do {
      open = ((state >> 32) + 1) << 32 | (state & SLOT_PINS) | SLOT_OPEN;
    } while (!atomic_compare_exchange_weak_explicit(&slots[i].state, &state, open, memory_order_release,
                                                    memory_order_relaxed));
    loop->id = (sh_loop_id_t){.slot = i, .gen = (uint32_t)(open >> 32)};
    if (i >= atomic_load_explicit(&slots_used, memory_order_relaxed)) {
      atomic_store_explicit(&slots_used, i + 1, memory_order_release);
    }
    err = 0;
    break;
  }
  pthread_mutex_unlock(&slots_lock);
  return err;
}

void sh__registry_remove(sh_loop_t *loop) {
  slot_t *slot = &slots[loop->id.slot];
  pthread_mutex_lock(&slots_lock);
  SH_CHECK(atomic_load_explicit(&slot->loop, memory_order_relaxed) == loop);
  atomic_fetch_and_explicit(&slot->state, ~(uint64_t)SLOT_OPEN, memory_order_acq_rel);
  /* A pin lasts one delivery. */
  while ((atomic_load_explicit(&slot->state, memory_order_acquire) & SLOT_PINS) != 0) {
    sched_yield();
  }
  atomic_store_explicit(&slot->loop, NULL, memory_order_relaxed);
  pthread_mutex_unlock(&slots_lock);
}

/* Called with to's slot pinned, so `to` cannot end meanwhile. */
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
    /* Submitted now, under the pin: MSG_RING completes inside the
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
  sh_loop_t *loop = pin(to.slot, to.gen);
  if (loop == NULL) {
    return -ESRCH;
  }
  deliver(loop, msg);
  unpin(to.slot);
  return 0;
}

int sh_mailbox_broadcast(sh_msg_t *(*make)(void *ctx), void *ctx) {
  sh_loop_t *self = sh_loop_current();
  int sent = 0;
  uint32_t used = atomic_load_explicit(&slots_used, memory_order_acquire);
  for (uint32_t i = 0; i < used; i++) {
    uint64_t state = atomic_load_explicit(&slots[i].state, memory_order_relaxed);
    if ((state & SLOT_OPEN) == 0) {
      continue;
    }
    sh_loop_t *loop = pin(i, (uint32_t)(state >> 32));
    if (loop == NULL) {
      continue;
    }
    if (loop != self) {
      deliver(loop, make(ctx));
      sent++;
    }
    unpin(i);
  }
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
    loop->mail_ns = loop->now_ns;
  }
  while (fifo != NULL) {
    sh_msg_t *next = fifo->next;
    fifo->cb(fifo, loop);
    fifo = next;
  }
}
