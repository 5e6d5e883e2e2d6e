import Dispatch
import Synchronization

/// Runs `parse` over `items` on `jobs` threads and hands every outcome, in completion order, to
/// `consume` on the calling thread (the single SQLite writer).
///
/// At most `8 * jobs` outcomes wait for the writer: enough slack that a parser never stalls on a slow
/// commit, few enough that memory stays bounded when parsing outruns writing.
func streamingParallelMap<Item: Sendable, Output: Sendable>(
    _ items: [Item], jobs: Int, parse: @escaping @Sendable (Item) -> Output, consume: (Output) throws -> Void
) rethrows {
    guard !items.isEmpty else { return }
    let jobs = max(1, min(jobs, items.count))
    let next = Atomic<Int>(0)
    let cancelled = Atomic<Bool>(false)
    let outcomes = Mutex<[Output]>([])
    let available = DispatchSemaphore(value: 0)
    let capacity = 8 * jobs
    let space = DispatchSemaphore(value: capacity)
    let finished = DispatchGroup()
    let shared = items

    for _ in 0..<jobs {
        finished.enter()
        DispatchQueue.global().async {
            defer { finished.leave() }
            while !cancelled.load(ordering: .relaxed) {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < shared.count else { return }
                let output = parse(shared[index])
                space.wait()
                outcomes.withLock { $0.append(output) }
                available.signal()
            }
        }
    }

    do {
        for _ in 0..<items.count {
            available.wait()
            let output = outcomes.withLock { $0.removeFirst() }
            space.signal()
            try consume(output)
        }
    } catch {
        cancelled.store(true, ordering: .relaxed)
        // Let blocked workers finish their current item and exit before we return.
        for _ in 0..<(capacity + jobs) { space.signal() }
        finished.wait()
        throw error
    }
    finished.wait()
}
