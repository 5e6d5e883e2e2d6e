/// A listing's bytes as it is built, line by line. A struct with mutating methods, not nested functions
/// appending to a captured array: every access to a captured variable is checked for exclusivity at run time
/// (`swift_beginAccess`, 4.5 M of the 13 M instructions `*.desktop`'s 50,034 appends cost).
struct LineBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text`'s UTF-8 in one copy (appending the `utf8` view goes element by element).
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends `count` spaces (none for a count below 1), a slice of a row of them at a time.
    mutating func pad(_ count: Int) {
        var left = count
        while left > 0 {
            let chunk = min(left, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[..<chunk])
            left -= chunk
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// The bytes as a string (invalid UTF-8 repaired, as `String(decoding:as:)` does).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
