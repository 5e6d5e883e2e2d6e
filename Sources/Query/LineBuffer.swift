/// A listing's bytes as it is built, line by line, in one growing allocation: an append is a `memcpy`. A
/// noncopyable struct with mutating methods, not nested functions appending to a captured array (every access to
/// a captured variable is checked for exclusivity at run time, `swift_beginAccess`: 4.5 M of the 13 M
/// instructions `*.desktop`'s 50,034 appends cost), nor an `[UInt8]` (`append(contentsOf:)` about 90 instructions a
/// call, 4.9 M of `gcc-12`'s listing).
struct LineBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Room for `extra` more bytes (at least twice the capacity when it grows).
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        new.update(from: storage, count: count)
        storage.deallocate()
        storage = new
        capacity = grown
    }

    /// Appends `text`'s UTF-8 in one copy.
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { append($0) }
        }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        append(raw.assumingMemoryBound(to: UInt8.self))
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Appends `count` spaces (none for a count below 1).
    mutating func pad(_ spaces: Int) {
        guard spaces > 0 else { return }
        reserve(spaces)
        (storage + count).initialize(repeating: UInt8(ascii: " "), count: spaces)
        count += spaces
    }

    /// Forgets the bytes, keeping the allocation (a listing written in parts).
    mutating func removeAll() { count = 0 }

    /// The bytes as a string (invalid UTF-8 repaired, as `String(decoding:as:)` does).
    var text: String { String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self) }
}
