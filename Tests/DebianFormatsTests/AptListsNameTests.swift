import DebianFormats
import Testing

/// apt's flattened list names (the names `apt-get update` gave on this machine and in a sandboxed `file:` fetch).
struct AptListsNameTests {
    static let valid: [(String, String, String, String)] = [
        ("deb.debian.org_debian_dists_bookworm_InRelease", "deb.debian.org_debian_dists_bookworm", "bookworm", "InRelease"),
        ("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", "deb.debian.org_debian_dists_bookworm",
         "bookworm", "main/binary-amd64/Packages.lz4"),
        ("deb.debian.org_debian-security_dists_bookworm-security_main_source_Sources.lz4",
         "deb.debian.org_debian-security_dists_bookworm-security", "bookworm-security", "main/source/Sources.lz4"),
        ("_tmp_debwork-test.Ab12_repo_dists_dw_main_Contents-amd64.lz4", "_tmp_debwork-test.Ab12_repo_dists_dw", "dw",
         "main/Contents-amd64.lz4"),
        ("host_dists_x_dists_y_Release", "host_dists_x_dists_y", "y", "Release"),
        ("host_dists_a%7eb_my%5fcomp_Contents-amd64", "host_dists_a%7eb", "a~b", "my_comp/Contents-amd64"),
    ]

    @Test(arguments: valid)
    func reads(_ name: String, _ prefix: String, _ distribution: String, _ relative: String) throws {
        let parsed = try #require(AptListsName(name))
        #expect(parsed.prefix == prefix && parsed.distribution == distribution && parsed.relative == relative)
        #expect(AptListsName.fileName(prefix: parsed.prefix, relative: parsed.relative) == name)
    }

    @Test(arguments: ["InRelease", "Packages.lz4", "_dists_", "host_dists_bookworm", "host_dists__InRelease",
                      "host_dists_bookworm_", "host_dists_bookworm_main_%zz", "host_dists_bookworm_main_%5"])
    func rejects(_ name: String) {
        #expect(AptListsName(name) == nil)
    }
}
