/// A one-line progress display on stderr (files and bytes done, MB/s, ETA), drawn only when stderr is a terminal.
struct ProgressLine {
    let enabled: Bool
    let totalFiles: Int
    let totalBytes: Int64
    private var files = 0
    private var bytes: Int64 = 0
    private let start = FileSystemCalls.monotonic()
    private var lastDraw = 0.0

    init(enabled: Bool, totalFiles: Int, totalBytes: Int64) {
        self.enabled = enabled && FileSystemCalls.stderrIsTerminal()
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
    }

    mutating func advance(bytes count: Int64) {
        files += 1
        bytes += count
        guard enabled else { return }
        let now = FileSystemCalls.monotonic()
        guard now - lastDraw > 0.1 || files == totalFiles else { return }
        lastDraw = now
        let elapsed = max(now - start, 0.001)
        let rate = Double(bytes) / elapsed
        let width = 24
        let filled = totalBytes > 0 ? Int(Double(width) * Double(bytes) / Double(totalBytes)) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: max(0, width - filled))
        FileSystemCalls.writeStderr("\r[\(bar)] \(files)/\(totalFiles) files  \(format(Double(bytes) / 1e6))/"
            + "\(format(Double(totalBytes) / 1e6)) MB  \(format(rate / 1e6)) MB/s  ETA \(eta(elapsed: elapsed)) \u{1B}[K")
    }

    /// The time left from the share of bytes done. Files are counted when they are finished and the largest
    /// go first, so early on (under 5 % of the bytes or 2 s) there is no honest estimate: `?`. While files
    /// remain it is never 0.
    func eta(elapsed: Double) -> String {
        guard files < totalFiles else { return "0s" }
        guard totalBytes > 0, bytes * 20 >= totalBytes, elapsed >= 2 else { return "?" }
        let remaining = elapsed * Double(totalBytes - bytes) / Double(max(bytes, 1))
        return remaining < 1 ? "<1s" : "\(Int(remaining.rounded()))s"
    }

    func finish() {
        if enabled && files > 0 { FileSystemCalls.writeStderr("\r\u{1B}[K") }
    }

    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
