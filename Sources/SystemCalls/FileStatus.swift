#if canImport(Glibc)
import Glibc
#endif

/// Questions about a path answered by `stat(2)` (symlinks followed); a path that cannot be looked at
/// answers false.
public enum FileStatus {
    /// Whether something is at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` is a directory (or a symlink to one).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
