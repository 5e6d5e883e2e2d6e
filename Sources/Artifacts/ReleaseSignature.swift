import SystemCalls

/// Checks a distribution's OpenPGP signature with `gpgv` against the keyrings the user trusts, as apt does:
/// `InRelease` (clearsigned) when present, else `Release` with its detached `Release.gpg`.
public enum ReleaseSignature {
    /// The signed file to read the distribution from and the fingerprint of the key that made a good signature.
    public struct Verified: Sendable, Hashable {
        public var path: String
        public var fingerprint: String
    }

    /// Verifies the distribution in `directory` (`dists/<name>` or a snapshot folder).
    ///
    /// - Parameter keyrings: binary keyrings (`/usr/share/keyrings/*.gpg`, `gpg --export` output); relative paths
    ///   are made absolute (gpgv would look them up in its home directory). Only these are used.
    /// - Throws: ``ArtifactError`` naming the file: no signature, a bad or unknown signature, gpgv not runnable.
    public static func verify(directory: String, keyrings: [String]) throws(ArtifactError) -> Verified {
        try verify(DistributionFiles(directory: directory), keyrings: keyrings)
    }

    /// Verifies a distribution's InRelease, or Release and Release.gpg, wherever they lie (a tree's folder,
    /// apt's lists directory).
    public static func verify(_ files: DistributionFiles, keyrings: [String]) throws(ArtifactError) -> Verified {
        let inRelease = files.path("InRelease")
        let release = files.path("Release")
        let detached = files.path("Release.gpg")
        let signed: [String]
        let path: String
        if FileSystem.status(inRelease)?.isRegular == true {
            (signed, path) = ([inRelease], inRelease)
        } else if FileSystem.status(release)?.isRegular == true, FileSystem.status(detached)?.isRegular == true {
            (signed, path) = ([detached, release], release)
        } else {
            throw ArtifactError(file: FileSystem.status(release) == nil ? inRelease : release,
                                reason: "no signature to check (neither InRelease nor Release.gpg) and --keyring was given")
        }
        let absolute = keyrings.map { $0.hasPrefix("/") ? $0 : FileSystem.canonical($0) ?? $0 }
        // An empty home: gpgv must use the given keyrings only, never ~/.gnupg/trustedkeys.kbx.
        let arguments = ["gpgv", "--homedir", "/nonexistent", "--status-fd", "1"]
            + absolute.flatMap { ["--keyring", $0] } + signed
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(arguments)
        } catch {
            throw ArtifactError(file: path, reason: "cannot check the signature: gpgv: \(error.message)")
        }
        let status = result.output.split(separator: "\n").filter { $0.hasPrefix("[GNUPG:] ") }
        let valid = status.first { $0.hasPrefix("[GNUPG:] VALIDSIG ") }?.split(separator: " ").dropFirst(2).first
        guard result.status == 0, let fingerprint = valid else {
            let why = status.contains { $0.hasPrefix("[GNUPG:] BADSIG ") } ? "bad signature (the file was changed after signing)"
                : status.contains { $0.hasPrefix("[GNUPG:] NO_PUBKEY ") || $0.hasPrefix("[GNUPG:] ERRSIG ") }
                ? "signed by a key that is not in the given keyrings"
                : "signature not verified (gpgv exit status \(result.status))"
            throw ArtifactError(file: path, reason: why)
        }
        return Verified(path: path, fingerprint: String(fingerprint))
    }
}
