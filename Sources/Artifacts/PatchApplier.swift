/// Applies one file section of a ``PatchFile`` to a file's bytes.
///
/// Context must always match exactly (no fuzz). Where a hunk may land is ``Tolerance``: dpkg-source
/// runs `patch -t -F 0 -N -p1 -u -V never` (`Dpkg::Source::Patch::apply`), which accepts a hunk found
/// at another line (an offset) but never with fuzz, and that is the default here. As GNU patch without
/// fuzz, a hunk whose leading and trailing context differ in length is anchored at the start (less
/// leading context) or the end (less trailing context) of the file.
public enum PatchApplier {
    public enum Tolerance: Sendable, Hashable {
        /// Each hunk only at the line its header names (shifted by what the earlier hunks added or removed).
        case exact
        /// As `patch -F 0`: the stated line first, then growing distances before and after it.
        case offsets
    }

    /// Returns the patched bytes.
    /// - Parameters:
    ///   - section: the file section to apply.
    ///   - original: the file's current bytes (empty for a new file).
    ///   - tolerance: where hunks may land; dpkg's is ``Tolerance/offsets``.
    ///   - patchName: the patch, for messages.
    ///   - path: the file patched, for messages.
    /// - Throws: ``ArtifactError`` naming the patch, the file and the hunk that does not apply.
    public static func apply(_ section: PatchFile.Section, to original: [UInt8], tolerance: Tolerance = .offsets,
                             patchName: String, path: String) throws(ArtifactError) -> [UInt8] {
        // Lines of the file as (text, hasNewline).
        var lines: [(text: ArraySlice<UInt8>, newline: Bool)] = PatchFile.splitLines(original).map { range in
            let line = original[range]
            return line.last == 0x0A ? (line.dropLast(), true) : (line, false)
        }
        var offset = 0
        for (number, hunk) in section.hunks.enumerated() {
            let expected = hunk.lines.filter { $0.kind != .inserted }
            let replacement = hunk.lines.filter { $0.kind != .deleted }
            let wanted = hunk.oldCount == 0 ? hunk.oldStart + offset : hunk.oldStart - 1 + offset
            guard let at = locate(hunk, expected, in: lines, near: wanted, searching: tolerance == .offsets) else {
                throw ArtifactError(file: patchName, reason: "hunk #\(number + 1) for '\(path)' does not apply (expected at line \(hunk.oldStart))")
            }
            offset += at - wanted
            lines.replaceSubrange(at..<at + expected.count, with: replacement.map { ($0.text, $0.hasNewline) })
            offset += replacement.count - expected.count
        }
        var out: [UInt8] = []
        out.reserveCapacity(original.count + 256)
        for (index, line) in lines.enumerated() {
            out.append(contentsOf: line.text)
            // Only the last line may lack its newline; a hunk can leave one in the middle after an insert.
            if line.newline || index < lines.count - 1 { out.append(0x0A) }
        }
        return out
    }

    private static func locate(_ hunk: PatchFile.Hunk, _ expected: [PatchFile.Line], in lines: [(text: ArraySlice<UInt8>, newline: Bool)],
                               near wanted: Int, searching: Bool) -> Int? {
        let last = lines.count - expected.count
        guard last >= 0 else { return nil }
        func matches(_ at: Int) -> Bool {
            for (k, line) in expected.enumerated() where lines[at + k].text != line.text { return false }
            return true
        }
        guard searching else { return wanted >= 0 && wanted <= last && matches(wanted) ? wanted : nil }
        // GNU patch without fuzz (`locate_hunk`): a hunk with less leading than trailing context can only
        // match at the start of the file, one with less trailing context only at its end.
        let prefix = hunk.lines.prefix { $0.kind == .context }.count
        let suffix = hunk.lines.reversed().prefix { $0.kind == .context }.count
        if prefix < suffix { return matches(0) ? 0 : nil }
        if suffix < prefix { return matches(last) ? last : nil }
        let start = min(max(wanted, 0), last)
        if matches(start) { return start }
        var distance = 1
        while start - distance >= 0 || start + distance <= last {
            if start - distance >= 0 && matches(start - distance) { return start - distance }
            if start + distance <= last && matches(start + distance) { return start + distance }
            distance += 1
        }
        return nil
    }
}
