import ConfigurationFile
import DebianFormats
import JSONOutput

/// The `dput_conf` call: mini-buildd's recommended dput configuration for the configured instance.
public struct DputConfService: Sendable {
    public var withoutGlobal: Bool
    public init(withoutGlobal: Bool = false) { self.withoutGlobal = withoutGlobal }

    /// The target name dput users type: `mini-buildd-<identity>`.
    public static func target(_ configuration: Configuration) -> String { "mini-buildd-\(configuration.identity)" }

    /// dput(-ng) `.cf` text; keys padded to 8 columns as mini-buildd writes them.
    public func text(_ configuration: Configuration) -> String {
        var text = ""
        if !withoutGlobal {
            text += """
                # Recommended global config
                [DEFAULT]
                # Avoid accidental uploads to default target (like 'ftp-master' for Debian)
                default_host_main = _please_specify_target_explicitly_


                """
        }
        text += "# This instance's native target\n[\(Self.target(configuration))]\n"
        for (key, value) in [("method", "ftp"), ("fqdn", "\(configuration.host):\(configuration.ftpPort)"),
                             ("login", "anonymous"), ("incoming", "/incoming")] {
            text += key.padding(toWidth: 8) + " = " + value + "\n"
        }
        // mini-buildd's result: the target's snippet ends with a newline and the call appends one more.
        return text + "\n"
    }

    /// The dput-ng profile (`~/.dput.d/profiles/<target>.json`): mini-buildd's keys in its order.
    public func profile(_ configuration: Configuration) -> JSONValue {
        .object([
            ("method", .string("ftp")),
            ("fqdn", .string("\(configuration.host):\(configuration.ftpPort)")),
            ("login", .string("anonymous")),
            ("incoming", .string("/incoming")),
        ])
    }
}
