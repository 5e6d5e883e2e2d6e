import DebianFormats

/// The changelog block a port adds (or the UNRELEASED top block it rewrites), as mini-buildd writes it.
public enum PortChangelog {
    /// - Parameters:
    ///   - originalSHA1: SHA1 of the original .dsc file's bytes.
    ///   - externalFrom: for `port_ext`, the .dsc URL or path the port came from.
    ///   - date: RFC 2822 date (`RFC2822Date.format`).
    public static func entry(source: String, version: String, distribution: String, originalSHA1: String,
                             externalFrom: String? = nil, options: BuildOptions, maintainer: String,
                             date: String) -> ChangelogEntry {
        var items = ["Automated port via mini-buildd (no changes). Original DSC's SHA1: \(originalSHA1)."]
        if let externalFrom { items.append("External port from: \(externalFrom)") }
        items += options.options.map(\.item)
        return ChangelogEntry(source: source, version: version, distributions: [distribution], urgency: "medium",
                              metadata: [ChangelogMetadata(key: "urgency", value: "medium")], items: items,
                              maintainer: maintainer, date: date)
    }
}
