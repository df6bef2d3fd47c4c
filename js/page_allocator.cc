#include "js/page_allocator.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>

#include "io/common.h"

namespace shard {

namespace {

int Protection(v8::PageAllocator::Permission access) {
  switch (access) {
    case v8::PageAllocator::kNoAccess:
    case v8::PageAllocator::kNoAccessWillJitLater:
      return PROT_NONE;
    case v8::PageAllocator::kRead:
      return PROT_READ;
    case v8::PageAllocator::kReadWrite:
      return PROT_READ | PROT_WRITE;
    case v8::PageAllocator::kReadWriteExecute:
      return PROT_READ | PROT_WRITE | PROT_EXEC;
    case v8::PageAllocator::kReadExecute:
      return PROT_READ | PROT_EXEC;
  }
  return PROT_NONE;
}

uintptr_t RoundUp(uintptr_t value, size_t multiple) { return (value + multiple - 1) / multiple * multiple; }

void SetBits(std::vector<uint64_t> &bits, size_t first, size_t end) {
  for (size_t i = first; i < end; i++) {
    bits[i / 64] |= 1ull << (i % 64);
  }
}

void ClearBits(std::vector<uint64_t> &bits, size_t first, size_t end) {
  for (size_t i = first; i < end; i++) {
    bits[i / 64] &= ~(1ull << (i % 64));
  }
}

// Pages of [first, end) written by the region's last owner: stale now.
// A word at a time (a code range is thousands of pages).
void WrittenToStale(std::vector<uint64_t> &written, std::vector<uint64_t> &stale, size_t first, size_t end) {
  for (size_t i = first; i < end;) {
    size_t word = i / 64;
    size_t upto = std::min(end, (word + 1) * 64);
    uint64_t mask = upto - i == 64 ? ~0ull : ((1ull << (upto - i)) - 1) << (i % 64);
    stale[word] |= written[word] & mask;
    written[word] &= ~mask;
    i = upto;
  }
}

// Appends the pages of [first, end) whose bit is set to out, and clears them.
void TakeBits(std::vector<uint64_t> &bits, size_t first, size_t end, std::vector<size_t> *out) {
  for (size_t i = first; i < end; i++) {
    uint64_t &word = bits[i / 64];
    if (word == 0) {
      i |= 63; // the rest of this word
      continue;
    }
    uint64_t bit = 1ull << (i % 64);
    if (word & bit) {
      word &= ~bit;
      out->push_back(i);
    }
  }
}

}  // namespace

RecyclingPageAllocator::RecyclingPageAllocator()
    : page_size_(static_cast<size_t>(sysconf(_SC_PAGESIZE))), random_(std::random_device{}()) {
  SH_CHECK(kChunk % page_size_ == 0 && kChunk / page_size_ <= 64);
}

void RecyclingPageAllocator::SetRandomMmapSeed(int64_t seed) {
  std::lock_guard<std::mutex> guard(lock_);
  random_.seed(static_cast<uint64_t>(seed));
}

void *RecyclingPageAllocator::GetRandomMmapAddr() {
  uint64_t raw;
  {
    std::lock_guard<std::mutex> guard(lock_);
    raw = random_();
  }
  // A hint in the lower 46 bits of the address space, as V8's own does on
  // x86-64 Linux (mmap picks another address if it is taken).
  return reinterpret_cast<void *>(raw & 0x3FFFFFFFF000ull);
}

void *RecyclingPageAllocator::Map(void *hint, size_t length, size_t alignment, Permission access) {
  if (alignment < page_size_) {
    alignment = page_size_;
  }
  hint = reinterpret_cast<void *>(reinterpret_cast<uintptr_t>(hint) / alignment * alignment);
  // Room for the worst misalignment; what lies outside the aligned range is
  // given back.
  size_t request = RoundUp(length + (alignment - page_size_), page_size_);
  int prot = Protection(access);
  int flags = MAP_PRIVATE | MAP_ANONYMOUS | (prot == PROT_NONE ? MAP_NORESERVE : 0);
  void *result = mmap(hint, request, prot, flags, -1, 0);
  if (result == MAP_FAILED) {
    return nullptr;
  }
  uintptr_t base = reinterpret_cast<uintptr_t>(result);
  uintptr_t aligned = RoundUp(base, alignment);
  if (aligned != base) {
    munmap(result, aligned - base);
    request -= aligned - base;
  }
  if (request != length) {
    munmap(reinterpret_cast<void *>(aligned + length), request - length);
  }
  return reinterpret_cast<void *>(aligned);
}

bool RecyclingPageAllocator::Keepable(size_t length, size_t alignment, Permission access) {
  if (access != kNoAccess) {
    return false;
  }
  return (length == kChunk && alignment == kChunk) || length >= kMinReservation;
}

void *RecyclingPageAllocator::AllocatePages(void *hint, size_t length, size_t alignment, Permission access) {
  if (!Keepable(length, alignment, access)) {
    return Map(hint, length, alignment, access);
  }
  {
    std::lock_guard<std::mutex> guard(lock_);
    for (auto it = free_.begin(); it != free_.end(); ++it) {
      if (it->second.length != length || it->first % (alignment < page_size_ ? page_size_ : alignment) != 0) {
        continue;
      }
      uintptr_t base = it->first;
      Region region = std::move(it->second);
      free_.erase(it);
      // What the last owner wrote is stale for this one.
      WrittenToStale(region.written, region.stale, 0, region.length / page_size_);
      regions_.emplace(base, std::move(region));
      return reinterpret_cast<void *>(base);
    }
  }
  void *fresh = Map(hint, length, alignment, access);
  if (fresh != nullptr) {
    Region region;
    region.length = length;
    region.alignment = alignment;
    region.prot = PROT_NONE;
    size_t words = (length / page_size_ + 63) / 64;
    region.stale.assign(words, 0);
    region.written.assign(words, 0);
    std::lock_guard<std::mutex> guard(lock_);
    regions_.emplace(reinterpret_cast<uintptr_t>(fresh), std::move(region));
  }
  return fresh;
}

bool RecyclingPageAllocator::FreePages(void *address, size_t length) {
  uintptr_t at = reinterpret_cast<uintptr_t>(address);
  Region region;
  bool keep = false;
  {
    std::lock_guard<std::mutex> guard(lock_);
    auto it = regions_.find(at);
    if (it != regions_.end()) {
      keep = it->second.length == length && Keepable(length, it->second.alignment, kNoAccess);
      region = std::move(it->second);
      regions_.erase(it);
    }
  }
  if (keep) {
    // Room in the free list for one more of its kind (else nothing is
    // cleared or flipped for a region about to be unmapped).
    std::lock_guard<std::mutex> guard(lock_);
    size_t same = 0;
    for (const auto &entry : free_) {
      same += (entry.second.length == kChunk) == (length == kChunk);
    }
    keep = same < (length == kChunk ? kMaxChunks : kMaxReservations);
  }
  if (!keep) {
    // Not kept (or part of a kept region, never seen from V8): its pages
    // go, and so do their bits, lest a later mapping there be zeroed in
    // their name.
    Dropped(at, length);
    return munmap(address, length) == 0;
  }
  bool kept;
  if (length == kChunk) {
    // Read-write and cleared now, as this isolate ends, rather than as the
    // next one starts (the clearing also makes every page resident); a
    // chunk that comes back read-write needs no system call.
    constexpr int kReadWrite = PROT_READ | PROT_WRITE;
    kept = (region.prot == kReadWrite || mprotect(address, length, kReadWrite) == 0);
    if (kept) {
      region.prot = kReadWrite;
      memset(address, 0, length);
      region.resident = true;
      ClearBits(region.stale, 0, length / page_size_);
      ClearBits(region.written, 0, length / page_size_);
    }
  } else {
    // A code reservation: inaccessible before anyone can take it again; its
    // pages stay resident.
    kept = mprotect(address, length, PROT_NONE) == 0;
    region.prot = PROT_NONE;
  }
  if (kept) {
    // (Threads freeing at once may each have seen room: the bound is soft,
    // by at most one region per such thread.)
    std::lock_guard<std::mutex> guard(lock_);
    free_.emplace_back(at, std::move(region));
    return true;
  }
  return munmap(address, length) == 0;
}

bool RecyclingPageAllocator::ReleasePages(void *address, size_t length, size_t new_length) {
  uintptr_t at = reinterpret_cast<uintptr_t>(address);
  Dropped(at + new_length, length - new_length);
  {
    std::lock_guard<std::mutex> guard(lock_);
    auto it = regions_.find(at);
    if (it != regions_.end()) {
      it->second.length = new_length;
    }
  }
  return munmap(reinterpret_cast<void *>(at + new_length), length - new_length) == 0;
}

RecyclingPageAllocator::Region *RecyclingPageAllocator::Find(uintptr_t address, uintptr_t *base) {
  auto it = regions_.upper_bound(address);
  if (it == regions_.begin()) {
    return nullptr;
  }
  --it;
  if (address >= it->first + it->second.length) {
    return nullptr;
  }
  *base = it->first;
  return &it->second;
}

RecyclingPageAllocator::Span RecyclingPageAllocator::PagesOf(uintptr_t base, const Region &region,
                                                             uintptr_t address, size_t length) const {
  size_t first = (address - base) / page_size_;
  size_t end = (RoundUp(address + length, page_size_) - base) / page_size_;
  size_t pages = region.length / page_size_;
  return Span{first, end < pages ? end : pages};
}

void RecyclingPageAllocator::Dropped(uintptr_t address, size_t length) {
  uintptr_t end = address + length;
  std::lock_guard<std::mutex> guard(lock_);
  // (A region that had pages dropped is no longer known to be resident.)
  auto it = regions_.upper_bound(address);
  if (it != regions_.begin()) {
    --it;
  }
  for (; it != regions_.end() && it->first < end; ++it) {
    uintptr_t region_end = it->first + it->second.length;
    if (region_end <= address) {
      continue;
    }
    uintptr_t from = address > it->first ? address : it->first;
    uintptr_t to = end < region_end ? end : region_end;
    Span span = PagesOf(it->first, it->second, from, to - from);
    ClearBits(it->second.stale, span.first, span.end);
    ClearBits(it->second.written, span.first, span.end);
    it->second.resident = false;
  }
}

void RecyclingPageAllocator::ZeroPages(uintptr_t base, const std::vector<size_t> &pages, bool writable,
                                       bool all_resident) {
  // A resident page is cleared in place (no fault); one that is not (never
  // touched, or swapped out), or one committed without write access, is
  // dropped, and reads as zero when touched. A region known to be resident
  // needs no mincore (a page swapped out meanwhile is merely faulted in).
  size_t lo = pages.front();
  size_t count = pages.back() - lo + 1;
  std::vector<unsigned char> resident(count, all_resident ? 1 : 0);
  if (!writable) {
    std::fill(resident.begin(), resident.end(), 0); // drop them all
  } else if (!all_resident &&
             mincore(reinterpret_cast<void *>(base + lo * page_size_), count * page_size_, resident.data()) != 0) {
    std::fill(resident.begin(), resident.end(), 0);
  }
  for (size_t i = 0; i < pages.size();) {
    // A run of consecutive pages, all resident or all not.
    size_t j = i + 1;
    bool in_memory = resident[pages[i] - lo] & 1;
    while (j < pages.size() && pages[j] == pages[j - 1] + 1 && (resident[pages[j] - lo] & 1) == in_memory) {
      j++;
    }
    void *from = reinterpret_cast<void *>(base + pages[i] * page_size_);
    size_t bytes = (j - i) * page_size_;
    if (in_memory) {
      memset(from, 0, bytes);
    } else {
      madvise(from, bytes, MADV_DONTNEED);
    }
    i = j;
  }
}

bool RecyclingPageAllocator::SetPermissions(void *address, size_t length, Permission access) {
  int prot = Protection(access);
  uintptr_t at = reinterpret_cast<uintptr_t>(address);
  uintptr_t base = 0;
  bool unchanged = false; // a whole kept region that has this protection already
  {
    std::lock_guard<std::mutex> guard(lock_);
    Region *region = Find(at, &base);
    if (region != nullptr) {
      bool whole = at == base && length == region->length;
      if (whole && prot == PROT_NONE && region->length == kChunk &&
          disposing_.load(std::memory_order_relaxed) > 0) {
        // Freed next (BeginDispose): stays as it is, what it holds stale.
        WrittenToStale(region->written, region->stale, 0, region->length / page_size_);
        return true;
      }
      unchanged = whole && region->prot == prot;
      region->prot = whole ? prot : -1;
    }
  }
  if (!unchanged && mprotect(address, length, prot) != 0) {
    // Only running out of mappings is expected; anything else is a bug.
    SH_CHECK(errno == ENOMEM);
    std::lock_guard<std::mutex> guard(lock_);
    Region *region = Find(at, &base);
    if (region != nullptr) {
      region->prot = -1;
    }
    return false;
  }
  if (prot == PROT_NONE) {
    // Code pages an isolate gives back stay resident, to be zeroed when
    // committed again (its code range is kept for the next isolate, which
    // puts its code in the same pages). Other pages go back to the system
    // as V8's own allocator does it, and read as zero when committed again.
    bool kept = false;
    {
      std::lock_guard<std::mutex> guard(lock_);
      Region *region = Find(at, &base);
      if (region != nullptr && region->length >= kMinReservation) {
        Span span = PagesOf(base, *region, at, length);
        WrittenToStale(region->written, region->stale, span.first, span.end);
        kept = true;
      }
    }
    if (!kept) {
      madvise(address, length, MADV_DONTNEED);
      Dropped(at, length);
    }
    return true;
  }
  std::vector<size_t> stale;
  bool resident = false;
  {
    std::lock_guard<std::mutex> guard(lock_);
    Region *region = Find(at, &base);
    if (region != nullptr) {
      Span span = PagesOf(base, *region, at, length);
      TakeBits(region->stale, span.first, span.end, &stale);
      SetBits(region->written, span.first, span.end);
      resident = region->resident;
    }
  }
  if (stale.empty()) {
    return true;
  }
  ZeroPages(base, stale, (prot & PROT_WRITE) != 0, resident);
  return true;
}

bool RecyclingPageAllocator::DiscardSystemPages(void *address, size_t size) {
  Dropped(reinterpret_cast<uintptr_t>(address), size);
  return madvise(address, size, MADV_DONTNEED) == 0;
}

bool RecyclingPageAllocator::DecommitPages(void *address, size_t size) {
  Dropped(reinterpret_cast<uintptr_t>(address), size);
  {
    // A fresh PROT_NONE mapping replaces those pages.
    std::lock_guard<std::mutex> guard(lock_);
    uintptr_t base;
    Region *region = Find(reinterpret_cast<uintptr_t>(address), &base);
    if (region != nullptr) {
      region->prot = -1;
    }
  }
  // A fresh inaccessible mapping over the range: zero when committed again.
  void *result = mmap(address, size, PROT_NONE, MAP_FIXED | MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  return result == address;
}

}  // namespace shard
