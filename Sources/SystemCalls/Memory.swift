/// The C library's heap.
public enum Memory {
    /// Hands the heap's free pages back to the kernel (`malloc_trim(3)`, every arena). After a large
    /// structure built on one thread is freed on another, glibc keeps its pages in the building thread's
    /// arena, resident, and the next large structure takes fresh ones: the peak would be the sum of both.
    public static func returnFreePages() {
        _ = glibcMallocTrim(0)
    }
}

/// `int malloc_trim(size_t pad)` from `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
