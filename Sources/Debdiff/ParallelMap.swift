import Dispatch

/// Maps `items` on Dispatch's worker threads (debdiff's two sides are read at the same time) and
/// returns the results in order; the first error in input order is thrown.
func parallelMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], _ transform: @Sendable (Item) throws(DebdiffError) -> Result
) throws(DebdiffError) -> [Result] {
    if items.count <= 1 { return try items.map { item throws(DebdiffError) in try transform(item) } }
    let results = ResultSlots<Result>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.set(index, Swift.Result { () throws(DebdiffError) in try transform(items[index]) })
    }
    return try results.values.map { slot throws(DebdiffError) in try slot!.get() }
}

/// Slots written once each from different threads, read after all writers finished.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private(set) var values: [Swift.Result<Value, DebdiffError>?]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Swift.Result<Value, DebdiffError>) {
        lock.wait()
        values[index] = value
        lock.signal()
    }
}
