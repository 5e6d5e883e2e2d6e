import Artifacts
import DebianFormats

/// Where a .dsc given on the command line is, and what it names.
public enum PortSourceLocation {
    /// A path, or a `file://` URL turned into its path. Other URLs are refused (debwork works offline).
    public static func path(of location: String) throws(PortError) -> String {
        if location.hasPrefix("file://") { return String(location.dropFirst("file://".count)) }
        if location.contains("://") {
            throw PortError("cannot fetch '\(location)': debwork is offline; download the .dsc and its files and pass the path")
        }
        return location
    }

    /// Source name and version from the .dsc (not yet verified: ``PortService`` does that).
    public static func identify(_ path: String) throws -> (source: String, version: String) {
        let bytes = try FileSystem.read(path, maximumSize: 16 << 20)
        guard let paragraph = try Deb822Document.parse(bytes: bytes, file: path).paragraphs.first,
              let source = paragraph["Source"], let version = paragraph["Version"] else {
            throw PortError(file: path, "not a .dsc (no Source and Version fields)")
        }
        return (source, version)
    }
}
