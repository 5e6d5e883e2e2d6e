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
        // The reverse edges as two grouped tables (dictionaries of arrays cost a tenth of the whole check):
        // each dependency (`libc6 (>= 2.36)`, `a | b`, by its dense index) with the packages that have it,
        // and each package with the dependencies it satisfies.
        let strings = Int(pool.pointee.ss.nstrings)
        func dense(_ dependency: Id) -> Int32 {
            debwork_solv_isreldep(dependency) != 0 ? Int32(strings) + (dependency & 0x7fff_ffff) : dependency
        }
        var dependencyIDs = [Id](repeating: 0, count: strings + Int(pool.pointee.nrels))
        var having: [(key: Int32, value: Int32)] = []
        for id in 2..<Int32(max(count, 2)) {
            let solvable = pool.pointee.solvables.advanced(by: Int(id))
            guard solvable.pointee.repo != nil, isInstallable(solvable) else { continue }
            for dependency in requirements(of: id) {
                let index = dense(dependency)
                dependencyIDs[Int(index)] = dependency
                having.append((index, id))
            }
        }
        let dependents = GroupedTable(having, keys: dependencyIDs.count)
        var providing: [(key: Int32, value: Int32)] = []
        for (index, dependency) in dependencyIDs.enumerated() where dependency != 0 {
            for provider in providers(of: dependency) { providing.append((provider, Int32(index))) }
        }
        let satisfied = GroupedTable(providing, keys: count)

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
            for dependency in satisfied[id] {
                for dependent in dependents[dependency] where closure.insert(dependent).inserted {
                    work.append(dependent)
                }
            }
        }
        return closure
    }
}

/// Values grouped by a dense integer key (a counting sort: one array of values, one of offsets), for the
/// reverse edges of a whole archive without an array per key.
struct GroupedTable {
    private var offsets: [Int32]
    private var values: [Int32]

    init(_ pairs: [(key: Int32, value: Int32)], keys: Int) {
        var offsets = [Int32](repeating: 0, count: keys + 1)
        for pair in pairs { offsets[Int(pair.key) + 1] += 1 }
        for key in 0..<keys { offsets[key + 1] += offsets[key] }
        var next = offsets
        var values = [Int32](repeating: 0, count: pairs.count)
        for pair in pairs {
            values[Int(next[Int(pair.key)])] = pair.value
            next[Int(pair.key)] += 1
        }
        self.offsets = offsets
        self.values = values
    }

    subscript(key: Int32) -> ArraySlice<Int32> {
        values[Int(offsets[Int(key)])..<Int(offsets[Int(key) + 1])]
    }
}
