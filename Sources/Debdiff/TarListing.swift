import LibArchive

/// The file-list lines devscripts' debdiff builds from `dpkg-deb -c` (GNU `tar -tv` in the C locale)
/// after its `process_debc` rewrite: `<mode>  <owner>/<group>   <name>`, `./` turned into `/`.
enum TarListing {
    /// The line for one data entry, or nil for the root `./` (debdiff drops it).
    static func line(for entry: PackageListing.Entry) -> String? {
        var name = quote(entry.storedPath)
        if name.hasPrefix("./") { name = "/" + name.dropFirst(2) }
        if name == "/" { return nil }
        var line = "\(modeString(entry))  \(entry.owner)/\(entry.group)   \(name)"
        if let target = entry.linkTarget {
            switch entry.type {
            case .symlink: line += " -> " + quote(target)
            case .hardlink: line += " link to " + quote(target)
            default: break
            }
        }
        return line
    }

    /// The line `process_debI` makes for a control member.
    static func line(for member: PackageListing.ControlMember) -> String? {
        // debdiff takes the name with /[\-\w]+/ from dpkg-deb -I's listing.
        let name = member.name.prefix { $0 == "-" || $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        guard !name.isEmpty else { return nil }
        return "\(member.isExecutable ? "-rwxr-xr-x" : "-rw-r--r--")  root/root   DEBIAN/\(name)"
    }

    /// GNU tar's ten-character mode (`pax_decode_mode` plus the type letter; `h` for hard links).
    static func modeString(_ entry: PackageListing.Entry) -> String {
        let type: Character
        switch entry.type {
        case .regular: type = "-"
        case .hardlink: type = "h"
        case .symlink: type = "l"
        case .directory: type = "d"
        case .characterDevice: type = "c"
        case .blockDevice: type = "b"
        case .fifo: type = "p"
        case .socket: type = "s"
        case .unknown: type = "?"
        }
        let mode = entry.permissions
        func bit(_ mask: UInt32, _ letter: Character) -> Character { mode & mask != 0 ? letter : "-" }
        func special(_ exec: UInt32, _ flag: UInt32, _ set: Character, _ unset: Character) -> Character {
            if mode & flag != 0 { return mode & exec != 0 ? set : unset }
            return bit(exec, "x")
        }
        return String([
            type,
            bit(0o400, "r"), bit(0o200, "w"), special(0o100, 0o4000, "s", "S"),
            bit(0o040, "r"), bit(0o020, "w"), special(0o010, 0o2000, "s", "S"),
            bit(0o004, "r"), bit(0o002, "w"), special(0o001, 0o1000, "t", "T"),
        ])
    }

    /// GNU tar's default `escape` quoting in the C locale: printable ASCII as is, backslash doubled,
    /// C escapes for the usual control characters, three-digit octal for every other byte.
    static func quote(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\\") }) else { return name }
        var result = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): result += "\\\\"
            case 0x07: result += "\\a"
            case 0x08: result += "\\b"
            case 0x0C: result += "\\f"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x0B: result += "\\v"
            case 0x20..<0x7F: result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return result
    }
}
