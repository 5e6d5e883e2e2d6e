import CSolv

extension SolvPool {
    /// Why a package is certainly uninstallable, found without a solver run.
    enum CertainBreak {
        /// Dependencies nothing provides at all.
        case missing([Id])
        /// A dependency every provider of which is itself certainly uninstallable (`provider`: one of them).
        case through(dependency: Id, provider: Int32)
    }

    /// The packages of `candidates` that are certainly uninstallable by propagation alone: a package with a
    /// Depends or Pre-Depends nothing provides is broken, and so is a package with a dependency whose
    /// providers are all broken (`known` adds packages already proven broken), to the fixpoint.
    ///
    /// Sound (a package reported here cannot be installed) but not complete: breakage through Conflicts,
    /// Breaks or a choice between alternatives that each fail in another way needs the solver. When one
    /// library breaks, this finds its thousands of reverse dependencies in milliseconds, where a solver run
    /// per package costs ~30 ms each.
    ///
    /// - Returns: the broken packages with their reason, in the order found (a package's `provider` always
    ///   comes before it).
    func certainlyBroken(_ candidates: [Int32], known: Set<Int32> = []) -> [(id: Int32, reason: CertainBreak)] {
        var broken = known
        var found: [(id: Int32, reason: CertainBreak)] = []
        // Each undecided package with the providers of each of its dependencies, looked up once.
        var undecided: [(id: Int32, dependencies: [(dependency: Id, providers: [Int32])])] = []
        for id in candidates where !broken.contains(id) {
            let dependencies = requirements(of: id).map { ($0, providers(of: $0)) }
            let missing = dependencies.filter { $0.1.isEmpty }.map(\.0)
            if missing.isEmpty {
                undecided.append((id, dependencies))
            } else {
                broken.insert(id)
                found.append((id, .missing(missing)))
            }
        }
        var changed = !found.isEmpty || !known.isEmpty
        while changed {
            changed = false
            undecided = undecided.filter { entry in
                for (dependency, providers) in entry.dependencies where providers.allSatisfy(broken.contains) {
                    broken.insert(entry.id)
                    found.append((entry.id, .through(dependency: dependency, provider: providers[0])))
                    changed = true
                    return false
                }
                return true
            }
        }
        return found
    }

    /// The Depends and Pre-Depends of a package (its requires without libsolv's pre-requires marker).
    func requirements(of id: Int32) -> [Id] {
        let solvable = pool.pointee.solvables.advanced(by: Int(id))
        guard let repo = solvable.pointee.repo, solvable.pointee.requires != 0, let ids = repo.pointee.idarraydata else {
            return []
        }
        let marker = Id(SOLVABLE_PREREQMARKER.rawValue)
        var result: [Id] = []
        var index = Int(solvable.pointee.requires)
        while ids[index] != 0 {
            if ids[index] != marker { result.append(ids[index]) }
            index += 1
        }
        return result
    }

    /// The packages that satisfy `dependency` (`pool_whatprovides`: enabled repositories, installable
    /// architectures only).
    func providers(of dependency: Id) -> [Int32] {
        var result: [Int32] = []
        var offset = Int(pool_whatprovides(pool, dependency))
        while case let id = pool.pointee.whatprovidesdata[offset], id != 0 {
            result.append(id)
            offset += 1
        }
        return result
    }
}
