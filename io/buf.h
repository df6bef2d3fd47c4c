/* The per-core pool of receive buffers: a provided-buffer ring whose slots
 * are slices of large slabs. The kernel picks a slot for each receive; the
 * consumer then either recycles it (the bytes were parsed in place or
 * copied) or takes it (the bytes now belong to a Buffer view of the slab, so
 * the ring entry is re-pointed at a fresh slice and never waits for the
 * garbage collector).
 *
 * Slab memory comes from an allocator the JS layer registers (V8-owned
 * ArrayBuffers), so io/ stays free of V8. The pool tells the allocator when
 * it no longer uses any part of a slab; the slab itself lives on as long as
 * views of it do. */
#ifndef SH_BUF_H
#define SH_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/loop.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sh_slab_allocator {
  void *data;
  /* Returns size bytes that stay valid until release(slab_id), and the id
   * that names the slab to the allocator's owner. NULL when out of memory. */
  void *(*alloc)(void *data, size_t size, uint32_t *slab_id);
  /* The pool no longer uses any part of slab_id. */
  void (*release)(void *data, uint32_t slab_id);
} sh_slab_allocator_t;

/* Where a slot's bytes are: the slab's id and the offset inside it. */
typedef struct sh_slot_ref {
  uint32_t slab_id;
  uint32_t offset;
  char *base;
} sh_slot_ref_t;

typedef struct sh_bufpool sh_bufpool_t;

typedef struct sh_bufpool_stats {
  uint64_t taken;      /* slots handed over to their consumer */
  uint64_t recycled;   /* slots returned to the ring in place */
  uint64_t empty;      /* receives that found the ring empty (ENOBUFS) */
  uint32_t low_water;  /* fewest free slots seen in the ring */
  uint32_t slabs;      /* slabs allocated */
} sh_bufpool_stats_t;

/* Creates a pool of `entries` slots (a power of two) of slot_size bytes
 * each, registered as buffer group bgid on the loop's ring. slab_size must
 * be a multiple of slot_size. The allocator is copied. */
int sh_bufpool_create(sh_loop_t *loop, sh_bufpool_t **out, unsigned bgid, unsigned entries,
                      unsigned slot_size, size_t slab_size, const sh_slab_allocator_t *allocator);
void sh_bufpool_destroy(sh_bufpool_t *pool);
unsigned sh_bufpool_bgid(const sh_bufpool_t *pool);
unsigned sh_bufpool_slot_size(const sh_bufpool_t *pool);

/* The slot the kernel filled for a CQE's buffer id. */
sh_slot_ref_t sh_bufpool_slot(const sh_bufpool_t *pool, unsigned bid);
/* Gives the slot back to the ring at the same address. */
void sh_bufpool_recycle(sh_bufpool_t *pool, unsigned bid);
/* The slot's bytes now belong to the consumer: the ring entry gets a fresh
 * slice. Returns -ENOMEM when no slab could be allocated (the entry then
 * stays out of the ring until sh_bufpool_refill succeeds). */
int sh_bufpool_take(sh_bufpool_t *pool, unsigned bid);
/* Publishes the slots recycled or replaced since the last call (once per
 * batch of completions: one store to the ring's tail). */
void sh_bufpool_commit(sh_bufpool_t *pool);
/* Retries entries left empty by a failed take. Returns how many are still empty. */
unsigned sh_bufpool_refill(sh_bufpool_t *pool);
/* Slots the kernel can fill right now. */
unsigned sh_bufpool_available(const sh_bufpool_t *pool);
/* Notes a receive that found no free slot. */
void sh_bufpool_note_empty(sh_bufpool_t *pool);
const sh_bufpool_stats_t *sh_bufpool_stats(const sh_bufpool_t *pool);

/* An allocator on malloc, for C users and unit tests. The caller owns the
 * state (zero-initialised) and frees what is left with sh_malloc_slabs_free. */
typedef struct sh_malloc_slabs {
  void **slabs; /* by id */
  uint32_t count;
} sh_malloc_slabs_t;
sh_slab_allocator_t sh_malloc_slab_allocator(sh_malloc_slabs_t *state);
void sh_malloc_slabs_free(sh_malloc_slabs_t *state);
/* The memory of a live slab of this allocator (for tests). */
void *sh_malloc_slab(sh_malloc_slabs_t *state, uint32_t id);

#ifdef __cplusplus
}
#endif
#endif
