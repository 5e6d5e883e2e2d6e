import Testing

/// Small Packages files built to exercise one rule each, with the packages Debian says are uninstallable
/// on amd64 (what dose-debcheck answers too; the oracle test checks both).
struct SyntheticCase: Sendable, CustomTestStringConvertible {
    var name: String
    var packages: String
    var background: String = ""
    var uninstallable: Set<String>
    /// Packages dose-debcheck gets wrong, with why (left out of the comparison with it, kept in the expectation).
    var doseDiffers: [String: String] = [:]

    var testDescription: String { name }

    /// One stanza at version 1.
    static func stanza(_ package: String, arch: String = "amd64", _ fields: [(String, String)] = []) -> String {
        stanza(package, "1", arch: arch, fields)
    }

    /// One stanza; `Architecture` defaults to amd64.
    static func stanza(_ package: String, _ version: String, arch: String = "amd64", _ fields: [(String, String)] = []) -> String {
        (["Package: \(package)", "Version: \(version)", "Architecture: \(arch)"] + fields.map { "\($0.0): \($0.1)" })
            .joined(separator: "\n") + "\n\n"
    }

    static let all: [SyntheticCase] = [
        SyntheticCase(name: "missing dependency and Pre-Depends", packages:
            stanza("a", [("Depends", "nothere")]) +
            stanza("b", [("Pre-Depends", "nothere-either")]) +
            stanza("c", [("Depends", "a")]) +
            stanza("d", [("Pre-Depends", "e")]) + stanza("e"),
            uninstallable: ["a", "b", "c"]),
        SyntheticCase(name: "alternatives", packages:
            stanza("a", [("Depends", "x (>= 2) | y")]) + stanza("x", "1.5") + stanza("y") +
            stanza("b", [("Depends", "x (>= 2) | z")]) +
            stanza("c", [("Depends", "z | x (<< 2)")]),
            uninstallable: ["b"]),
        SyntheticCase(name: "versioned and unversioned Provides", packages:
            stanza("prov", [("Provides", "v (= 2), w")]) +
            stanza("a", [("Depends", "v (>= 2)")]) +
            stanza("b", [("Depends", "v (>= 3)")]) +
            stanza("c", [("Depends", "w")]) +
            // An unversioned Provides never satisfies a versioned dependency in Debian.
            stanza("d", [("Depends", "w (>= 1)")]),
            uninstallable: ["b", "d"]),
        SyntheticCase(name: "Breaks", packages:
            stanza("app", [("Depends", "lib")]) +
            stanza("lib", "2", [("Breaks", "app (<< 2)")]) +
            stanza("app2", "2", [("Depends", "lib")]) +
            stanza("plugin", [("Depends", "host"), ("Breaks", "host (>= 3)")]) + stanza("host", "3"),
            uninstallable: ["app", "plugin"]),
        SyntheticCase(name: "Conflicts, virtual packages and self-conflicts", packages:
            // The mail-transport-agent idiom: provide and conflict with the same virtual package.
            stanza("mta1", [("Provides", "mta"), ("Conflicts", "mta")]) +
            stanza("mta2", [("Provides", "mta"), ("Conflicts", "mta")]) +
            stanza("mail", [("Depends", "mta")]) +
            stanza("both", [("Depends", "mta1, mta2")]) +
            stanza("old", "1") +
            stanza("new", [("Conflicts", "old (<< 2)")]) +
            stanza("needs-both", [("Depends", "old, new")]),
            uninstallable: ["both", "needs-both"]),
        SyntheticCase(name: "breakage propagating to reverse dependencies", packages:
            // A library broken by a conflict, one broken by a missing dependency, their users, and users
            // that still have an installable alternative or provider.
            stanza("libc", [("Conflicts", "libc-helper")]) + stanza("libc-helper") +
            stanza("libx", [("Depends", "libc, libc-helper")]) +
            stanza("liby", [("Depends", "libz (>= 9)")]) + stanza("libz") +
            stanza("app1", [("Depends", "libx")]) + stanza("app2", [("Pre-Depends", "app1")]) +
            stanza("app3", [("Depends", "liby | libz")]) +
            stanza("app4", [("Depends", "liby")]) + stanza("app5", [("Depends", "app4 | app2")]) +
            stanza("virt1", [("Provides", "virtual"), ("Depends", "liby")]) + stanza("virt2", [("Provides", "virtual")]) +
            stanza("app6", [("Depends", "virtual")]) +
            stanza("virt3", [("Provides", "virtual-broken"), ("Depends", "libx")]) +
            stanza("app7", [("Depends", "virtual-broken")]),
            uninstallable: ["libx", "liby", "app1", "app2", "app4", "app5", "virt1", "virt3", "app7"]),
        SyntheticCase(name: "Multi-Arch and architecture qualifiers", packages:
            stanza("python3", "3.11", [("Multi-Arch", "allowed")]) +
            stanza("libsame", [("Multi-Arch", "same")]) +
            stanza("tool", [("Multi-Arch", "foreign")]) +
            stanza("plain") +
            stanza("a", arch: "all", [("Depends", "python3:any (>= 3.9)")]) +
            // A native package satisfies name:any whatever its Multi-Arch field (dpkg, dose).
            stanza("b", [("Depends", "libsame:any, tool:any, plain:any")]) +
            stanza("c", [("Depends", "plain:amd64, tool")]) +
            stanza("d", [("Depends", "python3:any (>= 4)")]) +
            stanza("e", [("Depends", "plain:i386")]),
            uninstallable: ["d", "e"],
            doseDiffers: ["d": "dose-debcheck 7.0 ignores the version of a 'name:any (>= v)' dependency; dpkg does not"]),
        SyntheticCase(name: "Architecture: all and other architectures", packages:
            stanza("doc", arch: "all", [("Depends", "bin")]) +
            stanza("bin") +
            stanza("i386only", arch: "i386") +
            stanza("wants-i386", [("Depends", "i386only")]) +
            stanza("all-wants-missing", arch: "all", [("Depends", "gone")]),
            uninstallable: ["wants-i386", "all-wants-missing"]),
        SyntheticCase(name: "versions with epochs and tildes", packages:
            stanza("lib", "2.0") + stanza("lib2", "1.0~rc1") + stanza("lib3", "1:0.5") +
            stanza("a", [("Depends", "lib (>= 1:0)")]) +
            stanza("b", [("Depends", "lib2 (>= 1.0)")]) +
            stanza("c", [("Depends", "lib2 (>= 1.0~)")]) +
            stanza("d", [("Depends", "lib3 (>> 9.9)")]) +
            stanza("e", [("Depends", "lib2 (<< 1.0)")]) +
            // dpkg: a missing revision equals "-0" (libsolv alone would say 2.0 << 2.0-0).
            stanza("f", [("Depends", "lib (= 2.0-0)")]) +
            stanza("g", [("Depends", "lib (>= 2.0-0)")]) +
            stanza("h", [("Depends", "lib (<< 2.0-0)")]) +
            stanza("lib4", "3.0-0") +
            stanza("i", [("Depends", "lib4 (= 3.0)")]),
            uninstallable: ["a", "b", "h"]),
        SyntheticCase(name: "a dependency chain broken deep down", packages:
            stanza("top", [("Depends", "mid")]) +
            stanza("mid", [("Depends", "low | other")]) +
            stanza("low", [("Depends", "bottom (>= 2)")]) + stanza("bottom") +
            stanza("other", [("Conflicts", "top")]),
            uninstallable: ["top", "low"]),
        SyntheticCase(name: "Essential packages go with every installation", packages:
            stanza("ess", [("Essential", "yes"), ("Conflicts", "victim")]) + stanza("victim") +
            stanza("user", arch: "all", [("Depends", "victim | other")]) + stanza("other") +
            stanza("ess-i386", arch: "i386", [("Essential", "yes"), ("Depends", "nothing")]),
            uninstallable: ["victim"]),
        SyntheticCase(name: "broken Essential packages break everything", packages:
            stanza("ess", [("Essential", "yes"), ("Depends", "gone")]) + stanza("plain"),
            uninstallable: ["ess", "plain"]),
        SyntheticCase(name: "background satisfies, is not checked", packages:
            stanza("a", [("Depends", "bg")]) +
            stanza("b", [("Depends", "bg (>= 2)")]),
            background: stanza("bg") + stanza("bg-broken", [("Depends", "nowhere")]),
            uninstallable: ["b"]),
    ]
}
