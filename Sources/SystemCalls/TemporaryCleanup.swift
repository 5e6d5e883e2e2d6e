import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Temporary folders removed even when the process is interrupted.
///
/// A source `debdiff` spools ~100 MB under `$TMPDIR`; a port stages its upload next to the output. `deinit`
/// removes them on every normal path, but Ctrl-C (`SIGINT`), `SIGTERM` and `SIGHUP` end the process without
/// running it. Registered folders are removed by a handler that runs on a Dispatch queue (not in signal
/// context, so it may walk directories), after which the signal's default action ends the process as before
/// (the exit status still says which signal it was).
public enum TemporaryCleanup {
    private static let registered = Mutex<[String: Int]>([:])
    private static let installed = Mutex<[DispatchSourceSignal]>([])

    /// Removes `path` (a folder this process made) if the process is interrupted before ``unregister(_:)``.
    public static func register(_ path: String) {
        installHandlers()
        registered.withLock { $0[path, default: 0] += 1 }
    }

    /// The folder is gone or no longer needs protecting.
    public static func unregister(_ path: String) {
        registered.withLock { paths in
            guard let count = paths[path] else { return }
            paths[path] = count > 1 ? count - 1 : nil
        }
    }

    private static func installHandlers() {
        installed.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                // Keep an ignored signal ignored (nohup, a parent that ignores SIGINT).
                let previous = signal(number, SIG_IGN)
                if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    signal(number, SIG_DFL)
                    let paths = registered.withLock { paths in
                        defer { paths.removeAll() }
                        return Array(paths.keys)
                    }
                    for path in paths { removeTree(path) }
                    raise(number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// `rm -r` of a folder this process made: symlinks are unlinked, never followed; nothing is trusted from
    /// `d_type` (it may be `DT_UNKNOWN`), every entry is looked at with `lstat`.
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        if let dir = opendir(path) {
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(dir)
            for name in names { removeTree(path + "/" + name) }
        }
        rmdir(path)
    }
}
