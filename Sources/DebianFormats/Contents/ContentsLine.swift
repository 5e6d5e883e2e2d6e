/// One line of an APT `Contents-<arch>` file: `path<whitespace>section/package[,section/package…]`.
///
/// Accepted grammar (what `apt-ftparchive contents`, dak and `apt-file` agree on):
/// - The package column is the **last** whitespace-separated field; everything before the whitespace run
///   that precedes it is the path, so a path may hold spaces (`usr/share/doc/a b/README  doc/pkg`).
/// - The path has no leading `/` (a leading `./` or `/` is tolerated and dropped); it never ends with `/`.
/// - Packages are comma-separated; each may be qualified by sections (`libs/pkg`, `non-free/libs/pkg`): the
///   package is the last `/` component, the rest is kept as the qualifier.
/// - Blank lines are skipped. Old files open with free text ended by a `FILE  LOCATION` line
///   (``isHeaderEnd(_:)``); callers drop what precedes it.
public struct ContentsLine: Sendable, Equatable {
    /// The path's directory with a leading and a trailing `/` (`/usr/bin/`; `/` for a top-level file).
    public var directory: String
    /// The path's last component (`ls`).
    public var name: String
    /// The packages shipping the path, as written (`admin/dpkg`), in the line's order.
    public var packages: [String]

    /// The path as debwork prints a .deb's paths: absolute (`/usr/bin/ls`).
    public var path: String { directory + name }

    public init(directory: String, name: String, packages: [String]) {
        self.directory = directory
        self.name = name
        self.packages = packages
    }

    /// Why a line is not a Contents line.
    public enum Problem: Error, Sendable, Equatable {
        case noPackageColumn
        case emptyPath
        case directoryPath
        case emptyPackage
        case notUTF8

        public var reason: String {
            switch self {
            case .noPackageColumn: "no package column"
            case .emptyPath: "empty path"
            case .directoryPath: "path ends with '/'"
            case .emptyPackage: "empty package name"
            case .notUTF8: "not valid UTF-8"
            }
        }
    }

    /// Parses one line (without its `\n`; a trailing `\r` and trailing blanks are ignored).
    ///
    /// - Returns: nil for a blank line.
    /// - Throws: ``Problem`` for a line that has text but is not a Contents line.
    public static func parse(_ line: UnsafeRawBufferPointer) throws(Problem) -> ContentsLine? {
        var end = line.count
        while end > 0, isBlank(line[end - 1]) || line[end - 1] == 0x0D { end -= 1 }
        guard end > 0 else { return nil }
        // The package column: back to the last blank.
        var packageStart = end
        while packageStart > 0, !isBlank(line[packageStart - 1]) { packageStart -= 1 }
        var pathEnd = packageStart
        while pathEnd > 0, isBlank(line[pathEnd - 1]) { pathEnd -= 1 }
        var pathStart = 0
        while pathStart < pathEnd, isBlank(line[pathStart]) { pathStart += 1 }
        guard packageStart > 0, pathEnd > pathStart else {
            throw packageStart == 0 ? .noPackageColumn : .emptyPath
        }
        // `./usr/bin/x` and `/usr/bin/x` are the same path as `usr/bin/x`.
        if line[pathStart] == UInt8(ascii: "."), pathStart + 1 < pathEnd, line[pathStart + 1] == UInt8(ascii: "/") { pathStart += 1 }
        while pathStart < pathEnd, line[pathStart] == UInt8(ascii: "/") { pathStart += 1 }
        guard pathStart < pathEnd else { throw .emptyPath }
        guard line[pathEnd - 1] != UInt8(ascii: "/") else { throw .directoryPath }
        var slash = pathEnd
        while slash > pathStart, line[slash - 1] != UInt8(ascii: "/") { slash -= 1 }
        guard let directory = text(line, pathStart, slash), let name = text(line, slash, pathEnd),
              let column = text(line, packageStart, end) else { throw .notUTF8 }
        // Most lines name one package: no split then.
        let packages = column.utf8.contains(UInt8(ascii: ","))
            ? column.split(separator: ",", omittingEmptySubsequences: false).map(String.init) : [column]
        guard !packages.contains(where: { $0.isEmpty || $0.hasSuffix("/") }) else { throw .emptyPackage }
        return ContentsLine(directory: "/" + directory, name: name, packages: packages)
    }

    /// Whether `line` is the `FILE  LOCATION` line that ends an old Contents file's free-text header.
    public static func isHeaderEnd(_ line: UnsafeRawBufferPointer) -> Bool {
        var words: [ArraySlice<UInt8>] = []
        var current: [UInt8] = []
        for byte in line {
            if isBlank(byte) || byte == 0x0D {
                if !current.isEmpty { words.append(current[...]); current = [] }
            } else {
                current.append(byte)
                if current.count > 8 { return false }
            }
        }
        if !current.isEmpty { words.append(current[...]) }
        return words.count == 2 && Array(words[0]) == Array("FILE".utf8) && Array(words[1]) == Array("LOCATION".utf8)
    }

    /// The package of a qualified entry: its last `/` component (`non-free/libs/pkg` → `pkg`).
    public static func packageName(_ qualified: String) -> Substring {
        guard let slash = qualified.lastIndex(of: "/") else { return qualified[...] }
        return qualified[qualified.index(after: slash)...]
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func text(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String? {
        String(validating: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
    }
}
