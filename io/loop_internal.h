/* The loop's fields, shared by the files that implement it (loop.c, timer.c,
 * mailbox.c, pool.c). Not for use outside io/. */
#ifndef SH_LOOP_INTERNAL_H
#define SH_LOOP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "io/loop.h"

typedef struct sh_pool sh_pool_t;

struct sh_loop {
  sh_ring_t *ring;
  sh_loop_hooks_t hooks;
  sh_loop_id_t id;
  uint64_t now_ms;
  uint64_t now_ns; /* the clock when now_ms was taken (sh_hrtime) */
  int refs;
  bool stop;

  /* Timers: a binary min-heap ordered by (due, seq). */
  sh_timer_t **heap;
  unsigned heap_len;
  unsigned heap_cap;
  uint64_t timer_seq;
  unsigned timer_refs;

  /* Wake-ups from threads without a ring: an eventfd read through the ring. */
  int wake_fd;
  uint64_t wake_buf;
  sh_req_t wake_req;

  sh_req_t mail_req;     /* user_data of MSG_RING wake-ups */
  /* Polling the inbox before sleeping (loop.c, spin_for_mail, go_to_sleep). */
  int spin_mode;         /* SPIN_AUTO, SPIN_NEVER or SPIN_ALWAYS (loop.c) */
  int spin_cpus;         /* the CPUs this process may run on */
  uint64_t mail_ns;      /* when mail last arrived (now_ns of that turn), 0: never */
  uint64_t entered_ns;   /* when the loop last entered the kernel to reap (sh_hrtime) */

  /* Mailbox: senders push onto a lock-free stack; the loop takes all of it
   * at once and reverses it, so each sender's messages keep their order.
   * What senders touch has a cache line of its own: the loop's writes to
   * its other fields do not take the line away from them. */
  _Alignas(64) _Atomic(sh_msg_t *) inbox;
  atomic_bool signalled; /* a wake-up is on its way: senders need not send another */
  atomic_bool sleeping;  /* waiting in the kernel: senders must wake it */

  _Alignas(64) sh_pool_t *pool;
  sh_prepare_t *prepare; /* run before the next wait */
};

void sh__mailbox_drain(sh_loop_t *loop);
void sh__pool_destroy(sh_loop_t *loop);
/* Registry of live loops (mailbox.c). */
int sh__registry_add(sh_loop_t *loop);
void sh__registry_remove(sh_loop_t *loop);

#endif
