/// Settings of a `diff -u` comparison.
public struct UnifiedDiffOptions: Sendable, Hashable {
    /// Lines of context around each change (`-U NUM`; 3 for `-u`). Also diff's horizon: that many
    /// identical lines at either end stay in the search.
    public var context: Int
    /// `-b` / `-w`, or exact comparison.
    public var whitespace: WhitespaceMode
    /// `--minimal`.
    public var minimal: Bool
    /// Bytes examined for a NUL byte by the binary test (see ``BinaryDetection``).
    public var binaryProbeSize: Int

    /// Creates options; the defaults are those of `diff -u` (and `diff -Nru`).
    public init(
        context: Int = 3, whitespace: WhitespaceMode = .exact, minimal: Bool = false,
        binaryProbeSize: Int = BinaryDetection.defaultProbeSize
    ) {
        self.context = max(0, context)
        self.whitespace = whitespace
        self.minimal = minimal
        self.binaryProbeSize = binaryProbeSize
    }
}
