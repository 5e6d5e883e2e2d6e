/// How ``WordDiff`` marks deleted and inserted words: wdiff's default markers or its printer (`-p`),
/// less (`-l`) and terminal (`-t`) modes.
///
/// wdiff 1.2.2 keeps two kinds of emphasis strings. The "user" strings (`[-`, `-]`, `{+`, `+}` unless
/// overstriking) go inside the run and, with `-n`, are closed and reopened around a newline; the terminal
/// strings (termcap `us`/`ue` for deletions, `so`/`se` for insertions) go outside them and are always
/// closed and reopened around a newline. A terminal string that is absent falls back to the user string.
public struct WordDiffStyle: Sendable, Hashable {
    /// Terminal strings, outermost: `us`, `ue`, `so`, `se`.
    public var terminalDeleteStart: [UInt8]?
    public var terminalDeleteEnd: [UInt8]?
    public var terminalInsertStart: [UInt8]?
    public var terminalInsertEnd: [UInt8]?
    /// User strings, innermost.
    public var deleteStart: [UInt8]?
    public var deleteEnd: [UInt8]?
    public var insertStart: [UInt8]?
    public var insertEnd: [UInt8]?
    /// `-p`/`-l`: deleted bytes underlined (`_`, backspace, byte; an underscore alone), inserted bytes
    /// emboldened (byte, backspace, byte).
    public var overstrike = false
    /// `-l`: white space inside a run is overstruck as well (newlines are not).
    public var overstrikeWhitespace = false

    /// wdiff's `[-…-]` and `{+…+}`.
    public static let markers = WordDiffStyle(
        deleteStart: Array("[-".utf8), deleteEnd: Array("-]".utf8),
        insertStart: Array("{+".utf8), insertEnd: Array("+}".utf8))
    /// `wdiff -p`.
    public static let printer = WordDiffStyle(overstrike: true)
    /// `wdiff -l`.
    public static let less = WordDiffStyle(overstrike: true, overstrikeWhitespace: true)

    /// `wdiff -t` on a terminal whose underline (`us`/`ue`) and standout (`so`/`se`) strings are these
    /// (already stripped of padding); an absent one falls back to the default marker.
    public static func terminal(underline: (start: [UInt8]?, end: [UInt8]?),
                                standout: (start: [UInt8]?, end: [UInt8]?)) -> WordDiffStyle {
        WordDiffStyle(
            terminalDeleteStart: underline.start, terminalDeleteEnd: underline.end,
            terminalInsertStart: standout.start, terminalInsertEnd: standout.end,
            deleteStart: underline.start == nil ? Array("[-".utf8) : nil,
            deleteEnd: underline.end == nil ? Array("-]".utf8) : nil,
            insertStart: standout.start == nil ? Array("{+".utf8) : nil,
            insertEnd: standout.end == nil ? Array("+}".utf8) : nil)
    }

    public init(terminalDeleteStart: [UInt8]? = nil, terminalDeleteEnd: [UInt8]? = nil,
                terminalInsertStart: [UInt8]? = nil, terminalInsertEnd: [UInt8]? = nil,
                deleteStart: [UInt8]? = nil, deleteEnd: [UInt8]? = nil,
                insertStart: [UInt8]? = nil, insertEnd: [UInt8]? = nil,
                overstrike: Bool = false, overstrikeWhitespace: Bool = false) {
        self.terminalDeleteStart = terminalDeleteStart
        self.terminalDeleteEnd = terminalDeleteEnd
        self.terminalInsertStart = terminalInsertStart
        self.terminalInsertEnd = terminalInsertEnd
        self.deleteStart = deleteStart
        self.deleteEnd = deleteEnd
        self.insertStart = insertStart
        self.insertEnd = insertEnd
        self.overstrike = overstrike
        self.overstrikeWhitespace = overstrikeWhitespace
    }
}
