/// Why an artifact (a .deb, .dsc, .changes or APT index file) could not be read.
///
/// The description is the one line a user reads: the file, then what is wrong with it.
public struct ArtifactError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }

    /// Wraps any error from a lower layer so that the message names `file` exactly once.
    public static func wrapping(_ error: any Error, file: String) -> ArtifactError {
        if let error = error as? ArtifactError { return error }
        let text = String(describing: error)
        if text.hasPrefix(file) {
            let rest = text.dropFirst(file.count).drop { $0 == ":" || $0 == " " }
            return ArtifactError(file: file, reason: String(rest))
        }
        return ArtifactError(file: file, reason: text)
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
