/* Which CPUs the cores run on: hwloc's view of the machine, restricted to
 * the process's CPU mask (so `taskset` still decides), one processing unit
 * per core, physical cores before their hyperthread siblings. */
#ifndef SH_TOPOLOGY_H
#define SH_TOPOLOGY_H

#include <stddef.h>

int sh_topology_init(void);
/* Processing units the process may run on. */
int sh_topology_pu_count(void);
/* The OS index of the CPU core i should run on (i wraps around). */
int sh_topology_cpu_for(int i);
/* Pins the calling thread to that CPU and makes its allocations NUMA-local.
 * Returns 0 or -errno. */
int sh_topology_bind_thread(int cpu);
/* Physical memory in bytes. */
size_t sh_topology_memory(void);

#endif
