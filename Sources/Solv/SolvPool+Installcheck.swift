import CSolv

extension SolvPool {
    /// Which of `candidates` cannot be installed on their own, and why: the algorithm of libsolv's
    /// `installcheck` tool (`tools/installcheck.c`).
    ///
    /// 1. Those ``certainlyBroken(_:known:)`` proves broken (a dependency nothing provides, or only broken
    ///    packages) are explained without a solver run (an addition to installcheck).
    /// 2. Prune: one solver run asks for every remaining candidate weakly
    ///    (`SOLVER_INSTALL | SOLVER_SOLVABLE | SOLVER_WEAK`); each candidate it installs
    ///    (`solver_get_decisionlevel > 0`) is installable: the run's result is the proof. Repeated while a
    ///    run prunes something; when one does not, once more with the candidates in reverse order (an
    ///    addition to installcheck's algorithm).
    /// 3. Each candidate still undecided gets its own run (`SOLVER_INSTALL | SOLVER_SOLVABLE`); a run with
    ///    problems (`solver_solve > 0`) means not installable, and the rules of every problem
    ///    (`solver_findallproblemrules`, `solver_allruleinfos`) are the explanation. After each such
    ///    package, propagation runs again over the undecided ones.
    ///
    /// Recommends are ignored (`SOLVER_FLAG_IGNORE_RECOMMENDED`), as Debian's installability is defined.
    /// Every run also installs the Essential packages (``essentialNameIDs()``), as dose-debcheck does: a
    /// package that conflicts with one is not installable, and when they cannot be installed together no
    /// candidate is (``SolvRuleInfo/essentialPackages`` first in each one's reasons).
    ///
    /// - Parameter candidates: solvable ids of this pool (``packageIDs(in:)``); call ``prepare()`` first.
    /// - Returns: the uninstallable candidates, each with its rule infos (libsolv's, or for a package broken
    ///   through a dependency, `requires` followed by the reasons of the provider it names), in the order
    ///   found.
    public func uninstallable(_ candidates: [Int32]) -> [(package: SolvPackage, reasons: [SolvRuleInfo])] {
        precondition(pool.pointee.whatprovides != nil, "prepare() not called")
        var reasons: [Int32: [SolvRuleInfo]] = [:]
        var order: [Int32] = []
        func record(_ found: [(id: Int32, reason: CertainBreak)]) {
            for (id, reason) in found {
                switch reason {
                case .missing(let dependencies):
                    let owner = package(id)
                    reasons[id] = dependencies.map {
                        .nothingProvides(package: owner, dependency: dependency($0), candidates: namesakes(of: $0))
                    }
                case .through(let dependency, let provider):
                    reasons[id] = [.requires(package: package(id), dependency: self.dependency(dependency))]
                        + (reasons[provider] ?? [])
                }
                order.append(id)
            }
        }

        // 0. The Essential packages go with every installation: if they cannot be installed together,
        //    nothing can.
        let essentials = essentialNameIDs()
        var job = Queue()
        queue_init(&job)
        defer { queue_free(&job) }
        func pushEssentials() {
            for name in essentials { queue_push2(&job, Id(SOLVER_INSTALL | SOLVER_SOLVABLE_NAME), name) }
        }
        if !essentials.isEmpty {
            let solver = makeSolver()
            defer { solver_free(solver) }
            pushEssentials()
            solver_set_flag(solver, SOLVER_FLAG_IGNORE_RECOMMENDED, 1)
            if solver_solve(solver, &job) > 0 {
                let why = [SolvRuleInfo.essentialPackages] + explanation(solver)
                return candidates.map { (package($0), why) }
            }
        }

        // 1. Propagation first: a weak solver run spends a re-solve on every weak job it must drop, so
        //    thousands of packages broken by one library would take it minutes.
        record(certainlyBroken(candidates))
        var remaining = candidates.filter { reasons[$0] == nil }

        // 2. Prune what a weak run of all the rest can install.
        var reversedWithoutProgress = false
        while !remaining.isEmpty {
            let solver = makeSolver()
            defer { solver_free(solver) }
            queue_empty(&job)
            for id in remaining {
                queue_push2(&job, Id(SOLVER_INSTALL | SOLVER_SOLVABLE | SOLVER_WEAK), id)
            }
            pushEssentials()
            solver_set_flag(solver, SOLVER_FLAG_IGNORE_RECOMMENDED, 1)
            solver_solve(solver, &job)
            let left = remaining.filter { solver_get_decisionlevel(solver, $0) <= 0 }
            if left.count < remaining.count {
                remaining = left
                reversedWithoutProgress = false
            } else if reversedWithoutProgress {
                break
            } else {
                // Stalled: the same jobs in the other order make the solver choose differently (on
                // bookworm 40 candidates are left after the first stall, 16 after reversing: only the
                // broken ones need a run of their own, which costs ~30 ms each).
                remaining.reverse()
                reversedWithoutProgress = true
            }
        }

        // 3. The rest is solved one by one; each package a run proves broken lets propagation decide its
        //    dependents without runs of their own.
        var undecided = remaining
        while let id = undecided.first {
            undecided.removeFirst()
            let solver = makeSolver()
            defer { solver_free(solver) }
            queue_empty(&job)
            queue_push2(&job, Id(SOLVER_INSTALL | SOLVER_SOLVABLE), id)
            pushEssentials()
            solver_set_flag(solver, SOLVER_FLAG_IGNORE_RECOMMENDED, 1)
            guard solver_solve(solver, &job) > 0 else { continue }
            reasons[id] = explanation(solver)
            order.append(id)
            let found = certainlyBroken(undecided, known: Set(reasons.keys))
            record(found)
            let decided = Set(found.map(\.id))
            undecided.removeAll(where: decided.contains)
        }
        return order.map { (package($0), reasons[$0] ?? []) }
    }

