import Artifacts
import DebworkTestSupport
import Foundation
import Testing

/// Every hostile or broken fixture fails with one clear message naming the file, without a crash or hang.
@Suite struct BadInputTests {
    static let cases: [(file: String, expected: String)] = [
        ("truncated.deb", "truncated"),
        ("bitflip.deb", "data.tar"),
        ("no-data.deb", "no data.tar member"),
        ("unknown-compression.deb", "unknown compression 'foo'"),
        ("not-ar.deb", "unrecognized archive format"),
        ("dotdot.deb", "escapes the package root with '..'"),
        ("absolute.deb", "has an absolute path"),
        ("symlink-escape.deb", "symlink escape"),
        ("bomb.deb", "decompression bomb"),
        ("bomb-zstd.deb", "decompression bomb"),
        ("symlink-escape-dir.deb", "symlink escape"),
        ("control-missing-package.deb", "no 'Package' field"),
        ("control-duplicate-field.deb", "duplicate"),
        ("control-invalid-utf8.deb", "not valid UTF-8"),
        ("bad-checksum.dsc", "mismatch"),
        ("bad-size.dsc", "size mismatch"),
        ("missing-file.changes", "is missing"),
        ("bad-changelog.dsc", "changelog"),
    ]

    @Test(arguments: cases.map(\.file))
    func failsWithAClearMessage(_ name: String) throws {
        let expected = try #require(Self.cases.first { $0.file == name }?.expected)
        let path = Fixtures.path("bad/" + name)
        #expect(FileManager.default.fileExists(atPath: path), "fixture \(name) is missing")
        guard let error = readError(path) else {
            Issue.record("\(name) was accepted")
            return
        }
        #expect(error.file == path)
        #expect(error.description.hasPrefix(path + ": "))
        #expect(error.description.contains(expected), "message was: \(error.description)")
        #expect(!error.description.contains("\n"), "one line: \(error.description)")
    }

    /// Reads `path` with the reader its name calls for; the error, or nil when it was accepted.
    func readError(_ path: String) -> ArtifactError? {
        let result: Result<Void, ArtifactError>
        switch ArtifactKind(fileName: path) {
        case .dsc: result = Result { () throws(ArtifactError) in _ = try SourceReader().read(path: path) }
        case .changes: result = Result { () throws(ArtifactError) in _ = try ChangesReader().read(path: path) }
        default: result = Result { () throws(ArtifactError) in _ = try DebReader().read(path: path) }
        }
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test func everyBadFixtureIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("bad"))
            .filter { ArtifactKind(fileName: $0) != nil }
        let covered = Set(Self.cases.map(\.file))
        let uncovered = names.filter { !covered.contains($0) }
        #expect(uncovered.isEmpty, "bad fixtures without a test: \(uncovered)")
    }

    @Test func truncatedAtEveryTenthOfTheFileFailsCleanly() throws {
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("packages/dwhello_1.1-1_amd64.deb"))))
        let scratch = try TemporaryDirectory()
        for tenth in 1..<10 {
            let path = try scratch.write("cut\(tenth).deb", Array(good.prefix(good.count * tenth / 10)))
            #expect(throws: ArtifactError.self) { _ = try DebReader().read(path: path) }
        }
    }

    @Test func bitFlipsAnywhereNeverCrash() throws {
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("packages/dwhello_1.0-1_amd64.deb"))))
        let scratch = try TemporaryDirectory()
        var generator = SplitMix64(seed: 42)
        for round in 0..<60 {
            var bytes = good
            let offset = Int(generator.next() % UInt64(bytes.count))
            bytes[offset] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            let path = try scratch.write("flip\(round).deb", bytes)
            // Either a clean read (the flip hit padding or a timestamp) or an ArtifactError; never a trap.
            _ = readError(path)
        }
    }
}
