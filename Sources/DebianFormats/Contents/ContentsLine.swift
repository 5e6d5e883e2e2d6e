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
        /// A NUL byte: no path holds one (tar ends a member's name at it), and the trigram index and SQLite's GLOB
        /// would read such a path only up to it.
        case nulByte

        public var reason: String {
            switch self {
            case .noPackageColumn: "no package column"
            case .emptyPath: "empty path"
            case .directoryPath: "path ends with '/'"
            case .emptyPackage: "empty package name"
            case .notUTF8: "not valid UTF-8"
            case .nulByte: "holds a NUL byte"
            }
        }
    }

    /// Parses one line (without its `\n`; a trailing `\r` and trailing blanks are ignored).
    ///
    /// - Returns: nil for a blank line.
    /// - Throws: ``Problem`` for a line that has text but is not a Contents line.
    public static func parse(_ line: UnsafeRawBufferPointer) throws(Problem) -> ContentsLine? {
        guard let parts = try parts(line) else { return nil }
        return ContentsLine(line, parts)
    }

    /// The entry `parts` finds in `line`, as strings.
    public init(_ line: UnsafeRawBufferPointer, _ parts: Parts) {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self) }
        let column = text(parts.packages)
        // Most lines name one package: no split then.
        let packages = column.utf8.contains(UInt8(ascii: ","))
            ? column.split(separator: ",", omittingEmptySubsequences: false).map(String.init) : [column]
        self.init(directory: "/" + text(parts.directory), name: text(parts.name), packages: packages)
    }

    /// Where a line's directory (without its leading `/`: `usr/bin/`, empty for a top-level file), base name
    /// and package column are, as byte ranges of the line.
    public struct Parts: Sendable, Equatable {
        public var directory: Range<Int>
        public var name: Range<Int>
        public var packages: Range<Int>
    }

    /// Checks one line as ``parse(_:)`` does (UTF-8 included) and finds its parts without making strings:
    /// a writer of bookworm's 7.4 M lines then copies bytes instead of allocating three strings a line.
    ///
    /// - Returns: nil for a blank line.
    public static func parts(_ line: UnsafeRawBufferPointer) throws(Problem) -> Parts? {
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
        // The parts are split at ASCII bytes, which never sit inside a UTF-8 sequence: the parts are valid
        // exactly when the text from the path to the column's end is.
        try checkText(UnsafeRawBufferPointer(rebasing: line[pathStart..<end]))
        // Every package named: no empty one (`a,,b`), none that is a qualifier only (`libs/`).
        var packageEnd = packageStart
        for index in packageStart...end where index == end || line[index] == UInt8(ascii: ",") {
            guard index > packageEnd, line[index - 1] != UInt8(ascii: "/") else { throw .emptyPackage }
            packageEnd = index + 1
        }
        return Parts(directory: pathStart..<slash, name: slash..<pathEnd, packages: packageStart..<end)
    }

    /// Refuses `bytes` that are not UTF-8 or hold a NUL; ASCII without a NUL (nearly every line) is seen in one pass,
    /// without decoding.
    static func checkText(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        guard bytes.contains(where: { $0 == 0 || $0 >= 0x80 }) else { return }
        guard !bytes.contains(0) else { throw .nulByte }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .notUTF8 }
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
}
