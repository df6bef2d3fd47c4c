/* One event loop per thread, on that thread's io_uring, in Node's phase
 * order: expired timers; the poll phase (submit, wait, completions); check
 * (setImmediate); close callbacks. The loop knows nothing of JavaScript: the
 * JS layer plugs into the phases through sh_loop_hooks_t.
 *
 * Every function here must be called on the loop's own thread, except the
 * ones marked "any thread". */
#ifndef SH_LOOP_H
#define SH_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "io/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_loop sh_loop_t;
typedef struct sh_timer sh_timer_t;
typedef struct sh_msg sh_msg_t;

/* A loop's name that stays valid after the loop ends: a message sent to an
 * ended loop fails with -ESRCH instead of reaching a new loop that reused its
 * slot or ring descriptor. */
typedef struct sh_loop_id {
  uint32_t slot;
  uint32_t gen;
} sh_loop_id_t;

typedef struct sh_loop_hooks {
  void *data;
  /* Poll phase: after each batch of completions has been handled. */
  void (*after_completions)(void *data);
  /* Check phase (setImmediate). */
  void (*check)(void *data);
  /* Close callbacks phase. */
  void (*closing)(void *data);
  /* True when the check or close phase has work: the poll phase must not block. */
  bool (*has_pending)(void *data);
  /* True while the JS side holds references that keep the loop alive. */
  bool (*alive)(void *data);
  /* Another thread woke the loop (posted work such as V8 tasks). */
  void (*on_wake)(void *data);
} sh_loop_hooks_t;

typedef struct sh_loop_options {
  unsigned ring_entries; /* SQ size; 0 picks the default */
} sh_loop_options_t;

/* Creates a loop owned by the calling thread, with its own ring, and registers
 * it so other loops can message it. On failure *err_msg says why. */
int sh_loop_create(sh_loop_t **out, const sh_loop_options_t *opts, const char **err_msg);
/* Unregisters and frees the loop. Pending messages are dropped (their
 * callbacks run with a NULL receiver so they can free themselves). */
void sh_loop_destroy(sh_loop_t *loop);

void sh_loop_set_hooks(sh_loop_t *loop, const sh_loop_hooks_t *hooks);
sh_ring_t *sh_loop_ring(sh_loop_t *loop);
sh_loop_id_t sh_loop_id(const sh_loop_t *loop);
/* The loop that runs on the calling thread, or NULL. */
sh_loop_t *sh_loop_current(void);

typedef enum { SH_RUN_DEFAULT, SH_RUN_ONCE, SH_RUN_NOWAIT } sh_run_mode_t;
/* Runs until nothing keeps the loop alive or sh_loop_stop is called.
 * Returns whether the loop is still alive (it was stopped) or -errno. */
int sh_loop_run(sh_loop_t *loop, sh_run_mode_t mode);
void sh_loop_stop(sh_loop_t *loop);
bool sh_loop_alive(sh_loop_t *loop);
bool sh_loop_stopping(const sh_loop_t *loop);

/* References: anything that should keep the loop running while pending
 * (a ref'd handle, an in-flight request) holds one. */
void sh_loop_ref(sh_loop_t *loop);
void sh_loop_unref(sh_loop_t *loop);

/* Work to run once right before the loop next waits for completions (the
 * end of the current turn): the corked writes of the turn go out here, one
 * send per connection. Queuing an item that is already queued does nothing. */
typedef struct sh_prepare sh_prepare_t;
struct sh_prepare {
  sh_prepare_t *next;
  void (*cb)(sh_prepare_t *item);
  bool queued;
};
void sh_loop_prepare_once(sh_loop_t *loop, sh_prepare_t *item);

/* Milliseconds of the monotonic clock, cached at the start of each phase as
 * libuv does, so every timer of one turn sees the same "now". */
uint64_t sh_loop_now(const sh_loop_t *loop);
void sh_loop_update_time(sh_loop_t *loop);
/* Monotonic nanoseconds, not cached. Any thread. */
uint64_t sh_hrtime(void);

/* Wakes the loop from another thread: it runs hooks.on_wake and drains its
 * mailbox. Cheap when the loop was already woken. Any thread. */
void sh_loop_wake(sh_loop_t *loop);

/* ---- timers (io/timer.c) ---- */
typedef void (*sh_timer_cb)(sh_timer_t *timer);
struct sh_timer {
  uint64_t due;          /* loop time (ms) when it fires */
  uint64_t seq;          /* insertion order: equal dues fire in start order */
  unsigned heap_index;   /* position in the loop's heap while active */
  bool active;
  bool ref;              /* keeps the loop alive while active (default) */
  sh_timer_cb cb;
  void *data;
};

void sh_timer_init(sh_timer_t *timer, sh_timer_cb cb, void *data);
/* Arms (or re-arms) the timer to fire after timeout_ms of loop time. The
 * callback runs once, in the timers phase, never synchronously. */
void sh_timer_start(sh_loop_t *loop, sh_timer_t *timer, uint64_t timeout_ms);
void sh_timer_stop(sh_loop_t *loop, sh_timer_t *timer);
void sh_timer_set_ref(sh_loop_t *loop, sh_timer_t *timer, bool ref);
static inline bool sh_timer_is_active(const sh_timer_t *timer) { return timer->active; }
/* Milliseconds until the next timer is due: 0 when overdue, -1 when none. */
int64_t sh__timer_next_timeout(sh_loop_t *loop);
/* Runs every expired timer. */
void sh__timer_run(sh_loop_t *loop);

/* ---- mailbox (io/mailbox.c) ---- */
/* A message between loops. The sender allocates it and gives up ownership to
 * sh_mailbox_send; the receiver's callback owns it then (and frees it). The
 * callback runs on the receiving loop's thread; receiver is NULL when the
 * loop ended before the message was delivered. */
typedef void (*sh_msg_cb)(sh_msg_t *msg, sh_loop_t *receiver);
struct sh_msg {
  sh_msg_t *next;
  sh_msg_cb cb;
};

/* Any thread. Messages from one sender arrive in the order sent. Returns
 * -ESRCH (and the caller keeps ownership) when the loop has ended. */
int sh_mailbox_send(sh_loop_id_t to, sh_msg_t *msg);
/* Sends msg to every registered loop except the caller's: make(i) gives the
 * message for the i-th recipient. Returns the number sent. */
int sh_mailbox_broadcast(sh_msg_t *(*make)(void *ctx), void *ctx);

/* ---- blocking-work pool (io/pool.c) ---- */
typedef struct sh_work sh_work_t;
struct sh_work {
  sh_msg_t msg;                             /* internal */
  sh_loop_t *loop;                          /* internal */
  void (*work)(sh_work_t *w);               /* runs on a pool thread */
  void (*done)(sh_work_t *w, int status);   /* runs on the loop; status 0 or -ECANCELED */
  void *data;
};

/* Queues w on the loop's pool (threads start on first use). The loop holds
 * a reference until done has run. The caller owns w and must keep it alive
 * until done. */
int sh_work_submit(sh_loop_t *loop, sh_work_t *w);

#ifdef __cplusplus
}
#endif
#endif
