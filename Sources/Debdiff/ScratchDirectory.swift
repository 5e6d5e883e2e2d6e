import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// A private directory (`mkdtemp`, mode 0700) holding the two trees' spool files, removed in `deinit`.
/// Nothing from an archive is ever created in it under its own name, so no member path or symlink can
/// make a write land elsewhere.
final class ScratchDirectory {
    let path: String

    /// Creates the directory under `$TMPDIR` (or `/tmp`).
    /// - Throws: ``DebdiffError`` naming the directory and errno.
    init() throws(DebdiffError) {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/debwork-debdiff.XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw DebdiffError("cannot create a temporary directory in '\(base)': \(Self.errnoText())")
        }
        path = String(cString: made)
        // Ctrl-C or SIGTERM in the middle of a comparison must not leave the spools behind.
        TemporaryCleanup.register(path)
    }

    deinit {
        TemporaryCleanup.removeTree(path)
        TemporaryCleanup.unregister(path)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
