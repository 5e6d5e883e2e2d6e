/// One reprepro command of a plan: what mini-buildd runs, and whether its failure is ignored (the rollback
/// shifts are best effort in mini-buildd).
public struct RepositoryStep: Sendable, Hashable, Encodable {
    /// reprepro's arguments (`copysrc <to> <from> <source> [<version>]`, `removesrc …`, `gensnapshot …`).
    public var arguments: [String]
    public var ignoreFailure: Bool
    /// Why the step is there (`rollback shift`, `migrate`, `restore`, `remove`, `snapshot before`).
    public var purpose: String

    enum CodingKeys: String, CodingKey {
        case arguments = "command", ignoreFailure = "ignore_failure", purpose
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode((["reprepro"] + arguments).joined(separator: " "), forKey: .arguments)
        try container.encode(ignoreFailure, forKey: .ignoreFailure)
        try container.encode(purpose, forKey: .purpose)
    }
}

/// The operations mini-buildd's algorithms use. Two implementations: ``SimulatedRepository`` (plans, dry runs:
/// nothing changes) and ``RepreproRepository`` (executes).
public protocol RepositoryBackend {
    /// reprepro's view of `source` now.
    mutating func ls(_ source: String) throws(RepositoryStateError) -> SourceListing
    /// Runs (or records) a step.
    mutating func perform(_ step: RepositoryStep) throws(RepositoryStateError)
    /// The steps performed so far.
    var steps: [RepositoryStep] { get }
}

/// reprepro's effect on the `lsbycomponent` view, modelled: `copysrc` copies the source's entry (nothing when
/// the origin lacks it, as reprepro says "Nothing to do"), `removesrc` drops it. Starts from what reprepro lists.
public struct SimulatedRepository: RepositoryBackend {
    let reprepro: Reprepro?
    var listings: [String: SourceListing]
    public private(set) var steps: [RepositoryStep] = []

    /// - Parameter reprepro: where the first `ls` of each source is read from; nil: from `listings` only.
    public init(reprepro: Reprepro?, listings: [String: SourceListing] = [:]) {
        self.reprepro = reprepro
        self.listings = listings
    }

    public mutating func ls(_ source: String) throws(RepositoryStateError) -> SourceListing {
        if let known = listings[source] { return known }
        let listing = try reprepro?.ls(source) ?? SourceListing(source: source)
        listings[source] = listing
        return listing
    }

    public mutating func perform(_ step: RepositoryStep) throws(RepositoryStateError) {
        steps.append(step)
        let a = step.arguments
        switch a.first {
        case "copysrc" where a.count >= 4:
            var listing = try ls(a[3])
            if let entry = listing.entry(in: a[2], version: a.count > 4 ? a[4] : nil) {
                listing.entries[a[1]] = entry
            }
            listings[a[3]] = listing
        case "removesrc" where a.count >= 3:
            var listing = try ls(a[2])
            if listing.entry(in: a[1], version: a.count > 3 ? a[3] : nil) != nil { listing.entries[a[1]] = nil }
            listings[a[2]] = listing
        default:
            break
        }
    }

    /// The listing every touched source ends with.
    public var finalListings: [String: SourceListing] { listings }
}

/// Executes on the repository: every step through ``Reprepro``; a failing step that is not ignorable stops the
/// call with the steps done before it (and how to undo them, when a snapshot was taken first).
public struct RepreproRepository: RepositoryBackend {
    let reprepro: Reprepro
    /// How to undo what was done, once a snapshot-before exists.
    var undo: String?
    public private(set) var steps: [RepositoryStep] = []

    public init(reprepro: Reprepro, undo: String? = nil) {
        self.reprepro = reprepro
        self.undo = undo
    }

    public mutating func ls(_ source: String) throws(RepositoryStateError) -> SourceListing {
        try reprepro.ls(source)
    }

    public mutating func perform(_ step: RepositoryStep) throws(RepositoryStateError) {
        do {
            _ = try reprepro.run(step.arguments, done: steps.map { ["reprepro"] + $0.arguments }, undo: undo)
            steps.append(step)
        } catch {
            guard step.ignoreFailure else { throw error }
            steps.append(step)
        }
    }
}
