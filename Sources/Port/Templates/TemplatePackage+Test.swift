extension TemplatePackage {
    /// mini-buildd's test packages, by name: an `Architecture: all` package, a small C++ program
    /// (build-depending on libssl-dev) and a package whose build fails on purpose.
    public static let testPackages: [TemplatePackage] = [archall, cpp, ftbfs]

    /// mini-buildd's item: `debchange --newversion <stamp> "Version update '<stamp>'."`.
    static let versionUpdate = "Version update '%VERSION%'."

    /// The names ``testPackages`` answers to, in order.
    public static var testPackageNames: [String] { testPackages.map(\.name) }

    static let archall = TemplatePackage(
        name: "mbd-test-archall", architecture: "all",
        synopsis: "mini-buildd test package (Architecture: all)",
        longDescription: "Installs one text file; built once for all architectures.",
        changelogItem: versionUpdate,
        files: [
            File("debian/install", "mbd-test-archall.txt usr/share/mbd-test-archall/\n"),
            File("mbd-test-archall.txt", "A mini-buildd test package.\n"),
        ])

    static let cpp = TemplatePackage(
        name: "mbd-test-cpp", architecture: "any", buildDepends: "debhelper-compat (= 13), libssl-dev",
        synopsis: "mini-buildd test package (C++, libssl)",
        longDescription: "A small C++ program linked with libcrypto: prints the SHA-256 of its argument.",
        changelogItem: versionUpdate,
        files: [
            File("Makefile", """
                PROGRAM = mbd-test-cpp

                all: $(PROGRAM)

                $(PROGRAM): main.cpp
                \t$(CXX) $(CPPFLAGS) $(CXXFLAGS) $(LDFLAGS) -o $@ $< -lcrypto

                install: $(PROGRAM)
                \tinstall -D -m 0755 $(PROGRAM) $(DESTDIR)/usr/bin/$(PROGRAM)

                clean:
                \trm -f $(PROGRAM)

                """),
            File("main.cpp", """
                #include <openssl/sha.h>

                #include <cstdio>
                #include <string>

                int main(int argc, char **argv) {
                    const std::string text = argc > 1 ? argv[1] : "mini-buildd";
                    unsigned char digest[SHA256_DIGEST_LENGTH];
                    SHA256(reinterpret_cast<const unsigned char *>(text.data()), text.size(), digest);
                    for (unsigned char byte : digest) std::printf("%02x", byte);
                    std::printf("\\n");
                    return 0;
                }

                """),
        ])

    static let ftbfs = TemplatePackage(
        name: "mbd-test-ftbfs", architecture: "any",
        synopsis: "mini-buildd test package (fails to build)",
        longDescription: "Its build fails on purpose, to test how failed builds are reported.",
        changelogItem: versionUpdate,
        rulesOverrides: "override_dh_auto_build:\n\t@echo 'mbd-test-ftbfs: failing to build on purpose' >&2\n\tfalse\n")
}
