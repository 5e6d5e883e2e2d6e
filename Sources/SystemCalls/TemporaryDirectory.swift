#if canImport(Glibc)
import Glibc
#endif

/// Private temporary directories (`mkdtemp(3)`, mode 0700) under `TMPDIR`.
///
/// Removing one is ``TemporaryCleanup/removeTree(_:)``; registering it with ``TemporaryCleanup`` makes
/// Ctrl-C remove it too.
public enum TemporaryDirectory {
    /// `TMPDIR` when set and not empty, else `/tmp`.
    public static var base: String {
        getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Creates the directory `<base>/<prefix>XXXXXX` (`mkdtemp`, the `X`s replaced) and returns its path.
    /// - Throws: ``SystemCallError`` naming `base`, with `mkdtemp` and its `errno`.
    public static func make(prefix: String, in base: String = base) throws(SystemCallError) -> String {
        var template = Array("\(base)/\(prefix)XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) != nil else {
            throw SystemCallError(path: base, function: "mkdtemp", errno: errno)
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
