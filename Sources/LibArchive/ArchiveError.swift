import CArchive

/// An error reported by libarchive, or by the limits this wrapper enforces on top of it.
///
/// The description is the message a user reads: it names the archive and, for libarchive
/// failures, the C function that failed with libarchive's own explanation.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A libarchive call failed (`function` returned `code`).
        case library(function: String, code: Int32, errno: Int32)
        /// The uncompressed stream grew past the configured expansion limit (a decompression bomb).
        case expansionLimit(limit: Int64)
        /// A member the caller required is absent.
        case missingMember(String)
        /// Anything else the caller decided was malformed.
        case malformed
    }

    /// The file being read (a path, or the name given to bytes in memory).
    public var file: String
    /// The members inside ``file`` the error is about, outermost first (`data.tar.xz`, then `./usr/bin/x`).
    public var members: [String]
    public var kind: Kind
    public var message: String

    public init(file: String, members: [String] = [], kind: Kind, message: String) {
        self.file = file
        self.members = members
        self.kind = kind
        self.message = message
    }

    /// The archive as messages name it: `<file>`, or `<file>:<member>…` inside it.
    public var archive: String { ([file] + members).joined(separator: ":") }

    /// The message after the file's name: `<member>:<member>…: <message> (<function>)`.
    public var messageAfterFile: String {
        members.isEmpty ? explanation : members.joined(separator: ":") + ": " + explanation
    }

    public var description: String { "\(archive): \(explanation)" }

    /// The message, with the failing libarchive function.
    private var explanation: String {
        if case .library(let function, _, _) = kind { return "\(message) (\(function))" }
        return message
    }

    /// Builds the error for a failed libarchive call from `archive_error_string` and `archive_errno`.
    static func library(_ handle: OpaquePointer?, file: String, members: [String] = [], function: String,
                        code: Int32) -> ArchiveError {
        var text = "unknown libarchive error"
        var errnoValue: Int32 = 0
        if let handle {
            if let cString = archive_error_string(handle) {
                text = String(cString: cString)
            }
            errnoValue = archive_errno(handle)
        }
        return ArchiveError(
            file: file, members: members,
            kind: .library(function: function, code: code, errno: errnoValue),
            message: lowercasedFirst(text))
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase,
              text.dropFirst().first.map({ !$0.isUppercase }) ?? true
        else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
