import MiniBuildd

/// Everything a port needs besides the source package.
public struct PortRequest: Sendable {
    /// The verified .dsc to port (its files next to it).
    public var dscPath: String
    /// Target distributions (mini-buildd names, e.g. `bullseye-test-unstable`).
    public var targets: [String]
    public var mode: PortMode
    public var options: BuildOptions
    /// The porter, `Name <email>` (changelog trailer and Changed-By).
    public var porter: String
    /// Seconds since the epoch for the changelog date (and a rebuild stamp).
    public var timestamp: Int
    /// The output directory; one subfolder per target is written under it.
    public var outputDirectory: String
    /// Replace a target folder that already exists.
    public var force: Bool
    /// Sign the .dsc and .changes with this GnuPG key; nil leaves the upload unsigned.
    public var signKey: String?
    /// Codename → codeversion overrides (configuration).
    public var codeversions: [String: String]

    public init(dscPath: String, targets: [String], mode: PortMode, options: BuildOptions, porter: String,
                timestamp: Int, outputDirectory: String, force: Bool = false, signKey: String? = nil,
                codeversions: [String: String] = [:]) {
        self.dscPath = dscPath
        self.targets = targets
        self.mode = mode
        self.options = options
        self.porter = porter
        self.timestamp = timestamp
        self.outputDirectory = outputDirectory
        self.force = force
        self.signKey = signKey
        self.codeversions = codeversions
    }

    /// The default output directory: `./ports/<source>_<version-without-epoch>`.
    public static func defaultOutputDirectory(source: String, version: String) -> String {
        outputDirectory(under: "ports", source: source, version: version)
    }

    /// `<parent>/<source>_<version-without-epoch>` (`port_plan --all`'s folder per source).
    public static func outputDirectory(under parent: String, source: String, version: String) -> String {
        (parent.hasSuffix("/") ? parent : parent + "/") + "\(source)_\(PortNames.withoutEpoch(version))"
    }
}
