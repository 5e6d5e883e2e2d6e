/// One written upload. JSON: mini-buildd's keys (`dsc_url`, `source`, `distribution`, `version`) first,
/// then what debwork wrote.
public struct PortResult: Sendable, Hashable, Encodable {
    /// The .dsc that was ported, as mini-buildd reports it: the URL `port_ext` was given (a path becomes
    /// `file://`), or `file://` of the .dsc `port` found in the index. The written .dsc is ``dsc``.
    public var dscURL: String
    public var source: String
    public var distribution: String
    public var version: String
    /// The target folder holding the upload.
    public var directory: String
    public var dsc: String
    public var changes: String
    /// Every file of the upload (the .changes' list), absolute.
    public var files: [String]
    /// Whether .dsc and .changes are clearsigned.
    public var signed: Bool
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case dscURL = "dsc_url", source, distribution, version, directory, dsc, changes, files, signed, warnings
    }
}