    /// The rule infos of every problem of a failed run, duplicates dropped, in libsolv's order.
    private func explanation(_ solver: UnsafeMutablePointer<Solver>) -> [SolvRuleInfo] {
        var rules = Queue()
        var infos = Queue()
        queue_init(&rules)
        queue_init(&infos)
        defer {
            queue_free(&rules)
            queue_free(&infos)
        }
        var reasons: [SolvRuleInfo] = []
        var seen: Set<SolvRuleInfo> = []
        var problem: Id = 0
        while true {
            problem = solver_next_problem(solver, problem)
            if problem == 0 { break }
            solver_findallproblemrules(solver, problem, &rules)
            for ruleIndex in 0..<Int(rules.count) {
                solver_allruleinfos(solver, rules.elements[ruleIndex], &infos)
                var index = 0
                while index + 3 < Int(infos.count) {
                    let info = ruleInfo(solver, type: infos.elements[index], source: infos.elements[index + 1],
                                        target: infos.elements[index + 2], dependency: infos.elements[index + 3])
                    index += 4
                    guard let info, seen.insert(info).inserted else { continue }
                    reasons.append(info)
                }
            }
        }
        return reasons
    }

    /// One `solver_allruleinfos` quadruple as a value; `nil` for the rules installcheck does not print
    /// (the job itself, distupgrade).
    private func ruleInfo(_ solver: UnsafeMutablePointer<Solver>, type: Id, source: Id, target: Id,
                          dependency: Id) -> SolvRuleInfo? {
        switch UInt32(bitPattern: type) {
        case SOLVER_RULE_JOB.rawValue, SOLVER_RULE_DISTUPGRADE.rawValue:
            return nil
        case SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP.rawValue:
            return .nothingProvides(package: package(source), dependency: self.dependency(dependency),
                                    candidates: namesakes(of: dependency))
        case SOLVER_RULE_PKG_REQUIRES.rawValue:
            return .requires(package: package(source), dependency: self.dependency(dependency))
        case SOLVER_RULE_PKG_CONFLICTS.rawValue:
            return .conflicts(package: package(source), dependency: self.dependency(dependency), other: package(target))
        case SOLVER_RULE_PKG_OBSOLETES.rawValue, SOLVER_RULE_PKG_IMPLICIT_OBSOLETES.rawValue:
            return .obsoletes(package: package(source), dependency: self.dependency(dependency), other: package(target))
        case SOLVER_RULE_PKG_SAME_NAME.rawValue:
            return .sameName(package(source), package(target))
        case SOLVER_RULE_PKG_SELF_CONFLICT.rawValue:
            return .selfConflict(package: package(source), dependency: self.dependency(dependency))
        case SOLVER_RULE_PKG_NOT_INSTALLABLE.rawValue:
            return .notInstallable(package(source))
        default:
            return .other(String(cString: solver_ruleinfo2str(solver, SolverRuleinfo(UInt32(bitPattern: type)),
                                                              source, target, dependency)))
        }
    }

    /// For a versioned dependency nothing satisfies: the packages that carry its name (installcheck's
    /// "we have …"), so the reason can say which versions exist.
    func namesakes(of dependency: Id) -> [SolvPackage] {
        guard debwork_solv_isreldep(dependency) != 0 else { return [] }
        let name = debwork_solv_getreldep(pool, dependency)!.pointee.name
        guard debwork_solv_isreldep(name) == 0 else { return [] }
        var providers: [SolvPackage] = []
        var offset = Int(pool_whatprovides(pool, name))
        while let id = Optional(pool.pointee.whatprovidesdata[offset]), id != 0 {
            providers.append(package(id))
            offset += 1
        }
        return providers
    }
}
