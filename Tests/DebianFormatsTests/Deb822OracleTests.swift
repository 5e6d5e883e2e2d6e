import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

/// The deb822 samples against dpkg's Perl parser (`Dpkg::Control::HashCore`, what dpkg-source and
/// dpkg-genchanges read control files with).
struct Deb822OracleTests {
    /// Prints each paragraph as `name<TAB>value` lines (value with `\` and newlines escaped) after a `P` line.
    static let perl = #"""
        use Dpkg::Control::HashCore;
        open(my $fh, "<", $ARGV[0]) or die;
        while (1) {
            my $c = Dpkg::Control::HashCore->new(allow_pgp => 1);
            last unless $c->parse($fh, "sample");
            print "P\n";
            foreach my $k (keys %$c) {
                my $v = $c->{$k} // "";
                $v =~ s/\\/\\\\/g; $v =~ s/\n/\\n/g;
                print "$k\t$v\n";
            }
        }
        """#

    static func dpkgParse(_ text: String) throws -> ProcessOutput {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("deb822-\(UUID().uuidString)")
        try text.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        return try Process.run("perl", ["-e", perl, path.path])
    }

    /// Our value in HashCore's convention: continuation lines lose their first character, and a line of
    /// dots loses one dot.
    static func hashCoreValue(_ value: String) -> String {
        value.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            guard index > 0 else { return String(line) }
            let rest = line.dropFirst()
            return !rest.isEmpty && rest.allSatisfy({ $0 == "." }) ? String(rest.dropFirst()) : String(rest)
        }.joined(separator: "\n")
    }

    static let samples: [String] = [
        // HashCore does not undo dash-escaping (gpg never needs it for valid deb822), so that line is left out.
        Deb822Tests.dsc, Deb822Tests.signed.replacingOccurrences(of: "- Description: dash escaped\n", with: ""),
        "A: 1\r\nB:\r\n x\r\n\r\nC: 2\r\n",
        "Name : spaced colon\nX:no space\nY:   \n  \t lots of\n .\n ..\n",
    ]

    @Test(arguments: samples)
    func fieldsMatchDpkg(_ text: String) throws {
        try #require(Process.find("perl") != nil)
        let out = try Self.dpkgParse(text)
        try #require(out.status == 0, "\(out.stderrText)")
        let doc = try Deb822Document.parse(text, file: "sample")
        var mine = ""
        for p in doc.paragraphs {
            mine += "P\n"
            for f in p.fields {
                let v = Self.hashCoreValue(f.value).replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\n", with: "\\n")
                mine += "\(f.name.lowercased())\t\(v)\n"
            }
        }
        // HashCore prints canonical field names (Package-List for package-list), so names compare lowercased.
        let theirs = out.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let tab = line.firstIndex(of: "\t") else { return String(line) }
            return line[..<tab].lowercased() + line[tab...]
        }.joined(separator: "\n")
        #expect(mine == theirs)
    }

    /// Inputs rejected here that dpkg's Perl parser accepts, and why we side with dpkg's C parser
    /// (lib/dpkg/parse.c, used by dpkg itself) or with RFC 4880.
    static let strictCases: Set<String> = [
        "A: 1\nnocolon\n",  // HashCore takes a colon-less word as an empty field; parse.c rejects it
        // HashCore stops at the end of the signature and ignores what follows; we refuse unsigned text that
        // would look as if it were covered by the signature.
        "-----BEGIN PGP SIGNED MESSAGE-----\n\nA: 1\n-----BEGIN PGP SIGNATURE-----\n-----END PGP SIGNATURE-----\nB: 2\n",
    ]

    @Test(arguments: Deb822Tests.errors.map(\.0))
    func rejectedInputsAreRejectedByDpkgToo(_ text: String) throws {
        try #require(Process.find("perl") != nil)
        let out = try Self.dpkgParse(text)
        if Self.strictCases.contains(text) {
            #expect(out.status == 0, "dpkg now rejects it too: update strictCases")
        } else {
            #expect(out.status != 0, "dpkg accepts: \(out.stdoutText)")
        }
    }
}
