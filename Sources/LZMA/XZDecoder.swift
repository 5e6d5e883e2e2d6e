import CLZMA

/// Decodes `.xz` (and legacy `.lzma`) data with liblzma directly (`lzma_auto_decoder`).
///
/// Used for APT index files (`Packages.xz`, `Sources.xz`), where going through libarchive's raw
/// format would add a copy for nothing. Owns an `lzma_stream`, ended with `lzma_end` in `deinit`.
/// Not `Sendable`.
public final class XZDecoder {
    private var stream = lzma_stream()
    private let source: String
    private let maximumOutput: Int64
    private var produced: Int64 = 0
    private var finished = false
    private let output: UnsafeMutablePointer<UInt8>
    private let outputSize = 256 * 1024

    /// Starts a decoder (`lzma_auto_decoder`) with a 256 MiB memory limit.
    /// - Parameters:
    ///   - source: the file name used in messages.
    ///   - maximumOutput: the decompressed size at which decoding stops with an error (bomb guard).
    public init(source: String, maximumOutput: Int64 = 4 << 30) throws(LZMAError) {
        self.source = source
        self.maximumOutput = maximumOutput
        self.output = .allocate(capacity: outputSize)
        let code = lzma_auto_decoder(&stream, 256 << 20, clzma_concatenated)
        guard code == LZMA_OK else {
            output.deallocate()
            throw LZMAError(source: source, function: "lzma_auto_decoder", code: code.rawValue)
        }
    }

    deinit {
        lzma_end(&stream)
        output.deallocate()
    }

    /// Feeds compressed bytes; `body` receives decompressed chunks (valid only during the call).
    /// Pass `isLast: true` with the final input (possibly empty) to flush and check the stream end.
    public func decode(_ input: UnsafeRawBufferPointer, isLast: Bool, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !finished else { return }
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = input.count
        let action = isLast ? LZMA_FINISH : LZMA_RUN
        while true {
            stream.next_out = output
            stream.avail_out = outputSize
            let code = lzma_code(&stream, action)
            let count = outputSize - stream.avail_out
            if count > 0 {
                produced += Int64(count)
                if produced > maximumOutput {
                    throw LZMAError(source: source, function: "lzma_code", code: LZMA_DATA_ERROR.rawValue,
                                    detail: "decompressed data exceeds \(maximumOutput) bytes (decompression bomb?)")
                }
                try body(UnsafeRawBufferPointer(start: output, count: count))
            }
            if code == LZMA_STREAM_END {
                finished = true
                return
            }
            guard code == LZMA_OK else {
                throw LZMAError(source: source, function: "lzma_code", code: code.rawValue)
            }
            if stream.avail_in == 0 && stream.avail_out != 0 {
                if isLast {
                    throw LZMAError(source: source, function: "lzma_code", code: LZMA_BUF_ERROR.rawValue)
                }
                return
            }
        }
    }

    /// Decodes a whole in-memory `.xz` buffer.
    public static func decode(_ bytes: [UInt8], source: String, maximumOutput: Int64 = 4 << 30) throws -> [UInt8] {
        let decoder = try XZDecoder(source: source, maximumOutput: maximumOutput)
        var result: [UInt8] = []
        try bytes.withUnsafeBytes { input in
            try decoder.decode(input, isLast: true) { result.append(contentsOf: $0) }
        }
        return result
    }
}
