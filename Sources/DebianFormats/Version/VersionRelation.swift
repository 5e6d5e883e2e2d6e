/// The relations of `dpkg --compare-versions A op B`.
///
/// `lt le eq ne ge gt` treat an empty version as earlier than any version; the `-nl` ("not later")
/// variants treat it as later than any version. Two empty versions are equal for all of them.
public enum VersionRelation: String, Sendable, CaseIterable {
    case lt, le, eq, ne, ge, gt
    case ltNL = "lt-nl", leNL = "le-nl", geNL = "ge-nl", gtNL = "gt-nl"

    /// Accepts the names above and dpkg's control-file aliases `<<`, `<=`, `=`, `>=`, `>>` and the
    /// obsolete `<` (meaning `<=`) and `>` (meaning `>=`), as dpkg does.
    public init?(operator text: String) {
        switch text {
        case "<<": self = .lt
        case "<=", "<": self = .le
        case "=": self = .eq
        case ">=", ">": self = .ge
        case ">>": self = .gt
        default:
            guard let relation = VersionRelation(rawValue: text) else { return nil }
            self = relation
        }
    }

    /// Answers exactly what `dpkg --compare-versions a <self> b` answers.
    ///
    /// The empty string and dpkg's `<unknown>` stand for "no version". Versions that dpkg only warns about
    /// are compared; any that dpkg rejects throw.
    /// - Throws: ``VersionError`` for a version dpkg refuses to parse.
    public func holds(_ a: String, _ b: String) throws(VersionError) -> Bool {
        let va = try Self.parseOperand(a)
        let vb = try Self.parseOperand(b)
        let order: Int
        switch (va, vb) {
        case (nil, nil): order = 0
        case (nil, _?): order = isNotLater ? 1 : -1
        case (_?, nil): order = isNotLater ? -1 : 1
        case let (x?, y?): order = DebianVersion.compare(x, y)
        }
        switch self {
        case .lt, .ltNL: return order < 0
        case .le, .leNL: return order <= 0
        case .eq: return order == 0
        case .ne: return order != 0
        case .ge, .geNL: return order >= 0
        case .gt, .gtNL: return order > 0
        }
    }

    private var isNotLater: Bool {
        switch self {
        case .ltNL, .leNL, .geNL, .gtNL: return true
        default: return false
        }
    }

    private static func parseOperand(_ text: String) throws(VersionError) -> DebianVersion? {
        if text.isEmpty || text == "<unknown>" { return nil }
        return try DebianVersion(text)
    }
}
