/// Messages on stderr, filtered by `-l`: `W: …` for warnings, `I: …`/`D: …` when asked for.
struct Log {
    let level: LogLevel

    func debug(_ message: @autoclosure () -> String) { emit(.debug, "D", message()) }
    func info(_ message: @autoclosure () -> String) { emit(.info, "I", message()) }
    func warning(_ message: @autoclosure () -> String) { emit(.warning, "W", message()) }

    private func emit(_ messageLevel: LogLevel, _ prefix: String, _ message: String) {
        guard messageLevel >= level else { return }
        Console.message(prefix, message)
    }
}
