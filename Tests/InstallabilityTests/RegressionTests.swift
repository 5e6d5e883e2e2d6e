import Installability
import Testing

/// Britney's rule as `migrate` will ask it, and the reasons debwork gives.
struct RegressionTests {
    static func index(_ text: String, _ name: String) -> PackagesIndex {
        .text(Array(text.utf8), name: name)
    }

    static let target = SyntheticCase.stanza("app", [("Depends", "libfoo1 (>= 1.2)")])
        + SyntheticCase.stanza("libfoo1", "1.2", [("Source", "foo")])
        + SyntheticCase.stanza("already-broken", [("Depends", "missing")])

    @Test func aMigrationThatDropsALibraryIsARegression() throws {
        // foo 2.0 replaces libfoo1 by libfoo2: app becomes uninstallable.
        let after = SyntheticCase.stanza("app", [("Depends", "libfoo1 (>= 1.2)")])
            + SyntheticCase.stanza("libfoo2", "2.0", [("Source", "foo")])
            + SyntheticCase.stanza("already-broken", [("Depends", "missing")])
        let check = try InstallabilityChecker(architecture: "amd64").regressions(
            before: [Self.index(Self.target, "before")], after: [Self.index(after, "after")], migratedSources: ["foo"])
        #expect(check.regressions.map(\.package) == ["app"])
        #expect(check.regressions.first?.reason.contains("'libfoo1 (>= 1.2)'") == true)
        #expect(check.uninstallableMigrated.isEmpty)
        #expect(!check.isAcceptable)
    }

    @Test func theBackgroundServesBothStatesAndIsNotChecked() throws {
        let background = SyntheticCase.stanza("libc6", "2.36-9") + SyntheticCase.stanza("bg-broken", [("Depends", "nowhere")])
        let before = SyntheticCase.stanza("app", [("Depends", "libc6 (>= 2.36), libfoo1")])
            + SyntheticCase.stanza("libfoo1", "1.2", [("Source", "foo"), ("Depends", "libc6")])
        let after = SyntheticCase.stanza("app", [("Depends", "libc6 (>= 2.36), libfoo1")])
            + SyntheticCase.stanza("libfoo1", "2.0", [("Source", "foo"), ("Depends", "libc6 (>= 2.38)")])
        let check = try InstallabilityChecker(architecture: "amd64").regressions(
            before: [Self.index(before, "before")], after: [Self.index(after, "after")], migratedSources: ["foo"],
            background: [Self.index(background, "background")])
        #expect(check.regressions.map(\.package) == ["app", "libfoo1"])
        #expect(check.uninstallableMigrated.map(\.package) == ["libfoo1"])
        #expect(check.uninstallableMigrated.first?.reason
            == "libfoo1 2.0 depends on 'libc6 (>= 2.38)', which no package provides (available: libc6 2.36-9)")
    }

    @Test func aMigrationKeepingEverythingInstallableIsAccepted() throws {
        let after = Self.target + SyntheticCase.stanza("foo-tools", "2.0", [("Source", "foo"), ("Depends", "libfoo1")])
        let check = try InstallabilityChecker(architecture: "amd64").regressions(
            before: [Self.index(Self.target, "before")], after: [Self.index(after, "after")], migratedSources: ["foo"])
        #expect(check.isAcceptable, "already-broken was broken before: no regression")
    }

    @Test func anUninstallableMigratedBinaryRefuses() throws {
        let after = Self.target + SyntheticCase.stanza("foo-tools", "2.0", [("Source", "foo (2.0)"), ("Depends", "libbar9")])
        let check = try InstallabilityChecker(architecture: "amd64").regressions(
            before: [Self.index(Self.target, "before")], after: [Self.index(after, "after")], migratedSources: ["foo"])
        #expect(check.uninstallableMigrated.map(\.package) == ["foo-tools"])
        #expect(check.regressions.map(\.package) == ["foo-tools"])
    }

    @Test func reasonsNameTheMissingDependencyAndTheConflict() throws {
        let text = SyntheticCase.stanza("a", [("Depends", "b (>= 1:2)")]) + SyntheticCase.stanza("b", "1:1.0")
            + SyntheticCase.stanza("c", [("Depends", "d")]) + SyntheticCase.stanza("d", "3", [("Breaks", "c (<< 2)")])
        let report = try InstallabilityChecker(architecture: "amd64").check([Self.index(text, "Packages")])
        let reasons = Dictionary(uniqueKeysWithValues: report.uninstallable.map { ($0.package, $0.reason) })
        #expect(reasons["a"] == "a 1 depends on 'b (>= 1:2)', which no package provides (available: b 1:1.0)")
        #expect(reasons["c"] == "d 3 conflicts with c 1 (Conflicts/Breaks: 'c (<< 2)'); through: c 1 depends on 'd'")
    }

    @Test func theSourcesFilterReportsOnlyTheirBinaries() throws {
        let text = SyntheticCase.stanza("a", [("Depends", "gone"), ("Source", "srca")])
            + SyntheticCase.stanza("b", [("Depends", "gone")])
        let checker = InstallabilityChecker(architecture: "amd64")
        #expect(try checker.check([Self.index(text, "P")], sources: ["srca"]).uninstallable.map(\.package) == ["a"])
        #expect(try checker.check([Self.index(text, "P")], sources: ["b"]).uninstallable.map(\.package) == ["b"])
        #expect(try checker.check([Self.index(text, "P")], sources: ["other"]).checked == 0)
    }

    @Test func anUnreadableFileIsAnErrorNamingIt() {
        #expect(throws: InstallabilityError.self) {
            try InstallabilityChecker(architecture: "amd64").check([.file("/nonexistent/Packages.xz")])
        }
    }
}
