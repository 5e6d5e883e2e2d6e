/// A file name in apt's lists directory (`/var/lib/apt/lists`). apt stores every index it downloads under its
/// URL made into one name (apt's `URItoFileName`: the scheme and any credentials dropped, `_`, `%` and a few
/// other bytes percent-quoted, every `/` turned into `_`), and keeps compressed files with their own suffix:
/// `deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4` is
/// `http://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages`, kept as lz4.
///
/// Since a `/` becomes `_` and a `_` becomes `%5f`, the path inside the distribution folder reads back exactly;
/// the distribution folder is the name's part after its last `_dists_` up to the next `_` (a folder with a
/// `/` in it, like the old `stable/updates`, reads as its first component).
public struct AptListsName: Sendable, Hashable {
    /// The name up to and including the distribution folder: `deb.debian.org_debian_dists_bookworm`.
    public var prefix: String
    /// The distribution folder under `dists/`, unquoted: `bookworm`.
    public var distribution: String
    /// The file's path inside the distribution folder, unquoted: `main/binary-amd64/Packages.lz4`, `InRelease`.
    public var relative: String

    /// Reads `name`; nil for a name that is not `<site>_dists_<distribution>_<path>` or whose quoting is broken.
    public init?(_ name: String) {
        let bytes = Array(name.utf8)
        let marker = Array("_dists_".utf8)
        guard bytes.count > marker.count,
              let start = stride(from: bytes.count - marker.count, through: 1, by: -1).first(where: {
                  bytes[$0..<($0 + marker.count)].elementsEqual(marker)
              }) else { return nil }
        let folderStart = start + marker.count
        guard let end = bytes[folderStart...].firstIndex(of: UInt8(ascii: "_")), end > folderStart, end + 1 < bytes.count,
              let distribution = Self.unquoted(bytes[folderStart..<end]),
              let relative = Self.unquoted(bytes[(end + 1)...].map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0 }[...])
        else { return nil }
        self.prefix = String(decoding: bytes[..<end], as: UTF8.self)
        self.distribution = distribution
        self.relative = relative
    }

    /// The name apt gives the file at `relative` (`main/Contents-amd64.lz4`) in the distribution whose names
    /// start with `prefix`.
    public static func fileName(prefix: String, relative: String) -> String {
        var name = prefix + "_"
        for byte in relative.utf8 {
            if byte == UInt8(ascii: "/") {
                name += "_"
            } else if byte <= 0x20 || byte >= 0x7F || quoted.contains(byte) {
                name += "%" + String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
            } else {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return name
    }

    /// The bytes apt's `URItoFileName` percent-quotes besides blanks, control bytes and non-ASCII.
    static let quoted = Set("\\|{}[]<>\"^~_=!@#$%&*".utf8)

    /// `%xx` sequences decoded; nil when one is broken or the result is not UTF-8.
    static func unquoted(_ bytes: ArraySlice<UInt8>) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return nil }
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(validating: result, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
