import DebianFormats
import Testing

struct FieldsTests {
    static let md5 = String(repeating: "a", count: 32)
    static let sha1 = String(repeating: "b", count: 40)
    static let sha256 = String(repeating: "c", count: 64)

    static func paragraph(_ text: String) throws -> Deb822Paragraph {
        try Deb822Document.parse(text, file: "t.dsc").paragraphs[0]
    }

    @Test func parsesDscChecksums() throws {
        let p = try Self.paragraph("""
            Source: hello
            Checksums-Sha1:
             \(Self.sha1) 725946 hello_2.10.orig.tar.gz
             \(Self.sha1) 12688 hello_2.10-3.debian.tar.xz
            Checksums-Sha256:
             \(Self.sha256) 725946 hello_2.10.orig.tar.gz
             \(Self.sha256) 12688 hello_2.10-3.debian.tar.xz
            Files:
             \(Self.md5) 725946 hello_2.10.orig.tar.gz
             \(Self.md5) 12688 hello_2.10-3.debian.tar.xz
            """)
        let sums = try ChecksumField.parse(p, file: "t.dsc")
        #expect(Set(sums.keys) == [.md5, .sha1, .sha256])
        #expect(sums[.sha256]?.map(\.name) == ["hello_2.10.orig.tar.gz", "hello_2.10-3.debian.tar.xz"])
        #expect(sums[.md5]?.first == ChecksumEntry(hash: Self.md5, size: 725_946, name: "hello_2.10.orig.tar.gz"))
        #expect(sums[.sha1]?.last?.text == "\(Self.sha1) 12688 hello_2.10-3.debian.tar.xz")
    }

