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
        do { path = try TemporaryDirectory.make(prefix: "debwork-debdiff.") } catch {
            throw DebdiffError("cannot create a temporary directory in '\(error.path)': \(Errno.text(error.errno))")
        }
        // Ctrl-C or SIGTERM in the middle of a comparison must not leave the spools behind.
        TemporaryCleanup.register(path)
    }

    deinit {
        TemporaryCleanup.removeTree(path)
        TemporaryCleanup.unregister(path)
    }
}
