/// What a port will write for one target, computed before anything is written.
public struct PortPlan: Sendable, Hashable {
    public var source: String
    public var originalVersion: String
    /// The new version (with epoch, if any).
    public var version: String
    public var distribution: String
    /// The folder the upload goes to (`<output>/<distribution>`).
    public var directory: String
    /// Reasons the target would reject the upload (mandatory regex, version already present, lower than
    /// the target's); the port is still written.
    public var warnings: [String]
    /// The top changelog block was `UNRELEASED` and is rewritten instead of a block being added.
    public var rewritesUnreleased: Bool

    /// `<src>_<version-without-epoch>` (file name stem).
    public var stem: String { "\(source)_\(PortNames.withoutEpoch(version))" }
    public var dscName: String { stem + ".dsc" }
    public var changesName: String { stem + "_source.changes" }
}
