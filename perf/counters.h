/* Per-core performance counters, bumped on the hot paths of io/ and read by
 * js/ (require('shard').stats(), --stats).
 *
 * Each loop thread owns one sh_perf_counters_t, reached through the
 * thread-local pointer sh_perf_self. Bumps are plain increments by the owner
 * (written as relaxed atomic load + store, which compiles to an ordinary
 * add on x86: no lock prefix, no fence) so the hot path costs what `x++`
 * costs. Readers on other threads load each field relaxed: a snapshot is not
 * a consistent cut across fields, which counters do not need.
 *
 * The counters of every thread that ever ran a loop sit in a process-wide
 * registry (one cache-line aligned slot each, so cores never share a line);
 * the process total is summed on demand. A thread that has not attached (a
 * unit test, a pool thread) bumps a shared sink nobody reports.
 *
 * How to bump (io/ C code only; js/ reads through the functions below):
 *   SH_PERF_INC(accepted);             one more accepted connection
 *   SH_PERF_INC(requests);             one more parsed HTTP request
 *   SH_PERF_ADD(bytes_in, n);          n bytes received from sockets
 *   SH_PERF_ADD(bytes_out, n);         n bytes sent to sockets
 *   SH_PERF_INC(bufring_empty);        a receive found the buffer ring empty (ENOBUFS)
 *   SH_PERF_MIN(bufring_low, free);    free slots left in a buffer ring after a receive
 *   SH_PERF_ADD(file_read_bytes, n);   n bytes read from a file into memory
 *   SH_PERF_ADD(splice_bytes, n);      n file bytes spliced to a socket
 * The loop's own counters (turns, completions, submits, CQ overflows,
 * event-loop delay) are bumped by io/ring.c through sh_perf_turn_*(). */
#ifndef SH_PERF_COUNTERS_H
#define SH_PERF_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Event-loop delay histogram: bucket 0 holds turns busy for under 1.024 us,
 * bucket b >= 1 those busy for [2^(b-1), 2^b) units of 1.024 us; the last
 * bucket takes everything longer. */
#define SH_PERF_DELAY_BUCKETS 32

typedef struct sh_perf_counters {
  /* ---- loop (io/ring.c) ---- */
  uint64_t turns;        /* loop turns: one submit-and-wait each */
  uint64_t completions;  /* CQEs handled */
  uint64_t max_batch;    /* most CQEs handled in one turn */
  uint64_t submits;      /* io_uring_enter calls that submitted SQEs */
  uint64_t cq_overflows; /* times the CQ had overflowed into the kernel's backlog */
  /* Event-loop delay: how long each turn ran between coming back from the
   * kernel and entering it again. An event that arrives while a turn runs
   * waits at most that long before the loop sees it. */
  uint64_t busy_ns;      /* sum over turns */
  uint64_t busy_max_ns;  /* the longest turn */
  uint64_t delay_hist[SH_PERF_DELAY_BUCKETS];
  /* ---- network (io/tcp.c, io/http.c) ---- */
  uint64_t accepted;      /* connections accepted */
  uint64_t requests;      /* HTTP requests parsed */
  uint64_t bytes_in;      /* bytes received from sockets */
  uint64_t bytes_out;     /* bytes sent to sockets */
  uint64_t bufring_empty; /* receives that found no provided buffer (ENOBUFS) */
  uint64_t bufring_low;   /* fewest free buffer-ring slots seen; UINT64_MAX: never measured */
  /* ---- files (io/fs.c, and io/tcp.c's file segments) ---- */
  uint64_t file_read_bytes; /* bytes read from files into user memory */
  uint64_t splice_bytes;    /* file bytes moved to sockets by splice, never in user memory */
  /* ---- private to perf/ ---- */
  uint64_t woke_ns; /* when the current turn came back from the kernel; 0: not yet */
} sh_perf_counters_t;

#ifndef __cplusplus
/* The calling thread's counters: its registry slot once attached, else the
 * shared sink. Never NULL. */
extern _Thread_local sh_perf_counters_t *sh_perf_self;

#define SH__PERF_LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define SH__PERF_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)

/* Owner-only updates: a relaxed load and store, not a locked read-modify-write. */
#define SH_PERF_ADD(field, n)                                                                      \
  do {                                                                                             \
    sh_perf_counters_t *sh__pc = sh_perf_self;                                                     \
    SH__PERF_STORE(&sh__pc->field, SH__PERF_LOAD(&sh__pc->field) + (uint64_t)(n));                  \
  } while (0)
#define SH_PERF_INC(field) SH_PERF_ADD(field, 1)
#define SH_PERF_MAX(field, v)                                                                      \
  do {                                                                                             \
    sh_perf_counters_t *sh__pc = sh_perf_self;                                                     \
    uint64_t sh__v = (uint64_t)(v);                                                                \
    if (sh__v > SH__PERF_LOAD(&sh__pc->field)) {                                                   \
      SH__PERF_STORE(&sh__pc->field, sh__v);                                                       \
    }                                                                                              \
  } while (0)
