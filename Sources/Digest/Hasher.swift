import CCrypto

/// The digests Debian's control files carry.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Codable {
    case md5, sha1, sha256

    /// The OpenSSL message digest (`EVP_md5`, `EVP_sha1`, `EVP_sha256`).
    var evp: OpaquePointer? {
        switch self {
        case .md5: EVP_md5()
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        }
    }
}

/// An error from OpenSSL's EVP digest API, naming the failed function.
public struct DigestError: Error, Sendable, CustomStringConvertible {
    public var function: String
    public var description: String { "openssl \(function) failed" }
}

/// Computes one or more digests over a stream of bytes in a single pass.
///
/// Owns one `EVP_MD_CTX` per algorithm (`EVP_MD_CTX_new`), freed in `deinit` (`EVP_MD_CTX_free`).
/// Not `Sendable`: a hasher belongs to the thread feeding it.
public final class Hasher {
    private var contexts: [(DigestAlgorithm, OpaquePointer)] = []

    /// Starts hashing with `algorithms` (`EVP_DigestInit_ex`).
    /// - Throws: ``DigestError`` if OpenSSL cannot allocate or initialise a context.
    public init(_ algorithms: [DigestAlgorithm] = DigestAlgorithm.allCases) throws(DigestError) {
        for algorithm in algorithms {
            guard let context = EVP_MD_CTX_new() else { throw DigestError(function: "EVP_MD_CTX_new") }
            contexts.append((algorithm, context))
            guard EVP_DigestInit_ex(context, algorithm.evp, nil) == 1 else {
                throw DigestError(function: "EVP_DigestInit_ex")
            }
        }
    }

    deinit {
        for (_, context) in contexts { EVP_MD_CTX_free(context) }
    }

    /// Feeds bytes to every digest (`EVP_DigestUpdate`).
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        for (_, context) in contexts {
            // EVP_DigestUpdate only fails on a NULL context, which init already excluded.
            _ = EVP_DigestUpdate(context, base, bytes.count)
        }
    }

    /// Feeds an array of bytes.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Finishes every digest (`EVP_DigestFinal_ex`) and returns lowercase hex strings.
    /// The hasher cannot be fed afterwards.
    public func finalize() -> [DigestAlgorithm: String] {
        var result: [DigestAlgorithm: String] = [:]
        var output = [UInt8](repeating: 0, count: 64)
        for (algorithm, context) in contexts {
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(context, &output, &length) == 1 else { continue }
            result[algorithm] = hex(output[0..<Int(length)])
        }
        return result
    }

    /// Hashes a byte array in one call.
    public static func hash(_ bytes: [UInt8], _ algorithm: DigestAlgorithm) throws(DigestError) -> String {
        let hasher = try Hasher([algorithm])
        hasher.update(bytes)
        return hasher.finalize()[algorithm] ?? ""
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

func hex(_ bytes: ArraySlice<UInt8>) -> String {
    var text = [UInt8]()
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        text.append(hexDigits[Int(byte >> 4)])
        text.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}
