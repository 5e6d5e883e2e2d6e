import Artifacts
import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

/// Contents lines as `apt-ftparchive contents`, dak and apt-file write and read them, and the odd ones.
@Suite struct ContentsReaderTests {
    static func parse(_ text: String) throws -> ContentsLine? {
        try Self.parse(bytes: Array(text.utf8))
    }

    static func parse(bytes: [UInt8]) throws -> ContentsLine? {
        try bytes.withUnsafeBytes { buffer in try ContentsLine.parse(buffer) }
    }

    static let good: [(line: String, path: String, packages: [String])] = [
        ("usr/bin/ls                                              utils/coreutils", "/usr/bin/ls", ["utils/coreutils"]),
        ("usr/bin/ls\tutils/coreutils", "/usr/bin/ls", ["utils/coreutils"]),
        // Spaces inside the path: the package column is the last field.
        ("usr/share/doc/a b/read me.txt   doc/pkg", "/usr/share/doc/a b/read me.txt", ["doc/pkg"]),
        // Several packages, qualified by one or two sections.
        ("usr/lib/x.so  libs/liba,non-free/libs/libb,libc", "/usr/lib/x.so", ["libs/liba", "non-free/libs/libb", "libc"]),
        // Trailing blanks and a CRLF line end; a leading `./` or `/`.
        ("etc/fstab  admin/base-files  \r", "/etc/fstab", ["admin/base-files"]),
        ("./etc/hosts  net/netbase", "/etc/hosts", ["net/netbase"]),
        ("/etc/hosts  net/netbase", "/etc/hosts", ["net/netbase"]),
        ("toplevel  misc/odd", "/toplevel", ["misc/odd"]),
    ]

    @Test(arguments: good.indices) func parsesGoodLines(_ index: Int) throws {
        let expected = Self.good[index]
        let line = try #require(try Self.parse(expected.line))
        #expect(line.path == expected.path)
        #expect(line.packages == expected.packages)
        #expect(line.directory.hasPrefix("/") && line.directory.hasSuffix("/"))
    }

    @Test func packageNameIsTheLastComponent() {
        #expect(ContentsLine.packageName("non-free/libs/pkg") == "pkg")
        #expect(ContentsLine.packageName("libs/pkg") == "pkg")
        #expect(ContentsLine.packageName("pkg") == "pkg")
    }

    static let bad: [(line: String, problem: ContentsLine.Problem)] = [
        ("justonefield", .noPackageColumn),
        ("usr/bin/  utils/dir", .directoryPath),
        ("/  utils/root", .emptyPath),
        ("usr/bin/x  utils/a,,utils/b", .emptyPackage),
        ("usr/bin/x  utils/", .emptyPackage),
        ("   utils/x", .emptyPath),
        ("usr/share/a\u{0}b.desktop  x11/nul", .nulByte),
        ("usr/bin/x  utils/a\u{0}b", .nulByte),
    ]

    @Test(arguments: bad.indices) func refusesBadLines(_ index: Int) {
        let expected = Self.bad[index]
        #expect(throws: expected.problem) { _ = try Self.parse(expected.line) }
    }

    @Test func blankLinesAreNothing() throws {
        #expect(try Self.parse("") == nil)
        #expect(try Self.parse("  \t ") == nil)
    }

