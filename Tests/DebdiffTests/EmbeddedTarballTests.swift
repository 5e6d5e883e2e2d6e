import Debdiff
import DebworkTestSupport
import Foundation
import Testing

/// Tarballs at the top of a source tree: devscripts unpacks them (`=unpacked-tarN=`) and so does debwork.
@Suite struct EmbeddedTarballTests {
    static func dsc(_ name: String) -> String { Fixtures.path("embedded/\(name).dsc") }

    /// devscripts prints its temporary directories in `Binary files` lines; debwork prints the labels.
    static func withoutTemporaryDirectories(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("Binary files /tmp/") else { return String(line) }
            return line.replacingOccurrences(of: #"/tmp/[^/ ]+/"#, with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }

    static func run(_ options: [String]) throws -> (ours: DebdiffReport, theirs: CommandResult) {
        let arguments = options + [dsc("dwvendor_1.0"), dsc("dwvendor_1.1")]
        let commandLine = try DebdiffCommandLine(arguments)
        guard case .source(let old, let new) = commandLine.mode else { throw DebdiffError("not a source comparison") }
        let ours = try SourceDebdiff(options: commandLine.options).run(old: old, new: new)
        let theirs = try runCommand("debdiff", arguments, environment: ["TZ": "UTC", "LC_ALL": "C"])
        return (ours, theirs)
    }

    @Test(arguments: [[], ["--no-unpack-tarballs"], ["--diffstat"], ["--exclude", "a-vendor*"]])
    func matchesDevscripts(_ options: [String]) throws {
        let (ours, theirs) = try Self.run(options)
        #expect(String(decoding: ours.text, as: UTF8.self) == Self.withoutTemporaryDirectories(theirs.stdout))
        #expect(ours.exitStatus == theirs.status)
    }

    @Test func unpackedContentsAreCompared() throws {
        let (ours, _) = try Self.run([])
        let text = String(decoding: ours.text, as: UTF8.self)
        #expect(text.contains("diff -Nru dwvendor-1.0/=unpacked-tar1=/helper.c dwvendor-1.1/=unpacked-tar1=/helper.c"))
        // extra.tar.xz unpacks into extra-files/, not extra/: not renamed (it is tarball 2).
        #expect(text.contains("dwvendor-1.1/extra-files/data.txt"))
        #expect(!text.contains("=unpacked-tar2="))
        let plain = String(decoding: try Self.run(["--no-unpack-tarballs"]).ours.text, as: UTF8.self)
        #expect(!plain.contains("=unpacked-tar"))
    }

    /// A hostile embedded tarball (`../` member, a member through a symlink) is unpacked as tar would
    /// (those members skipped), with warnings; nothing is written outside the scratch spool.
    @Test func hostileEmbeddedTarballIsContained() throws {
        let scratch = try TemporaryDirectory()
        for version in ["1.0", "1.1"] {
            let tree = scratch.appending("v\(version)/dwhostile-\(version)")
            try FileManager.default.createDirectory(atPath: tree + "/debian/source", withIntermediateDirectories: true)
            try "3.0 (native)\n".write(toFile: tree + "/debian/source/format", atomically: true, encoding: .utf8)
            try """
                dwhostile (\(version)) unstable; urgency=medium

                  * Test.

                 -- Debwork Tests <tests@debwork.invalid>  Mon, 03 Mar 2025 10:00:00 +0000

                """.write(toFile: tree + "/debian/changelog", atomically: true, encoding: .utf8)
            try """
                Source: dwhostile
                Maintainer: Debwork Tests <tests@debwork.invalid>

                Package: dwhostile
                Architecture: all
                Description: test
                 test

                """.write(toFile: tree + "/debian/control", atomically: true, encoding: .utf8)
            let script = """
                import io, sys, tarfile
                with tarfile.open(sys.argv[1], "w:gz") as tar:
                    for name, data in [("evil/ok.txt", b"ok \(version)\\n"), ("../escaped.txt", b"x\\n")]:
                        info = tarfile.TarInfo(name); info.size = len(data); tar.addfile(info, io.BytesIO(data))
                    link = tarfile.TarInfo("evil/up"); link.type = tarfile.SYMTYPE; link.linkname = "/tmp"; tar.addfile(link)
                    info = tarfile.TarInfo("evil/up/through.txt"); info.size = 2; tar.addfile(info, io.BytesIO(b"y\\n"))
                """
            let made = try runCommand("python3", ["-c", script, tree + "/evil.tar.gz"])
            try #require(made.status == 0, "\(made.stderr)")
            let built = try runCommand("dpkg-source", ["-b", "dwhostile-\(version)"], directory: scratch.appending("v\(version)"))
            try #require(built.status == 0, "\(built.stderr)")
        }
        let report = try SourceDebdiff(options: DebdiffOptions()).run(
            old: scratch.appending("v1.0/dwhostile_1.0.dsc"), new: scratch.appending("v1.1/dwhostile_1.1.dsc"))
        let text = String(decoding: report.text, as: UTF8.self)
        #expect(text.contains("dwhostile-1.1/=unpacked-tar1=/ok.txt"))
        #expect(!text.contains("escaped") && !text.contains("through.txt"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/through.txt"))
        let warnings = report.json.serialized()
        #expect(warnings.contains("contains '..'") && warnings.contains("passes through the symlink"))
    }
}
