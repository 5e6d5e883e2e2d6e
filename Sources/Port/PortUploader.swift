import SystemCalls
/// Hands a written upload to dput.
public enum PortUploader {
    /// `dput <target> <changes>`, the command a summary tells the user to run.
    public static func command(target: String, changes: String) -> [String] { ["dput", target, changes] }

    /// Runs dput (its output goes to the terminal).
    /// - Throws: ``PortError`` when dput cannot start or fails.
    public static func upload(target: String, changes: String) throws(PortError) {
        let result = try Subprocess.port(command(target: target, changes: changes), inheritOutput: true)
        guard result.status == 0 else { throw PortError(file: changes, "dput to '\(target)' failed (exit \(result.status))") }
    }
}