    @Test func notUTF8IsMalformed() {
        let bytes: [UInt8] = Array("usr/bin/".utf8) + [0xFF, 0xFE] + Array("  utils/x".utf8)
        #expect(throws: ContentsLine.Problem.notUTF8) {
            _ = try Self.parse(bytes: bytes)
        }
    }

    /// An old Contents file: free text, then `FILE  LOCATION`, then the lines; blank and bad lines among them.
    static let oldFile = """
        This file maps each file available in the Debian GNU/Linux system to
        the package from which it originates.  It includes packages from the
        DIST distribution for the ARCH architecture.

        FILE                                                    LOCATION
        bin/bash                                                shells/bash

        usr/bin/a b                                             utils/x,admin/y
        broken
        usr/share/zoneinfo/right/America/Argentina/Buenos_Aires non-free/misc/tzdata-x

        """

    static func entries(_ path: String) throws -> ([ContentsLine], ContentsReader.Malformed) {
        var lines: [ContentsLine] = []
        let malformed = try ContentsReader().forEachEntry(path) { lines.append($0) }
        return (lines, malformed)
    }

    @Test(arguments: ["", ".gz", ".xz", ".zst", ".lz4"]) func readsEveryCompression(_ suffix: String) throws {
        let directory = try TemporaryDirectory()
        let plain = try directory.write("Contents-amd64", Self.oldFile)
        let compressor = ["": "", ".gz": "gzip", ".xz": "xz", ".zst": "zstd", ".lz4": "lz4"][suffix] ?? ""
        if !compressor.isEmpty {
            let result = try runCommand("sh", ["-c", "\(compressor) -c < '\(plain)' > '\(plain)\(suffix)'"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let (lines, malformed) = try Self.entries(plain + suffix)
        #expect(lines.map(\.path) == ["/bin/bash", "/usr/bin/a b", "/usr/share/zoneinfo/right/America/Argentina/Buenos_Aires"])
        #expect(lines.map(\.packages) == [["shells/bash"], ["utils/x", "admin/y"], ["non-free/misc/tzdata-x"]])
        #expect(malformed.count == 1)
        #expect(malformed.warning == "1 malformed Contents line skipped (line 9: no package column)")
    }

    /// Without a `FILE  LOCATION` line nothing is a header: the first lines are entries (or malformed).
    @Test func noHeaderMeansEveryLineCounts() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("Contents-all", "freetext\nusr/bin/x  utils/x\n")
        let (lines, malformed) = try Self.entries(path)
        #expect(lines.map(\.path) == ["/usr/bin/x"])
        #expect(malformed.count == 1)
    }

    /// A `FILE  LOCATION` line past the first lines (where a header may end) is no entry (`LOCATION: /FILE`): it
    /// is counted as malformed.
    @Test func aLateHeaderLineIsMalformed() throws {
        let directory = try TemporaryDirectory()
        var text = ""
        for number in 0..<(ContentsReader.headerLines + 5) { text += "usr/bin/x\(number)  utils/x\(number)\n" }
        text += "FILE                                                    LOCATION\nusr/bin/after  utils/after\n"
        let (lines, malformed) = try Self.entries(try directory.write("Contents-all", text))
        #expect(lines.count == ContentsReader.headerLines + 6 && lines.last?.path == "/usr/bin/after")
        #expect(!lines.contains { $0.path == "/FILE" })
        #expect(malformed.count == 1)
        #expect(malformed.warning?.contains("line \(ContentsReader.headerLines + 6): a FILE  LOCATION header line") == true)
    }

    /// Lines crossing the reader's 1 MiB chunks, an overlong line and a last line without `\n`.
    @Test func longFilesAndLinesStream() throws {
        var text = ""
        for number in 0..<60_000 { text += "usr/share/doc/package-\(number)/changelog.Debian.gz  doc/package-\(number)\n" }
        text += "usr/" + String(repeating: "x", count: 20_000) + "  misc/long\n"
        text += "usr/bin/last  misc/last"
        let directory = try TemporaryDirectory()
        let path = try directory.write("Contents-amd64", text)
        let (lines, malformed) = try Self.entries(path)
        #expect(lines.count == 60_001)
        #expect(lines.last?.path == "/usr/bin/last")
        #expect(lines[59_999].packages == ["doc/package-59999"])
        #expect(malformed.count == 1)
        #expect(malformed.examples.first?.reason.hasPrefix("longer than") == true)
    }

    /// A truncated .gz is an error, or (when libarchive takes it for raw data) malformed lines: never entries.
    @Test func corruptCompressionGivesNoEntries() throws {
        let directory = try TemporaryDirectory()
        let good = try directory.write("Contents-amd64", "usr/bin/x  utils/x\n")
        #expect(try runCommand("gzip", [good]).status == 0)
        let bytes = try #require(FileManager.default.contents(atPath: good + ".gz"))
        let path = try directory.write("Contents-all.gz", Array(bytes.prefix(bytes.count / 2)))
        do {
            let (lines, malformed) = try Self.entries(path)
            #expect(lines.isEmpty && malformed.count > 0)
        } catch {
            #expect("\(error)".contains("Contents-all.gz"), "\(error)")
        }
    }

    @Test func fileNamesGiveTheArchitecture() {
        #expect(ContentsList.architecture(ofFileName: "Contents-amd64.gz")?.architecture == "amd64")
        #expect(ContentsList.architecture(ofFileName: "Contents-udeb-arm64")?.isUdeb == true)
        #expect(ContentsList.architecture(ofFileName: "Contents-all.zst")?.architecture == "all")
        #expect(ContentsList.architecture(ofFileName: "Contents-source.gz") == nil)
        #expect(ContentsList.architecture(ofFileName: "Contents-amd64.diff") == nil)
        #expect(ContentsList.architecture(ofFileName: "Packages") == nil)
    }
}
