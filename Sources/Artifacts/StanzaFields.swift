import DebianFormats

/// The control fields of one `Packages`/`Sources` stanza, packed into one byte buffer: a metadata-only
/// distribution (bookworm main: 97,775 stanzas) is read whole before the index writes it, and one
/// allocation per stanza instead of two per field keeps that memory near the text's own size.
///
/// Names are lowercased (as `binaries.fields`). Each field is its name, a NUL, the value's length in four
/// bytes (little-endian), then the value: values may hold any byte.
public struct StanzaFields: Sendable, Hashable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// The fields of `paragraph` but `dropping` (lowercase names: the archive's checksums and file lists,
    /// which say where a file is, not what the package is).
    public init(_ paragraph: Deb822Paragraph, dropping: Set<String>) {
        for field in paragraph.fields {
            let name = field.name.lowercased()
            guard !dropping.contains(name) else { continue }
            append(name: name, value: field.value)
        }
    }

    public mutating func append(name: String, value: String) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(0)
        let count = UInt32(truncatingIfNeeded: value.utf8.count)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: count >> UInt32(shift))) }
        bytes.append(contentsOf: value.utf8)
    }

    /// The (name, value) pairs in stanza order.
    public var pairs: [(name: String, value: String)] {
        var result: [(String, String)] = []
        var index = 0
        while let nul = bytes[index...].firstIndex(of: 0), nul + 5 <= bytes.count {
            let name = String(decoding: bytes[index..<nul], as: UTF8.self)
            var count = 0
            for offset in 0..<4 { count |= Int(bytes[nul + 1 + offset]) << (8 * offset) }
            let start = nul + 5
            let end = min(start + count, bytes.count)
            result.append((name, String(decoding: bytes[start..<end], as: UTF8.self)))
            index = end
        }
        return result
    }

    /// The value of a (lowercase) field.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }
}
