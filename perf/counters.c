/* The registry of per-thread counters: see counters.h. */
#include "perf/counters.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_SLOTS 256

enum { SLOT_FREE, SLOT_LIVE, SLOT_ENDED };

/* Copies, sums and snapshots walk the counters as an array of uint64_t:
 * every field of sh_perf_counters_t must be one. */
_Static_assert(sizeof(sh_perf_counters_t) % sizeof(uint64_t) == 0,
               "sh_perf_counters_t holds only uint64_t fields");

/* One cache line or more per slot: cores bump their own slots all the time
 * and must never write to a line another core writes. */
typedef struct slot {
  _Alignas(64) sh_perf_counters_t c;
  int label;
  atomic_int state;
} slot_t;

static slot_t slots[MAX_SLOTS];
/* Held while slots change hands and while totals are summed, so a reused
 * slot's old numbers are counted exactly once (in `retired` or in the slot). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sh_perf_counters_t retired = {.bufring_low = UINT64_MAX};
static sh_perf_counters_t sink = {.bufring_low = UINT64_MAX};
static atomic_bool stats_armed;
static atomic_int stats_holders;
static atomic_uint seq;

_Thread_local sh_perf_counters_t *sh_perf_self = &sink;
static _Thread_local int self_slot = -1;

static void reset(sh_perf_counters_t *c) {
  memset(c, 0, sizeof *c);
  c->bufring_low = UINT64_MAX;
}

/* Relaxed copy of counters another thread may be bumping. */
static void load(sh_perf_counters_t *out, const sh_perf_counters_t *c) {
  const uint64_t *src = (const uint64_t *)c;
  uint64_t *dst = (uint64_t *)out;
  for (size_t i = 0; i < sizeof *c / sizeof(uint64_t); i++) {
    dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
  }
}

void sh_perf_merge(sh_perf_counters_t *a, const sh_perf_counters_t *b) {
  /* Every field is a count to sum, except the maxima and the minimum below:
   * counters added later need no change here. */
  uint64_t max_batch = b->max_batch > a->max_batch ? b->max_batch : a->max_batch;
  uint64_t busy_max = b->busy_max_ns > a->busy_max_ns ? b->busy_max_ns : a->busy_max_ns;
  uint64_t low = b->bufring_low < a->bufring_low ? b->bufring_low : a->bufring_low;
  uint64_t woke = a->woke_ns;
  uint64_t *dst = (uint64_t *)a;
  const uint64_t *src = (const uint64_t *)b;
  for (size_t i = 0; i < sizeof *a / sizeof(uint64_t); i++) {
    dst[i] += src[i];
  }
  a->max_batch = max_batch;
  a->busy_max_ns = busy_max;
  a->bufring_low = low;
  a->woke_ns = woke;
}

int sh_perf_attach(void) {
  if (self_slot >= 0) {
    return self_slot;
  }
  pthread_mutex_lock(&lock);
  int pick = -1;
  for (int i = 0; i < MAX_SLOTS && pick < 0; i++) {
    if (atomic_load(&slots[i].state) == SLOT_FREE) {
      pick = i;
    }
  }
  /* All taken: reuse the first finished slot, keeping its numbers in the total. */
  for (int i = 0; i < MAX_SLOTS && pick < 0; i++) {
    if (atomic_load(&slots[i].state) == SLOT_ENDED) {
      sh_perf_merge(&retired, &slots[i].c);
      pick = i;
    }
  }
  if (pick >= 0) {
    reset(&slots[pick].c);
    slots[pick].label = -1;
    atomic_store(&slots[pick].state, SLOT_LIVE);
    sh_perf_self = &slots[pick].c;
    self_slot = pick;
  }
  pthread_mutex_unlock(&lock);
  return pick >= 0 ? pick : -ENOSPC;
}