#define SH_PERF_MIN(field, v)                                                                      \
  do {                                                                                             \
    sh_perf_counters_t *sh__pc = sh_perf_self;                                                     \
    uint64_t sh__v = (uint64_t)(v);                                                                \
    if (sh__v < SH__PERF_LOAD(&sh__pc->field)) {                                                   \
      SH__PERF_STORE(&sh__pc->field, sh__v);                                                       \
    }                                                                                              \
  } while (0)

static inline uint64_t sh_perf_clock_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline unsigned sh_perf_delay_bucket(uint64_t ns) {
  uint64_t units = ns >> 10;
  unsigned b = units == 0 ? 0 : 64u - (unsigned)__builtin_clzll(units);
  return b < SH_PERF_DELAY_BUCKETS ? b : SH_PERF_DELAY_BUCKETS - 1;
}

/* The loop turn, as io/ring.c sees it: turn_begin just before entering the
 * kernel, turn_woke when the kernel returned, turn_end with the number of
 * CQEs that turn handled. The busy time recorded for a turn runs from its
 * turn_woke to the next turn_begin. */
static inline void sh_perf_turn_begin(void) {
  sh_perf_counters_t *c = sh_perf_self;
  uint64_t woke = SH__PERF_LOAD(&c->woke_ns);
  if (woke == 0) {
    return;
  }
  uint64_t busy = sh_perf_clock_ns() - woke;
  SH__PERF_STORE(&c->busy_ns, SH__PERF_LOAD(&c->busy_ns) + busy);
  if (busy > SH__PERF_LOAD(&c->busy_max_ns)) {
    SH__PERF_STORE(&c->busy_max_ns, busy);
  }
  uint64_t *bucket = &c->delay_hist[sh_perf_delay_bucket(busy)];
  SH__PERF_STORE(bucket, SH__PERF_LOAD(bucket) + 1);
}

static inline void sh_perf_turn_woke(void) { SH__PERF_STORE(&sh_perf_self->woke_ns, sh_perf_clock_ns()); }

/* The loop starts running: the work before its first wait (timers already
 * due, immediates) is a turn too. Only the first start counts, so a nested
 * run does not cut the turn that contains it short. */
static inline void sh_perf_loop_started(void) {
  if (SH__PERF_LOAD(&sh_perf_self->woke_ns) == 0) {
    sh_perf_turn_woke();
  }
}

static inline void sh_perf_turn_end(unsigned handled) {
  SH_PERF_INC(turns);
  SH_PERF_ADD(completions, handled);
  SH_PERF_MAX(max_batch, handled);
}
#endif /* !__cplusplus */

/* ---- the registry (any thread unless said otherwise) ---- */

/* Gives the calling thread a slot of its own and points sh_perf_self at it,
 * zeroed. A loop calls it when it is created on its thread. Returns the slot
 * index or -ENOSPC (the thread then keeps bumping the sink). */
int sh_perf_attach(void);
/* The calling thread is done: its slot keeps its numbers (still counted in
 * the process total and listed) until a new thread needs the slot, and the
 * thread goes back to the sink. */
void sh_perf_detach(void);
/* Names the calling thread's slot for reports: a core index, or -1 for a
 * thread that is not one of the program's cores (a Worker). */
void sh_perf_set_label(int label);
/* The calling thread's slot index, or -1. */
int sh_perf_current_slot(void);

typedef struct sh_perf_slot_info {
  int slot;
  int label;
  bool live; /* its thread still runs */
} sh_perf_slot_info_t;

/* Lists the slots in use (live ones and finished ones still kept), in slot
 * order. Returns how many were written (at most max). */
unsigned sh_perf_list(sh_perf_slot_info_t *out, unsigned max);
/* Copies one slot's counters (relaxed loads). Returns 0 or -ENOENT. */
int sh_perf_read(int slot, sh_perf_counters_t *out);
/* The calling thread's counters (its slot or, unattached, zeros). */
void sh_perf_read_self(sh_perf_counters_t *out);
/* The whole process: every slot, plus the numbers of slots since reused.
 * *threads gets the number of slots summed (may be NULL). */
void sh_perf_total(sh_perf_counters_t *out, unsigned *threads);

/* Adds b into a: sums, maxima and minima as each field wants. */
void sh_perf_merge(sh_perf_counters_t *a, const sh_perf_counters_t *b);
/* Event-loop delay estimated from the histogram: the q-quantile (0..1) of
 * per-turn busy time in nanoseconds, interpolated within its bucket and never
 * above the largest turn seen. 0 when no turn was recorded. */
uint64_t sh_perf_delay_quantile(const sh_perf_counters_t *c, double q);

/* Writes the --stats table (one row per slot and a total) into buf, always
 * NUL-terminated. when: a few words saying why ("at exit", "on SIGUSR2").
 * Returns the length the full text has (as snprintf). */
size_t sh_perf_format(char *buf, size_t cap, const char *when);

/* --stats prints the table once, when the last of the program's cores
 * ends. Each core calls expect(cores) at start (only the first call counts,
 * so a core that ends before another starts cannot be taken for the last)
 * and release() at its end, which returns true for the last one. */
void sh_perf_stats_expect(unsigned cores);
bool sh_perf_stats_release(void);

/* A process-wide sequence number for diagnostic file names (1, 2, ...). */
unsigned sh_perf_next_seq(void);

#ifdef __cplusplus
}
#endif
#endif
