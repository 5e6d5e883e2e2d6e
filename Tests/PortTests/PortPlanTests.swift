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
            source   version  in target  port version      rejections
            dwepoch  1:2.0-1  -          1:2.0-1~test12+1  bookworm-test-testing is not uploadable (suite 'testing')
            dwhello  1.1-1    1.0-2      1.1-1~test12+1    bookworm-test-testing is not uploadable (suite 'testing')

            """)
        let json = try debwork(["port_plan", "-J", "bookworm-test-unstable", "bullseye-test-unstable"], index: index)
        #expect(json.status == 0, "\(json.stderr)")
        let keys = ["\"source\"", "\"version\"", "\"target_version\"", "\"port_version\"", "\"dsc\"", "\"rejections\""]
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
