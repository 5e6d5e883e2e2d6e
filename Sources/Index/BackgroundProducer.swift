import Dispatch
import Synchronization

/// Runs `produce` on another thread and hands what it emits to `consume` on the calling thread (the single
/// SQLite writer), so reading a large file (decompressing, splitting, parsing) overlaps with writing it.
///
/// At most `depth` elements wait for the consumer, so memory stays bounded when producing outruns writing.
/// An error of either side ends both: the producer's is rethrown here after the elements it emitted before
/// it were consumed; the consumer's stops the producer at its next `emit` and is rethrown once the producer
/// has returned.
/// - Returns: what `produce` returned.
func withBackgroundProducer<Element: Sendable, Outcome: Sendable>(
    depth: Int = 4,
    produce: @escaping @Sendable (_ emit: (Element) throws -> Void) throws -> Outcome,
    consume: (Element) throws -> Void
) throws -> Outcome {
    let state = Mutex(BackgroundProducerState<Element, Outcome>())
    let cancelled = Atomic<Bool>(false)
    let available = DispatchSemaphore(value: 0)
    let space = DispatchSemaphore(value: max(1, depth))
    let finished = DispatchGroup()

    finished.enter()
    DispatchQueue.global().async {
        defer { finished.leave() }
        let outcome = Result<Outcome, any Error> {
            try produce { element in
                space.wait()
                if cancelled.load(ordering: .relaxed) { throw BackgroundProducerStopped() }
                state.withLock { $0.queue.append(element) }
                available.signal()
            }
        }
        state.withLock { $0.outcome = outcome }
        available.signal()
    }

    do {
        while true {
            available.wait()
            let next: Element? = state.withLock { $0.queue.isEmpty ? nil : $0.queue.removeFirst() }
            guard let element = next else { break } // only the final signal finds the queue empty
            space.signal()
            try consume(element)
        }
    } catch {
        cancelled.store(true, ordering: .relaxed)
        space.signal() // a producer waiting for room wakes up, sees the flag and stops
        finished.wait()
        throw error
    }
    finished.wait()
    guard let outcome = state.withLock({ $0.outcome }) else { throw BackgroundProducerStopped() }
    return try outcome.get()
}

/// What the producer has emitted and not yet handed over, and how it ended.
private struct BackgroundProducerState<Element, Outcome> {
    var queue: [Element] = []
    var outcome: Result<Outcome, any Error>?
}

/// Thrown inside the producer when the consumer has failed (and never seen outside).
private struct BackgroundProducerStopped: Error {}
