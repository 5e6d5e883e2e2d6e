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
        let days = timestamp >= 0 ? timestamp / 86_400 : (timestamp - 86_399) / 86_400
        let seconds = timestamp - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)\(two(month))\(two(day))\(two(seconds / 3600))\(two(seconds % 3600 / 60))\(two(seconds % 60))"
    }
}
