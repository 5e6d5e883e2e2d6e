import MiniBuildd

/// debwork's configuration: the mini-buildd instance it stands for, repository base URLs, layout
/// overrides. Read from `${XDG_CONFIG_HOME:-~/.config}/debwork/config.toml` (or `--config`/`DEBWORK_CONFIG`);
/// every value also has a flag on the calls that use it.
///
/// ```toml
/// [instance]
/// identity = "my-mbd"          # mini-buildd identity (dput target name, keyring package name)
/// host = "mbd.example.org"     # fqdn
/// http_port = 8066
/// ftp_port = 8067
/// mirror = "http://mbd.example.org:8066/repositories"   # base URL for sources_list (default from host/port)
///
/// [repositories.test]
/// url = "http://mirror.example.org/mbd"                # base URL for this repository only
///
/// [layout.snapshot]                                     # override or add a suite of the default layout
/// uploadable = true
/// experimental = true
/// rollbacks = 12
///
/// [port]                                                # port, port_ext, port_plan --all
/// maintainer = "Jane Porter <jane@example.org>"        # after --maintainer and DEBFULLNAME/DEBEMAIL
/// sign_key = "0xKEYID"                                  # after --sign-key: uploads are signed with it
/// keyrings = ["/usr/share/keyrings/debian-keyring.gpg"] # port_ext's signature check, after --keyring
/// ```
public struct Configuration: Sendable, Hashable {
    public var identity: String
    public var host: String
    public var httpPort: Int
    public var ftpPort: Int
    /// Base URL under which repositories are served (`<mirror>/<repo>`).
    public var mirror: String?
    /// Per-repository base URLs, overriding `mirror`.
    public var repositoryURLs: [String: String]
    public var layout: Layout
    /// Codename → codeversion overrides (for `port`).
    public var codeversions: [String: String]
    /// The porter (`Name <email>`) when neither `--maintainer` nor `DEBFULLNAME`/`DEBEMAIL` give one.
    public var maintainer: String?
    /// The GnuPG key ports are signed with when `--sign-key` is absent.
    public var signKey: String?
    /// Keyrings `port_ext` checks signatures against when no `--keyring` is given.
    public var keyrings: [String]
    /// The file the configuration came from, if any.
    public var source: String?

    public init(identity: String = "debwork", host: String = "localhost", httpPort: Int = 8066, ftpPort: Int = 8067,
                mirror: String? = nil, repositoryURLs: [String: String] = [:], layout: Layout = .default,
                codeversions: [String: String] = [:], maintainer: String? = nil, signKey: String? = nil,
                keyrings: [String] = [], source: String? = nil) {
        self.identity = identity
        self.host = host
        self.httpPort = httpPort
        self.ftpPort = ftpPort
        self.mirror = mirror
        self.repositoryURLs = repositoryURLs
        self.layout = layout
        self.codeversions = codeversions
        self.maintainer = maintainer
        self.signKey = signKey
        self.keyrings = keyrings
        self.source = source
    }

    /// The instance's HTTP URL (`http://<host>:<http_port>`).
    public var url: String { "http://\(host):\(httpPort)" }

