import CSolv

extension SolvPool {
    /// The packages whose installability can change when the packages `changed` come or go: `changed`
    /// and everything that depends on them, directly or through other packages, by Depends or Pre-Depends,
    /// on their names or on what they provide (the reverse-dependency closure britney re-checks); `nil`
    /// when every package can change, because a changed package is needed by the Essential packages, which
    /// every installation includes.
    ///
    /// Why dependencies alone: whether P can be installed depends only on the packages P and the Essential
    /// packages can reach through their dependencies (any provider of any alternative): an installation of P
    /// never holds another package, so a package outside that reach cannot make P installable, and its
    /// Conflicts and Breaks cannot bite. A package whose reach holds no changed package has the same reach,
    /// the same packages and the same conflicts in both states. Conflicts, Breaks and the other side of an
    /// alternative therefore add nothing, and the closure stays small: one library's reverse dependencies,
    /// not everything that conflicts with an old version of it.
    ///
    /// Computed over the packages taking part in solving now (`pool_whatprovides`): call it with both states
    /// in (nothing ``exclude(_:)``d), so reaches of either state are covered.
    public func dependents(of changed: Set<Int32>) -> Set<Int32>? {
        precondition(isPrepared, "dependents before prepare()")
        let count = Int(pool.pointee.nsolvables)
        // Each dependency (as an id: `libc6 (>= 2.36)`, `a | b`) with the packages that have it, then each
        // package with the dependencies it satisfies: the reverse edges, without a list per package pair.
        var dependents: [Id: [Int32]] = [:]
        for id in 2..<Int32(max(count, 2)) {
            let solvable = pool.pointee.solvables.advanced(by: Int(id))
            guard solvable.pointee.repo != nil, isInstallable(solvable) else { continue }
            for dependency in requirements(of: id) { dependents[dependency, default: []].append(id) }
        }
        var satisfied = [[Id]](repeating: [], count: count)
        for dependency in dependents.keys {
            for provider in providers(of: dependency) { satisfied[Int(provider)].append(dependency) }
        }

        // What the Essential packages reach: a changed package there changes every installation.
        var essentialReach: Set<Int32> = []
        var work: [Int32] = []
        for name in essentialNameIDs() {
            for provider in providers(of: name) where pool.pointee.solvables[Int(provider)].name == name
                && essentialReach.insert(provider).inserted {
                work.append(provider)
            }
        }
        while let id = work.popLast() {
            for dependency in requirements(of: id) {
                for provider in providers(of: dependency) where essentialReach.insert(provider).inserted {
                    work.append(provider)
                }
            }
        }
        guard essentialReach.isDisjoint(with: changed) else { return nil }

        var closure = changed
        work = Array(changed)
        while let id = work.popLast() {
            for dependency in satisfied[Int(id)] {
                for dependent in dependents[dependency] ?? [] where closure.insert(dependent).inserted {
                    work.append(dependent)
                }
            }
        }
        return closure
    }
}
