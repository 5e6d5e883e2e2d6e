import Dispatch

/// Maps `items` on Dispatch's worker threads (debdiff's two sides are read at the same time) and
/// returns the results in input order; every item is computed, then the first error in input order is
/// thrown. Generic over the error type: a typed `transform` keeps its type.
func orderedParallelMap<Item: Sendable, Result: Sendable, Failure: Error>(
    _ items: [Item], _ transform: @Sendable (Item) throws(Failure) -> Result
) throws(Failure) -> [Result] {
    if items.count <= 1 { return try items.map { item throws(Failure) in try transform(item) } }
    let results = ResultSlots<Result, Failure>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.set(index, Swift.Result { () throws(Failure) in try transform(items[index]) })
    }
    return try results.values.map { slot throws(Failure) in try slot!.get() }
}

/// Slots written once each from different threads, read after all writers finished.
private final class ResultSlots<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private(set) var values: [Swift.Result<Value, Failure>?]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Swift.Result<Value, Failure>) {
        lock.wait()
        values[index] = value
        lock.signal()
    }
}
