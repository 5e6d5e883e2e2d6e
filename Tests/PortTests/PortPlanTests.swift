import DebworkTestSupport
import Foundation
import Index
import Port
import Testing

/// `port_plan` on the fixture repository: the library's rows, the table, JSON, and `--all`.
@Suite struct PortPlanTests {
    static let env = ["DEBFULLNAME": "Port Tester", "DEBEMAIL": "porter@example.org", "SOURCE_DATE_EPOCH": "1737000000"]

    static func indexed(_ temp: TemporaryDirectory) throws -> String {
        let index = temp.appending("index.sqlite")
        let result = try debwork(["index", Fixtures.path("repo")], index: index)
        #expect(result.status == 0, "\(result.stderr)")
        return index
    }

    @Test func unstableToTestingIsRejectedAsNotUploadable() throws {
        let temp = try TemporaryDirectory("port-plan")
        let store = try IndexStore(path: try Self.indexed(temp), readOnly: true)
        let rows = try PortPlanner(store: store).plan(from: "bookworm-test-unstable", to: "bookworm-test-testing")
        #expect(rows.map(\.source) == ["dwepoch", "dwhello"])
        #expect(rows.map(\.version) == ["1:2.0-1", "1.1-1"])
        #expect(rows.map(\.targetVersion) == [nil, "1.0-2"])
        #expect(rows.map(\.portVersion) == ["1:2.0-1~test12+1", "1.1-1~test12+1"])
        let notUploadable = ["bookworm-test-testing is not uploadable (suite 'testing')"]
        #expect(rows.map(\.rejections) == [notUploadable, notUploadable])
        #expect(rows.map { $0.dsc.hasPrefix("/") } == [true, true])
        #expect(rows.map { $0.dsc.hasSuffix("/pool/non-free/d/dwepoch/dwepoch_2.0-1.dsc") } == [true, false])
        #expect(rows.map { $0.dsc.hasSuffix("/pool/main/d/dwhello/dwhello_1.1-1.dsc") } == [false, true])
    }

    @Test func unstableToBullseyeIsAccepted() throws {
        let temp = try TemporaryDirectory("port-plan")
        let store = try IndexStore(path: try Self.indexed(temp), readOnly: true)
        let rows = try PortPlanner(store: store).plan(from: "bookworm-test-unstable", to: "bullseye-test-unstable")
        #expect(rows.map(\.source) == ["dwepoch", "dwhello"])
        #expect(rows.map(\.targetVersion) == [nil, nil])
        #expect(rows.map(\.portVersion) == ["1:2.0-1~test11+1", "1.1-1~test11+1"])
        #expect(rows.map(\.rejections) == [[], []])
        // A codeversion override changes the port version.
        let overridden = try PortPlanner(store: store, codeversions: ["bullseye": "110"])
            .plan(from: "bookworm-test-unstable", to: "bullseye-test-unstable")
        #expect(overridden.map(\.portVersion) == ["1:2.0-1~test110+1", "1.1-1~test110+1"])
    }

    @Test func targetHoldingTheVersionIsSkippedAndRollbackRefused() throws {
        let temp = try TemporaryDirectory("port-plan")
        let store = try IndexStore(path: try Self.indexed(temp), readOnly: true)
        let planner = PortPlanner(store: store)
        // testing holds 1.0-2, stable holds 1.0-2: nothing newer to port.
        #expect(try planner.plan(from: "bookworm-test-testing", to: "bookworm-test-stable").isEmpty)
        #expect(throws: PortError.self) { try planner.plan(from: "bookworm-test-unstable", to: "bullseye-test-unstable-rollback0") }
        #expect(throws: PortError.self) { try planner.plan(from: "trixie-test-unstable", to: "bullseye-test-unstable") }
        // The experimental dwnative into unstable: the mandatory +0 regex of the source is absent, +1 appended.
        let experimental = try planner.plan(from: "bookworm-test-experimental", to: "bookworm-test-unstable")
        #expect(experimental.map(\.portVersion) == ["0.4~test12+1"])
        #expect(experimental.map(\.rejections) == [[]])
    }

