import CPCRE2

/// A Perl-compatible regular expression (PCRE2, UTF-8), compiled once and JIT-compiled when the platform allows,
/// matched against bytes that anyone may have written: a Contents path, a control field's value.
///
/// - **Subjects need not be valid UTF-8** (`PCRE2_MATCH_INVALID_UTF`): an invalid sequence matches nothing, not
///   even `.`, and never makes a match read past the subject.
/// - **Unicode classes** (`PCRE2_UCP`): `\d`, `\w` and `[[:alpha:]]` know non-ASCII letters and digits, as Perl's
///   do on text.
/// - **Bounded work**: one match takes at most ``matchLimit`` backtracking steps and ``heapLimitKiB`` of memory,
///   or fails with ``RegularExpressionError/Kind/limit``: `(a+)+$` on forty `a`s stops in milliseconds instead of
///   running for hours.
///
/// Not thread-safe (it owns one match block): one instance per thread.
public final class RegularExpression {
    /// PCRE2's own default: a pattern that needs more on one value backtracks catastrophically.
    public static let matchLimit: UInt32 = 10_000_000
    /// The interpreter's backtracking memory per match (PCRE2's default is 20 GB).
    public static let heapLimitKiB: UInt32 = 32 * 1024
    /// The JIT's stack grows up to this (its default, 32 KB of the machine stack, fails nested patterns early).
    static let jitStackBytes = 8 * 1024 * 1024

    public let pattern: String
    private let code: OpaquePointer
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?

