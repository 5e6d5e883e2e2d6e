// TEMPORARY: minimal stand-ins for the DebianFormats API while the real module is written on the
// `formats` branch. Deleted at merge.
public struct Deb822Field: Sendable, Hashable { public var name: String; public var value: String; public var line: Int
    public init(name: String, value: String, line: Int) { self.name = name; self.value = value; self.line = line } }
public struct Deb822Paragraph: Sendable, Hashable {
    public var fields: [Deb822Field]; public var line: Int
    public init(fields: [Deb822Field] = [], line: Int = 0) { self.fields = fields; self.line = line }
    public subscript(_ name: String) -> String? {
        get { fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        set { if let i = fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) { if let newValue { fields[i].value = newValue } else { fields.remove(at: i) } } else if let newValue { fields.append(Deb822Field(name: name, value: newValue, line: 0)) } }
    }
    public func contains(_ name: String) -> Bool { self[name] != nil }
    public func lines(of name: String) -> [String] { (self[name] ?? "").split(separator: "\n").map { String($0.drop { $0 == " " || $0 == "\t" }) }.filter { !$0.isEmpty } }
    public var text: String { fields.map { $0.value.hasPrefix("\n") ? "\($0.name):\($0.value)\n" : "\($0.name): \($0.value)\n" }.joined() }
}
public struct Deb822Document: Sendable, Hashable {
    public var paragraphs: [Deb822Paragraph]; public var isSigned: Bool
    public static func parse(_ text: String, file: String) throws(Deb822Error) -> Deb822Document {
        var paras: [Deb822Paragraph] = []; var cur = Deb822Paragraph(); var signed = false
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first == "-----BEGIN PGP SIGNED MESSAGE-----" { signed = true
            let start = (lines.firstIndex(of: "") ?? 0) + 1; let end = lines.firstIndex(of: "-----BEGIN PGP SIGNATURE-----") ?? lines.count
            lines = Array(lines[start..<end]) }
        for (n, line) in lines.enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { if !cur.fields.isEmpty { paras.append(cur); cur = Deb822Paragraph() }; continue }
            if line.hasPrefix("#") { continue }
            if line.first == " " || line.first == "\t" { guard !cur.fields.isEmpty else { throw Deb822Error(file: file, line: n + 1, reason: "continuation line outside a field") }
                cur.fields[cur.fields.count - 1].value += "\n" + line; continue }
            guard let colon = line.firstIndex(of: ":") else { throw Deb822Error(file: file, line: n + 1, reason: "line without a field name: '\(line)'") }
            if cur.fields.isEmpty { cur.line = n + 1 }
            let name = String(line[..<colon]); if cur.contains(name) { throw Deb822Error(file: file, line: n + 1, reason: "duplicate value for '\(name)' field") }
            cur.fields.append(Deb822Field(name: name, value: String(line[line.index(after: colon)...]).trimmingSpaces, line: n + 1))
        }
        if !cur.fields.isEmpty { paras.append(cur) }
        return Deb822Document(paragraphs: paras, isSigned: signed)
    }
    public static func parse(bytes: [UInt8], file: String) throws(Deb822Error) -> Deb822Document {
        guard let s = String(validating: bytes, as: UTF8.self) else { throw Deb822Error(file: file, line: 0, reason: "invalid UTF-8") }
        return try parse(s, file: file)
    }
}
extension String { var trimmingSpaces: String { String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) } }
public struct Deb822Error: Error, Sendable, CustomStringConvertible { public var file: String; public var line: Int; public var reason: String
    public var description: String { "\(file):\(line): \(reason)" } }
