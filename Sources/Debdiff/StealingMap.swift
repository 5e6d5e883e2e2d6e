import Dispatch
import Synchronization

/// Computes `transform(0..<count)` on up to `workers` threads, each taking the next index not yet
/// taken (in the order of `order` when given, e.g. the most costly first), so that items of very
/// different costs still keep every thread busy. With one worker (or one item) everything runs on the
/// calling thread, in order.
/// - Returns: the results in index order.
/// - Throws: the error of the lowest index that failed (every index is still computed), of the type
///   `transform` throws.
func stealingMap<Result: Sendable, Failure: Error>(
    _ count: Int, workers: Int, order: [Int]? = nil, _ transform: @Sendable (Int) throws(Failure) -> Result
) throws(Failure) -> [Result] {
    let workers = max(1, min(workers, count))
    if workers == 1 { return try (0..<count).map { index throws(Failure) in try transform(index) } }
    let order = order ?? Array(0..<count)
    let next = Atomic<Int>(0)
    let collected = Mutex<[(index: Int, result: Swift.Result<Result, Failure>)]>([])
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        var local: [(index: Int, result: Swift.Result<Result, Failure>)] = []
        while true {
            let taken = next.add(1, ordering: .relaxed).oldValue
            guard taken < order.count else { break }
            let index = order[taken]
            local.append((index, Swift.Result { () throws(Failure) in try transform(index) }))
        }
        collected.withLock { $0 += local }
    }
    var results = [Swift.Result<Result, Failure>?](repeating: nil, count: count)
    collected.withLock { all in
        for (index, result) in all { results[index] = result }
        all = []
    }
    // Every index was taken exactly once.
    return try results.map { slot throws(Failure) in try slot!.get() }
}
