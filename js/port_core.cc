// Where PortCores live, and the slow half of their lock (js/messaging.h).
#include <linux/futex.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "io/common.h"
#include "js/messaging.h"

namespace shard {

namespace {

// The lock is held for a few pointer moves: a waiter first spins about
// that long, then sleeps.
constexpr int kSpins = 100;

long Futex(std::atomic<int> *word, int op, int value) {
  static_assert(sizeof(std::atomic<int>) == sizeof(int), "a futex is a plain int");
  return syscall(SYS_futex, reinterpret_cast<int *>(word), op | FUTEX_PRIVATE_FLAG, value, nullptr, nullptr, 0);
}

// A PortCore's control block and the core start a cache line (js/messaging.h,
// PortCore).
void *TakeLines(size_t bytes) {
  void *p = aligned_alloc(64, (bytes + 63) & ~static_cast<size_t>(63));
  SH_CHECK(p != nullptr);
  return p;
}

}  // namespace

void PortLock::LockContended() {
  for (int i = 0; i < kSpins; i++) {
    int expected = kFree;
    if (state_.load(std::memory_order_relaxed) == kFree &&
        state_.compare_exchange_weak(expected, kHeld, std::memory_order_acquire, std::memory_order_relaxed)) {
      return;
    }
    __builtin_ia32_pause();
  }
  // Marked kWaited from here on, even when taken at once: the unlock then
  // wakes one sleeper, maybe for nothing, never missing one.
  while (state_.exchange(kWaited, std::memory_order_acquire) != kFree) {
    Futex(&state_, FUTEX_WAIT, kWaited);
  }
}

void PortLock::WakeOne() { Futex(&state_, FUTEX_WAKE, 1); }

std::shared_ptr<PortCore> NewPortCore() {
  return std::allocate_shared<PortCore>(FnAllocator<PortCore, TakeLines, free>());
}

}  // namespace shard
