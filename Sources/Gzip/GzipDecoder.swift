import CZlib

/// Decodes `.gz` data with zlib directly (`inflate` with gzip framing), checking every member's CRC-32 and length:
/// libarchive's gzip filter skips the trailer unchecked (a damaged `Contents-amd64.gz` whose deflate data still
/// decodes was read as garbage lines without a word). Members that follow each other (`cat a.gz b.gz`) are read
/// in turn, as `gzip -d` reads them. What follows a member and does not start as one ends the data, as gzip ends
/// it: zero padding silently, anything else noted in ``ignoredTrailingGarbage`` (gzip: "decompression OK, trailing
/// garbage ignored"). The start of a member's magic alone at the end (`1f`, or `1f 8b`) is a truncated member, an
/// error (gzip: "unexpected end of file").
///
/// Owns a `z_stream`, ended with `inflateEnd` in `deinit`. Not `Sendable`.
public final class GzipDecoder {
    private var stream = z_stream()
    private let source: String
    private let maximumOutput: Int64
    private var produced: Int64 = 0
    /// Whether the stream is between members: the last one ended, the next not begun.
    private var betweenMembers = false
    /// Whether what follows the last member is not a member: the rest of the input is ignored.
    private var ignoringRest = false
    /// Whether bytes other than zeros followed the last member and were ignored: data gzip decodes with a warning
    /// (its exit status 2). Zero padding (a tape block, `dd` padding) is ignored silently, as gzip ignores it.
    public private(set) var ignoredTrailingGarbage = false
    /// The warning for ``ignoredTrailingGarbage``, without the file's name.
    public static let trailingGarbageWarning = "trailing garbage after the gzip data ignored (as gzip does)"
    /// The first byte of the gzip magic, at the end of the previous input, between members.
    private var heldMagicByte = false
    private let output: UnsafeMutablePointer<UInt8>
    private let outputSize = 256 * 1024

    /// Starts a decoder.
    /// - Parameters:
    ///   - source: the file name used in messages.
    ///   - maximumOutput: the decompressed size at which decoding stops with an error (bomb guard).
    public init(source: String, maximumOutput: Int64 = 4 << 30) throws(GzipError) {
        self.source = source
        self.maximumOutput = maximumOutput
        output = .allocate(capacity: outputSize)
        // 15 + 16: the largest window, gzip framing only (header and trailer checked).
        let code = czlib_inflate_init2(&stream, 15 + 16)
        guard code == Z_OK else {
            output.deallocate()
            throw GzipError(source: source, function: "inflateInit2", code: code)
        }
    }

    deinit {
        inflateEnd(&stream)
        output.deallocate()
    }

    /// Feeds compressed bytes; `body` receives decompressed chunks (valid only during the call). Pass
    /// `isLast: true` with the final input (possibly empty): a stream that ends inside a member is an error.
    public func decode(_ input: UnsafeRawBufferPointer, isLast: Bool, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var rest = input
        while !rest.isEmpty && !ignoringRest {
            if betweenMembers {
                // What follows a member: the next one (gzip's magic, 1f 8b), or data gzip ignores.
                if heldMagicByte {
                    heldMagicByte = false
                    guard rest[0] == 0x8B else {
                        // The held 1f is not a zero: garbage.
                        ignoredTrailingGarbage = true
                        ignoringRest = true
                        break
                    }
                    try startMember()
                    try feed([0x1F], body)
                } else if rest[0] != 0x1F {
                    ignoringRest = true
                    break
                } else if rest.count == 1 {
                    heldMagicByte = true
                    rest = UnsafeRawBufferPointer(rebasing: rest[1...])
                    break
                } else if rest[1] != 0x8B {
                    ignoringRest = true
                    break
                } else {
                    try startMember()
                }
            }
            stream.next_in = UnsafeMutablePointer(mutating: rest.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(min(rest.count, Int(UInt32.max)))
            let offered = Int(stream.avail_in)
            var ended = false
            repeat {
                stream.next_out = output
                stream.avail_out = UInt32(outputSize)
                let code = inflate(&stream, Z_NO_FLUSH)
                let count = outputSize - Int(stream.avail_out)
                if count > 0 {
                    produced += Int64(count)
                    if produced > maximumOutput {
                        throw GzipError(source: source, function: "inflate", code: Z_DATA_ERROR,
                                        detail: "decompressed data exceeds \(maximumOutput) bytes (decompression bomb?)")
                    }
                    try body(UnsafeRawBufferPointer(start: output, count: count))
                }
                switch code {
                case Z_STREAM_END: ended = true
                case Z_OK: break
                case Z_BUF_ERROR where stream.avail_in == 0: break
                default:
                    let detail = stream.msg.map { String(cString: $0) }.map { "corrupt gzip data: \($0)" }
                    throw GzipError(source: source, function: "inflate", code: code, detail: detail)
                }
            } while !ended && (stream.avail_in > 0 || stream.avail_out == 0)
            rest = UnsafeRawBufferPointer(rebasing: rest[(offered - Int(stream.avail_in))...])
            if ended { betweenMembers = true }
        }
        if ignoringRest && !ignoredTrailingGarbage && rest.contains(where: { $0 != 0 }) { ignoredTrailingGarbage = true }
        if isLast && (!betweenMembers || heldMagicByte) {
            throw GzipError(source: source, function: "inflate", code: Z_BUF_ERROR)
        }
    }

    private func startMember() throws(GzipError) {
        let code = inflateReset(&stream)
        guard code == Z_OK else { throw GzipError(source: source, function: "inflateReset", code: code) }
        betweenMembers = false
    }

    /// Feeds bytes held back from an earlier input (the first of a member's magic).
    private func feed(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try bytes.withUnsafeBytes { try decode($0, isLast: false, body) }
    }

    /// Decodes a whole in-memory `.gz` buffer.
    public static func decode(_ bytes: [UInt8], source: String, maximumOutput: Int64 = 4 << 30) throws -> [UInt8] {
        let decoder = try GzipDecoder(source: source, maximumOutput: maximumOutput)
        var result: [UInt8] = []
        try bytes.withUnsafeBytes { input in
            try decoder.decode(input, isLast: true) { result.append(contentsOf: $0) }
        }
        return result
    }
}
