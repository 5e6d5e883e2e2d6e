import CSolv

extension SolvPool {
    /// Debian's architecture qualifiers in a single-architecture pool, as dpkg's `archsatisfied` and
    /// dose-debcheck read them.
    ///
    /// - `foo:any`: `repo_add_debpackages` makes it `REL_MULTIARCH(foo, any)`, which libsolv matches against
    ///   every `foo`. Right here: Multi-Arch `allowed` only matters for a provider of *another* architecture;
    ///   a native (or `all`) `foo` satisfies `foo:any` whatever its Multi-Arch field says. Left as it is.
    /// - `foo:native` and `foo:<the pool's architecture>`: `repo_add_debpackages` keeps the whole text as the
    ///   name, which nothing provides. Rewritten to `foo` (versions and alternatives kept).
    /// - `foo:<another architecture>`: stays unsatisfiable, as it is in a pool of one architecture.
    ///
    /// Rewrites Depends, Pre-Depends, Conflicts and Breaks in place; runs before `pool_createwhatprovides`.
    func applyArchitectureQualifiers() {
        let suffixes = [":native", ":" + architecture]
        var rewritten: [Id: Id] = [:]

        /// The dependency with every qualified native name replaced by the bare name.
        func rewrite(_ dependency: Id) -> Id {
            if let known = rewritten[dependency] { return known }
            var result = dependency
            if debwork_solv_isreldep(dependency) == 0 {
                let name = string(dependency)
                if name.contains(":"), let suffix = suffixes.first(where: { name.hasSuffix($0) }) {
                    result = pool_str2id(pool, String(name.dropLast(suffix.count)), 1)
                }
            } else {
                let relation = debwork_solv_getreldep(pool, dependency)!.pointee
                if relation.flags == Int32(REL_OR) || relation.flags < 8 {
                    let name = rewrite(relation.name)
                    let evr = relation.flags == Int32(REL_OR) ? rewrite(relation.evr) : relation.evr
                    if name != relation.name || evr != relation.evr {
                        result = pool_rel2id(pool, name, evr, relation.flags, 1)
                    }
                }
            }
            rewritten[dependency] = result
            return result
        }

        /// Rewrites the 0-terminated dependency list at `offset` of `repo`'s id array in place.
        func rewriteList(_ repo: UnsafeMutablePointer<Repo>, _ offset: Offset) {
            guard offset != 0, let ids = repo.pointee.idarraydata else { return }
            var index = Int(offset)
            while ids[index] != 0 {
                ids[index] = rewrite(ids[index])
                index += 1
            }
        }

        let count = Int(pool.pointee.nsolvables)
        guard count > 2 else { return }
        for id in 2..<count {
            let solvable = pool.pointee.solvables.advanced(by: id)
            guard let repo = solvable.pointee.repo else { continue }
            rewriteList(repo, solvable.pointee.requires)
            rewriteList(repo, solvable.pointee.conflicts)
        }
    }
}
