import DebworkTestSupport
import Foundation
import Testing

/// `debwork port` end to end: the .dsc found through the index, mini-buildd's JSON keys first.
@Suite struct PortCommandTests {
    @Test func portFromIndexWritesJSONList() throws {
        let temp = try TemporaryDirectory("port-cli")
        let index = temp.appending("index.sqlite")
        let indexed = try debwork(["index", Fixtures.path("repo")], index: index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let env = ["DEBFULLNAME": "Port Tester", "DEBEMAIL": "porter@example.org", "SOURCE_DATE_EPOCH": "1737000000"]
        let result = try debwork(["port", "-J", "--output-dir", temp.appending("out"), "dwhello",
                                  "bookworm-test-unstable", "bullseye-test-unstable"], index: index, environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(list.first?["version"] as? String == "1.1-1~test11+1")
        #expect(list.first?["distribution"] as? String == "bullseye-test-unstable")
        #expect(result.stdout.contains("\"dsc_url\": \"file://"))
        let again = try debwork(["port", "--output-dir", temp.appending("out"), "dwhello",
                                 "bookworm-test-unstable", "bullseye-test-unstable"], index: index, environment: env)
        #expect(again.status == 1)
        #expect(again.stderr.contains("output already exists"))
    }

    @Test func portExtRefusesWithoutKeyringUnlessUnsigned() throws {
        let temp = try TemporaryDirectory("port-ext-cli")
        let env = ["DEBFULLNAME": "Port Tester", "DEBEMAIL": "porter@example.org", "SOURCE_DATE_EPOCH": "1737000000"]
        let refused = try debwork(["port_ext", "--output-dir", temp.path, Fixtures.path("packages/dwnative_0.4.dsc"),
                                   "bookworm-test-unstable"], index: temp.appending("none.sqlite"), environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no keyring configured"))
        let unsigned = try debwork(["port_ext", "-u", "--output-dir", temp.path, "file://" + Fixtures.path("packages/dwnative_0.4.dsc"),
                                    "bookworm-test-unstable"], index: temp.appending("none.sqlite"), environment: env)
        #expect(unsigned.status == 0, "\(unsigned.stderr)")
        #expect(unsigned.stdout.contains("dput <target>"))
    }
}