    /// Compiles `pattern`.
    /// - Throws: ``RegularExpressionError`` with PCRE2's message and the offset it points at.
    public init(_ pattern: String) throws(RegularExpressionError) {
        self.pattern = pattern
        let compiled = try Self.compile(pattern)
        // Room for every capture group's offsets (``replacingAll(in:with:)`` reads them).
        guard let matchData = pcre2_match_data_create_from_pattern_8(compiled, nil),
              let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw RegularExpressionError(pattern: pattern, kind: .match, message: "out of memory")
        }
        code = compiled
        self.matchData = matchData
        self.context = context
        pcre2_set_match_limit_8(context, Self.matchLimit)
        pcre2_set_heap_limit_8(context, Self.heapLimitKiB)
        // Without JIT support (another architecture, a hardened kernel refusing executable memory) the
        // interpreter matches the same, slower.
        if pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0,
           let stack = pcre2_jit_stack_create_8(32 * 1024, Self.jitStackBytes, nil) {
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
            jitStack = stack
        } else {
            jitStack = nil
        }
    }

    /// Refuses a pattern PCRE2 does not compile, as ``init(_:)`` would, without JIT-compiling it or making a match
    /// block: for a pattern checked where it is read and compiled again where it runs.
    public static func check(_ pattern: String) throws(RegularExpressionError) {
        pcre2_code_free_8(try compile(pattern))
    }

    /// `pattern` compiled with debwork's options (UTF-8, Unicode classes, invalid UTF-8 subjects, no `\C`).
    private static func compile(_ pattern: String) throws(RegularExpressionError) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C)
        // A NUL-terminated copy: an empty pattern still has a byte to point at (PCRE2 refuses NULL with a length).
        let compiled = pattern.utf8CString.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count - 1, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegularExpressionError(pattern: pattern, kind: .syntax(offset: errorOffset),
                                         message: message(errorCode))
        }
        return compiled
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
        pcre2_match_data_free_8(matchData)
        pcre2_code_free_8(code)
    }

    /// Whether the expression matches anywhere in `subject`.
    /// - Throws: ``RegularExpressionError`` when a limit ends the match, or PCRE2 fails otherwise.
    public func matches(_ subject: UnsafeRawBufferPointer) throws(RegularExpressionError) -> Bool {
        let result = match(subject, from: 0, options: 0)
        if result >= 0 { return true }
        if result == PCRE2_ERROR_NOMATCH { return false }
        try fail(result)
    }

    /// `pcre2_match` on `subject` from byte `start`: its result, the offsets in the match block.
    private func match(_ subject: UnsafeRawBufferPointer, from start: Int, options: UInt32) -> Int32 {
        guard let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            // PCRE2 refuses a NULL subject: an empty one points at a byte of its own.
            var byte: UInt8 = 0
            return pcre2_match_8(code, &byte, 0, 0, options, matchData, context)
        }
        return pcre2_match_8(code, base, subject.count, start, options, matchData, context)
    }

    /// `subject` with every match replaced, as Perl's `s/…/…/g` does: `replacement` is given the match and its
    /// capture groups' texts (index 0 the whole match; nil for a group that took no part). After an empty match the
    /// next one may not be empty at the same place, so `x*` on `abc` gives `-a-b-c-` for `-`.
    public func replacingAll(in subject: String, with replacement: ([String?]) -> String) throws(RegularExpressionError) -> String {
        let bytes = Array(subject.utf8)
        var result: [UInt8] = []
        var copied = 0, start = 0
        var options: UInt32 = 0
        while start <= bytes.count {
            let code = bytes.withUnsafeBytes { match($0, from: start, options: options) }
            if code == PCRE2_ERROR_NOMATCH {
                // After an empty match, the same place was tried for a non-empty one: move on by one character.
                guard options != 0, start < bytes.count else { break }
                start += Self.characterLength(bytes, at: start)
                options = 0
                continue
            }
            if code < 0 { try fail(code) }
            let ovector = pcre2_get_ovector_pointer_8(matchData)!
            let pairs = Int(pcre2_get_ovector_count_8(matchData))
            let (first, end) = (ovector[0], max(ovector[0], ovector[1]))
            var groups: [String?] = []
            for pair in 0..<pairs {
                let (from, to) = (ovector[2 * pair], ovector[2 * pair + 1])
                // PCRE2_UNSET, a size_t of all ones, reads as -1.
                groups.append(from < 0 || to < from ? nil : String(decoding: bytes[from..<to], as: UTF8.self))
            }
            result += bytes[copied..<first]
            result.append(contentsOf: replacement(groups).utf8)
            copied = end
            start = end
            options = first == end ? UInt32(PCRE2_NOTEMPTY_ATSTART) | PCRE2_ANCHORED : 0
        }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }

    /// Throws for a negative result of `pcre2_match` other than no match.
    private func fail(_ result: Int32) throws(RegularExpressionError) -> Never {
        let kind: RegularExpressionError.Kind = switch result {
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT: .limit
        default: .match
        }
        throw RegularExpressionError(pattern: pattern, kind: kind, message: Self.message(result))
    }

    /// The bytes of the UTF-8 character at `offset` (1 for a byte that starts none).
    static func characterLength(_ bytes: [UInt8], at offset: Int) -> Int {
        let lead = bytes[offset]
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard offset + length <= bytes.count,
              bytes[(offset + 1)..<(offset + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) else { return 1 }
        return length
    }

    /// Whether the expression matches anywhere in `subject` (its UTF-8).
    public func matches(_ subject: String) throws(RegularExpressionError) -> Bool {
        var subject = subject
        return try subject.withUTF8 { bytes in
            Result { () throws(RegularExpressionError) -> Bool in try matches(UnsafeRawBufferPointer(bytes)) }
        }.get()
    }

    /// PCRE2's text for an error code.
    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}

/// A pattern PCRE2 refused, or a match it could not finish.
public struct RegularExpressionError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The pattern does not compile; `offset` is the byte of the pattern PCRE2 points at.
        case syntax(offset: Int)
        /// A match needed more than ``RegularExpression/matchLimit`` steps or its memory limits.
        case limit
        /// Any other failure of a match.
        case match
    }

    public var pattern: String
    public var kind: Kind
    /// PCRE2's message, e.g. `missing closing parenthesis`.
    public var message: String

    public var description: String { message }
}
