import Artifacts

/// A compiled terminfo entry, read as ncurses' `tgetent`/`tgetstr` read it for wdiff's `-t`: only the
/// string capabilities, by their index in ncurses' table.
struct Terminfo: Sendable {
    /// ncurses' string indexes of the capabilities wdiff asks for (termcap names `so`, `us`, `se`, `ue`).
    enum Capability: Int, Sendable {
        case enterStandoutMode = 35   // smso, termcap so
        case enterUnderlineMode = 36  // smul, termcap us
        case exitStandoutMode = 43    // rmso, termcap se
        case exitUnderlineMode = 44   // rmul, termcap ue
    }

    private var strings: [Int: [UInt8]] = [:]

    /// The string of `capability`, without tputs' padding (`$<…>`: delays, which tputs drops when it
    /// writes to a file), or nil when the entry lacks (or cancels) it.
    func string(_ capability: Capability) -> [UInt8]? {
        strings[capability.rawValue].map(Self.strippingPadding)
    }

    /// Parses the legacy (magic 0432, 16-bit numbers) and extended (01036, 32-bit numbers) formats;
    /// nil for anything else or a truncated entry (ncurses then reports the terminal as not defined).
    init?(bytes: [UInt8]) {
        func short(_ offset: Int) -> Int? {
            guard offset >= 0, offset + 1 < bytes.count else { return nil }
            return Int(Int16(bitPattern: UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8))
        }
        guard let magic = short(0), magic == 0o432 || magic == 0o1036,
              let namesSize = short(2), let booleanCount = short(4), let numberCount = short(6),
              let stringCount = short(8), let tableSize = short(10),
              namesSize >= 0, booleanCount >= 0, numberCount >= 0, stringCount >= 0, tableSize >= 0
        else { return nil }
        var offset = 12 + namesSize + booleanCount
        if offset % 2 == 1 { offset += 1 }
        offset += numberCount * (magic == 0o432 ? 2 : 4)
        let table = offset + 2 * stringCount
        guard table + tableSize <= bytes.count else { return nil }
        for index in 0..<stringCount {
            guard let start = short(offset + 2 * index), start >= 0, start < tableSize else { continue }
            guard let end = bytes[(table + start)..<(table + tableSize)].firstIndex(of: 0) else { continue }
            strings[index] = Array(bytes[(table + start)..<end])
        }
    }

    /// tputs' reading of a string: `$<` followed by a digit or `.` and, later, `>` is a delay, dropped.
    static func strippingPadding(_ string: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < string.count {
            if string[index] == UInt8(ascii: "$"), index + 2 < string.count, string[index + 1] == UInt8(ascii: "<"),
               string[index + 2] == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(string[index + 2]),
               let close = string[(index + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                continue
            }
            output.append(string[index])
            index += 1
        }
        return output
    }

    /// The directories ncurses searches, in its order: `$TERMINFO`, `~/.terminfo`, `$TERMINFO_DIRS` (an
    /// empty element is the system directory), then Debian's configured list.
    static func directories(_ environment: TerminalEnvironment) -> [String] {
        var directories: [String] = []
        if let terminfo = environment.terminfo, !terminfo.isEmpty { directories.append(terminfo) }
        if let home = environment.home, !home.isEmpty { directories.append(home + "/.terminfo") }
        if let list = environment.terminfoDirs, !list.isEmpty {
            directories += list.split(separator: ":", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "/usr/share/terminfo" : String($0) }
        }
        return directories + ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"]
    }

    /// The entry for `name` (`<dir>/<first letter>/<name>`, the first that exists and parses), or nil.
    static func load(name: String, environment: TerminalEnvironment) -> Terminfo? {
        // ncurses refuses names that are not one path component.
        guard let first = name.first, name != ".", name != "..", !name.contains("/"), !name.contains(":") else { return nil }
        for directory in directories(environment) {
            let path = "\(directory)/\(first)/\(name)"
            guard FileSystem.status(path)?.isRegular == true,
                  let bytes = try? FileSystem.read(path, maximumSize: 1 << 20),
                  let entry = Terminfo(bytes: bytes) else { continue }
            return entry
        }
        return nil
    }
}
