/// The source package format of a .dsc's `Format` field (or debian/source/format).
public enum SourceFormat: Sendable, Hashable, CustomStringConvertible {
    /// `1.0`: orig.tar.gz + diff.gz, or a native tar.gz.
    case v1
    /// `3.0 (quilt)`.
    case quilt
    /// `3.0 (native)`.
    case native
    /// Anything else, trimmed, as written (`3.0 (git)`, `2.0`, …).
    case other(String)

    /// Reads a `Format` value: `<major.minor>` optionally followed by white space and `(<variant>)`, as
    /// dpkg-source does (so `3.0  (quilt)` is quilt too).
    public init(_ field: String) {
        let text = Deb822Text.trimmed(field)
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        switch (parts.first, parts.count) {
        case ("1.0"?, 1): self = .v1
        case ("3.0"?, 2) where parts[1] == "(quilt)": self = .quilt
        case ("3.0"?, 2) where parts[1] == "(native)": self = .native
        default: self = .other(text)
        }
    }

    /// The canonical field value (`3.0 (quilt)`).
    public var description: String {
        switch self {
        case .v1: return "1.0"
        case .quilt: return "3.0 (quilt)"
        case .native: return "3.0 (native)"
        case let .other(text): return text
        }
    }
}
