import DebworkTestSupport
import Foundation
import Testing

/// One hostile source package, three users of the unpacking engine: `index` (SourceReader), `debdiff`
/// (SourceTreeLoader) and `port_ext` (PortSource) give the same verdict, and it is dpkg-source's:
/// `dpkg-source -x` refuses ⇒ debwork refuses, everywhere, naming the problem.
@Suite struct HostileSourceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var format: HostileSource.Format
        var tamper: [HostileSource.Tamper]
        /// Whether `dpkg-source -x` refuses the package.
        var dpkgRefuses: Bool
        /// What debwork's message says (all three commands); nil: accepted.
        var refusal: String?
        var testDescription: String { "\(format) \(name)" }
    }

    static let fix = "--- a/sub/file\n+++ b/sub/file\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"

    static let cases: [Case] = [
        Case(name: "series entry with ../", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/series", contents: "../evil.patch\n")],
             dpkgRefuses: true, refusal: "debian/patches/series: contains an insecure path: '../evil.patch'"),
        Case(name: "series entry with /../", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/series", contents: "sub/../fix.patch\n")],
             dpkgRefuses: true, refusal: "contains an insecure path: 'sub/../fix.patch'"),
        Case(name: "series names a missing patch", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/series", contents: "nope.patch\n")],
             dpkgRefuses: true, refusal: "debian/patches/nope.patch: cannot read"),
        Case(name: "patch with ../ in a name", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/fix.patch",
                               contents: "--- a/../evil\n+++ b/../evil\n@@ -0,0 +1 @@\n+x\n")],
             dpkgRefuses: true, refusal: "contains an insecure path: 'a/../evil'"),
        Case(name: "patch through a symlink", format: .quilt,
             tamper: [.addSymlink(tarball: "debian", path: "debian/lnk", target: "../sub"),
                      .addFile(tarball: "debian", path: "debian/patches/fix.patch", contents: fix.replacingOccurrences(of: "/sub/", with: "/debian/lnk/"))],
             dpkgRefuses: true, refusal: "through a symlink: 'debian/lnk'"),
        Case(name: "/dev/null on both sides", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/fix.patch",
                               contents: "--- /dev/null\n+++ /dev/null\n@@ -0,0 +1 @@\n+x\n")],
             dpkgRefuses: true, refusal: "none of the file names in ---/+++ is valid"),
        Case(name: "patch of a directory", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/fix.patch", contents: fix.replacingOccurrences(of: "/sub/file", with: "/sub"))],
             dpkgRefuses: true, refusal: "not a plain file"),
        Case(name: "patch with a C-style name", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/fix.patch",
                               contents: "--- \"a/sub/file\"\n+++ \"b/sub/file\"\n@@ -1 +1 @@\n-a\n+A\n")],
             dpkgRefuses: true, refusal: "C-style encoded file name"),
        Case(name: "debian/changelog pointing out of the tree", format: .quilt,
             tamper: [.addSymlink(tarball: "debian", path: "debian/changelog", target: "/etc/passwd")],
             dpkgRefuses: true, refusal: "pathname 'debian/changelog' points outside source root (to '/etc/passwd')"),
        Case(name: "debian/changelog climbing out of the tree", format: .quilt,
             tamper: [.addSymlink(tarball: "debian", path: "debian/changelog", target: "../../../../../../../../etc/passwd")],
             dpkgRefuses: true, refusal: "pathname 'debian/changelog' points outside source root"),
        Case(name: "symlink loop under debian/", format: .quilt,
             tamper: [.addSymlink(tarball: "debian", path: "debian/a", target: "b"), .addSymlink(tarball: "debian", path: "debian/b", target: "a")],
             dpkgRefuses: true, refusal: "cannot be canonicalized"),
        Case(name: "member through a symlink", format: .quilt,
             tamper: [.addSymlink(tarball: "debian", path: "debian/sl", target: "/tmp"),
                      .addFile(tarball: "debian", path: "debian/sl/evil", contents: "x\n")],
             dpkgRefuses: true, refusal: "passes through the symlink 'debian/sl'"),
        Case(name: "member with ..", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/../../evil", contents: "x\n")],
             dpkgRefuses: true, refusal: "escapes the package root with '..'"),
        Case(name: "hard link out of the tree", format: .quilt,
             tamper: [.addHardLink(tarball: "debian", path: "debian/hl", target: "../../etc/passwd")],
             dpkgRefuses: true, refusal: "points outside the package root"),
        Case(name: "hard link to nothing", format: .quilt,
             tamper: [.addHardLink(tarball: "debian", path: "debian/hl", target: "debian/none")],
             dpkgRefuses: true, refusal: "names no earlier regular file"),
        Case(name: "patch that does not apply (fuzz)", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/fix.patch", contents: fix.replacingOccurrences(of: "\n a\n", with: "\n z\n"))],
             dpkgRefuses: true, refusal: "hunk #1 for 'sub/file' does not apply"),
        Case(name: "patch of an absolute path", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/fix.patch", contents: fix.replacingOccurrences(of: "a/sub/file", with: "/etc/passwd").replacingOccurrences(of: "b/sub/file", with: "/etc/passwd"))],
             dpkgRefuses: true, refusal: "for 'etc/passwd' does not apply"),
        Case(name: "patch applying at an offset", format: .quilt,
             tamper: [.addFile(tarball: "debian", path: "debian/patches/fix.patch", contents: fix.replacingOccurrences(of: "-1,3 +1,3", with: "-5,3 +5,3"))],
             dpkgRefuses: false, refusal: nil),
        Case(name: "1.0 diff with ../", format: .v1,
             tamper: [.replaceDiff("--- hx-1.0.orig/../evil\n+++ hx-1.0/../evil\n@@ -0,0 +1 @@\n+x\n")],
             dpkgRefuses: true, refusal: "contains an insecure path"),
        Case(name: "1.0 diff through a symlink of the orig", format: .v1,
             tamper: [.addSymlink(tarball: "orig", path: "lnk", target: "sub"),
                      .replaceDiff("--- hx-1.0.orig/lnk/file\n+++ hx-1.0/lnk/file\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")],
             dpkgRefuses: true, refusal: "through a symlink: 'lnk'"),
        Case(name: "1.0 diff with /dev/null on both sides", format: .v1,
             tamper: [.replaceDiff("--- /dev/null\n+++ /dev/null\n@@ -0,0 +1 @@\n+x\n")],
             dpkgRefuses: true, refusal: "none of the file names in ---/+++ is valid"),
        Case(name: "1.0 debian/changelog pointing out of the tree", format: .v1,
             tamper: [.addSymlink(tarball: "orig", path: "debian/changelog", target: "/etc/passwd")],
             dpkgRefuses: true, refusal: "debian/changelog"),
    ]

    @Test(arguments: cases)
    func sameVerdictAsDpkgSourceEverywhere(_ testCase: Case) throws {
        let temp = try TemporaryDirectory("hostile")
        let package = try HostileSource(format: testCase.format, tamper: testCase.tamper, in: temp.path)

        let dpkg = try runCommand("dpkg-source", ["-x", package.hostile, temp.appending("dpkg-x")])
        #expect((dpkg.status != 0) == testCase.dpkgRefuses, "dpkg-source -x: \(dpkg.stderr)")

        let index = try debwork(["index", "--index", temp.appending("index.db"), (package.hostile as NSString).deletingLastPathComponent])
        let debdiff = try debwork(["debdiff", package.good, package.hostile])
        let output = temp.appending("ports")
        let port = try debwork(["port_ext", "-u", "--maintainer", "P <p@example.org>", "--output-dir", output,
                                package.hostile, "bullseye-test-unstable"])
        if let refusal = testCase.refusal {
            #expect(index.status == 1, "index: \(index.stderr)")
            #expect(index.stderr.contains(refusal), "index: \(index.stderr)")
            #expect(debdiff.status == 2, "debdiff: \(debdiff.stderr)")
            #expect(debdiff.stderr.contains(refusal), "debdiff: \(debdiff.stderr)")
            #expect(debdiff.stdout.isEmpty)
            #expect(port.status == 1, "port_ext: \(port.stderr)")
            #expect(port.stderr.contains(refusal), "port_ext: \(port.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output + "/bullseye-test-unstable"))
        } else {
            #expect(index.status == 0, "index: \(index.stderr)")
            #expect(debdiff.status == 1, "debdiff: \(debdiff.stderr)")
            #expect(port.status == 0, "port_ext: \(port.stderr)")
        }
    }

    /// devscripts parity: dpkg-source unpacks FIFOs and devices, `diff -Nru` names them and debdiff
    /// exits 1. debwork prints the same lines (with the package directories instead of debdiff's
    /// temporary ones); the index lists them; port refuses to write them.
    @Test(arguments: [HostileSource.Format.quilt, .v1])
    func fifoAndDeviceMembersAreReportedAsDevscriptsDoes(_ format: HostileSource.Format) throws {
        let temp = try TemporaryDirectory("hostile-special")
        let tarball = format == .quilt ? "debian" : "orig"
        let package = try HostileSource(format: format, tamper: [.addFIFO(tarball: tarball, path: "debian/fifo"),
                                                                 .addCharacterDevice(tarball: tarball, path: "debian/null")],
                                        in: temp.path)
        let dpkg = try runCommand("dpkg-source", ["-x", package.hostile, temp.appending("dpkg-x")])
        #expect(dpkg.status == 0, "dpkg-source -x: \(dpkg.stderr)")

        // Two 1.0 packages sharing an orig tarball are compared by their diffs (interdiff), which
        // devscripts does too: the orig's members are not compared then.
        let expected = format == .quilt ? "Only in hx-1.0/debian: fifo\nOnly in hx-1.0/debian: null\n" : ""
        let debdiff = try debwork(["debdiff", package.good, package.hostile])
        #expect(debdiff.status == (format == .quilt ? 1 : 0), "\(debdiff.stderr)")
        #expect(debdiff.stdout == expected)
        if format == .quilt {
            let same = try debwork(["debdiff", package.hostile, package.hostile])
            #expect(same.status == 1)
            #expect(same.stdout.contains("File hx-1.0/debian/fifo is a fifo while file hx-1.0/debian/fifo is a fifo\n"))
        }
        if Fixtures.hasTool("debdiff") {
            let devscripts = try runCommand("debdiff", [package.good, package.hostile])
            #expect(devscripts.status == debdiff.status)
            let text = devscripts.stdout.replacingOccurrences(of: #"/tmp/[^/ ]+/"#, with: "", options: .regularExpression)
            #expect(text == expected, "\(devscripts.stdout)")
        }

        let index = try debwork(["index", "--index", temp.appending("index.db"), (package.hostile as NSString).deletingLastPathComponent])
        #expect(index.status == 0, "index: \(index.stderr)")
        let port = try debwork(["port_ext", "-u", "--maintainer", "P <p@example.org>", "--output-dir", temp.appending("ports"),
                                package.hostile, "bullseye-test-unstable"])
        #expect(port.status == 1)
        #expect(port.stderr.contains("'debian/fifo' is a device, FIFO or socket"), "\(port.stderr)")
    }

    /// devscripts parity: `debdiff` of a package whose debian/changelog points out of the tree exits 2
    /// after dpkg-source's "points outside source root"; so does debwork, with the same words.
    @Test func changelogSymlinkOutOfTheTreeExitsTwoAsDevscripts() throws {
        let temp = try TemporaryDirectory("hostile-changelog")
        let package = try HostileSource(format: .quilt, tamper: [.addSymlink(tarball: "debian", path: "debian/changelog", target: "/etc/passwd")],
                                        in: temp.path)
        let ours = try debwork(["debdiff", package.good, package.hostile])
        #expect(ours.status == 2)
        #expect(ours.stderr.contains("points outside source root (to '/etc/passwd')"))
        if Fixtures.hasTool("debdiff") {
            let devscripts = try runCommand("debdiff", [package.good, package.hostile])
            #expect(devscripts.status == 2)
            #expect(devscripts.stderr.contains("points outside source root (to '/etc/passwd')"))
        }
    }
}
