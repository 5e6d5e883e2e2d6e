import DebianFormats
import DebworkTestSupport
import Testing

/// Build relations reduced for one architecture with no build profile, with dpkg's own reduction
/// (`Dpkg::Deps::deps_parse(…, reduce_arch, reduce_profiles, build_dep)` from libdpkg-perl) as the oracle.
struct BuildRelationsTests {
    static let cases: [(field: String, architecture: String)] = [
        ("debhelper-compat (= 13), libfoo-dev (>= 2) [amd64], libbar-dev [i386] | libbaz [!i386]", "amd64"),
        ("debhelper-compat (= 13), libfoo-dev (>= 2) [amd64], libbar-dev [i386] | libbaz [!i386]", "i386"),
        ("x <!nocheck>, y <stage1>, z <!nocheck !stage1> <cross>, t <stage1 !nocheck>", "amd64"),
        ("w [linux-any], v [any-i386], s [any-amd64 arm64], u:native (>= 1), perl:any", "amd64"),
        ("only [i386] | other [i386]", "amd64"),
        ("a [!amd64 !i386] <!nocheck>, b (<< 2) [!armhf]", "arm64"),
        ("first,\n second (>= 1:2~rc1),\n\tthird", "amd64"),
    ]

    @Test(arguments: 0..<cases.count) func reductionMatchesDpkg(_ index: Int) throws {
        let (field, architecture) = Self.cases[index]
        let mine = BuildRelations(depends: [field], conflicts: []).dependsField(architecture: architecture)
        guard Fixtures.hasTool("perl") else { return }
        let dpkg = try runCommand("perl", ["-MDpkg::Deps", "-e",
            "print deps_parse($ARGV[0], reduce_arch => 1, host_arch => $ARGV[1], reduce_profiles => 1, build_dep => 1)->output()",
            field, architecture])
        try #require(dpkg.status == 0, "\(dpkg.stderr)")
        #expect(mine == dpkg.stdout, "\(field) on \(architecture)")
    }

    @Test func theThreeFieldsAndTheConflictsAreJoined() {
        let relations = BuildRelations(depends: ["a", "b [i386]", "c"], conflicts: ["d", "e <stage1>"])
        #expect(relations.dependsField(architecture: "amd64") == "a, c")
        #expect(relations.conflictsField(architecture: "amd64") == "d")
        #expect(!relations.isEmpty)
        #expect(BuildRelations(depends: [" "], conflicts: []).isEmpty)
    }
}
