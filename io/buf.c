#include "io/buf.h"

#include <errno.h>
#include <string.h>

#include "io/common.h"
#include "io/ring.h"

typedef struct slab {
  char *base;
  uint32_t id;
  uint32_t in_ring; /* slots of this slab the pool still owns (in the ring or being handled) */
  bool current;     /* fresh slices are carved from it */
} slab_t;

typedef struct slot {
  char *base;
  slab_t *slab; /* NULL while the entry is empty (a take found no memory) */
} slot_t;

struct sh_bufpool {
  sh_ring_t *ring;
  sh_bufring_t *br;
  sh_slab_allocator_t alloc;
  unsigned bgid;
  unsigned entries;
  unsigned slot_size;
  size_t slab_size;
  slot_t *slots;       /* by buffer id */
  slab_t *current;     /* the slab fresh slices come from */
  size_t carved;       /* bytes of current already handed out */
  unsigned in_ring;    /* slots available to the kernel */
  unsigned empty;      /* entries waiting for memory */
  sh_bufpool_stats_t stats;
};

static void slab_drop(sh_bufpool_t *pool, slab_t *slab) {
  /* The pool lets go of a slab once no slot of it is in the ring and no
   * more slices will be carved from it. */
  if (slab->in_ring == 0 && !slab->current) {
    pool->alloc.release(pool->alloc.data, slab->id);
    free(slab);
  }
}

static char *carve(sh_bufpool_t *pool, slab_t **slab_out) {
  if (pool->current == NULL || pool->carved + pool->slot_size > pool->slab_size) {
    uint32_t id;
    char *base = pool->alloc.alloc(pool->alloc.data, pool->slab_size, &id);
    if (base == NULL) {
      return NULL;
    }
    slab_t *slab = sh_xcalloc(1, sizeof *slab);
    slab->base = base;
    slab->id = id;
    slab->current = true;
    if (pool->current != NULL) {
      slab_t *old = pool->current;
      old->current = false;
      slab_drop(pool, old);
    }
    pool->current = slab;
    pool->carved = 0;
    pool->stats.slabs++;
  }
  char *p = pool->current->base + pool->carved;
  pool->carved += pool->slot_size;
  pool->current->in_ring++;
  *slab_out = pool->current;
  return p;
}

int sh_bufpool_create(sh_loop_t *loop, sh_bufpool_t **out, unsigned bgid, unsigned entries,
                      unsigned slot_size, size_t slab_size, const sh_slab_allocator_t *allocator) {
  SH_CHECK(slab_size >= slot_size && slab_size % slot_size == 0);
  sh_bufpool_t *pool = sh_xcalloc(1, sizeof *pool);
  pool->ring = sh_loop_ring(loop);
  pool->alloc = *allocator;
  pool->bgid = bgid;
  pool->entries = entries;
  pool->slot_size = slot_size;
  pool->slab_size = slab_size;
  pool->slots = sh_xcalloc(entries, sizeof *pool->slots);
  int err = sh_bufring_create(pool->ring, &pool->br, bgid, entries);
  if (err < 0) {
    free(pool->slots);
    free(pool);
    return err;
  }
  for (unsigned i = 0; i < entries; i++) {
    slab_t *slab;
    char *p = carve(pool, &slab);
    if (p == NULL) {
      sh_bufpool_destroy(pool);
      return -ENOMEM;
    }
    pool->slots[i] = (slot_t){.base = p, .slab = slab};
    sh_bufring_add(pool->br, p, slot_size, (unsigned short)i);
  }
  sh_bufring_commit(pool->br);
  pool->in_ring = entries;
  pool->stats.low_water = entries;
  *out = pool;
  return 0;
}

void sh_bufpool_destroy(sh_bufpool_t *pool) {
  if (pool == NULL) {
    return;
  }
  sh_bufring_destroy(pool->ring, pool->br);
  for (unsigned i = 0; i < pool->entries; i++) {
    slab_t *slab = pool->slots[i].slab;
    if (slab != NULL) {
      slab->in_ring--;
      slab_drop(pool, slab);
    }
  }
  if (pool->current != NULL) {
    pool->current->current = false;
    slab_drop(pool, pool->current);
  }
  free(pool->slots);
  free(pool);
}

