import CSolv
#if canImport(Glibc)
import Glibc
#endif

extension SolvPool {
    /// The names of the packages marked `Essential: yes` in Packages text (`repo_add_debpackages` does not
    /// keep the field). Field names are matched without regard to case, as deb822 defines them.
    static func essentialNames(in text: [UInt8]) -> Set<String> {
        // A byte scan over 50 MB for a few dozen names: only lines starting with P or E are looked at,
        // and a String is made only for the Package line of an essential stanza.
        text.withUnsafeBufferPointer { bytes -> Set<String> in
            guard let base = bytes.baseAddress else { return [] }
            var names: Set<String> = []
            var package: Range<Int>?
            var essential = false
            func endStanza() {
                if essential, let package {
                    names.insert(String(decoding: bytes[package], as: UTF8.self).trimmingSpaces)
                }
                package = nil
                essential = false
            }
            var start = 0
            while start < bytes.count {
                let newline: UnsafeMutableRawPointer? = memchr(base + start, 0x0A, bytes.count - start)
                let end: Int = newline.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                switch bytes[start] | 0x20 {
                case UInt8(ascii: "p") where Self.hasField(bytes[start..<end], "package:"):
                    package = (start + 8)..<end
                case UInt8(ascii: "e") where Self.hasField(bytes[start..<end], "essential:"):
                    essential = String(decoding: bytes[(start + 10)..<end], as: UTF8.self).trimmingSpaces.lowercased() == "yes"
                case _ where bytes[start..<end].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }):
                    endStanza()
                default:
                    break
                }
                start = end + 1
            }
            endStanza()
            return names
        }
    }

    private static func hasField(_ line: Slice<UnsafeBufferPointer<UInt8>>, _ name: StaticString) -> Bool {
        guard line.count >= name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { field in zip(line, field).allSatisfy { a, b in a | 0x20 == b | 0x20 } }
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
