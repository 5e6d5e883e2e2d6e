import DebianFormats
/// File names and stamps of an upload.
enum PortNames {
    /// `1:2.0-1` → `2.0-1` (file names never carry the epoch).
    static func withoutEpoch(_ version: String) -> String {
        guard let colon = version.firstIndex(of: ":"), version[..<colon].allSatisfy(\.isNumber) else { return version }
        return String(version[version.index(after: colon)...])
    }

    /// The upstream part (before the last `-`), for orig tarball names.
    static func upstream(_ version: String) -> String {
        let plain = withoutEpoch(version)
        guard let dash = plain.lastIndex(of: "-") else { return plain }
        return String(plain[..<dash])
    }

    /// `%Y%m%d%H%M%S` in UTC (mini-buildd's rebuild stamp), from days-from-civil arithmetic.
    static func utcStamp(_ timestamp: Int) -> String {
        CivilTime(timestamp: timestamp).compactStamp
    }
}
