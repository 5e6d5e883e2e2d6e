/// A one-line progress display on stderr (files, MB/s, ETA), drawn only when stderr is a terminal.
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
        let remaining = rate > 0 ? Double(totalBytes - bytes) / rate : 0
        let width = 24
        let filled = totalBytes > 0 ? Int(Double(width) * Double(bytes) / Double(totalBytes)) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: max(0, width - filled))
        FileSystemCalls.writeStderr("\r[\(bar)] \(files)/\(totalFiles) files  \(format(rate / 1e6)) MB/s  ETA \(Int(remaining.rounded()))s \u{1B}[K")
    }

    func finish() {
        if enabled && files > 0 { FileSystemCalls.writeStderr("\r\u{1B}[K") }
    }

    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
