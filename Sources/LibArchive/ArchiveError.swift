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

    /// The archive being read (a path, or `outer.deb:member` for nested archives).
    public var archive: String
    public var kind: Kind
    public var message: String

    public init(archive: String, kind: Kind, message: String) {
        self.archive = archive
        self.kind = kind
        self.message = message
    }

    public var description: String {
        switch kind {
        case .library(let function, _, _):
            return "\(archive): \(message) (\(function))"
        default:
            return "\(archive): \(message)"
        }
    }

    /// Builds the error for a failed libarchive call from `archive_error_string` and `archive_errno`.
    static func library(_ handle: OpaquePointer?, archive: String, function: String, code: Int32) -> ArchiveError {
        var text = "unknown libarchive error"
        var errnoValue: Int32 = 0
        if let handle {
            if let cString = archive_error_string(handle) {
                text = String(cString: cString)
            }
            errnoValue = archive_errno(handle)
        }
        return ArchiveError(
            archive: archive,
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
