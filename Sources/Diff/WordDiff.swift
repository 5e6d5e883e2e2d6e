/// `wdiff`'s default output for two texts: words (runs of non-white-space bytes) are compared with
/// GNU diff, deleted words are shown as `[-…-]` and inserted ones as `{+…+}`, and everything else is
/// the new text with its own white space.
///
/// Follows wdiff 1.2.2: the white space before a deleted run comes from the old text, the white space
/// before an inserted run and all common text from the new one, and the old text's white space
/// inside a deleted run (new text's inside an inserted run) is copied inside the markers.
public struct WordDiff: Sendable {
    /// The rendered text.
    public let output: [UInt8]
    /// Whether any word was deleted or inserted (wdiff exits with 1).
    public let hasDifferences: Bool

    /// Compares `old` with `new`.
    ///
    /// - Parameters:
    ///   - avoidWraps: `wdiff -n` (`--avoid-wraps`, which devscripts' debdiff passes): close a marker
    ///     before a newline inside a deleted or inserted run and reopen it after.
    ///   - style: the markers (default), or wdiff's printer, less or terminal mode.
    public init(old: [UInt8], new: [UInt8], avoidWraps: Bool = false, style: WordDiffStyle = .markers) {
        let left = WordCursor(old)
        let right = WordCursor(new)
        // wdiff runs `diff` on files holding one word per line; diff calls those binary when a NUL
        // shows up in its first block, prints no directives, and wdiff then copies the new text.
        if left.wordFileLooksBinary || right.wordFileLooksBinary {
            output = new
            hasDifferences = left.words.count != right.words.count
                || zip(left.words, right.words).contains { old[$0.0] != new[$0.1] }
            return
        }
        let changes = MyersDiff.changes(
            from: left.words.map { old[$0] }, to: right.words.map { new[$0] }, horizon: 0)
        var writer = Writer(avoidWraps: avoidWraps, style: style)
        var l = left, r = right
        for change in changes {
            l.skip(until: change.oldStart)
            r.copy(until: change.newStart, to: &writer)
            if change.deletedCount > 0 {
                l.copyWhitespace(to: &writer)
                writer.start(.deleted)
                l.copy(until: change.oldEnd, to: &writer)
                writer.end()
            }
            if change.insertedCount > 0 {
                r.copyWhitespace(to: &writer)
                writer.start(.inserted)
                r.copy(until: change.newEnd, to: &writer)
                writer.end()
            }
        }
        r.copy(until: r.words.count, to: &writer)
        r.copyWhitespace(to: &writer)
        output = writer.bytes
        hasDifferences = !changes.isEmpty
    }

    /// ``output`` as text (invalid UTF-8 replaced).
    public var text: String { String(decoding: output, as: UTF8.self) }
}

extension WordDiff {
    /// Output with wdiff's emphasis state (`start_of_delete`, `copy_whitespace`, `copy_word`, …).
    struct Writer {
        enum Mode { case normal, deleted, inserted }

        var bytes: [UInt8] = []
        var mode = Mode.normal
        let avoidWraps: Bool
        let style: WordDiffStyle

        init(avoidWraps: Bool, style: WordDiffStyle) {
            self.avoidWraps = avoidWraps
            self.style = style
        }

        private var startStrings: (terminal: [UInt8]?, user: [UInt8]?) {
            mode == .deleted ? (style.terminalDeleteStart, style.deleteStart) : (style.terminalInsertStart, style.insertStart)
        }

        private var endStrings: (user: [UInt8]?, terminal: [UInt8]?) {
            mode == .deleted ? (style.deleteEnd, style.terminalDeleteEnd) : (style.insertEnd, style.terminalInsertEnd)
        }

        mutating func start(_ newMode: Mode) {
            mode = newMode
            let strings = startStrings
            if let terminal = strings.terminal { bytes += terminal }
            if let user = strings.user { bytes += user }
        }

        mutating func end() {
            let strings = endStrings
            if let user = strings.user { bytes += user }
            if let terminal = strings.terminal { bytes += terminal }
            mode = .normal
        }

        /// One white-space byte. Inside a run a newline closes the terminal emphasis (and, with
        /// `avoidWraps`, the marker) and reopens it after; less mode overstrikes the other white space.
        mutating func whitespace(_ byte: UInt8) {
            guard mode != .normal else { bytes.append(byte); return }
            if byte == 0x0A {
                let ends = endStrings, starts = startStrings
                if avoidWraps, let user = ends.user { bytes += user }
                if let terminal = ends.terminal { bytes += terminal }
                bytes.append(0x0A)
                if let terminal = starts.terminal { bytes += terminal }
                if avoidWraps, let user = starts.user { bytes += user }
            } else if style.overstrikeWhitespace {
                bytes += mode == .deleted ? [0x5F, 0x08, byte] : [byte, 0x08, byte]
            } else {
                bytes.append(byte)
            }
        }

        /// One word's bytes; printer and less modes underline deleted and embolden inserted ones.
        mutating func word(_ word: ArraySlice<UInt8>) {
            guard style.overstrike, mode != .normal else { bytes += word; return }
            for byte in word {
                if mode == .inserted {
                    bytes += [byte, 0x08, byte]
                } else if byte == 0x5F {
                    bytes.append(0x5F)  // an underscore is not underlined
                } else {
                    bytes += [0x5F, 0x08, byte]
                }
            }
        }
    }

    /// A read position in one side, counted in words as wdiff counts them.
    struct WordCursor {
        let bytes: [UInt8]
        let words: [Range<Int>]
        var offset = 0
        var position = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var words: [Range<Int>] = []
            var index = 0
            while index < bytes.count {
                while index < bytes.count && WhitespaceMode.isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count else { break }
                let start = index
                while index < bytes.count && !WhitespaceMode.isSpace(bytes[index]) { index += 1 }
                words.append(start..<index)
            }
            self.words = words
        }

        /// Whether the temporary one-word-per-line file has a NUL in diff's first block.
        var wordFileLooksBinary: Bool {
            var size = 0
            for word in words {
                if size >= BinaryDetection.defaultProbeSize { return false }
                let visible = min(word.count, BinaryDetection.defaultProbeSize - size)
                if bytes[word.lowerBound..<(word.lowerBound + visible)].contains(0) { return true }
                size += word.count + 1
            }
            return false
        }

        /// `skip_until_ordinal`.
        mutating func skip(until ordinal: Int) {
            if position < ordinal {
                offset = words[ordinal - 1].upperBound
                position = ordinal
            }
        }

        /// `copy_whitespace`.
        mutating func copyWhitespace(to writer: inout Writer) {
            while offset < bytes.count && WhitespaceMode.isSpace(bytes[offset]) {
                writer.whitespace(bytes[offset])
                offset += 1
            }
        }

        /// `copy_until_ordinal`: white space and word, until `ordinal` words have been read.
        mutating func copy(until ordinal: Int, to writer: inout Writer) {
            while position < ordinal {
                copyWhitespace(to: &writer)
                let word = words[position]
                writer.word(bytes[word])
                offset = word.upperBound
                position += 1
            }
        }
    }
}
