import CSolv

extension SolvPool {
    /// Where libsolv's reading of Debian Packages differs from dpkg's, fixed in the pool before
    /// `pool_createwhatprovides`, in place (Depends, Pre-Depends, Provides, Conflicts, Breaks):
    ///
    /// - Architecture qualifiers in a single-architecture pool, as dpkg's `archsatisfied` reads them.
    ///   `foo:any`: `repo_add_debpackages` makes it `REL_MULTIARCH(foo, any)`, matched against every `foo`;
    ///   right here, since Multi-Arch `allowed` only matters for a provider of *another* architecture (a
    ///   native or `all` `foo` satisfies `foo:any` whatever its Multi-Arch field). Left as it is.
    ///   `foo:native` and `foo:<the pool's architecture>`: kept whole as a name nothing provides;
    ///   rewritten to `foo`. `foo:<another architecture>` stays unsatisfiable, as in a one-architecture pool.
    /// - A Debian revision of zeros: dpkg compares `2.0-0` equal to `2.0` (a missing revision counts as 0);
    ///   libsolv's `solv_vercmp_deb` orders them. Versions `X-0` (one hyphen, revision all zeros) become `X`
    ///   in dependencies and Provides (which hold each package's own `name (= version)`, what dependencies
    ///   are matched against); the package's version as reported stays as written.
    func applyDebianSemantics() {
        let suffixes = [":native", ":" + architecture]
        var rewrittenDependencies: [Id: Id] = [:]
        var rewrittenVersions: [Id: Id] = [:]

        /// `X-0…` as `X` when `X` has no hyphen of its own (else the revision would change).
        func version(_ evr: Id) -> Id {
            if let known = rewrittenVersions[evr] { return known }
            var result = evr
            let text = string(evr).utf8
            if let hyphen = text.lastIndex(of: UInt8(ascii: "-")),
               text[text.index(after: hyphen)...].allSatisfy({ $0 == UInt8(ascii: "0") }),
               text.index(after: hyphen) != text.endIndex,
               !text[..<hyphen].contains(UInt8(ascii: "-")) {
                result = pool_strn2id(pool, string(evr), UInt32(text.distance(from: text.startIndex, to: hyphen)), 1)
            }
            rewrittenVersions[evr] = result
            return result
        }

        /// The dependency with native qualifiers dropped and zero revisions normalised.
        func rewrite(_ dependency: Id) -> Id {
            if let known = rewrittenDependencies[dependency] { return known }
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
                    let evr = relation.flags == Int32(REL_OR) ? rewrite(relation.evr) : version(relation.evr)
                    if name != relation.name || evr != relation.evr {
                        result = pool_rel2id(pool, name, evr, relation.flags, 1)
                    }
                }
            }
            rewrittenDependencies[dependency] = result
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
            rewriteList(repo, solvable.pointee.provides)
            rewriteList(repo, solvable.pointee.conflicts)
        }
    }
}
