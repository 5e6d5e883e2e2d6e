/// A Debian package version, `[epoch:]upstream[-revision]` (deb-version(7)), parsed and compared
/// exactly like dpkg (`parseversion` and `verrevcmp` in dpkg's lib/dpkg/version.c).
///
/// Equality is dpkg equality: `1.0`, `1.0-0`, `0:1.0` and `1.00` are all equal, and the hash is computed
/// from a normalised form so that equal versions hash alike. Use ``description`` for the text.
public struct DebianVersion: Sendable, CustomStringConvertible {
    /// The epoch, 0 when absent.
    public let epoch: Int
    /// The upstream part (between the epoch's colon and the last hyphen).
    public let upstream: String
    /// The Debian revision (after the last hyphen), `""` when absent.
    public let revision: String
    /// Whether the text had an epoch (`0:1.0` has one, `1.0` does not).
    public let hasEpoch: Bool
    /// What dpkg only warns about (`version number does not start with digit`,
    /// `invalid character in version number`, `invalid character in revision number`).
    /// dpkg reports only the first of them; this lists each kind found.
    public var warnings: [String]

    /// Parses `text` the way dpkg's `parseversion` does: surrounding blanks (space, tab) are ignored.
    ///
    /// - Throws: ``VersionError`` where dpkg errors: empty string, embedded spaces, an epoch that is empty,
    ///   not a number, negative or above `Int32.max`, nothing after the colon, an empty revision after `-`,
    ///   an empty upstream version. Where dpkg only warns, the version parses and ``warnings`` says why.
    public init(_ text: String) throws(VersionError) {
        let bytes = Array(text.utf8)
        func fail(_ reason: String) -> VersionError { VersionError(version: text, reason: reason) }
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

        var start = 0
        while start < bytes.count, isBlank(bytes[start]) { start += 1 }
        if start == bytes.count { throw fail("version string is empty") }
        var end = start
        while end < bytes.count, !isBlank(bytes[end]) { end += 1 }
        var rest = end
        while rest < bytes.count, isBlank(bytes[rest]) { rest += 1 }
        if rest != bytes.count { throw fail("version string has embedded spaces") }

        var body = start
        var epoch = 0
        var hasEpoch = false
        if let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) {
            epoch = try Self.parseEpoch(bytes[start..<colon], fail: fail)
            hasEpoch = true
            body = colon + 1
            if body == end { throw fail("nothing after colon in version number") }
        }
        let version = bytes[body..<end]
        var upstreamBytes = version
        var revisionBytes = version[version.endIndex...]
        if let hyphen = version.lastIndex(of: UInt8(ascii: "-")) {
            upstreamBytes = version[..<hyphen]
            revisionBytes = version[(hyphen + 1)...]
            if revisionBytes.isEmpty { throw fail("revision number is empty") }
        }
        if upstreamBytes.isEmpty { throw fail("version number is empty") }

        var warnings: [String] = []
        if let first = upstreamBytes.first, !Self.isDigit(first) {
            warnings.append("version number does not start with digit")
        }
        if upstreamBytes.contains(where: { !Self.isAlnum($0) && !".-+~:".utf8.contains($0) }) {
            warnings.append("invalid character in version number")
        }
        if revisionBytes.contains(where: { !Self.isAlnum($0) && !".+~".utf8.contains($0) }) {
            warnings.append("invalid character in revision number")
        }

        self.epoch = epoch
        self.hasEpoch = hasEpoch
        self.upstream = String(decoding: upstreamBytes, as: UTF8.self)
        self.revision = String(decoding: revisionBytes, as: UTF8.self)
        self.warnings = warnings
    }

    /// The epoch as C's `strtol` reads it in dpkg: optional white space and sign, then digits that must
    /// reach the colon.
    private static func parseEpoch(
        _ text: ArraySlice<UInt8>, fail: (String) -> VersionError
    ) throws(VersionError) -> Int {
        var i = text.startIndex
        while i < text.endIndex, [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(text[i]) { i += 1 }
        var negative = false
        if i < text.endIndex, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        let digitsStart = i
        var value = 0
        var tooBig = false
        while i < text.endIndex, isDigit(text[i]) {
            if value > Int(Int32.max) { tooBig = true } else { value = value * 10 + Int(text[i] - 0x30) }
            i += 1
        }
        if i == digitsStart { throw fail("epoch in version is empty") }
        if i != text.endIndex { throw fail("epoch in version is not number") }
        if negative, value != 0 { throw fail("epoch in version is negative") }
        if tooBig || value > Int(Int32.max) { throw fail("epoch in version is too big") }
        return value
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }

    /// The canonical text: `epoch:` only if the input had one, `-revision` only if non-empty.
    public var description: String {
        (hasEpoch ? "\(epoch):" : "") + withoutEpoch
    }

    /// `upstream[-revision]`, the form used in file names (which never contain the epoch).
    public var withoutEpoch: String {
        revision.isEmpty ? upstream : upstream + "-" + revision
    }
}