    /// The base URL of repository `id` for APT lines.
    public func baseURL(ofRepository id: String) -> String {
        if let url = repositoryURLs[id] { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        let base = mirror ?? "\(url)/repositories"
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/" + id
    }

    /// Builds a configuration from a parsed file.
    public init(document: TOMLDocument, file: String) throws(ConfigurationError) {
        self.init(source: file)
        let instance = document["instance"]
        let known = ["identity", "host", "http_port", "ftp_port", "mirror"]
        for key in instance.keys where !known.contains(key) {
            throw ConfigurationError(file: file, line: 0, reason: "unknown key 'instance.\(key)' (known: \(known.joined(separator: ", ")))")
        }
        if let value = instance["identity"] { identity = try Self.string(value, "instance.identity", file) }
        if let value = instance["host"] { host = try Self.string(value, "instance.host", file) }
        if let value = instance["http_port"] { httpPort = try Self.port(value, "instance.http_port", file) }
        if let value = instance["ftp_port"] { ftpPort = try Self.port(value, "instance.ftp_port", file) }
        if let value = instance["mirror"] { mirror = try Self.string(value, "instance.mirror", file) }
        for (name, values) in document.subtables(of: "repositories") {
            if let value = values["url"] { repositoryURLs[name] = try Self.string(value, "repositories.\(name).url", file) }
        }
        for (name, values) in document.subtables(of: "layout") {
            var suite = layout.suite(name) ?? Layout.Suite(name: name, uploadable: false, experimental: false, migratesTo: nil, rollbacks: 0)
            if let value = values["uploadable"]?.bool { suite.uploadable = value }
            if let value = values["experimental"]?.bool { suite.experimental = value }
            if let value = values["migrates_to"] {
                let target = try Self.string(value, "layout.\(name).migrates_to", file)
                suite.migratesTo = target.isEmpty ? nil : target
            }
            if let value = values["rollbacks"]?.integer { suite.rollbacks = Int(value) }
            if let index = layout.suites.firstIndex(where: { $0.name == name }) {
                layout.suites[index] = suite
            } else {
                layout.suites.append(suite)
            }
        }
        for (key, value) in document["codeversions"] {
            codeversions[key] = try Self.string(value, "codeversions.\(key)", file)
        }
        try readPort(document["port"], file: file)
    }

    /// The `[port]` table: porter identity, signing key, keyrings.
    private mutating func readPort(_ port: [String: TOMLDocument.Value], file: String) throws(ConfigurationError) {
        let known = ["maintainer", "sign_key", "keyrings"]
        for key in port.keys.sorted() where !known.contains(key) {
            throw ConfigurationError(file: file, line: 0, reason: "unknown key 'port.\(key)' (known: \(known.joined(separator: ", ")))")
        }
        if let value = port["maintainer"] {
            let text = try Self.string(value, "port.maintainer", file)
            guard Self.isMaintainer(text) else {
                throw ConfigurationError(file: file, line: 0, reason: "'port.maintainer' must be 'Name <email>', not '\(text)'")
            }
            maintainer = text
        }
        if let value = port["sign_key"] {
            let text = try Self.string(value, "port.sign_key", file)
            guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
                throw ConfigurationError(file: file, line: 0, reason: "'port.sign_key' must be a key id or fingerprint, not '\(text)'")
            }
            signKey = text
        }
        if let value = port["keyrings"] {
            guard case .array(let values) = value, let paths = value.strings, paths.count == values.count,
                  !paths.contains(where: \.isEmpty) else {
                throw ConfigurationError(file: file, line: 0, reason: "'port.keyrings' must be a list of file paths")
            }
            keyrings = paths
        }
    }

    /// `Name <email>`: a non-empty name, one `<…@…>` at the end.
    static func isMaintainer(_ text: String) -> Bool {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return false }
        let name = text[..<open]
        let email = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return name.hasSuffix(" ") && !name.trimmingPrefix(" ").isEmpty && !name.contains("<") && !name.contains(">")
            && email.contains("@") && !email.contains(" ") && !email.contains("<")
    }

    private static func string(_ value: TOMLDocument.Value, _ key: String, _ file: String) throws(ConfigurationError) -> String {
        guard let string = value.string else {
            throw ConfigurationError(file: file, line: 0, reason: "'\(key)' must be a string")
        }
        return string
    }

    private static func port(_ value: TOMLDocument.Value, _ key: String, _ file: String) throws(ConfigurationError) -> Int {
        guard let number = value.integer, (1...65535).contains(number) else {
            throw ConfigurationError(file: file, line: 0, reason: "'\(key)' must be a port number (1-65535)")
        }
        return Int(number)
    }
}
