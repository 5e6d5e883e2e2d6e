import CZlib

/// An error from zlib, naming the function and its return code.
public struct GzipError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var function: String
    public var code: Int32
    public var detail: String?

    public var description: String { "\(source): \(message)" }

    /// The message without the source's name: what is wrong, then the zlib function.
    public var message: String { "\(detail ?? GzipError.explain(code)) (\(function))" }

    /// A readable explanation of a zlib return code.
    static func explain(_ code: Int32) -> String {
        switch code {
        case Z_DATA_ERROR: "corrupt gzip data (bad deflate data, or a CRC or length that does not match)"
        case Z_MEM_ERROR: "out of memory"
        case Z_BUF_ERROR: "truncated gzip input"
        case Z_STREAM_ERROR: "zlib stream error"
        case Z_VERSION_ERROR: "incompatible zlib version"
        case Z_NEED_DICT: "gzip data needs a preset dictionary"
        default: "zlib error \(code)"
        }
    }
}
