import Dispatch
import Synchronization

/// Computes `transform(0..<count)` on up to `workers` threads, each taking the next index not yet
/// taken (in the order of `order` when given, e.g. the most costly first), so that items of very
/// different costs still keep every thread busy. With one worker (or one item) everything runs on the
/// calling thread, in order.
/// - Returns: the results in index order.
/// - Throws: the error of the lowest index that failed (every index is still computed).
func stealingMap<Result: Sendable>(
    _ count: Int, workers: Int, order: [Int]? = nil, _ transform: @Sendable (Int) throws(DebdiffError) -> Result
) throws(DebdiffError) -> [Result] {
    let workers = max(1, min(workers, count))
    if workers == 1 { return try (0..<count).map { index throws(DebdiffError) in try transform(index) } }
    let order = order ?? Array(0..<count)
    let next = Atomic<Int>(0)
    let collected = Mutex<[(index: Int, result: Swift.Result<Result, DebdiffError>)]>([])
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        var local: [(index: Int, result: Swift.Result<Result, DebdiffError>)] = []
        while true {
            let taken = next.add(1, ordering: .relaxed).oldValue
            guard taken < order.count else { break }
            let index = order[taken]
            local.append((index, Swift.Result { () throws(DebdiffError) in try transform(index) }))
        }
        collected.withLock { $0 += local }
    }
    var results = [Swift.Result<Result, DebdiffError>?](repeating: nil, count: count)
    collected.withLock { all in
        for (index, result) in all { results[index] = result }
        all = []
    }
    // Every index was taken exactly once.
    return try results.map { slot throws(DebdiffError) in try slot!.get() }
}
