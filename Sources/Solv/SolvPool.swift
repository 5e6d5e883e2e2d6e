import CSolv
#if canImport(Glibc)
import Glibc
#endif

/// A libsolv pool with Debian semantics: the packages of one architecture (and `Architecture: all`), read
/// from Packages text, ready for installability checks.
///
/// Owns the `Pool *` (`pool_create`, freed with `pool_free` in `deinit`, which also frees its repositories
/// and every solver made from it). Not `Sendable`: libsolv pools are single-threaded; make one per task.
///
/// Use: ``init(architecture:)``, ``addPackages(_:name:)`` once per Packages file, ``prepare()``, then the
/// checks in `SolvPool+Installcheck.swift`.
public final class SolvPool {
    let pool: UnsafeMutablePointer<Pool>
    private var repositories: [UnsafeMutablePointer<Repo>] = []
    private var prepared = false
    /// `pool->considered` while single packages are taken out of solving (``exclude(_:)``); owned here,
    /// freed in `deinit` (libsolv only borrows it).
    var considered: UnsafeMutablePointer<Map>?
    /// Names of `Essential: yes` packages in the text added (``essentialNameIDs()`` keeps those present).
    var essential: Set<String> = []

    /// The architecture the pool installs for (`pool_setarch`).
    public let architecture: String

    /// A repository of the pool: the packages of one or more ``addPackages(_:name:)`` calls.
    public struct Repository: Sendable, Hashable {
        let index: Int
    }

    /// Makes an empty pool: `pool_create`, `pool_setdisttype(DISTTYPE_DEB)` (Debian version comparison,
    /// unversioned Provides never satisfy a versioned dependency, a package may conflict with what it
    /// provides), `pool_setarch(architecture)` (`all` is installable everywhere).
    ///
    /// - Throws: ``SolvError`` when libsolv refuses the Debian distribution type (a libsolv built without it).
    public init(architecture: String) throws(SolvError) {
        guard let pool = pool_create() else {
            throw SolvError(function: "pool_create", subject: architecture, message: "out of memory")
        }
        self.pool = pool
        self.architecture = architecture
        // Returns the previous type, or -1 when this libsolv cannot do Debian.
        guard pool_setdisttype(pool, DISTTYPE_DEB) >= 0 else {
            pool_free(pool)
            throw SolvError(function: "pool_setdisttype", subject: "DISTTYPE_DEB", message: "libsolv built without Debian support")
        }
        pool_setarch(pool, architecture)
    }

    deinit {
        if let considered {
            pool.pointee.considered = nil
            considered.pointee.map.deallocate()
            considered.deallocate()
        }
        pool_free(pool)
    }

    /// Makes a new, empty repository (`repo_create`).
    public func makeRepository(name: String) -> Repository {
        // Cannot be nil: libsolv's allocator (`solv_calloc`) ends the process on exhausted memory instead of
        // returning NULL, and `repo_create` has no other failure.
        let repo = repo_create(pool, name)!
        repositories.append(repo)
        return Repository(index: repositories.count - 1)
    }

    /// A solver over the pool (`solver_create`); the caller frees it with `solver_free`. Cannot be nil, for
    /// the same reason as `repo_create` in ``makeRepository(name:)``.
    func makeSolver() -> UnsafeMutablePointer<Solver> {
        solver_create(pool)!
    }

    /// Adds the stanzas of Debian Packages text (uncompressed) to `repository`: `repo_add_debpackages`
    /// over an in-memory `FILE *` (`fmemopen`). Reads Package, Version, Architecture, Depends,
    /// Pre-Depends, Provides, Conflicts, Breaks, Replaces, Multi-Arch and Source.
    ///
    /// - Returns: the ids of the packages added.
    /// - Throws: ``SolvError`` when the memory stream cannot be opened or libsolv reports an error.
    @discardableResult
    public func addPackages(_ text: [UInt8], to repository: Repository) throws(SolvError) -> Range<Int32> {
        precondition(!prepared, "packages added after prepare()")
        let repo = repositories[repository.index]
        let before = pool.pointee.nsolvables
        guard !text.isEmpty else { return before..<before }
        // nil: fmemopen failed (errno says why). A read-only stream never writes to its buffer, so the
        // text is lent as it is (no 50 MB copy for a whole distribution).
        let status: Int32? = text.withUnsafeBytes { buffer in
            guard let file = fmemopen(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count, "r") else { return nil }
            defer { fclose(file) }
            return repo_add_debpackages(repo, file, 0)
        }
        guard let status else {
            throw SolvError.errno(function: "fmemopen", subject: Self.repositoryName(repo))
        }
        guard status == 0 else {
            throw SolvError(function: "repo_add_debpackages", subject: Self.repositoryName(repo),
                            message: String(cString: pool_errstr(pool)))
        }
        essential.formUnion(Self.essentialNames(in: text))
        return before..<pool.pointee.nsolvables
    }

