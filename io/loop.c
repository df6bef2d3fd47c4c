/* The loop turn: see loop.h for the phase order. */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "io/common.h"
#include "io/loop_internal.h"
#include "perf/counters.h"

static _Thread_local sh_loop_t *current_loop;

uint64_t sh_hrtime(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void sh_loop_update_time(sh_loop_t *loop) {
  loop->now_ns = sh_hrtime();
  loop->now_ms = loop->now_ns / 1000000u;
}
uint64_t sh_loop_now(const sh_loop_t *loop) { return loop->now_ms; }
sh_ring_t *sh_loop_ring(sh_loop_t *loop) { return loop->ring; }
sh_loop_id_t sh_loop_id(const sh_loop_t *loop) { return loop->id; }
sh_loop_t *sh_loop_current(void) { return current_loop; }
void sh_loop_ref(sh_loop_t *loop) { loop->refs++; }

void sh_loop_unref(sh_loop_t *loop) {
  SH_ASSERT(loop->refs > 0);
  loop->refs--;
}

void sh_loop_stop(sh_loop_t *loop) { loop->stop = true; }
bool sh_loop_stopping(const sh_loop_t *loop) { return loop->stop; }

static void arm_wake(sh_loop_t *loop) {
  int err = sh_ring_read(loop->ring, &loop->wake_req, loop->wake_fd, &loop->wake_buf,
                         sizeof loop->wake_buf, 0);
  SH_CHECK(err == 0);
}

static void on_wake(sh_req_t *req, int res, uint32_t flags) {
  SH_UNUSED(flags);
  sh_loop_t *loop = req->data;
  if (res == -ECANCELED) {
    return;
  }
  arm_wake(loop);
  sh__mailbox_drain(loop);
  if (loop->hooks.on_wake) {
    loop->hooks.on_wake(loop->hooks.data);
  }
}

static void on_mail(sh_req_t *req, int res, uint32_t flags) {
  SH_UNUSED(res);
  SH_UNUSED(flags);
  sh__mailbox_drain(req->data);
}

/* Messages between loops come in bursts and ping-pongs. When mail arrived
 * moments ago, a loop about to sleep polls its inbox for a short while
 * first: the next message is then taken without a wake-up, and its sender,
 * seeing the loop awake, sends none (waking a sleeping thread costs tens of
 * microseconds: a round trip between two workers goes from ~45 µs to ~5 µs
 * on a 2-CPU machine). It costs at most MAIL_SPIN_NS of CPU per wait, only
 * while messages flow, and only while a CPU is to spare: the poll must not
 * take the CPU its sender needs (with more loop threads awake than CPUs it
 * makes every exchange ~10x slower). `awake_loops` counts the loops whose
 * threads are not waiting in the kernel (from creation to destruction, less
 * the waits), this one included; SHARD_MAIL_SPIN=0/1 forces the poll off or
 * on. */
#define MAIL_RECENT_NS 2000000u /* mail within the last 2 ms */
#define MAIL_SPIN_NS 50000u     /* poll for up to 50 µs */

enum { SPIN_AUTO, SPIN_NEVER, SPIN_ALWAYS };

static atomic_int awake_loops;

static int mail_spin_mode(int *cpus) {
  /* The process's CPUs: the main thread's set (a core's thread may be pinned to one). */
  cpu_set_t set;
  *cpus = sched_getaffinity(getpid(), sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
  const char *env = getenv("SHARD_MAIL_SPIN");
  if (env != NULL && env[0] != '\0') {
    return env[0] == '0' ? SPIN_NEVER : SPIN_ALWAYS;
  }
  return *cpus > 1 ? SPIN_AUTO : SPIN_NEVER;
}

static bool cpu_to_spare(const sh_loop_t *loop) {
  switch (loop->spin_mode) {
  case SPIN_ALWAYS:
    return true;
  case SPIN_AUTO:
    return atomic_load_explicit(&awake_loops, memory_order_relaxed) <= loop->spin_cpus;
  default:
    return false;
  }
}

/* Senders send no wake-up to a loop that is awake: a turn that does not
 * wait (immediates pending, a busy program) looks at its inbox itself, as
 * does the poll. Returns whether mail came (it has been drained). */
static bool take_mail(sh_loop_t *loop) {
  if (atomic_load_explicit(&loop->inbox, memory_order_relaxed) == NULL) {
    return false;
  }
  sh__mailbox_drain(loop);
  return true;
}

/* Returns 0 when no mail came, else (it has been drained) the clock as the
 * poll last read it. The turn's clock (now_ns) tells whether mail came
 * lately: the clock is read again only while polling. */
static uint64_t spin_for_mail(sh_loop_t *loop) {
  if (loop->mail_ns == 0 || loop->now_ns - loop->mail_ns > MAIL_RECENT_NS || !cpu_to_spare(loop)) {
    return 0;
  }
  if (take_mail(loop)) {
    return loop->now_ns; /* it came while the turn ran: no clock read */
  }
  uint64_t now = sh_hrtime();
  uint64_t end = now + MAIL_SPIN_NS;
  for (unsigned i = 1;; i++) {
    if (take_mail(loop)) {
      return now;
    }
    __builtin_ia32_pause();
    if ((i & 63) == 0 && (now = sh_hrtime()) >= end) {
      return 0;
    }
  }
}

/* Mail came instead of sleep. Entering the kernel only to reap costs a
 * system call per message of a ping-pong: when the loop entered it moments
 * ago and has nothing to submit, it takes what the CQ holds and goes on;
 * the completions the kernel defers wait at most MAIL_SPIN_NS more. `now`:
 * the clock as the poll last read it (at most 64 pauses old), or 0. */
static bool skip_kernel(sh_loop_t *loop, uint64_t now) {
  if (sh_ring_pending(loop->ring) != 0) {
    return false;
  }
  return (now != 0 ? now : sh_hrtime()) - loop->entered_ns < MAIL_SPIN_NS;
}

/* Submits, and reaps what completed, waiting up to timeout_ns (-1: no
 * limit) when go_to_sleep said the loop sleeps. */
static int enter_kernel(sh_loop_t *loop, int64_t timeout_ns) {
  if (timeout_ns != 0) {
    atomic_fetch_sub_explicit(&awake_loops, 1, memory_order_relaxed);
  }
  int n = sh_ring_run_once(loop->ring, timeout_ns);
  if (timeout_ns != 0) {
    atomic_store_explicit(&loop->sleeping, false, memory_order_relaxed);
    atomic_fetch_add_explicit(&awake_loops, 1, memory_order_relaxed);
  }
  loop->entered_ns = sh_hrtime();
  return n;
}

/* Senders wake only a loop that sleeps (mailbox.c, deliver). Before it
 * sleeps, the loop says so and looks at its inbox once more: the fences
 * pair with the senders', so either this sees their message or they see
 * `sleeping` and wake it. Returns false when mail came (it has been
 * drained): the loop must not sleep. */
static bool go_to_sleep(sh_loop_t *loop) {
  atomic_store(&loop->sleeping, true);
  atomic_thread_fence(memory_order_seq_cst);
  if (atomic_load_explicit(&loop->inbox, memory_order_relaxed) == NULL) {
    return true;
  }
  atomic_store_explicit(&loop->sleeping, false, memory_order_relaxed);
  sh__mailbox_drain(loop);
  return false;
}

int sh_loop_create(sh_loop_t **out, const sh_loop_options_t *opts, const char **err_msg) {
  /* Aligned: the mailbox's fields have a cache line of their own. */
  sh_loop_t *loop = aligned_alloc(_Alignof(sh_loop_t), sizeof *loop);
  SH_CHECK(loop != NULL);
  memset(loop, 0, sizeof *loop);
  unsigned entries = opts && opts->ring_entries ? opts->ring_entries : 1024;
  int err = sh_ring_create(&loop->ring, entries, err_msg);
  if (err < 0) {
    goto fail;
  }
  loop->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (loop->wake_fd < 0) {
    err = -errno;
    if (err_msg) {
      *err_msg = "eventfd failed";
    }
    goto fail;
  }
  loop->wake_req = (sh_req_t){.cb = on_wake, .data = loop};
  loop->mail_req = (sh_req_t){.cb = on_mail, .data = loop};
  atomic_init(&loop->inbox, NULL);
  atomic_init(&loop->signalled, false);
  atomic_init(&loop->sleeping, false);
  loop->spin_mode = mail_spin_mode(&loop->spin_cpus);
  sh_loop_update_time(loop);
  err = sh__registry_add(loop);
  if (err < 0) {
    if (err_msg) {
      *err_msg = "too many loops";
    }
    goto fail;
  }
  arm_wake(loop);
  atomic_fetch_add_explicit(&awake_loops, 1, memory_order_relaxed);
  current_loop = loop;
  sh_perf_attach(); /* this thread's counters (perf/counters.h) */
  *out = loop;
  return 0;
fail:
  if (loop->wake_fd > 0) {
    close(loop->wake_fd);
  }
  sh_ring_destroy(loop->ring);
  free(loop);
  return err;
}

void sh_loop_destroy(sh_loop_t *loop) {
  if (loop == NULL) {
    return;
  }
  sh__registry_remove(loop);
  atomic_fetch_sub_explicit(&awake_loops, 1, memory_order_relaxed);
  sh__pool_destroy(loop);
  /* Messages that arrived after the last turn: their callbacks free them. */
  sh_msg_t *m = atomic_exchange(&loop->inbox, NULL);
  while (m != NULL) {
    sh_msg_t *next = m->next;
    m->cb(m, NULL);
    m = next;
  }
  sh_ring_destroy(loop->ring);
  close(loop->wake_fd);
  free(loop->heap);
  if (current_loop == loop) {
    current_loop = NULL;
    sh_perf_detach();
  }
  free(loop);
}

void sh_loop_set_hooks(sh_loop_t *loop, const sh_loop_hooks_t *hooks) { loop->hooks = *hooks; }

void sh_loop_wake(sh_loop_t *loop) {
  uint64_t one = 1;
  ssize_t n = write(loop->wake_fd, &one, sizeof one);
  SH_UNUSED(n); /* EAGAIN: the counter is saturated, so a wake-up is pending anyway */
}

bool sh_loop_alive(sh_loop_t *loop) {
  if (loop->refs > 0 || loop->timer_refs > 0) {
    return true;
  }
  if (loop->hooks.alive && loop->hooks.alive(loop->hooks.data)) {
    return true;
  }
  return loop->hooks.has_pending && loop->hooks.has_pending(loop->hooks.data);
}

void sh_loop_prepare_once(sh_loop_t *loop, sh_prepare_t *item) {
  if (item->queued) {
    return;
  }
  item->queued = true;
  item->next = loop->prepare;
  loop->prepare = item;
}

static void run_prepare(sh_loop_t *loop) {
  while (loop->prepare != NULL) {
    sh_prepare_t *list = loop->prepare;
    loop->prepare = NULL;
    while (list != NULL) {
      sh_prepare_t *next = list->next;
      list->queued = false;
      list->cb(list);
      list = next;
    }
  }
}

static int64_t poll_timeout_ns(sh_loop_t *loop, sh_run_mode_t mode) {
  if (mode == SH_RUN_NOWAIT || loop->stop) {
    return 0;
  }
  if (loop->hooks.has_pending && loop->hooks.has_pending(loop->hooks.data)) {
    return 0;
  }
  if (!sh_loop_alive(loop)) {
    return 0;
  }
  int64_t ms = sh__timer_next_timeout(loop);
  if (ms < 0) {
    return -1;
  }
  return ms > INT64_MAX / 1000000 ? INT64_MAX : ms * 1000000;
}

int sh_loop_run(sh_loop_t *loop, sh_run_mode_t mode) {
  current_loop = loop;
  loop->stop = false;
  sh_loop_update_time(loop);
  sh_perf_loop_started();
  bool alive = sh_loop_alive(loop);
  while ((alive || mode != SH_RUN_DEFAULT) && !loop->stop) {
    sh_loop_update_time(loop);
    sh__timer_run(loop);
    if (loop->stop) {
      break;
    }
    run_prepare(loop);
    int64_t timeout = poll_timeout_ns(loop, mode);
    uint64_t polled = 0;
    bool mail;
    if (timeout != 0) {
      polled = spin_for_mail(loop);
      mail = polled != 0 || !go_to_sleep(loop);
    } else {
      mail = take_mail(loop);
    }
    int n = mail && skip_kernel(loop, polled) ? sh_ring_reap(loop->ring) : enter_kernel(loop, mail ? 0 : timeout);
    if (n < 0) {
      return n;
    }
    if (loop->hooks.after_completions) {
      loop->hooks.after_completions(loop->hooks.data);
    }
    sh_loop_update_time(loop);
    if (loop->hooks.check && !loop->stop) {
      loop->hooks.check(loop->hooks.data);
    }
    if (loop->hooks.closing) {
      loop->hooks.closing(loop->hooks.data);
    }
    alive = sh_loop_alive(loop);
    if (mode != SH_RUN_DEFAULT) {
      break;
    }
  }
  /* Flush writes and SQEs queued by the last callbacks (closes, cancels). */
  run_prepare(loop);
  sh_ring_submit(loop->ring);
  return alive;
}
