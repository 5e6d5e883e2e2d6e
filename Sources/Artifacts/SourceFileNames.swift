/// The naming rules of a source package's files (`<src>_<upstream>.orig[-<component>].tar.*`).
public enum SourceFileNames {
    /// Whether `name` is the main upstream tarball of `source` (not a component, not a signature).
    public static func isOrig(_ name: String, source: String) -> Bool {
        name.hasPrefix(source + "_") && name.contains(".orig.tar.") && !name.hasSuffix(".asc")
    }

    /// The component of `src_ver.orig-<component>.tar.*`, or nil.
    public static func component(_ name: String, source: String) -> String? {
        guard name.hasPrefix(source + "_"), !name.hasSuffix(".asc"),
              let range = name.firstRange(of: ".orig-") else { return nil }
        let rest = name[range.upperBound...]
        guard let dot = rest.firstRange(of: ".tar") else { return nil }
        return String(rest[..<dot.lowerBound])
    }
}