void sh_perf_detach(void) {
  if (self_slot < 0) {
    return;
  }
  pthread_mutex_lock(&lock);
  atomic_store(&slots[self_slot].state, SLOT_ENDED);
  pthread_mutex_unlock(&lock);
  self_slot = -1;
  sh_perf_self = &sink;
}

void sh_perf_set_label(int label) {
  if (self_slot >= 0) {
    pthread_mutex_lock(&lock); /* readers list labels under the lock */
    slots[self_slot].label = label;
    pthread_mutex_unlock(&lock);
  }
}

int sh_perf_current_slot(void) { return self_slot; }

unsigned sh_perf_list(sh_perf_slot_info_t *out, unsigned max) {
  unsigned n = 0;
  pthread_mutex_lock(&lock);
  for (int i = 0; i < MAX_SLOTS && n < max; i++) {
    int state = atomic_load(&slots[i].state);
    if (state != SLOT_FREE) {
      out[n++] = (sh_perf_slot_info_t){.slot = i, .label = slots[i].label, .live = state == SLOT_LIVE};
    }
  }
  pthread_mutex_unlock(&lock);
  return n;
}

int sh_perf_read(int slot, sh_perf_counters_t *out) {
  if (slot < 0 || slot >= MAX_SLOTS || atomic_load(&slots[slot].state) == SLOT_FREE) {
    return -ENOENT;
  }
  load(out, &slots[slot].c);
  return 0;
}

void sh_perf_read_self(sh_perf_counters_t *out) {
  if (self_slot < 0) {
    reset(out);
    return;
  }
  load(out, &slots[self_slot].c);
}

void sh_perf_total(sh_perf_counters_t *out, unsigned *threads) {
  unsigned n = 0;
  pthread_mutex_lock(&lock);
  *out = retired;
  for (int i = 0; i < MAX_SLOTS; i++) {
    if (atomic_load(&slots[i].state) != SLOT_FREE) {
      sh_perf_counters_t c;
      load(&c, &slots[i].c);
      sh_perf_merge(out, &c);
      n++;
    }
  }
  pthread_mutex_unlock(&lock);
  out->woke_ns = 0;
  if (threads) {
    *threads = n;
  }
}

/* Lower bound of bucket b in nanoseconds (see SH_PERF_DELAY_BUCKETS). */
static double bucket_low_ns(int b) { return b == 0 ? 0.0 : (double)(1ull << (b - 1)) * 1024.0; }

uint64_t sh_perf_delay_quantile(const sh_perf_counters_t *c, double q) {
  uint64_t total = 0;
  for (int i = 0; i < SH_PERF_DELAY_BUCKETS; i++) {
    total += c->delay_hist[i];
  }
  if (total == 0) {
    return 0;
  }
  q = q < 0 ? 0 : q > 1 ? 1 : q;
  double rank = q * (double)total; /* how many turns lie at or below the answer */
  uint64_t seen = 0;
  for (int i = 0; i < SH_PERF_DELAY_BUCKETS; i++) {
    uint64_t in = c->delay_hist[i];
    if (in == 0 || (double)(seen + in) < rank) {
      seen += in;
      continue;
    }
    double lo = bucket_low_ns(i);
    double hi = i == SH_PERF_DELAY_BUCKETS - 1 ? (double)c->busy_max_ns : bucket_low_ns(i + 1);
    double v = lo + (hi - lo) * ((rank - (double)seen) / (double)in);
    if (v > (double)c->busy_max_ns) {
      v = (double)c->busy_max_ns;
    }
    return (uint64_t)v;
  }
  return c->busy_max_ns;
}

/* ---- the --stats table ---- */

typedef struct out {
  char *buf;
  size_t cap;
  size_t len;
} out_t;

__attribute__((format(printf, 2, 3))) static void put(out_t *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t room = o->len < o->cap ? o->cap - o->len : 0;
  int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
  va_end(ap);
  if (n > 0) {
    o->len += (size_t)n;
  }
}

