/// A mini-buildd distribution name, `<codename>-<repoid>-<suite>[-rollback<n>]`, e.g.
/// `bookworm-test-unstable` or `bookworm-test-stable-rollback0`.
public struct Distribution: Sendable, Hashable, CustomStringConvertible {
    /// The base distribution's codename (`bookworm`): word characters `[A-Za-z0-9_]`.
    public var codename: String
    /// The repository identity (`test`): `[a-z0-9]+`.
    public var repository: String
    /// The suite (`unstable`): `[a-z]+`.
    public var suite: String
    /// The rollback number of a `-rollback<n>` distribution, `nil` for the distribution itself.
    public var rollback: Int?

    /// Creates a distribution from its parts (not validated).
    public init(codename: String, repository: String, suite: String, rollback: Int? = nil) {
        self.codename = codename
        self.repository = repository
        self.suite = suite
        self.rollback = rollback
    }

    /// Parses a name with mini-buildd's grammar `^\w+-\w+-\w+?(-rollback\d+)?$`, the repository id being
    /// `[a-z0-9]+` and the suite `[a-z]+`.
    /// - Throws: ``DistributionError`` for anything else.
    public init(_ name: String) throws(DistributionError) {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 4 else { throw DistributionError(name: name) }
        func all(_ s: Substring, _ ok: (UInt8) -> Bool) -> Bool { !s.isEmpty && s.utf8.allSatisfy(ok) }
        let lower = { (b: UInt8) in b >= 0x61 && b <= 0x7A }
        let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let word = { (b: UInt8) in lower(b | 0x20) || digit(b) || b == UInt8(ascii: "_") }
        guard all(parts[0], word), all(parts[1], { lower($0) || digit($0) }), all(parts[2], lower) else {
            throw DistributionError(name: name)
        }
        var rollback: Int?
        if parts.count == 4 {
            let number = parts[3].dropFirst("rollback".count)
            guard parts[3].hasPrefix("rollback"), all(number, digit), let n = Int(number) else {
                throw DistributionError(name: name)
            }
            rollback = n
        }
        self.init(codename: String(parts[0]), repository: String(parts[1]), suite: String(parts[2]),
                  rollback: rollback)
    }

    /// The name, `codename-repository-suite` plus `-rollback<n>` for a rollback.
    public var description: String {
        "\(codename)-\(repository)-\(suite)" + (rollback.map { "-rollback\($0)" } ?? "")
    }

    /// The distribution a rollback belongs to (itself when it is not a rollback).
    public var base: Distribution {
        Distribution(codename: codename, repository: repository, suite: suite)
    }
}
