import Glibc

/// The C library's heap.
public enum Memory {
    /// Hands the heap's free pages back to the kernel (`malloc_trim(3)`, every arena). After a large
    /// structure built on one thread is freed on another, glibc keeps its pages in the building thread's
    /// arena, resident, and the next large structure takes fresh ones: the peak would be the sum of both.
    public static func returnFreePages() {
        _ = glibcMallocTrim(0)
    }

    /// Sets the heap up for a short-lived call that reads the index, builds a listing and exits: fewer page faults,
    /// which cost this host about 7 µs each (4,761 of them in `search --path '*.desktop'`, 8,339 lines: a third of
    /// its time). Not for `index`: its peak memory is measured and bounded, and it runs for minutes.
    ///
    /// - Freed blocks stay for the process's next allocations (`mallopt(3)`): by default glibc maps every block of
    ///   128 KB and more on its own and unmaps it when freed, and gives the heap's free top back, so each growth
    ///   of a large array touches fresh pages, each first touch a fault.
    /// - The heap's next ``hugePageHeap`` bytes are backed by transparent huge pages (`madvise(MADV_HUGEPAGE)`,
    ///   what glibc's `glibc.malloc.hugetlb=1` tunable does): one fault for 2 MB where there were 512. The range
    ///   is reserved by allocating one block and freeing it (kept, by the setting above); only address space until
    ///   touched. With huge pages off (`never`) the advice changes nothing.
    public static func tuneHeapForOneQuery() {
        _ = glibcMallopt(mmapThreshold, reuseLimit)
        _ = glibcMallopt(trimThreshold, reuseLimit)
        guard let block = malloc(hugePageHeap) else { return }
        let address = Int(bitPattern: block)
        let start = (address + hugePageSize - 1) & ~(hugePageSize - 1)
        let end = (address + hugePageHeap) & ~(hugePageSize - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        free(block)
    }

    /// `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD` from `<malloc.h>`.
    private static let mmapThreshold: Int32 = -3
    private static let trimThreshold: Int32 = -1
    /// Blocks up to this size come from the heap, and this much free heap is kept.
    private static let reuseLimit: Int32 = 256 << 20
    /// The heap a query's listing may grow into on huge pages, and their size on x86-64 and arm64 (4 KB pages).
    private static let hugePageHeap = 32 << 20
    private static let hugePageSize = 2 << 20
}

/// `int malloc_trim(size_t pad)` from `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

/// `int mallopt(int param, int value)` from `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