    @Test func parsesChangesFiles() throws {
        let p = try Self.paragraph("""
            Files:
             \(Self.md5) 1234 devel optional hello_2.10-3.dsc
            Checksums-Sha256:
             \(Self.sha256) 1234 hello_2.10-3.dsc
            """)
        let sums = try ChecksumField.parse(p, file: "t.changes", changesFiles: true)
        #expect(sums[.md5] == [ChecksumEntry(hash: Self.md5, size: 1234, name: "hello_2.10-3.dsc",
                                             section: "devel", priority: "optional")])
        #expect(sums[.md5]?.first?.text == "\(Self.md5) 1234 devel optional hello_2.10-3.dsc")
    }

    @Test func algorithmFields() {
        #expect(ChecksumAlgorithm.allCases.map(\.dscField) == ["Files", "Checksums-Sha1", "Checksums-Sha256",
                                                              "Checksums-Sha512"])
        #expect(ChecksumAlgorithm.allCases.map(\.rawValue) == ["MD5Sum", "SHA1", "SHA256", "SHA512"])
    }

    /// (paragraph text, changes layout, field, line, reason)
    static let errors: [(String, Bool, String, Int, String)] = [
        ("A: 1\nFiles:\n \(md5) 1 a b\n", false, "Files", 3, "expected 3 words, got 4 in '\(md5) 1 a b'"),
        ("Files:\n \(md5) 1 a\n", true, "Files", 2, "expected 5 words, got 3 in '\(md5) 1 a'"),
        ("Files:\n \(md5)0 1 a\n", false, "Files", 2, "checksum '\(md5)0' is not 32 lowercase hex digits"),
        ("Files:\n \(md5.uppercased()) 1 a\n", false, "Files", 2,
         "checksum '\(md5.uppercased())' is not 32 lowercase hex digits"),
        ("Checksums-Sha1:\n \(md5) 1 a\n", false, "Checksums-Sha1", 2,
         "checksum '\(md5)' is not 40 lowercase hex digits"),
        ("Files:\n \(md5) 1x a\n", false, "Files", 2, "size '1x' of 'a' is not a number"),
        ("Files:\n \(md5) -1 a\n", false, "Files", 2, "size '-1' of 'a' is not a number"),
        ("Files:\n \(md5) 99999999999999999999 a\n", false, "Files", 2,
         "size '99999999999999999999' of 'a' is not a number"),
        ("Files:\n \(md5) 1 ../a\n", false, "Files", 2, "unsafe file name '../a'"),
        ("Files:\n \(md5) 1 a/b\n", false, "Files", 2, "unsafe file name 'a/b'"),
        ("Files:\n \(md5) 1 ..\n", false, "Files", 2, "unsafe file name '..'"),
        ("Files:\n \(md5) 1 -rf\n", false, "Files", 2, "unsafe file name '-rf'"),
        ("Files:\n \(md5) 1 a\n \(md5) 2 a\n", false, "Files", 3, "file 'a' listed twice"),
        ("Files:\n \(md5) 1 a\nChecksums-Sha1:\n \(sha1) 1 a\n \(sha1) 1 b\n", false, "Checksums-Sha1", 3,
         "lists 'b' missing from 'Files'"),
        ("Files:\n \(md5) 1 a\n \(md5) 1 b\nChecksums-Sha256:\n \(sha256) 1 a\n", false, "Checksums-Sha256", 4,
         "lacks 'b' listed in 'Files'"),
    ]

    @Test(arguments: errors)
    func rejects(_ text: String, _ changes: Bool, _ field: String, _ line: Int, _ reason: String) throws {
        let p = try Self.paragraph(text)
        #expect(throws: FieldError(file: "t.dsc", field: field, line: line, reason: reason)) {
            try ChecksumField.parse(p, file: "t.dsc", changesFiles: changes)
        }
    }

    @Test func fieldErrorDescription() {
        #expect(FieldError(file: "t.dsc", field: "Files", line: 3, reason: "file 'a' listed twice").description
                == "t.dsc:3: field 'Files': file 'a' listed twice")
        #expect(FieldError(file: "t.dsc", field: "Files", reason: "x").description == "t.dsc: field 'Files': x")
    }

    @Test func parsesPackageList() throws {
        let p = try Self.paragraph("""
            Package-List:
             hello deb devel optional arch=any
             hello-udeb udeb debian-installer extra arch=amd64,i386 profile=!nocheck essential=yes
            """)
        let list = try PackageList.parse(p, file: "t.dsc")
        #expect(list == [
            PackageListEntry(package: "hello", type: "deb", section: "devel", priority: "optional",
                             attributes: ["arch": "any"]),
            PackageListEntry(package: "hello-udeb", type: "udeb", section: "debian-installer", priority: "extra",
                             attributes: ["arch": "amd64,i386", "profile": "!nocheck", "essential": "yes"]),
        ])
        #expect(list[1].text == "hello-udeb udeb debian-installer extra arch=amd64,i386 essential=yes profile=!nocheck")
        #expect(try PackageList.parse(Self.paragraph("Source: x"), file: "t.dsc") == [])
    }

    static let packageListErrors: [(String, String)] = [
        (" hello deb devel", "expected '<package> <type> <section> <priority> [key=value…]', got 'hello deb devel'"),
        (" hello deb devel optional arch", "attribute 'arch' of 'hello' is not key=value"),
        (" hello deb devel optional =any", "attribute '=any' of 'hello' is not key=value"),
        (" hello deb devel optional arch=any arch=all", "attribute 'arch' of 'hello' given twice"),
    ]

    @Test(arguments: packageListErrors)
    func rejectsPackageList(_ line: String, _ reason: String) throws {
        let p = try Self.paragraph("Package-List:\n\(line)\n")
        #expect(throws: FieldError(file: "t.dsc", field: "Package-List", line: 2, reason: reason)) {
            try PackageList.parse(p, file: "t.dsc")
        }
    }

    static let formats: [(String, SourceFormat)] = [
        ("1.0", .v1), ("3.0 (quilt)", .quilt), ("3.0 (native)", .native), (" 3.0  (quilt) ", .quilt),
        ("3.0\t(native)", .native), ("3.0 (git)", .other("3.0 (git)")), ("3.0", .other("3.0")),
        ("1.0 (quilt)", .other("1.0 (quilt)")),
    ]

    @Test(arguments: formats)
    func sourceFormat(_ text: String, _ expected: SourceFormat) {
        #expect(SourceFormat(text) == expected)
    }

    @Test func sourceFormatDescription() {
        #expect([SourceFormat.v1, .quilt, .native, .other("3.0 (git)")].map(\.description)
                == ["1.0", "3.0 (quilt)", "3.0 (native)", "3.0 (git)"])
    }
}
