import DebianFormats
import Testing

struct Deb822Tests {
    static let dsc = """
        Format: 3.0 (quilt)
        Source: hello
        Binary: hello
        Version: 2.10-3
        Description: short
         long line
         .
        \tindented by tab
        Checksums-Sha256:
         5a5a 725946 hello_2.10.orig.tar.gz
         6b6b 12688 hello_2.10-3.debian.tar.xz
        Files:
         aaaa 725946 hello_2.10.orig.tar.gz

        # a comment
        Package: hello
        package-list:  \t
         hello deb devel optional arch=any

        """

    @Test func parsesFieldsValuesAndLines() throws {
        let doc = try Deb822Document.parse(Self.dsc, file: "hello.dsc")
        #expect(!doc.isSigned)
        #expect(doc.paragraphs.count == 2)
        let p = doc.paragraphs[0]
        #expect(p.line == 1)
        #expect(p.fields.map(\.name) == ["Format", "Source", "Binary", "Version", "Description",
                                         "Checksums-Sha256", "Files"])
        #expect(p["format"] == "3.0 (quilt)")
        #expect(p["DESCRIPTION"] == "short\n long line\n .\n\tindented by tab")
        #expect(p["Files"] == "\n aaaa 725946 hello_2.10.orig.tar.gz")
        #expect(p.lines(of: "checksums-sha256") == ["5a5a 725946 hello_2.10.orig.tar.gz",
                                                    "6b6b 12688 hello_2.10-3.debian.tar.xz"])
        #expect(p.lines(of: "Missing") == [])
        #expect(p.fields[3].line == 4)
        #expect(doc.paragraphs[1].line == 16)
        #expect(doc.paragraphs[1]["Package-List"] == "\n hello deb devel optional arch=any")
    }

    @Test func subscriptSetReplacesOrAppends() {
        var p = Deb822Paragraph(fields: [Deb822Field(name: "Source", value: "a", line: 1)], line: 1)
        p["source"] = "b"
        p["Version"] = "1.0"
        #expect(p.fields.map(\.name) == ["Source", "Version"])
        #expect(p["SOURCE"] == "b" && p.contains("version") && !p.contains("Binary"))
        p["Source"] = nil
        #expect(p.fields.map(\.name) == ["Version"])
    }

    @Test func textRoundTrips() throws {
        let doc = try Deb822Document.parse(Self.dsc, file: "hello.dsc")
        let again = try Deb822Document.parse(doc.text, file: "again")
        #expect(again.paragraphs.map(\.fields).map { $0.map(\.value) } ==
                doc.paragraphs.map(\.fields).map { $0.map(\.value) })
        #expect(doc.paragraphs[0].text.hasPrefix("Format: 3.0 (quilt)\nSource: hello\n"))
        #expect(doc.paragraphs[0].text.contains("Files:\n aaaa 725946 hello_2.10.orig.tar.gz\n"))
        #expect(Deb822Paragraph(fields: [Deb822Field(name: "X", value: "")]).text == "X:\n")
    }

    static let signed = """
        -----BEGIN PGP SIGNED MESSAGE-----
        Hash: SHA512

        Format: 1.8
        Source: hello
        - Description: dash escaped
        Changes:
         hello (1.0) unstable; urgency=medium

        -----BEGIN PGP SIGNATURE-----

        iQIzBAEBCgAdFiEE
        =abcd
        -----END PGP SIGNATURE-----

        """

    @Test func unwrapsClearsignedText() throws {
        let doc = try Deb822Document.parse(Self.signed, file: "x.changes")
        #expect(doc.isSigned)
        #expect(doc.paragraphs.count == 1)
        #expect(doc.paragraphs[0].line == 4)
        #expect(doc.paragraphs[0]["Format"] == "1.8")
        #expect(doc.paragraphs[0].text
                == "Format: 1.8\nSource: hello\nDescription: dash escaped\nChanges:\n hello (1.0) unstable; urgency=medium\n")
    }

    @Test func crlfIsStripped() throws {
        let doc = try Deb822Document.parse("A: 1\r\nB:\r\n x\r\n\r\nC: 2\r\n", file: "crlf")
        #expect(doc.paragraphs.count == 2)
        #expect(doc.paragraphs[0]["A"] == "1" && doc.paragraphs[0]["B"] == "\n x")
    }

    @Test func emptyAndBlankInputHaveNoParagraphs() throws {
        #expect(try Deb822Document.parse("", file: "f").paragraphs.isEmpty)
        #expect(try Deb822Document.parse("\n \n\t\n# only a comment\n", file: "f").paragraphs.isEmpty)
    }

    static let errors: [(String, Int, String)] = [
        ("A: 1\na: 2\n", 2, "duplicate value for 'a' field"),
        (" continued\nA: 1\n", 1, "continuation line outside a field: ' continued'"),
        ("A: 1\n\n continued\n", 3, "continuation line outside a field: ' continued'"),
        ("A: 1\nno colon here\n", 2, "field name 'no' must be followed by a colon in 'no colon here'"),
        ("A: 1\nnocolon\n", 2, "line without colon: 'nocolon'"),
        ("-A: 1\n", 1, "field name '-A' must not start with '-'"),
        (": 1\n", 1, "empty field name in ': 1'"),
        ("A: 1\n-----BEGIN PGP SIGNED MESSAGE-----\n", 2,
         "openpgp armour not allowed here: '-----BEGIN PGP SIGNED MESSAGE-----'"),
        ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nA: 1\n", 1,
         "openpgp signed message without '-----BEGIN PGP SIGNATURE-----'"),
        ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n", 1,
         "openpgp signed message without a blank line after its armour headers"),
        ("-----BEGIN PGP SIGNED MESSAGE-----\n\nA: 1\n-----BEGIN PGP SIGNATURE-----\nxx\n", 4,
         "unfinished openpgp signature: '-----END PGP SIGNATURE-----' missing"),
        ("-----BEGIN PGP SIGNED MESSAGE-----\n\nA: 1\n-----BEGIN PGP SIGNATURE-----\n-----END PGP SIGNATURE-----\nB: 2\n",
         6, "text after the openpgp signature: 'B: 2'"),
    ]

    @Test(arguments: errors)
    func rejects(_ text: String, _ line: Int, _ reason: String) {
        #expect(throws: Deb822Error(file: "debian/control", line: line, reason: reason)) {
            try Deb822Document.parse(text, file: "debian/control")
        }
    }

    @Test func errorDescriptionNamesFileAndLine() {
        let e = Deb822Error(file: "debian/control", line: 3, reason: "duplicate value for 'Source' field")
        #expect(e.description == "debian/control:3: duplicate value for 'Source' field")
    }

    static let invalidUTF8: [([UInt8], Int, String)] = [
        (Array("A: 1\nB: x".utf8) + [0xFF], 2, "invalid utf-8 at byte offset 9 (byte 0xff)"),
        (Array("A: ".utf8) + [0xC3], 1, "invalid utf-8 at byte offset 3 (byte 0xc3)"),  // truncated
        (Array("A: ".utf8) + [0xC0, 0x80], 1, "invalid utf-8 at byte offset 3 (byte 0xc0)"),  // overlong
        (Array("A: ".utf8) + [0xED, 0xA0, 0x80], 1, "invalid utf-8 at byte offset 3 (byte 0xed)"),  // surrogate
        (Array("A:\n\n\nB: ".utf8) + [0xE2, 0x82], 4, "invalid utf-8 at byte offset 8 (byte 0xe2)"),
    ]

    @Test(arguments: invalidUTF8)
    func rejectsInvalidUTF8(_ bytes: [UInt8], _ line: Int, _ reason: String) {
        #expect(throws: Deb822Error(file: "f", line: line, reason: reason)) {
            try Deb822Document.parse(bytes: bytes, file: "f")
        }
    }

    @Test func acceptsValidUTF8Bytes() throws {
        let doc = try Deb822Document.parse(bytes: Array("Maintainer: Jörg Fürst 🐧 <j@x>\n".utf8), file: "f")
        #expect(doc.paragraphs[0]["Maintainer"] == "Jörg Fürst 🐧 <j@x>")
    }
}

