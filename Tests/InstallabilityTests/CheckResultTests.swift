import Installability
import JSONOutput
import Testing

/// `check`'s renderers on a report built here: no Packages file is read, libsolv does not run.
@Suite struct CheckResultTests {
    static let result = CheckResult([
        InstallabilityReport(architecture: "amd64", checked: 3, uninstallable: [
            UninstallablePackage(package: "bad", version: "1", architecture: "amd64", reason: "bad 1 depends on 'x\u{1B}'"),
        ]),
        InstallabilityReport(architecture: "arm64", checked: 2, uninstallable: []),
    ])

    @Test func textListsThePackagesThenTheCounts() {
        #expect(Self.result.renderText() == .text("""
            bad 1 amd64: bad 1 depends on 'x\\e'
            amd64: 1 of 3 binaries not installable
            arm64: 0 of 2 binaries not installable

            """))
    }

    @Test func jsonIsTheListOfUninstallableBinaries() throws {
        #expect(try Self.result.renderJSON().serialized(pretty: false)
            == #"[{"package":"bad","version":"1","architecture":"amd64","reason":"bad 1 depends on 'x\u001b'"}]"#)
        #expect(try CheckResult([]).renderJSON().serialized(pretty: false) == "[]")
    }
}