    /// Makes the pool ready for solving: dpkg's reading where libsolv's differs (``applyDebianSemantics()``),
    /// then `pool_addfileprovides` and `pool_createwhatprovides`. Call once, after the last
    /// ``addPackages(_:to:)``.
    public func prepare() {
        guard !prepared else { return }
        applyDebianSemantics()
        pool_addfileprovides(pool)
        pool_createwhatprovides(pool)
        prepared = true
    }

    /// Whether ``prepare()`` has run.
    var isPrepared: Bool { prepared }

    /// Takes `repository` out of solving (or puts it back): `repo->disabled`, then `pool_createwhatprovides`
    /// again, so its packages neither satisfy nor conflict with anything and ``packageIDs(in:)`` lists none.
    /// Lets one pool hold two states of a distribution (before and after a migration) and a large
    /// background read once. Call after ``prepare()``.
    public func setEnabled(_ enabled: Bool, _ repository: Repository) {
        precondition(isPrepared, "setEnabled before prepare()")
        let repo = repositories[repository.index]
        let disabled: Int32 = enabled ? 0 : 1
        guard repo.pointee.disabled != disabled else { return }
        repo.pointee.disabled = disabled
        pool_createwhatprovides(pool)
    }

    /// The ids of the packages of `repository` the pool can install (its architecture or `all`).
    public func packageIDs(in repository: Repository) -> [Int32] {
        let repo = repositories[repository.index]
        var ids: [Int32] = []
        var id = repo.pointee.start
        while id < repo.pointee.end {
            let solvable = pool.pointee.solvables.advanced(by: Int(id))
            if solvable.pointee.repo == repo && isInstallable(solvable) { ids.append(id) }
            id += 1
        }
        return ids
    }

    /// The package with solvable id `id`, strings copied out of the pool.
    public func package(_ id: Int32) -> SolvPackage {
        let solvable = pool.pointee.solvables.advanced(by: Int(id))
        let name = string(solvable.pointee.name)
        let source = solvable_lookup_str(solvable, Id(SOLVABLE_SOURCENAME.rawValue)).map { String(cString: $0) }
        return SolvPackage(id: id, name: name, version: string(solvable.pointee.evr),
                           architecture: string(solvable.pointee.arch),
                           source: source.flatMap { $0.isEmpty ? nil : $0 } ?? name)
    }

    /// `pool_id2str`, copied.
    func string(_ id: Id) -> String {
        String(cString: pool_id2str(pool, id))
    }

    /// A dependency as a Debian control file writes it (`b (>= 2) | c`, `perl:any`), not as
    /// `pool_dep2str` does (`b >= 2 | c`).
    func dependency(_ id: Id) -> String {
        guard debwork_solv_isreldep(id) != 0 else { return string(id) }
        let relation = debwork_solv_getreldep(pool, id)!.pointee
        switch relation.flags {
        case Int32(REL_OR):
            return dependency(relation.name) + " | " + dependency(relation.evr)
        case Int32(REL_MULTIARCH):
            return dependency(relation.name) + ":" + string(relation.evr)
        case 1...7:
            let operators: [Int32: String] = [
                Int32(REL_GT): ">>", Int32(REL_LT): "<<", Int32(REL_EQ): "=",
                Int32(REL_GT | REL_EQ): ">=", Int32(REL_LT | REL_EQ): "<=",
            ]
            guard let op = operators[relation.flags] else { fallthrough }
            return "\(dependency(relation.name)) (\(op) \(string(relation.evr)))"
        default:
            // Relations Debian has no syntax for: libsolv's own rendering (a temporary buffer, copied).
            return String(cString: pool_dep2str(pool, id))
        }
    }

    /// `pool_installable`: the pool's architecture or `all` (libsolv's `pool_setarch` scores both for
    /// Debian); source packages never.
    func isInstallable(_ solvable: UnsafeMutablePointer<Solvable>) -> Bool {
        pool_installable(pool, solvable) != 0
    }

    private static func repositoryName(_ repo: UnsafeMutablePointer<Repo>) -> String {
        repo.pointee.name.map { String(cString: $0) } ?? "repository"
    }
}
