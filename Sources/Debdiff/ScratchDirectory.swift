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
    }

    deinit {
        Self.removeTree(path)
    }

    /// Removes a tree this process made (`unlink` removes links themselves, never their targets).
    static func removeTree(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    raw.bindMemory(to: CChar.self).baseAddress.map { String(cString: $0) } ?? ""
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) {
                    removeTree(child)
                } else {
                    unlink(child)
                }
            }
            closedir(dir)
        }
        rmdir(path)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
