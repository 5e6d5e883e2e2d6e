import Debdiff
import Foundation
import Testing

/// Times `SourceDebdiff` on a real pair (bench/debdiff-source.sh sets the variables); skipped otherwise.
@Suite struct SourceDebdiffBenchmark {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["DEBWORK_BENCH"] == "1"))
    func sourcePair() throws {
        let old = try #require(Self.environment["DEBWORK_BENCH_OLD"])
        let new = try #require(Self.environment["DEBWORK_BENCH_NEW"])
        var report: DebdiffReport?
        for run in 1...3 {
            let start = DispatchTime.now().uptimeNanoseconds
            report = try SourceDebdiff(options: DebdiffOptions()).run(old: old, new: new)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            print("bench run \(run): \(String(format: "%.3f", seconds)) s, peak RSS \(usage.ru_maxrss) KB, \(report?.text.count ?? 0) bytes, exit \(report?.exitStatus ?? -1)")
        }
        if let path = Self.environment["DEBWORK_BENCH_OUT"], let report {
            try Data(report.text).write(to: URL(fileURLWithPath: path))
        }
    }
}
