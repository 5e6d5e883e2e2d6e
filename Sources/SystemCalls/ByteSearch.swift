/// Searches of byte buffers through the C library's `memmem(3)` and `memrchr(3)` (GNU extensions, which the Glibc
/// module does not export): vectorised, many times faster than a loop over the bytes.
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack`, or nil. An empty needle is found at 0.
    public static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let base = haystack.baseAddress else { return needle.isEmpty ? 0 : nil }
        guard let needleBase = needle.baseAddress else { return 0 }
        return glibcMemmem(base, haystack.count, needleBase, needle.count).map { base.distance(to: UnsafeRawPointer($0)) }
    }

    /// The offset of the last `byte` in `haystack`, or nil.
    public static func lastOffset(of byte: UInt8, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let base = haystack.baseAddress else { return nil }
        return glibcMemrchr(base, Int32(byte), haystack.count).map { base.distance(to: UnsafeRawPointer($0)) }
    }
}

/// `void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen)` from `<string.h>`.
@_silgen_name("memmem")
private func glibcMemmem(_ haystack: UnsafeRawPointer, _ haystackLength: Int, _ needle: UnsafeRawPointer,
                         _ needleLength: Int) -> UnsafeMutableRawPointer?

/// `void *memrchr(const void *s, int c, size_t n)` from `<string.h>`.
@_silgen_name("memrchr")
private func glibcMemrchr(_ bytes: UnsafeRawPointer, _ byte: Int32, _ count: Int) -> UnsafeMutableRawPointer?
