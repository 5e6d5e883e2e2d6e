import Foundation

/// Builds small binary packages with the real `dpkg-deb`, for oracle tests on generated pairs.
public enum DebBuilder {
    /// `dpkg-deb --build` of a tree holding `DEBIAN/control` (and any other control members in `control`,
    /// by name) plus `files` (path → contents); returns the .deb's path, `<directory>/<name>.deb`.
    @discardableResult
    public static func build(in directory: TemporaryDirectory, name: String, control: [String: String],
                             files: [String: String] = [:]) throws -> String {
        let tree = "tree-" + name
        for (member, text) in control {
            let path = try directory.write(tree + "/DEBIAN/" + member, text)
            if ["postinst", "prerm", "postrm", "preinst", "config"].contains(member) {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        }
        for (path, text) in files { try directory.write(tree + "/" + path, text) }
        let output = directory.appending(name + ".deb")
        let result = try runCommand("dpkg-deb", ["--root-owner-group", "-Zgzip", "--build", directory.appending(tree), output])
        guard result.status == 0 else { throw TestSupportError("dpkg-deb --build \(name): \(result.stderr)") }
        return output
    }

    /// A random control paragraph for package `name` from a small vocabulary (dependency lists, a long
    /// description with continuation lines, words with underscores), so pairs share most words.
    public static func randomControl(name: String, _ generator: inout SplitMix64) -> String {
        func pick(_ words: [String], _ count: Int) -> [String] {
            (0..<count).map { _ in words.randomElement(using: &generator) ?? words[0] }
        }
        let libraries = ["libc6 (>= 2.36)", "libssl3", "zlib1g", "libfoo_bar1", "perl:any", "python3 (<< 3.12)", "debconf | debconf-2.0"]
        let words = ["the", "a_b", "tool", "for", "_", "packages", "offline", "é", "x", "quick"]
        var text = "Package: \(name)\nVersion: \(Int.random(in: 1...3, using: &generator)).\(Int.random(in: 0...2, using: &generator))-1\n"
        text += "Architecture: all\nMaintainer: Test Maintainer <test@example.invalid>\n"
        if Bool.random(using: &generator) { text += "Depends: " + pick(libraries, Int.random(in: 1...4, using: &generator)).joined(separator: ", ") + "\n" }
        if Bool.random(using: &generator) { text += "Recommends: " + pick(libraries, 1).joined() + "\n" }
        text += "Section: " + (Bool.random(using: &generator) ? "utils" : "misc") + "\n"
        text += "Description: " + pick(words, Int.random(in: 1...5, using: &generator)).joined(separator: " ") + "\n"
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            text += " " + pick(words, Int.random(in: 1...8, using: &generator)).joined(separator: " ") + "\n"
        }
        return text
    }
}
