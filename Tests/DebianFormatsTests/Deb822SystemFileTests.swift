import DebianFormats
import Foundation
import Testing

/// The deb822 parser on the real control files of this machine.
struct Deb822SystemFileTests {
    /// dpkg's own database: every stanza is a paragraph with Package and Status.
    @Test func dpkgStatusFile() throws {
        let path = "/var/lib/dpkg/status"
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let doc = try Deb822Document.parse(bytes: Array(bytes), file: path)
        let stanzas = String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("Package:") }
        #expect(doc.paragraphs.count == stanzas.count)
        #expect(doc.paragraphs.count > 100)
        #expect(!doc.isSigned)
        for p in doc.paragraphs {
            #expect(p.contains("package") && p.contains("Status"), "stanza at line \(p.line)")
        }
        #expect(doc.paragraphs.contains { $0["Package"] == "dpkg" && $0["Status"] == "install ok installed" })
    }

    /// APT's clearsigned InRelease files: one signed paragraph whose SHA256 field lists every file.
    @Test func aptInReleaseFiles() throws {
        let dir = "/var/lib/apt/lists"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasSuffix("_InRelease") } ?? []
        try #require(!names.isEmpty, "run apt-get update")
        for name in names {
            let text = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8)
            let doc = try Deb822Document.parse(text, file: name)
            #expect(doc.isSigned)
            try #require(doc.paragraphs.count == 1)
            let release = doc.paragraphs[0]
            #expect(release.line == 4)
            #expect(release["Origin"] == "Debian")
            let sha256 = text.split(separator: "\n").filter { line in
                line.hasPrefix(" ") && line.split(separator: " ").first?.count == 64
            }
            #expect(release.lines(of: "SHA256").count == sha256.count)
            #expect(!release.text.contains("PGP"))
        }
    }
}
