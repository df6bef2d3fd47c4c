/* Loop timers on a binary min-heap keyed by (due, seq). */
#include <string.h>

#include "io/common.h"
#include "io/loop_internal.h"

static bool earlier(const sh_timer_t *a, const sh_timer_t *b) {
  return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void heap_set(sh_loop_t *loop, unsigned i, sh_timer_t *t) {
  loop->heap[i] = t;
  t->heap_index = i;
}

static void sift_up(sh_loop_t *loop, unsigned i) {
  sh_timer_t *t = loop->heap[i];
  while (i > 0) {
    unsigned parent = (i - 1) / 2;
    if (!earlier(t, loop->heap[parent])) {
      break;
    }
    heap_set(loop, i, loop->heap[parent]);
    i = parent;
  }
  heap_set(loop, i, t);
}

static void sift_down(sh_loop_t *loop, unsigned i) {
  sh_timer_t *t = loop->heap[i];
  for (;;) {
    unsigned child = 2 * i + 1;
    if (child >= loop->heap_len) {
      break;
    }
    if (child + 1 < loop->heap_len && earlier(loop->heap[child + 1], loop->heap[child])) {
      child++;
    }
    if (!earlier(loop->heap[child], t)) {
      break;
    }
    heap_set(loop, i, loop->heap[child]);
    i = child;
  }
  heap_set(loop, i, t);
}

void sh_timer_init(sh_timer_t *timer, sh_timer_cb cb, void *data) {
  memset(timer, 0, sizeof *timer);
  timer->cb = cb;
  timer->data = data;
  timer->ref = true;
}

void sh_timer_stop(sh_loop_t *loop, sh_timer_t *timer) {
  if (!timer->active) {
    return;
  }
  unsigned i = timer->heap_index;
  SH_ASSERT(i < loop->heap_len && loop->heap[i] == timer);
  timer->active = false;
  if (timer->ref) {
    loop->timer_refs--;
  }
  loop->heap_len--;
  if (i != loop->heap_len) {
    heap_set(loop, i, loop->heap[loop->heap_len]);
    sift_down(loop, i);
    sift_up(loop, i);
  }
}

void sh_timer_start(sh_loop_t *loop, sh_timer_t *timer, uint64_t timeout_ms) {
  sh_timer_stop(loop, timer);
  if (loop->heap_len == loop->heap_cap) {
    loop->heap_cap = loop->heap_cap ? loop->heap_cap * 2 : 16;
    loop->heap = sh_xrealloc(loop->heap, loop->heap_cap * sizeof *loop->heap);
  }
  uint64_t due = loop->now_ms + timeout_ms;
  timer->due = due < loop->now_ms ? UINT64_MAX : due;
  timer->seq = loop->timer_seq++;
  timer->active = true;
  if (timer->ref) {
    loop->timer_refs++;
  }
  heap_set(loop, loop->heap_len++, timer);
  sift_up(loop, timer->heap_index);
}

void sh_timer_set_ref(sh_loop_t *loop, sh_timer_t *timer, bool ref) {
  if (timer->ref == ref) {
    return;
  }
  timer->ref = ref;
  if (timer->active) {
    if (ref) {
      loop->timer_refs++;
    } else {
      loop->timer_refs--;
    }
  }
}

int64_t sh__timer_next_timeout(sh_loop_t *loop) {
  if (loop->heap_len == 0) {
    return -1;
  }
  uint64_t due = loop->heap[0]->due;
  if (due <= loop->now_ms) {
    return 0;
  }
  uint64_t diff = due - loop->now_ms;
  return diff > INT64_MAX ? INT64_MAX : (int64_t)diff;
}

void sh__timer_run(sh_loop_t *loop) {
  while (loop->heap_len > 0 && loop->heap[0]->due <= loop->now_ms && !loop->stop) {
    sh_timer_t *t = loop->heap[0];
    sh_timer_stop(loop, t);
    t->cb(t);
  }
}