    @Test func commandPrintsTableAndJSON() throws {
        let temp = try TemporaryDirectory("port-plan-cli")
        let index = try Self.indexed(temp)
        let table = try debwork(["port_plan", "bookworm-test-unstable", "bookworm-test-testing"], index: index)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout == """
            source   version  in target  port version      rejections                                                 build-deps
            dwepoch  1:2.0-1  -          1:2.0-1~test12+1  bookworm-test-testing is not uploadable (suite 'testing')  ok
            dwhello  1.1-1    1.0-2      1.1-1~test12+1    bookworm-test-testing is not uploadable (suite 'testing')  ok

            """)
        let json = try debwork(["port_plan", "-J", "bookworm-test-unstable", "bullseye-test-unstable"], index: index)
        #expect(json.status == 0, "\(json.stderr)")
        let keys = ["\"source\"", "\"version\"", "\"target_version\"", "\"port_version\"", "\"dsc\"", "\"rejections\"",
                    "\"build_deps\""]
        let positions = keys.map { json.stdout.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? Int == 1)
        let list = try #require(document["sources"] as? [[String: Any]])
        #expect(list.map { $0["port_version"] as? String } == ["1:2.0-1~test11+1", "1.1-1~test11+1"])
        #expect(list.allSatisfy { $0["target_version"] is NSNull })
        let unknown = try debwork(["port_plan", "nosuch-test-unstable", "bookworm-test-testing"], index: index)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "E: no distribution 'nosuch-test-unstable' in the index\n")
    }

    /// A copy of the fixture repository whose dwhello 1.1-1 has build relations, indexed, and a background
    /// Packages file standing for the Debian base.
    static func withBuildRelations(_ temp: TemporaryDirectory) throws -> (index: String, background: String) {
        let repo = temp.appending("repo")
        let copy = try runCommand("cp", ["-r", Fixtures.path("repo"), repo])
        guard copy.status == 0 else { throw TestSupportError("cp: \(copy.stderr)") }
        let dsc = repo + "/pool/main/d/dwhello/dwhello_1.1-1.dsc"
        let text = try String(contentsOfFile: dsc, encoding: .utf8).replacingOccurrences(of: "Standards-Version: 4.6.2\n", with: """
            Standards-Version: 4.6.2
            Build-Depends: debhelper-compat (= 13), libfoo-dev (>= 2) [amd64], libbar-dev [i386],
             nocheck-only <!nocheck>, profile-only <stage1>
            Build-Depends-Indep: docs-tool:native
            Build-Conflicts: libold-dev

            """)
        try text.write(toFile: dsc, atomically: true, encoding: .utf8)
        let index = temp.appending("index.sqlite")
        let result = try debwork(["index", repo], index: index)
        #expect(result.status == 0, "\(result.stderr)")
        let background = try temp.write("base-Packages", """
            Package: build-essential
            Version: 12.9
            Architecture: amd64
            Depends: libold-dev

            Package: debhelper
            Version: 13.11
            Architecture: all
            Provides: debhelper-compat (= 13)

            Package: libfoo-dev
            Version: 1.5
            Architecture: amd64

            Package: nocheck-only
            Version: 1
            Architecture: all

            Package: docs-tool
            Version: 1
            Architecture: amd64

            Package: libold-dev
            Version: 1
            Architecture: amd64

            """)
        return (index, background)
    }

    @Test func buildDependenciesAreCheckedInTheTarget() throws {
        let temp = try TemporaryDirectory("port-plan-build-deps")
        let (index, background) = try Self.withBuildRelations(temp)
        let store = try IndexStore(path: index, readOnly: true)
        let rows = try PortPlanner(store: store, background: [background]).plan(from: "bookworm-test-unstable", to: "bullseye-test-unstable")
        #expect(rows.map(\.source) == ["dwepoch", "dwhello"])
        #expect(rows[0].buildDependencies == .satisfiable)
        // amd64: libfoo-dev is too old, and build-essential needs what the source conflicts with; i386: no
        // libbar-dev (nor anything else of the background, which is amd64 and all). The <!nocheck> relation
        // counts, the <stage1> one does not.
        guard case .unsatisfiable(let problems) = rows[1].buildDependencies else {
            Issue.record("\(rows[1].buildDependencies)")
            return
        }
        #expect(problems.map(\.architecture) == ["amd64", "i386"])
        #expect(problems[0].reason.contains("dwhello-build-deps 1.1-1 depends on 'libfoo-dev (>= 2)', which no package provides (available: libfoo-dev 1.5)"))
        #expect(!problems[0].reason.contains("profile-only"))
        #expect(problems[1].reason.contains("'libbar-dev'"))

        // With libfoo-dev 2 in the base, amd64 fails only through the Build-Conflicts.
        let newer = try temp.write("newer-Packages", "Package: libfoo-dev\nVersion: 2.0\nArchitecture: amd64\n\n")
        let conflicting = try PortPlanner(store: store, background: [background, newer])
            .plan(from: "bookworm-test-unstable", to: "bullseye-test-unstable")
        guard case .unsatisfiable(let conflict) = conflicting[1].buildDependencies else {
            Issue.record("\(conflicting[1].buildDependencies)")
            return
        }
        #expect(conflict.map(\.architecture) == ["amd64", "i386"])
        #expect(conflict[0].reason.contains("dwhello-build-deps 1.1-1 conflicts with libold-dev 1"), "\(conflict[0].reason)")

        // Without the base, everything is missing; a distribution only configured (no Packages) is not checked.
        let bare = try PortPlanner(store: store).plan(from: "bookworm-test-unstable", to: "bullseye-test-unstable")
        guard case .unsatisfiable(let missing) = bare[1].buildDependencies else {
            Issue.record("\(bare[1].buildDependencies)")
            return
        }
        #expect(missing[0].reason.contains("'nocheck-only', which no package provides"))
        let unexported = try PortPlanner(store: store, background: [background])
            .plan(from: "bookworm-test-unstable", to: "bullseye-test-testing")
        #expect(unexported.map(\.buildDependencies) == [.notChecked("no Packages of 'bullseye-test-testing' in the index"),
                                                         .notChecked("no Packages of 'bullseye-test-testing' in the index")])
        let json = try debwork(["port_plan", "-J", "--background", background, "bookworm-test-unstable", "bullseye-test-unstable"],
                               index: index)
        #expect(json.stdout.contains("""
                  "build_deps": {
                    "status": "unsatisfiable",
                    "problems": [
                      {
                        "architecture": "amd64",
            """), "\(json.stdout)")
        #expect(json.stdout.contains("\"status\": \"satisfiable\""))
    }

    @Test func allWritesEveryPort() throws {
        let temp = try TemporaryDirectory("port-plan-all")
        let index = try Self.indexed(temp)
        let out = temp.appending("out")
        let result = try debwork(["port_plan", "--all", "-J", "--output-dir", out,
                                  "bookworm-test-unstable", "bullseye-test-unstable"], index: index, environment: Self.env)
        #expect(result.status == 0, "\(result.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["version"] as? String } == ["1:2.0-1~test11+1", "1.1-1~test11+1"])
        for (folder, dsc) in [("dwepoch_2.0-1", "dwepoch_2.0-1~test11+1.dsc"), ("dwhello_1.1-1", "dwhello_1.1-1~test11+1.dsc")] {
            let path = out + "/" + folder + "/bullseye-test-unstable/" + dsc
            let extracted = try PortFixture.tool("dpkg-source", ["--no-check", "-x", path, temp.appending("x-" + folder)])
            #expect(extracted.status == 0, "\(extracted.stderr)")
        }
        // Running it again refuses: the output exists.
        let again = try debwork(["port_plan", "--all", "--output-dir", out, "bookworm-test-unstable", "bullseye-test-unstable"],
                                index: index, environment: Self.env)
        #expect(again.status == 1)
        #expect(again.stderr.contains("output already exists"))
    }
}