public struct DebianVersion: Sendable, Comparable, CustomStringConvertible, Hashable {
    public let epoch: Int; public let upstream: String; public let revision: String; public let hasEpoch: Bool
    public init(_ text: String) throws(VersionError) { var t = Substring(text); var e = 0; var he = false
        if let c = t.firstIndex(of: ":") { e = Int(t[..<c]) ?? 0; he = true; t = t[t.index(after: c)...] }
        if let d = t.lastIndex(of: "-") { upstream = String(t[..<d]); revision = String(t[t.index(after: d)...]) } else { upstream = String(t); revision = "" }
        epoch = e; hasEpoch = he; if upstream.isEmpty { throw VersionError(version: text, reason: "empty") } }
    public var warnings: [String] { [] }
    public var description: String { (hasEpoch ? "\(epoch):" : "") + upstream + (revision.isEmpty ? "" : "-\(revision)") }
    public var withoutEpoch: String { upstream + (revision.isEmpty ? "" : "-\(revision)") }
    public static func compare(_ a: DebianVersion, _ b: DebianVersion) -> Int { a.epoch != b.epoch ? (a.epoch < b.epoch ? -1 : 1) : (a.upstream < b.upstream ? -1 : a.upstream > b.upstream ? 1 : (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0)) }
    public static func < (a: DebianVersion, b: DebianVersion) -> Bool { compare(a, b) < 0 }
    public static func == (a: DebianVersion, b: DebianVersion) -> Bool { compare(a, b) == 0 }
    public func hash(into h: inout Hasher) { h.combine(epoch) }
}
public struct VersionError: Error, Sendable, CustomStringConvertible { public var version: String; public var reason: String; public var description: String { "version '\(version)': \(reason)" } }
public struct ChangelogMetadata: Sendable, Hashable { public var key: String; public var value: String }
public struct ChangelogEntry: Sendable, Hashable {
    public var source = ""; public var version = ""; public var distributions: [String] = []; public var urgency = ""
    public var metadata: [ChangelogMetadata] = []; public var header = ""; public var changes = ""; public var items: [String] = []
    public var closes: [Int] = []; public var maintainer = ""; public var date = ""; public var timestamp: Int? = nil; public var line = 0
}
public struct ChangelogWarning: Sendable, Hashable { public var file: String; public var line: Int; public var message: String }
public struct Changelog: Sendable {
    public var entries: [ChangelogEntry]; public var warnings: [ChangelogWarning]
    public static func parse(_ text: String, file: String) throws(ChangelogError) -> Changelog {
        var entries: [ChangelogEntry] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let f = line.first, f.isLetter || f.isNumber, let p = line.firstIndex(of: "("), let q = line.firstIndex(of: ")") {
                var e = ChangelogEntry(); e.source = String(line[..<p]).trimmingSpaces; e.version = String(line[line.index(after: p)..<q]); e.header = String(line); e.line = n + 1
                e.distributions = String(line[line.index(after: q)...].split(separator: ";").first ?? "").split(separator: " ").map(String.init); entries.append(e)
            } else if line.hasPrefix(" -- "), !entries.isEmpty { let t = line.dropFirst(4); let parts = t.components2
                entries[entries.count - 1].maintainer = parts.0; entries[entries.count - 1].date = parts.1
            } else if !entries.isEmpty, entries[entries.count - 1].maintainer.isEmpty { entries[entries.count - 1].changes += String(line) + "\n" }
        }
        if entries.isEmpty { throw ChangelogError(file: file, line: 1, reason: "no changelog header") }
        return Changelog(entries: entries, warnings: [])
    }
}
extension Substring { var components2: (String, String) { if let r = self.firstRange(of: "  ") { return (String(self[..<r.lowerBound]), String(self[r.upperBound...])) }; return (String(self), "") } }
public struct ChangelogError: Error, Sendable, CustomStringConvertible { public var file: String; public var line: Int; public var reason: String; public var description: String { "\(file):\(line): \(reason)" } }
public enum SourceFormat: Sendable, Hashable { case v1, quilt, native, other(String) }
public enum ChecksumAlgorithm: String, Sendable, CaseIterable { case md5 = "MD5Sum", sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"
    public var dscField: String { switch self { case .md5: "Files"; case .sha1: "Checksums-Sha1"; case .sha256: "Checksums-Sha256"; case .sha512: "Checksums-Sha512" } } }
public struct ChecksumEntry: Sendable, Hashable { public var hash: String; public var size: Int64; public var name: String; public var section: String?; public var priority: String? }
public struct FieldError: Error, Sendable, CustomStringConvertible { public var file: String; public var field: String; public var line: Int?; public var reason: String; public var description: String { "\(file): field '\(field)': \(reason)" } }
public enum ChecksumField {
    public static func parse(_ p: Deb822Paragraph, file: String, changesFiles: Bool = false) throws(FieldError) -> [ChecksumAlgorithm: [ChecksumEntry]] {
        var r: [ChecksumAlgorithm: [ChecksumEntry]] = [:]
        for a in [ChecksumAlgorithm.md5, .sha1, .sha256] where p.contains(a.dscField) {
            r[a] = try p.lines(of: a.dscField).map { (l: String) throws(FieldError) -> ChecksumEntry in let t = l.split(separator: " ").map(String.init)
                if a == .md5 && changesFiles { guard t.count == 5, let s = Int64(t[1]) else { throw FieldError(file: file, field: a.dscField, line: nil, reason: "bad line '\(l)'") }; return ChecksumEntry(hash: t[0], size: s, name: t[4], section: t[2], priority: t[3]) }
                guard t.count == 3, let s = Int64(t[1]) else { throw FieldError(file: file, field: a.dscField, line: nil, reason: "bad line '\(l)'") }; return ChecksumEntry(hash: t[0], size: s, name: t[2], section: nil, priority: nil) }
        }
        return r
    }
}
public struct DistributionError: Error, Sendable, CustomStringConvertible { public var name: String; public var description: String { "Malformed distribution '\(name)': Must be '<codename>-<repoid>-<suite>[-rollback<n>]'" } }
public struct Distribution: Sendable, Hashable, CustomStringConvertible {
    public var codename: String; public var repository: String; public var suite: String; public var rollback: Int?
    public init(_ name: String) throws(DistributionError) { let p = name.split(separator: "-").map(String.init)
        guard p.count == 3 || (p.count == 4 && p[3].hasPrefix("rollback")) else { throw DistributionError(name: name) }
        codename = p[0]; repository = p[1]; suite = p[2]; rollback = p.count == 4 ? Int(p[3].dropFirst(8)) : nil }
    public var description: String { "\(codename)-\(repository)-\(suite)" + (rollback.map { "-rollback\($0)" } ?? "") }
}
public enum VersionRelation: String, Sendable, CaseIterable { case lt, le, eq, ne, ge, gt, ltNL = "lt-nl", leNL = "le-nl", geNL = "ge-nl", gtNL = "gt-nl"
    public init?(operator text: String) { switch text { case "<<": self = .lt; case "<=": self = .le; case "=": self = .eq; case ">=": self = .ge; case ">>": self = .gt; default: self.init(rawValue: text) } }
    public func holds(_ a: String, _ b: String) throws(VersionError) -> Bool { let c = DebianVersion.compare(try DebianVersion(a), try DebianVersion(b))
        switch self { case .lt, .ltNL: return c < 0; case .le, .leNL: return c <= 0; case .eq: return c == 0; case .ne: return c != 0; case .ge, .geNL: return c >= 0; case .gt, .gtNL: return c > 0 } } }
