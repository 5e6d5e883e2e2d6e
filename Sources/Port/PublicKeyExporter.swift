import SystemCalls
#if canImport(Glibc)
import Glibc
#endif
import Artifacts

/// The ASCII-armoured public key of a signing key (`gpg --batch --armor --export KEY`), honouring `GNUPGHOME`.
public enum PublicKeyExporter {
    /// The armoured public key block of `key` (a key id, fingerprint or user id).
    /// - Throws: ``PortError`` when gpg cannot be run, fails, or has no public key matching `key`.
    public static func armored(key: String) throws(PortError) -> String {
        guard !key.isEmpty, !key.hasPrefix("-") else { throw PortError("'\(key)' is not a key id") }
        // gpg mixes warnings into its output; --output (in a private mkdtemp folder) keeps the key block apart.
        let folder = try PortFiles.temporaryDirectory(prefix: "debwork-pub-key")
        defer { TemporaryCleanup.removeTree(folder) }
        let output = folder + "/key.asc"
        let result = try Subprocess.port(["gpg", "--batch", "--yes", "--armor", "--output", output, "--export", key])
        guard result.status == 0 else {
            throw PortError("gpg --export '\(key)' failed (exit \(result.status)): \(result.output.trimmingTrailingNewlines)")
        }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(output, maximumSize: 16 << 20) } catch { bytes = [] }
        let text = String(decoding: bytes, as: UTF8.self)
        // gpg exits 0 with "nothing exported" for an unknown key.
        guard text.hasPrefix("-----BEGIN PGP PUBLIC KEY BLOCK-----") else {
            throw PortError("gpg has no public key '\(key)'\(Self.home)")
        }
        return text
    }

    /// ` in GNUPGHOME '<dir>'` when set, for the error message.
    private static var home: String {
        guard let value = getenv("GNUPGHOME") else { return "" }
        return " in GNUPGHOME '\(String(cString: value))'"
    }
}
