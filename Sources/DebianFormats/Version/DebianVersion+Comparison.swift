extension DebianVersion: Comparable, Hashable {
    /// Compares like dpkg's `dpkg_version_compare`: epoch numerically, then upstream, then revision with
    /// `verrevcmp`.
    /// - Returns: a negative number if `a` is older, 0 if dpkg considers them equal, positive if newer.
    public static func compare(_ a: DebianVersion, _ b: DebianVersion) -> Int {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        let upstream = verrevcmp(a.upstream.utf8, b.upstream.utf8)
        if upstream != 0 { return upstream }
        return verrevcmp(a.revision.utf8, b.revision.utf8)
    }

    public static func < (lhs: DebianVersion, rhs: DebianVersion) -> Bool { compare(lhs, rhs) < 0 }

    public static func == (lhs: DebianVersion, rhs: DebianVersion) -> Bool { compare(lhs, rhs) == 0 }

    /// Hashes the epoch and a normal form of upstream and revision in which every run of digits has its
    /// leading zeros removed: `verrevcmp` treats exactly such strings as equal (an empty digit run and `0`
    /// are the same), so dpkg-equal versions hash alike.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        Self.hashNormalised(upstream.utf8, into: &hasher)
        hasher.combine(0xFF as UInt8)  // separator: never a byte of valid UTF-8
        Self.hashNormalised(revision.utf8, into: &hasher)
    }

    private static func hashNormalised(_ s: String.UTF8View, into hasher: inout Hasher) {
        var inLeadingZeros = true
        for byte in s {
            if isDigit(byte) {
                if inLeadingZeros, byte == UInt8(ascii: "0") { continue }
                inLeadingZeros = false
            } else {
                inLeadingZeros = true
            }
            hasher.combine(byte)
        }
    }

    /// dpkg's character weight: digits 0 (they are handled separately), letters by value, `~` below
    /// everything including the end of the string (0), other characters after all letters. Bytes are read
    /// as C `char` (signed on the platforms dpkg's behaviour was measured on).
    private static func order(_ c: UInt8?) -> Int {
        guard let c else { return 0 }
        if isDigit(c) { return 0 }
        if isAlpha(c) { return Int(c) }
        if c == UInt8(ascii: "~") { return -1 }
        return Int(Int8(bitPattern: c)) + 256
    }

    /// dpkg's `verrevcmp`: alternately compares a non-digit run (by ``order(_:)``) and a digit run
    /// (numerically, leading zeros ignored).
    static func verrevcmp(_ a: String.UTF8View, _ b: String.UTF8View) -> Int {
        var i = a.startIndex
        var j = b.startIndex
        func at(_ s: String.UTF8View, _ k: String.UTF8View.Index) -> UInt8? { k < s.endIndex ? s[k] : nil }
        func digit(_ c: UInt8?) -> Bool { c.map(isDigit) ?? false }
        while i < a.endIndex || j < b.endIndex {
            // Non-digit run.
            while (at(a, i).map { !isDigit($0) } ?? false) || (at(b, j).map { !isDigit($0) } ?? false) {
                let ac = order(at(a, i))
                let bc = order(at(b, j))
                if ac != bc { return ac - bc }
                if i < a.endIndex { i = a.index(after: i) }
                if j < b.endIndex { j = b.index(after: j) }
            }
            // Digit run.
            while at(a, i) == UInt8(ascii: "0") { i = a.index(after: i) }
            while at(b, j) == UInt8(ascii: "0") { j = b.index(after: j) }
            var firstDiff = 0
            while digit(at(a, i)), digit(at(b, j)) {
                if firstDiff == 0, let ca = at(a, i), let cb = at(b, j) { firstDiff = Int(ca) - Int(cb) }
                i = a.index(after: i)
                j = b.index(after: j)
            }
            if digit(at(a, i)) { return 1 }
            if digit(at(b, j)) { return -1 }
            if firstDiff != 0 { return firstDiff }
        }
        return 0
    }
}
