import CSolv

extension SolvPool {
    /// Takes single packages out of solving, whatever their repository; an empty list puts every package
    /// back. Sets `pool->considered` (a `Map` of the packages the solver may use: every one but `ids`) and
    /// runs `pool_createwhatprovides` again, so the excluded packages neither satisfy nor conflict with
    /// anything and ``packageIDs(in:)`` lists none of them (`pool_installable` tests the map).
    ///
    /// This is how one pool holds both states of a migration: the target's replaced binaries are excluded
    /// for the state after, the incoming ones (a repository of their own) for the state before, and the
    /// 60,000 unchanged packages are read once. Replaces the previous exclusion. Call after ``prepare()``.
    public func exclude(_ ids: some Collection<Int32>) {
        precondition(isPrepared, "exclude before prepare()")
        if ids.isEmpty {
            pool.pointee.considered = nil
        } else {
            let map: UnsafeMutablePointer<Map>
            if let considered {
                map = considered
            } else {
                // The bits are allocated here rather than by `map_init`, so that only libsolv's inline map
                // helpers are called (a lazily loaded libsolv needs a trampoline for every extern function).
                let bytes = (Int(pool.pointee.nsolvables) + 7) / 8
                map = UnsafeMutablePointer<Map>.allocate(capacity: 1)
                map.initialize(to: Map(map: UnsafeMutablePointer<UInt8>.allocate(capacity: bytes), size: Int32(bytes)))
                considered = map
            }
            map_setall(map)
            for id in ids { map_clr(map, id) }
            pool.pointee.considered = map
        }
        pool_createwhatprovides(pool)
    }

    /// The id of the source a package is built from (`Source`, else the package's own name), for comparing
    /// thousands of packages against a few source names without copying strings.
    public func sourceNameID(of id: Int32) -> Int32 {
        let solvable = pool.pointee.solvables.advanced(by: Int(id))
        // repo_add_debpackages stores an empty (void) source name when Source is missing or equal to Package.
        let source = solvable_lookup_id(solvable, Id(SOLVABLE_SOURCENAME.rawValue))
        return source == 0 ? solvable.pointee.name : source
    }

    /// The pool's id of the string `name` (`pool_str2id` without creating it), nil when no package mentions it.
    public func existingID(of name: String) -> Int32? {
        let id = pool_str2id(pool, name, 0)
        return id == 0 ? nil : id
    }
}

extension SolvPool {
    /// The id of a package's name, for comparing many packages against a few names without copying strings.
    public func nameID(of id: Int32) -> Int32 {
        pool.pointee.solvables[Int(id)].name
    }
}

extension SolvPool {
    /// Whether a package of this name (not merely a name something provides or depends on) that the pool
    /// can install (its architecture or `all`) was added.
    public func containsInstallablePackage(named name: String) -> Bool {
        guard let id = existingID(of: name) else { return false }
        for index in 2..<Int(max(pool.pointee.nsolvables, 2)) {
            let solvable = pool.pointee.solvables.advanced(by: index)
            if solvable.pointee.name == id && solvable.pointee.repo != nil && isInstallable(solvable) { return true }
        }
        return false
    }
}
