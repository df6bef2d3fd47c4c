// Per-realm diagnostics that span a realm's whole run: --cpu-prof (V8's
// CpuProfiler, js/cpu_profile.cc) and --stats (perf/ counters,
// js/bind_perf.cc). Realm::Run calls PerfStart first and PerfStop last.
#ifndef SH_JS_CPU_PROFILE_H
#define SH_JS_CPU_PROFILE_H

#include <string>

namespace shard {

class Realm;

// Start: the realm's counters get its core index, --stats arms SIGUSR2 and
// --cpu-prof starts sampling. Stop: --cpu-prof writes its file, and the last
// core to end prints the --stats table. Both on the realm's own thread.
void PerfStart(Realm *realm);
void PerfStop(Realm *realm);

// --cpu-prof alone (called by PerfStart/PerfStop).
void StartCpuProfile(Realm *realm);
// Writes the profile as CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile into
// --cpu-prof-dir (made if missing) or the current directory. Returns 0 or
// -errno (and then prints why).
int StopCpuProfile(Realm *realm);

// The name node --cpu-prof would give (without a directory): exposed so
// that the naming can be checked alone.
std::string CpuProfileFileName(unsigned pid, unsigned tid, unsigned seq);

}  // namespace shard

#endif
