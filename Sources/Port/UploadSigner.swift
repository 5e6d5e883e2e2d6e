import SystemCalls
/// Clearsigns upload files with GnuPG (`gpg --batch --clearsign --local-user KEY`), honouring `GNUPGHOME`.
public enum UploadSigner {
    /// Replaces `path` by its clearsigned form (written to `<path>.partial`, then renamed).
    /// - Throws: ``PortError`` with gpg's output when signing fails.
    public static func clearsign(_ path: String, key: String) throws(PortError) {
        let temporary = path + ".partial"
        let result = try Subprocess.port(["gpg", "--batch", "--yes", "--clearsign", "--local-user", key,
                                         "--output", temporary, path])
        guard result.status == 0 else {
            TemporaryCleanup.removeTree(temporary)
            throw PortError(file: path, "gpg --clearsign with key '\(key)' failed (exit \(result.status)): \(result.output.trimmingTrailingNewlines)")
        }
        try PortFiles.rename(temporary, to: path)
    }

    /// Checks a clearsigned file with `gpgv` against `keyrings`.
    /// - Throws: ``PortError`` with gpgv's output when the signature is missing or bad.
    public static func verify(_ path: String, keyrings: [String]) throws(PortError) {
        guard !keyrings.isEmpty else { throw PortError(file: path, "no keyring configured to check its signature") }
        let result = try Subprocess.port(["gpgv"] + keyrings.flatMap { ["--keyring", $0] } + [path])
        guard result.status == 0 else {
            throw PortError(file: path, "signature check failed (gpgv exit \(result.status)): \(result.output.trimmingTrailingNewlines)")
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
