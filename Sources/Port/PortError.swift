/// Why a port could not be written. Its description is the message a user reads: it names the file
/// (when there is one) and quotes the bad value.
public struct PortError: Error, Sendable, CustomStringConvertible {
    /// The file the problem is about, if any.
    public var file: String?
    public var reason: String

    public init(file: String? = nil, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { file.map { "\($0): \(reason)" } ?? reason }
}
