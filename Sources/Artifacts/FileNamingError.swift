import DebianFormats
import Gzip
import LZMA
import LibArchive
import SystemCalls

/// An error of a lower layer whose message begins with the file it was given: `<file>: …`, `<file>:<line>: …`,
/// `<file>:<member>: …`. ``ArtifactError/wrapping(_:file:)`` reads the two parts as values, so that a message
/// names its file once; Debdiff's errors ask it the same.
public protocol FileNamingError: Error {
    /// The file the message names first.
    var namedFile: String { get }
    /// The message after that name: `<line>: <reason>`, `<member>: <message>`, or the reason.
    var messageAfterFile: String { get }
}

extension SystemCallError: FileNamingError {
    public var namedFile: String { path }
    public var messageAfterFile: String { message }
}

extension ArchiveError: FileNamingError {
    public var namedFile: String { file }
}

extension LZMAError: FileNamingError {
    public var namedFile: String { source }
    public var messageAfterFile: String { message }
}

extension GzipError: FileNamingError {
    public var namedFile: String { source }
    public var messageAfterFile: String { message }
}

extension Deb822Error: FileNamingError {
    public var namedFile: String { file }
    public var messageAfterFile: String { line > 0 ? "\(line): \(reason)" : reason }
}

extension ChangelogError: FileNamingError {
    public var namedFile: String { file }
    public var messageAfterFile: String { line > 0 ? "\(line): \(reason)" : reason }
}

extension FieldError: FileNamingError {
    public var namedFile: String { file }
    public var messageAfterFile: String { (line.map { "\($0): " } ?? "") + "field '\(field)': \(reason)" }
}
