import Glibc
import Synchronization

/// Ends the process with one `E:` line when a single step of a computation has run longer than a limit: a guard for
/// work whose cost the input decides and no API bounds, such as a regular expression that backtracks
/// catastrophically (`(a+)+$` on a path of thirty `a`s runs for hours in Swift's `Regex`, which has no step limit and
/// cannot be interrupted).
///
/// A step is cheap to mark (two atomic increments); a thread started on the first step looks once a second whether
/// the same step is still running and, after ``limit`` seconds of it, writes the message to stderr and exits with
/// status 1. Long work made of many short steps (a scan of every path) is never stopped.
public enum StallWatchdog {
    /// The seconds one step may run.
    public static let limit = 5

    /// Odd while a step runs; each step adds two.
    private static let sequence = Atomic<Int>(0)
    private static let started = Atomic<Bool>(false)
    /// What runs, for the message (`the regular expression '…'`), already escaped for a terminal.
    private static let subject = Mutex<String>("a step")

    /// Names what the next steps run, for the message: a phrase such as `the regular expression '(a+)+$'`, escaped by
    /// the caller.
    public static func describe(_ phrase: String) {
        subject.withLock { $0 = phrase }
    }

    /// Runs `body` as one guarded step.
    @inline(__always)
    public static func step<Result>(_ body: () throws -> Result) rethrows -> Result {
        if !started.load(ordering: .relaxed) { start() }
        sequence.add(1, ordering: .releasing)
        defer { sequence.add(1, ordering: .releasing) }
        return try body()
    }

    private static func start() {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { _ in
            StallWatchdog.watch()
            return nil
        }, nil)
        if created == 0 { pthread_detach(thread) }
    }

    private static func watch() -> Never {
        var last = -1, stalled = 0
        while true {
            sleep(1)
            let now = sequence.load(ordering: .acquiring)
            if now & 1 == 1 && now == last {
                stalled += 1
            } else {
                stalled = 0
                last = now
            }
            if stalled >= limit {
                let message = subject.withLock { "E: \($0) ran for more than \(limit) s on one value "
                    + "(catastrophic backtracking?); stopped\n" }
                message.utf8CString.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count - 1) }
                _exit(1)
            }
        }
    }
}
