import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The file-system calls the index needs beyond the readers' (`mkdir`, `isatty`, clocks).
enum FileSystemCalls {
    static func makeDirectory(_ path: String) throws(IndexError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw IndexError(path: path, reason: "cannot create directory: \(Errno.currentText)")
        }
    }

    /// Seconds since the Unix epoch (`clock_gettime(CLOCK_REALTIME)`).
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }

    /// A monotonic clock in seconds, for rates and ETAs.
    static func monotonic() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func stderrIsTerminal() -> Bool { isatty(2) == 1 }

    static func writeStderr(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            _ = write(2, buffer.baseAddress, buffer.count)
        }
    }
}
