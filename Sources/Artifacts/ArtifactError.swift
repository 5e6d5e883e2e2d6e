import SystemCalls

/// Why an artifact (a .deb, .dsc, .changes or APT index file) could not be read.
///
/// The description is the one line a user reads: the file, then what is wrong with it. An error from a
/// lower layer (libarchive, liblzma, a system call, a parser) is kept as a value in ``underlying`` and only
/// rendered when the message is read.
public struct ArtifactError: LayeredError {
    public var file: String
    public var context: String
    public var underlying: (any Error & Sendable)?
    /// Whether the underlying error names `file` itself and that name is dropped (see ``wrapping(_:file:)``).
    private var dropsRepeatedFile = false

    public init(file: String, reason: String) {
        self.file = file
        context = reason
        underlying = nil
    }

    /// An error of a lower layer about `file`: the message reads `<file>: <context>: <underlying>`, or
    /// `<file>: <underlying>` without a context.
    public init(file: String, context: String = "", underlying: any Error & Sendable) {
        self.file = file
        self.context = context
        self.underlying = underlying
    }

    /// What is wrong with the file: the message without the file name.
    public var reason: String {
        guard let underlying else { return context }
        var text = "\(underlying)"
        if dropsRepeatedFile, let named = underlying as? any FileNamingError, named.namedFile == file {
            text = named.messageAfterFile
        }
        return context.isEmpty ? text : "\(context): \(text)"
    }

    public var description: String { "\(file): \(reason)" }

    /// Wraps any error from a lower layer so that the message names `file` exactly once: a lower layer's error
    /// that names this file first (``FileNamingError``) gives only what it says after the name.
    public static func wrapping(_ error: any Error, file: String) -> ArtifactError {
        if let error = error as? ArtifactError { return error }
        var wrapped = ArtifactError(file: file, underlying: error)
        wrapped.dropsRepeatedFile = true
        return wrapped
    }
}

import DebianFormats

extension ArtifactError {
    /// A deb822 error inside `file`: `<what> line N: <reason>` (the parser's own file name dropped).
    init(file: String, in what: String? = nil, _ error: Deb822Error) {
        let place = error.line > 0 ? "line \(error.line)" : ""
        let prefix = [what, place.isEmpty ? nil : place].compactMap { $0 }.joined(separator: " ")
        self.init(file: file, reason: prefix.isEmpty ? error.reason : "\(prefix): \(error.reason)")
    }

    /// A checksum-field error inside `file`: `field 'X': <reason>`.
    init(file: String, _ error: FieldError) {
        let place = error.line.map { "line \($0), " } ?? ""
        self.init(file: file, reason: "\(place)field '\(error.field)': \(error.reason)")
    }
}
