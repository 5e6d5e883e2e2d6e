import CLZMA

/// An error from liblzma, naming the function and its `lzma_ret` code.
public struct LZMAError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var function: String
    public var code: UInt32
    public var detail: String?

    public var description: String { "\(source): \(message)" }

    /// The message without the source's name: what is wrong, then the liblzma function.
    public var message: String { "\(detail ?? LZMAError.explain(code)) (\(function))" }

    /// A readable explanation of an `lzma_ret` value.
    static func explain(_ code: UInt32) -> String {
        switch lzma_ret(code) {
        case LZMA_MEM_ERROR: "out of memory"
        case LZMA_MEMLIMIT_ERROR: "xz stream needs more memory than the limit allows"
        case LZMA_FORMAT_ERROR: "not an xz stream"
        case LZMA_OPTIONS_ERROR: "unsupported xz options"
        case LZMA_DATA_ERROR: "corrupt xz data"
        case LZMA_BUF_ERROR: "truncated xz stream"
        case LZMA_PROG_ERROR: "liblzma programming error"
        default: "liblzma error \(code)"
        }
    }
}
