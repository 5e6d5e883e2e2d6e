import Artifacts

extension Configuration {
    /// Loads the configuration file at `path`; with `path` nil, the default location if it exists,
    /// else the built-in defaults.
    /// - Parameter home: `$HOME`; `xdgConfigHome`: `$XDG_CONFIG_HOME`.
    public static func load(path: String?, xdgConfigHome: String?, home: String?) throws -> Configuration {
        if let path {
            return try load(file: path)
        }
        let base = xdgConfigHome.flatMap { $0.isEmpty ? nil : $0 } ?? ((home ?? ".") + "/.config")
        let candidate = base + "/debwork/config.toml"
        guard FileSystem.status(candidate) != nil else { return Configuration() }
        return try load(file: candidate)
    }

    static func load(file: String) throws -> Configuration {
        // `--config /dev/null` (no configuration) is the one device read: untrusted paths only name regular files.
        if file == "/dev/null" { return Configuration() }
        let bytes = try FileSystem.read(file, maximumSize: 1 << 20)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(file: file, line: 0, reason: "not valid UTF-8")
        }
        return try Configuration(document: TOMLDocument.parse(text, file: file), file: file)
    }
}
