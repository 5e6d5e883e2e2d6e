import SystemCalls
import Artifacts
#if canImport(Glibc)
import Glibc
#endif

/// The instance's public key, exported with GnuPG (`GNUPGHOME` honoured).
public enum ArchiveKey {
    /// `gpg --armor --export KEY`, then `gpg --dearmor` of it: the binary key APT's `signed-by` expects.
    /// - Throws: ``PortError`` when gpg fails or exports nothing (an unknown key).
    public static func dearmored(_ key: String) throws -> [UInt8] {
        let directory = try PortFiles.temporaryDirectory(prefix: "debwork-key")
        defer { TemporaryCleanup.removeTree(directory) }
        let armored = directory + "/key.asc", binary = directory + "/key.gpg"
        let export = try Subprocess.port(["gpg", "--batch", "--armor", "--export", "--output", armored, key])
        guard export.status == 0, PortFiles.exists(armored), try size(armored) > 0 else {
            throw PortError("gpg --armor --export '\(key)' exported no key (exit \(export.status))"
                            + (export.output.isEmpty ? "" : ": \(export.output.trimmingTrailingNewlines)"))
        }
        let dearmor = try Subprocess.port(["gpg", "--batch", "--dearmor", "--output", binary, armored])
        guard dearmor.status == 0 else {
            throw PortError("gpg --dearmor failed (exit \(dearmor.status)): \(dearmor.output.trimmingTrailingNewlines)")
        }
        return try FileSystem.read(binary, maximumSize: 16 << 20)
    }

    private static func size(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw PortError(file: path, "cannot stat: \(Errno.currentText)") }
        return Int(info.st_size)
    }
}
