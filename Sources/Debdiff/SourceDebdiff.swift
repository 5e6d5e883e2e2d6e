// Placeholder: the source-package comparison lands here.
/// Compares two source packages (.dsc) as devscripts' debdiff does.
public struct SourceDebdiff: Sendable {
    public var options: DebdiffOptions

    public init(options: DebdiffOptions) { self.options = options }

    /// Compares the source packages whose .dsc files are `old` and `new`.
    public func run(old: String, new: String) throws -> DebdiffReport {
        throw DebdiffError("source package comparison is not available yet")
    }
}
