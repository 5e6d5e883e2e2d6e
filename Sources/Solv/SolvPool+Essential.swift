import CSolv

extension SolvPool {
    /// The names of the packages marked `Essential: yes` in Packages text (`repo_add_debpackages` does not
    /// keep the field). Field names are matched without regard to case, as deb822 defines them.
    static func essentialNames(in text: [UInt8]) -> Set<String> {
        var names: Set<String> = []
        var package: String?
        var essential = false
        func endStanza() {
            if essential, let package { names.insert(package) }
            package = nil
            essential = false
        }
        func value(_ line: ArraySlice<UInt8>, after count: Int) -> String {
            String(decoding: line.dropFirst(count), as: UTF8.self).trimmingSpaces
        }
        var start = text.startIndex
        while start < text.endIndex {
            let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[start..<end]
            if line.isEmpty || line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                endStanza()
            } else if line.first == UInt8(ascii: "P") || line.first == UInt8(ascii: "p"), Self.hasField(line, "package:") {
                package = value(line, after: 8)
            } else if line.first == UInt8(ascii: "E") || line.first == UInt8(ascii: "e"), Self.hasField(line, "essential:") {
                essential = value(line, after: 10).lowercased() == "yes"
            }
            start = end < text.endIndex ? text.index(after: end) : end
        }
        endStanza()
        return names
    }

    private static func hasField(_ line: ArraySlice<UInt8>, _ name: String) -> Bool {
        let field = Array(name.utf8)
        guard line.count >= field.count else { return false }
        return zip(line.prefix(field.count), field).allSatisfy { a, b in a | 0x20 == b | 0x20 }
    }

    /// The Essential package names that have an installable package in the enabled repositories, as pool
    /// ids: every installation check installs them too (dpkg never removes them; dose-debcheck does the same).
    func essentialNameIDs() -> [Id] {
        essential.sorted().compactMap { name -> Id? in
            let id = pool_str2id(pool, name, 0)
            guard id != 0 else { return nil }
            return providers(of: id).contains { pool.pointee.solvables[Int($0)].name == id } ? id : nil
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
