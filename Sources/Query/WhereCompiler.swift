// Placeholder: the where-language compiler lands here (compile(_:) -> WhereFilter).
public enum WhereCompiler {
    /// Compiles a `--where` query into SQL over the candidate columns documented on ``WhereFilter``.
    public static func compile(_ query: String) throws -> WhereFilter {
        throw WhereCompilerUnavailable()
    }
}

public struct WhereCompilerUnavailable: Error, CustomStringConvertible {
    public var description: String { "--where is not available yet" }
}
