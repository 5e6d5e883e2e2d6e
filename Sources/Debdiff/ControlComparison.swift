import Diff

/// debdiff's `wdiff_control_files`: control members compared word by word (`wdiff -n`), `control`,
/// `conffiles` and `shlibs` with their fields sorted first.
struct ControlComparison: Sendable {
    /// `--controlfiles`: `ALL` or a comma-separated list.
    var controlFiles: [String]
    var quiet: Bool
    /// `--wp`/`--wl`/`--wt`: wdiff's whole output in that mode; nil: the lines with markers.
    var mode: WdiffMode? = nil
    /// What `--wt` draws for.
    var terminal = TerminalEnvironment()

    /// One pair's members compared: devscripts' text, whether they differ, and how many wdiff could not compare.
    typealias Outcome = (text: [UInt8], differs: Bool, failures: Int)

    /// The members compared, in debdiff's order.
    func memberNames(old: PackageListing, new: PackageListing) -> [String] {
        let names: [String]
        if controlFiles == ["ALL"] {
            // glob("$dir1/*") (no dot files, File::Glob's case-insensitive sort) without anything md5sums.
            names = old.controlMembers.map(\.name)
                .filter { !$0.hasPrefix(".") && !$0.contains("md5sums") }
                .sorted(by: Self.globOrder)
        } else {
            names = controlFiles
        }
        return names.filter { old.controlMember($0) != nil && new.controlMember($0) != nil }
    }

    /// The text for one pair of packages; `package` is nil for a single pair (no "of package …").
    /// `failures` counts the members wdiff could not compare (`--wt` without a usable `TERM`): devscripts
    /// prints wdiff's message in the text and warns "wdiff failed" for each.
    func compare(old: PackageListing, new: PackageListing, package: String?) -> Outcome {
        var text: [UInt8] = []
        var differs = false
        var failures = 0
        let suffix = package.map { " of package \($0)" } ?? ""
        let style = mode.map { $0.style(terminal) } ?? .success(.markers)
        for name in memberNames(old: old, new: new) {
            guard var oldBytes = old.controlMember(name)?.bytes, var newBytes = new.controlMember(name)?.bytes else { continue }
            if name == "control" || name == "conffiles" || name == "shlibs" {
                oldBytes = Self.sortedFields(oldBytes)
                newBytes = Self.sortedFields(newBytes)
            }
            let diff: WordDiff
            switch style {
            case .failure(let failure):
                text += Array("\(failure.message)\n\n".utf8)
                failures += 1
                continue
            case .success(let style):
                diff = WordDiff(old: oldBytes, new: newBytes, avoidWraps: true, style: style)
            }
            if !diff.hasDifferences {
                if !quiet {
                    text += Array("\nNo differences were encountered between the \(name) files\(suffix)\n".utf8)
                }
                continue
            }
            differs = true
            if mode != nil {
                // devscripts does not pick lines out of output full of control codes: all of it, as wdiff wrote it.
                text += Array(("\n" + FileListComparison.heading(
                    Self.uppercasedFirst(name) + " files\(suffix): wdiff output")).utf8)
                text += diff.output
                continue
            }
            let lines = diff.output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .filter { Self.containsMarker($0) }
            text += Array(("\n" + FileListComparison.heading(
                Self.uppercasedFirst(name) + " files\(suffix): lines which differ (wdiff format)")).utf8)
            text += Array(lines.joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")]
        }
        return (text, differs, failures)
    }

    /// Lines grouped into fields (a line starting with white space joins the previous one, as
    /// Perl's `/^\s/`), the groups sorted by bytes and concatenated.
    static func sortedFields(_ bytes: [UInt8]) -> [UInt8] {
        var groups: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < bytes.count { end += 1 }
            let line = bytes[start..<end]
            if let first = line.first, [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(first), !groups.isEmpty {
                groups[groups.count - 1] += line
            } else {
                groups.append(Array(line))
            }
            start = end
        }
        return Array(groups.sorted { $0.lexicographicallyPrecedes($1) }.joined())
    }

    private static func containsMarker(_ line: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if (previous == UInt8(ascii: "[") && byte == UInt8(ascii: "-"))
                || (previous == UInt8(ascii: "{") && byte == UInt8(ascii: "+")) { return true }
            previous = byte
        }
        return false
    }

    /// Perl's `ucfirst` on an ASCII name.
    static func uppercasedFirst(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.uppercased() + name.dropFirst()
    }

    /// File::Glob's GLOB_ALPHASORT: case-insensitive, ties broken by bytes.
    static func globOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.lowercased(), right = rhs.lowercased()
        if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}

import DebianFormats

extension ControlComparison {
    /// The `control` fields whose values differ, by name (byte order), with old and new values (null when absent).
    static func fieldChanges(old: PackageListing, new: PackageListing) -> [BinaryComparison.FieldChange] {
        func fields(_ listing: PackageListing) -> [String: String] {
            guard let bytes = listing.controlMember("control")?.bytes,
                  let paragraph = try? Deb822Document.parse(bytes: bytes, file: listing.file).paragraphs.first
            else { return [:] }
            var fields: [String: String] = [:]
            for field in paragraph.fields { fields[field.name] = field.value }
            return fields
        }
        let oldFields = fields(old), newFields = fields(new)
        let names = FileListComparison.sorted(Array(Set(oldFields.keys).union(newFields.keys)))
        return names.filter { oldFields[$0] != newFields[$0] }.map { name in
            BinaryComparison.FieldChange(field: name, old: oldFields[name], new: newFields[name])
        }
    }
}
