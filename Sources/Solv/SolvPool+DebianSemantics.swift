import CSolv
#if canImport(Glibc)
import Glibc
#endif

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
    /// - Recommends, Suggests, Enhances (libsolv's supplements too) are dropped: they never decide
    ///   installability, and libsolv would make rules for everything they reach.
    func applyDebianSemantics() {
        let suffixes = [":native", ":" + architecture]
        // Memos indexed by id (a dictionary cost a tenth of the whole migration check on bookworm).
        var rewrittenDependencies = IdMemo(pool)
        var rewrittenVersions = IdMemo(pool)

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
                // Most names hold no colon: look at the pool's bytes before making a String.
                if strchr(pool_id2str(pool, dependency), Int32(UInt8(ascii: ":"))) != nil {
                    let name = string(dependency)
                    if let suffix = suffixes.first(where: { name.hasSuffix($0) }) {
                        result = pool_str2id(pool, String(name.dropLast(suffix.count)), 1)
                    }
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
            // Installability ignores Recommends, Suggests and Enhances, but libsolv's rule generation
            // (`solver_addpkgrulesforsolvable`) still follows the providers of every Recommends and
            // Suggests: on bookworm each solver run then made rules for most of the archive and spent its
            // time sorting them (`solver_unifyrules`). Without them a run only reaches the dependencies.
            solvable.pointee.recommends = 0
            solvable.pointee.suggests = 0
            solvable.pointee.supplements = 0
            solvable.pointee.enhances = 0
        }
    }
}

/// A memo from pool ids to ids, indexed by the id itself: strings by their id, relations by their index
/// (`GETRELID`), sized when made; ids made later are not remembered.
struct IdMemo {
    private var strings: [Id]
    private var relations: [Id]

    init(_ pool: UnsafeMutablePointer<Pool>) {
        strings = Array(repeating: Id.min, count: Int(pool.pointee.ss.nstrings))
        relations = Array(repeating: Id.min, count: Int(pool.pointee.nrels))
    }

    subscript(id: Id) -> Id? {
        get {
            let value = debwork_solv_isreldep(id) != 0 ? relations.element(Int(id & 0x7fff_ffff)) : strings.element(Int(id))
            return value == Id.min ? nil : value
        }
        set {
            let index = debwork_solv_isreldep(id) != 0 ? Int(id & 0x7fff_ffff) : Int(id)
            if debwork_solv_isreldep(id) != 0 {
                if index < relations.count { relations[index] = newValue ?? Id.min }
            } else if index < strings.count {
                strings[index] = newValue ?? Id.min
            }
        }
    }
}

extension Array where Element == Id {
    fileprivate func element(_ index: Int) -> Id { index < count ? self[index] : Id.min }
}
