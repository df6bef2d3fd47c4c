#include "core/topology.h"

#include <errno.h>
#include <hwloc.h>
#include <numa.h>
#include <sched.h>
#include <unistd.h>

#include "io/common.h"

static hwloc_topology_t topo;
static int *order; /* OS CPU indexes, in the order cores take them */
static int order_len;

int sh_topology_init(void) {
  if (hwloc_topology_init(&topo) != 0) {
    return -ENOMEM;
  }
  hwloc_topology_set_flags(topo, HWLOC_TOPOLOGY_FLAG_RESTRICT_TO_CPUBINDING);
  if (hwloc_topology_load(topo) != 0) {
    return -EINVAL;
  }
  int npu = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
  if (npu < 1) {
    npu = 1;
  }
  order = sh_xcalloc((size_t)npu, sizeof *order);
  /* First PU of every physical core, then the second ones, and so on: two
   * loops never share a core's execution units while a free core exists. */
  int ncores = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
  for (int round = 0; order_len < npu && ncores > 0; round++) {
    int added = 0;
    for (int c = 0; c < ncores; c++) {
      hwloc_obj_t core = hwloc_get_obj_by_type(topo, HWLOC_OBJ_CORE, (unsigned)c);
      hwloc_obj_t pu = hwloc_get_obj_inside_cpuset_by_type(topo, core->cpuset, HWLOC_OBJ_PU,
                                                           (unsigned)round);
      if (pu != NULL) {
        order[order_len++] = (int)pu->os_index;
        added++;
      }
    }
    if (added == 0) {
      break;
    }
  }
  if (order_len == 0) {
    for (int p = 0; p < npu; p++) {
      hwloc_obj_t pu = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PU, (unsigned)p);
      order[order_len++] = pu ? (int)pu->os_index : p;
    }
  }
  return 0;
}

int sh_topology_pu_count(void) { return order_len > 0 ? order_len : 1; }

int sh_topology_cpu_for(int i) { return order_len > 0 ? order[i % order_len] : -1; }

int sh_topology_bind_thread(int cpu) {
  if (cpu < 0) {
    return 0;
  }
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  hwloc_bitmap_only(set, (unsigned)cpu);
  int err = hwloc_set_cpubind(topo, set, HWLOC_CPUBIND_THREAD);
  hwloc_bitmap_free(set);
  if (err != 0) {
    return -errno;
  }
  if (numa_available() >= 0) {
    numa_set_localalloc();
  }
  return 0;
}

size_t sh_topology_memory(void) {
  hwloc_obj_t root = hwloc_get_root_obj(topo);
  if (root != NULL && root->total_memory > 0) {
    return (size_t)root->total_memory;
  }
  return (size_t)sysconf(_SC_PHYS_PAGES) * (size_t)sysconf(_SC_PAGESIZE);
}