/* A count in a few characters: 1234 -> "1234", 12345678 -> "12.3M". */
static const char *human(char *buf, size_t cap, uint64_t v) {
  if (v < 100000) {
    snprintf(buf, cap, "%" PRIu64, v);
  } else if (v < 100000000) {
    snprintf(buf, cap, "%.1fk", (double)v / 1e3);
  } else if (v < 100000000000ull) {
    snprintf(buf, cap, "%.1fM", (double)v / 1e6);
  } else {
    snprintf(buf, cap, "%.1fG", (double)v / 1e9);
  }
  return buf;
}

static const char *duration(char *buf, size_t cap, uint64_t ns) {
  if (ns < 10000) {
    snprintf(buf, cap, "%" PRIu64 "ns", ns);
  } else if (ns < 10000000) {
    snprintf(buf, cap, "%.1fus", (double)ns / 1e3);
  } else {
    snprintf(buf, cap, "%.1fms", (double)ns / 1e6);
  }
  return buf;
}

static void row(out_t *o, const char *name, const sh_perf_counters_t *c) {
  char b[11][24];
  char low[24];
  if (c->bufring_low == UINT64_MAX) {
    snprintf(low, sizeof low, "-");
  } else {
    human(low, sizeof low, c->bufring_low);
  }
  double per_turn = c->turns ? (double)c->completions / (double)c->turns : 0.0;
  put(o, "%-8s %8s %8s %6.2f %5s %8s %4" PRIu64 " %8s %8s %9s %9s %6" PRIu64 " %6s %8s %8s %8s\n",
      name, human(b[0], 24, c->turns), human(b[1], 24, c->completions), per_turn,
      human(b[2], 24, c->max_batch), human(b[3], 24, c->submits), c->cq_overflows,
      human(b[4], 24, c->accepted), human(b[5], 24, c->requests), human(b[6], 24, c->bytes_in),
      human(b[7], 24, c->bytes_out), c->bufring_empty, low,
      duration(b[8], 24, sh_perf_delay_quantile(c, 0.5)),
      duration(b[9], 24, sh_perf_delay_quantile(c, 0.99)),
      duration(b[10], 24, c->busy_max_ns));
}

size_t sh_perf_format(char *buf, size_t cap, const char *when) {
  out_t o = {.buf = buf, .cap = cap, .len = 0};
  if (cap > 0) {
    buf[0] = '\0';
  }
  put(&o, "shard stats (pid %d, %s)\n", (int)getpid(), when ? when : "now");
  put(&o, "%-8s %8s %8s %6s %5s %8s %4s %8s %8s %9s %9s %6s %6s %8s %8s %8s\n", "thread", "turns",
      "cqes", "cq/trn", "maxcq", "submits", "ovfl", "accepted", "requests", "bytes_in",
      "bytes_out", "bufemp", "buflow", "delay50", "delay99", "delaymax");
  sh_perf_slot_info_t list[MAX_SLOTS];
  unsigned n = sh_perf_list(list, MAX_SLOTS);
  for (unsigned i = 0; i < n; i++) {
    sh_perf_counters_t c;
    if (sh_perf_read(list[i].slot, &c) < 0) {
      continue;
    }
    char name[24];
    if (list[i].label >= 0) {
      snprintf(name, sizeof name, "core %d", list[i].label);
    } else {
      snprintf(name, sizeof name, "thread%d", list[i].slot);
    }
    row(&o, name, &c);
  }
  sh_perf_counters_t total;
  unsigned threads;
  sh_perf_total(&total, &threads);
  if (threads != 1) {
    row(&o, "total", &total);
  }
  return o.len;
}

void sh_perf_stats_expect(unsigned cores) {
  bool no = false;
  if (atomic_compare_exchange_strong(&stats_armed, &no, true)) {
    atomic_store(&stats_holders, (int)cores);
  }
}

bool sh_perf_stats_release(void) { return atomic_fetch_sub(&stats_holders, 1) == 1; }

unsigned sh_perf_next_seq(void) { return atomic_fetch_add(&seq, 1) + 1; }
