import Artifacts

/// devscripts' configuration files for debdiff: `/etc/devscripts.conf`, then `~/.devscripts`.
///
/// devscripts sources them with a shell. debwork never runs them: it reads the simple forms a person writes
/// (`NAME=value`, `NAME="value"`, `NAME='value'`, `export NAME=value`, comments, blank lines) and warns about
/// any line that would need a shell (command substitution, variables, several commands), which it then
/// ignores. Values that are not what devscripts accepts fall back to devscripts' defaults, as there.
/// Environment variables do not count (devscripts' debdiff reads only the files).
public struct DevscriptsConfiguration: Sendable {
    /// The variables read, last file wins.
    public var variables: [String: String] = [:]
    /// One message per ignored line: `<file>:<line>: …`.
    public var warnings: [String] = []

    /// The files devscripts reads, in order.
    public static func files(home: String?) -> [String] {
        ["/etc/devscripts.conf"] + (home.map { [$0 + "/.devscripts"] } ?? [])
    }

    public init() {}

    /// Reads the files that exist (an unreadable one is a warning).
    public init(files: [String]) {
        for file in files where FileSystem.status(file) != nil {
            do {
                let bytes = try FileSystem.read(file, maximumSize: 1 << 20)
                read(String(decoding: bytes, as: UTF8.self), file: file)
            } catch {
                warnings.append("\(error)")
            }
        }
    }

    mutating func read(_ text: String, file: String) {
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine).drop { $0 == " " || $0 == "\t" }
            while line.last == " " || line.last == "\t" { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " } }
            guard let assignment = Self.assignment(line) else {
                warnings.append("\(file):\(offset + 1): not a simple NAME=value assignment; ignored (debwork does not run configuration files)")
                continue
            }
            variables[assignment.name] = assignment.value
        }
    }

    /// `NAME=value` with a plain, single-quoted or double-quoted value (no `$`, backquote or backslash in a
    /// double-quoted one, nothing after the closing quote but a comment).
    static func assignment(_ line: Substring) -> (name: String, value: String)? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let name = line[..<equals]
        guard let first = name.first, first == "_" || first.isLetter,
              name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }), name.allSatisfy(\.isASCII) else { return nil }
        var rest = line[line.index(after: equals)...]
        var value = ""
        if let quote = rest.first, quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { return nil }
            value = String(rest[..<end])
            if quote == "\"" && value.contains(where: { $0 == "$" || $0 == "`" || $0 == "\\" }) { return nil }
            let after = rest[rest.index(after: end)...].drop { $0 == " " || $0 == "\t" }
            guard after.isEmpty || after.hasPrefix("#") else { return nil }
        } else {
            let word = rest.prefix { $0 != " " && $0 != "\t" }
            let after = rest[word.endIndex...].drop { $0 == " " || $0 == "\t" }
            guard after.isEmpty || after.hasPrefix("#"),
                  !word.contains(where: { "$`\\;&|<>()'\"".contains($0) }) else { return nil }
            value = String(word)
        }
        return (String(name), value)
    }

    /// debdiff's defaults with these variables applied, as devscripts' debdiff applies them.
    public func apply(to options: inout DebdiffOptions) {
        func flag(_ name: String) -> Bool? {
            switch variables[name] {
            case "yes"?: return true
            case "no"?: return false
            default: return nil
            }
        }
        if let value = flag("DEBDIFF_DIRS") { options.showDirectories = value }
        if let value = flag("DEBDIFF_CONTROL") { options.compareControl = value }
        if let files = variables["DEBDIFF_CONTROLFILES"], !files.isEmpty {
            options.controlFiles = files.split(separator: ",").map(String.init)
        }
        if let value = flag("DEBDIFF_SHOW_MOVED") { options.showMoved = value }
        if let value = flag("DEBDIFF_SHOW_DIFFSTAT") { options.diffstat = value }
        if let value = flag("DEBDIFF_WDIFF_SOURCE_CONTROL") { options.wdiffSourceControl = value }
        if let value = flag("DEBDIFF_AUTO_VER_SORT") { options.autoVersionSort = value }
        if let value = flag("DEBDIFF_UNPACK_TARBALLS") { options.unpackTarballs = value }
        if let value = flag("DEBDIFF_APPLY_PATCHES") { options.applyPatches = value }
        // /^-([plt])$/, anything else: no mode.
        options.wdiffMode = variables["DEBDIFF_WDIFF_OPT"].flatMap { $0.hasPrefix("--") ? nil : WdiffMode(option: $0) }
        options.debsDirectory = debsDirectory
    }

    /// `DEBRELEASE_DEBS_DIR` (devscripts' default `..`), for the no-argument mode, tidied as devscripts
    /// tidies it (the first run of slashes made one, one trailing slash dropped). An empty value stays
    /// empty: devscripts then finds no such directory.
    public var debsDirectory: String {
        guard var directory = variables["DEBRELEASE_DEBS_DIR"] else { return ".." }
        if let start = directory.firstIndex(of: "/") {
            let end = directory[start...].firstIndex { $0 != "/" } ?? directory.endIndex
            directory.replaceSubrange(start..<end, with: "/")
        }
        if directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        return directory
    }
}
