import Artifacts
import DebworkTestSupport
import Foundation
import LibArchive
import Testing

/// `dpkg-deb` is the oracle for what a binary package contains.
@Suite struct DebReaderTests {
    static let debs = Fixtures.files(in: "packages", suffix: ".deb") + Fixtures.files(in: "packages", suffix: ".udeb")

    @Test func fixturesExist() {
        #expect(Self.debs.count >= 10)
    }

    @Test(arguments: debs)
    func fileListMatchesDpkgDeb(_ path: String) throws {
        let package = try DebReader().read(path: path)
        let listing = try runCommand("dpkg-deb", ["-c", path])
        #expect(listing.status == 0, "dpkg-deb -c failed: \(listing.stderr)")
        var expected: [String] = []
        for line in listing.stdout.split(separator: "\n") {
            // drwxr-xr-x root/root         0 2024-11-01 09:00 ./usr/bin/
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6 else { continue }
            var name = String(fields[5])
            if name == "./" { continue }
            if name.hasPrefix("./") { name.removeFirst(2) }
            if name.hasSuffix("/") { name.removeLast() }
            expected.append("\(fields[0]) \(fields[1]) \(fields[2]) \(name)")
        }
        let actual = package.files.map { file -> String in
            var name = file.path
            switch file.type {
            case .symlink: name += " -> \(file.linkTarget ?? "")"
            case .hardlink: name += " link to \(file.linkTarget ?? "")"
            default: break
            }
            let size = file.type == .regular ? file.size : 0
            return "\(permissionString(file.mode, type: file.type)) \(file.owner)/\(file.group) \(size) \(name)"
        }
        #expect(actual == expected)
    }

    @Test(arguments: debs)
    func controlMatchesDpkgDeb(_ path: String) throws {
        let package = try DebReader().read(path: path)
        let control = try runCommand("dpkg-deb", ["-I", path, "control"])
        #expect(control.stdout == package.controlText)
        for field in ["Package", "Version", "Architecture", "Installed-Size", "Depends", "Description"] {
            let value = try runCommand("dpkg-deb", ["-f", path, field]).stdout
            let expected = value.hasSuffix("\n") ? String(value.dropLast()) : value
            #expect((package.control[field] ?? "") == expected, "\(field) of \(path)")
        }
    }

    @Test func md5sumsAndConffilesAreAttached() throws {
        let path = Fixtures.path("packages/dwhello_1.0-1_amd64.deb")
        let package = try DebReader(hashContents: true).read(path: path)
        let regular = package.files.filter { $0.type == .regular }
        #expect(!regular.isEmpty)
        for file in regular where !file.isConffile {
            #expect(file.md5 != nil, "no md5 for \(file.path)")
        }
        let conffile = try #require(package.files.first { $0.path == "etc/dwhello.conf" })
        #expect(conffile.isConffile)
        #expect(package.conffiles.contains("/etc/dwhello.conf"))
        #expect(package.scripts["postinst"] != nil)
        let helper = try #require(package.files.first { $0.path == "usr/lib/dwhello/helper" })
        #expect(helper.mode & 0o7777 == 0o4755)
        let link = try #require(package.files.first { $0.path == "usr/bin/dwhi" })
        #expect(link.type == .symlink && link.linkTarget == "dwhello")
    }

    @Test func compressionsAreReported() throws {
        var seen: Set<String> = []
        for path in Self.debs { seen.insert(try DebReader().read(path: path).dataCompression) }
        #expect(seen.isSuperset(of: ["xz", "gzip", "zstd", "none"]), "fixtures cover \(seen)")
    }
}

/// `ls -l`-style permission string as dpkg-deb -c prints it.
func permissionString(_ mode: UInt32, type: ArchiveEntry.FileType) -> String {
    let kind: Character = switch type {
    case .directory: "d"
    case .symlink: "l"
    case .hardlink: "h"
    case .characterDevice: "c"
    case .blockDevice: "b"
    case .fifo: "p"
    case .socket: "s"
    default: "-"
    }
    var text = String(kind)
    let bits: [(UInt32, Character)] = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o040, "r"), (0o020, "w"), (0o010, "x"),
                                       (0o004, "r"), (0o002, "w"), (0o001, "x")]
    for (index, (bit, letter)) in bits.enumerated() {
        var character: Character = mode & bit != 0 ? letter : "-"
        if index == 2 && mode & 0o4000 != 0 { character = mode & bit != 0 ? "s" : "S" }
        if index == 5 && mode & 0o2000 != 0 { character = mode & bit != 0 ? "s" : "S" }
        if index == 8 && mode & 0o1000 != 0 { character = mode & bit != 0 ? "t" : "T" }
        text.append(character)
    }
    return text
}
