import CLZMA

/// Encodes `.xz` data with liblzma (`lzma_easy_encoder`, CRC64 check, as `xz` and dpkg-source write it).
///
/// Owns an `lzma_stream`, ended with `lzma_end` in `deinit`. Not `Sendable`.
public final class XZEncoder {
    private var stream = lzma_stream()
    private let output: UnsafeMutablePointer<UInt8>
    private let outputSize = 256 * 1024

    /// Starts an encoder at `preset` (0–9, dpkg-source uses 6).
    public init(preset: UInt32 = 6) throws(LZMAError) {
        self.output = .allocate(capacity: outputSize)
        let code = lzma_easy_encoder(&stream, preset, LZMA_CHECK_CRC64)
        guard code == LZMA_OK else {
            output.deallocate()
            throw LZMAError(source: "xz encoder", function: "lzma_easy_encoder", code: code.rawValue)
        }
    }

    deinit {
        lzma_end(&stream)
        output.deallocate()
    }

    /// Feeds bytes; `body` receives compressed chunks. `isLast: true` finishes the stream.
    public func encode(_ input: UnsafeRawBufferPointer, isLast: Bool, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = input.count
        let action = isLast ? LZMA_FINISH : LZMA_RUN
        while true {
            stream.next_out = output
            stream.avail_out = outputSize
            let code = lzma_code(&stream, action)
            let count = outputSize - stream.avail_out
            if count > 0 { try body(UnsafeRawBufferPointer(start: output, count: count)) }
            if code == LZMA_STREAM_END { return }
            guard code == LZMA_OK else {
                throw LZMAError(source: "xz encoder", function: "lzma_code", code: code.rawValue)
            }
            if stream.avail_in == 0 && !isLast && stream.avail_out != 0 { return }
        }
    }

    /// Compresses a whole buffer.
    public static func encode(_ bytes: [UInt8], preset: UInt32 = 6) throws -> [UInt8] {
        let encoder = try XZEncoder(preset: preset)
        var result: [UInt8] = []
        try bytes.withUnsafeBytes { input in
            try encoder.encode(input, isLast: true) { result.append(contentsOf: $0) }
        }
        return result
    }
}