unsigned sh_bufpool_bgid(const sh_bufpool_t *pool) { return pool->bgid; }
unsigned sh_bufpool_slot_size(const sh_bufpool_t *pool) { return pool->slot_size; }
const sh_bufpool_stats_t *sh_bufpool_stats(const sh_bufpool_t *pool) { return &pool->stats; }

sh_slot_ref_t sh_bufpool_slot(const sh_bufpool_t *pool, unsigned bid) {
  SH_ASSERT(bid < pool->entries && pool->slots[bid].slab != NULL);
  const slot_t *s = &pool->slots[bid];
  return (sh_slot_ref_t){.slab_id = s->slab->id,
                         .offset = (uint32_t)(s->base - s->slab->base),
                         .base = s->base};
}

/* A CQE handed the slot out of the ring. */
static void note_used(sh_bufpool_t *pool) {
  pool->in_ring--;
  if (pool->in_ring < pool->stats.low_water) {
    pool->stats.low_water = pool->in_ring;
  }
}

void sh_bufpool_recycle(sh_bufpool_t *pool, unsigned bid) {
  slot_t *s = &pool->slots[bid];
  note_used(pool);
  sh_bufring_add(pool->br, s->base, pool->slot_size, (unsigned short)bid);
  pool->in_ring++;
  pool->stats.recycled++;
}

int sh_bufpool_take(sh_bufpool_t *pool, unsigned bid) {
  slot_t *s = &pool->slots[bid];
  note_used(pool);
  pool->stats.taken++;
  slab_t *old = s->slab;
  old->in_ring--;
  slab_t *slab;
  char *p = carve(pool, &slab);
  slab_drop(pool, old);
  if (p == NULL) {
    s->slab = NULL;
    s->base = NULL;
    pool->empty++;
    return -ENOMEM;
  }
  s->base = p;
  s->slab = slab;
  sh_bufring_add(pool->br, p, pool->slot_size, (unsigned short)bid);
  pool->in_ring++;
  return 0;
}

unsigned sh_bufpool_refill(sh_bufpool_t *pool) {
  for (unsigned i = 0; i < pool->entries && pool->empty > 0; i++) {
    slot_t *s = &pool->slots[i];
    if (s->slab != NULL) {
      continue;
    }
    slab_t *slab;
    char *p = carve(pool, &slab);
    if (p == NULL) {
      break;
    }
    s->base = p;
    s->slab = slab;
    sh_bufring_add(pool->br, p, pool->slot_size, (unsigned short)i);
    pool->in_ring++;
    pool->empty--;
  }
  return pool->empty;
}

void sh_bufpool_commit(sh_bufpool_t *pool) { sh_bufring_commit(pool->br); }

void sh_bufpool_note_empty(sh_bufpool_t *pool) { pool->stats.empty++; }

unsigned sh_bufpool_available(const sh_bufpool_t *pool) { return pool->in_ring; }

static void *malloc_slab(void *data, size_t size, uint32_t *slab_id) {
  sh_malloc_slabs_t *state = data;
  void *p = malloc(size);
  if (p == NULL) {
    return NULL;
  }
  for (uint32_t i = 0; i < state->count; i++) {
    if (state->slabs[i] == NULL) {
      state->slabs[i] = p;
      *slab_id = i;
      return p;
    }
  }
  state->slabs = sh_xrealloc(state->slabs, (state->count + 1) * sizeof *state->slabs);
  state->slabs[state->count] = p;
  *slab_id = state->count++;
  return p;
}

static void free_slab(void *data, uint32_t slab_id) {
  sh_malloc_slabs_t *state = data;
  SH_CHECK(slab_id < state->count && state->slabs[slab_id] != NULL);
  free(state->slabs[slab_id]);
  state->slabs[slab_id] = NULL;
}

sh_slab_allocator_t sh_malloc_slab_allocator(sh_malloc_slabs_t *state) {
  return (sh_slab_allocator_t){.data = state, .alloc = malloc_slab, .release = free_slab};
}

void *sh_malloc_slab(sh_malloc_slabs_t *state, uint32_t id) {
  return id < state->count ? state->slabs[id] : NULL;
}

void sh_malloc_slabs_free(sh_malloc_slabs_t *state) {
  for (uint32_t i = 0; i < state->count; i++) {
    free(state->slabs[i]);
  }
  free(state->slabs);
  state->slabs = NULL;
  state->count = 0;
}
