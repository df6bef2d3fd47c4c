// The pages of V8's heaps. An isolate's heap grows in 256 KiB chunks, each a
// fresh mmap, and its code lives in a 128 MiB reservation of its own: every
// Worker faults in a few MiB page by page (1.6 µs a page on a VM, ~0.5 ms of
// a Worker's start) and unmaps them all when it ends. This allocator keeps
// the chunks and code reservations an isolate frees, with their pages still
// resident, and hands them to the next isolate. A page that held bytes is
// zeroed when it is committed again (in place where resident, else dropped),
// so V8 sees what a fresh mapping would give it. Anything else goes to mmap
// as V8's own allocator does it.
//
// A kept heap chunk stays readable and writable between its owners, as
// V8's own pool of new-space pages does: the protection flips of taking and
// giving back a chunk (three system calls, each a TLB shootdown on every
// CPU running this process) were most of a Worker's system time.
#ifndef SH_JS_PAGE_ALLOCATOR_H
#define SH_JS_PAGE_ALLOCATOR_H

#include <v8-platform.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <vector>

namespace shard {

class RecyclingPageAllocator final : public v8::PageAllocator {
 public:
  RecyclingPageAllocator();

  size_t AllocatePageSize() override { return page_size_; }
  size_t CommitPageSize() override { return page_size_; }
  void SetRandomMmapSeed(int64_t seed) override;
  void *GetRandomMmapAddr() override;
  void *AllocatePages(void *hint, size_t length, size_t alignment, Permission access) override;
  bool FreePages(void *address, size_t length) override;
  bool ReleasePages(void *address, size_t length, size_t new_length) override;
  bool SetPermissions(void *address, size_t length, Permission access) override;
  bool DiscardSystemPages(void *address, size_t size) override;
  bool DecommitPages(void *address, size_t size) override;

  // Around Isolate::Dispose: V8 then makes the chunks it uncommits
  // inaccessible and drops their pages just before it frees them; a kept
  // chunk skips both (its pages are zeroed when committed again).
  void BeginDispose() { disposing_.fetch_add(1, std::memory_order_relaxed); }
  void EndDispose() { disposing_.fetch_sub(1, std::memory_order_relaxed); }

  // What is kept: the chunks of V8's heap spaces, and reservations as large
  // as a code range.
  static constexpr size_t kChunk = 256 * 1024;
  static constexpr size_t kMinReservation = 32u << 20;
  static constexpr size_t kMaxChunks = 32;
  static constexpr size_t kMaxReservations = 2;

 private:
  // A kept allocation; bit i of a set is its page i.
  struct Region {
    size_t length = 0;
    size_t alignment = 0;
    int prot = -1;          // of every page, as last set; -1: mixed or unknown
    bool resident = false;  // every page populated, and none dropped since
    std::vector<uint64_t> stale;   // an earlier isolate's bytes: zeroed when committed
    std::vector<uint64_t> written; // committed since last dropped: may hold bytes
  };
  struct Span {
    size_t first, end; // pages of the region
  };

  void *Map(void *hint, size_t length, size_t alignment, Permission access);
  static bool Keepable(size_t length, size_t alignment, Permission access);
  // The tracked region that holds address, or nullptr (lock held).
  Region *Find(uintptr_t address, uintptr_t *base);
  Span PagesOf(uintptr_t base, const Region &region, uintptr_t address, size_t length) const;
  void Dropped(uintptr_t address, size_t length); // those pages read as zero now
  void ZeroPages(uintptr_t base, const std::vector<size_t> &pages, bool writable, bool all_resident);

  size_t page_size_;
  std::mutex lock_;
  std::map<uintptr_t, Region> regions_;                // handed out, by base
  std::vector<std::pair<uintptr_t, Region>> free_;     // freed: chunks read-write, reservations PROT_NONE
  std::mt19937_64 random_;
  std::atomic<int> disposing_{0};
};

}  // namespace shard

#endif
