/// The file-list part of debdiff's binary comparison, exactly as the Perl script prints it.
struct FileListComparison: Sendable {
    /// How the packages were named on the command line; it picks debdiff's headings.
    enum Kind: Sendable {
        /// Two .deb/.udeb files.
        case deb
        /// Two .changes files.
        case changes
        /// `--from … --to …`.
        case debs
    }

    /// One side: the packages read, in command-line order, each under debdiff's package name.
    struct Side: Sendable {
        var packages: [(name: String, lines: [String])]
    }

    /// The lists compared: devscripts' text, whether they differ, the lines only in the new and the old side.
    typealias Outcome = (text: String, differs: Bool, gains: [String], losses: [String])

    var kind: Kind
    var quiet: Bool

    /// Lines of one package: `process_debc` (with `--dirs`, and the moves for the first side) plus `process_debI`.
    /// - Throws: ``DebdiffError`` when a `--move-regex` pattern exceeds PCRE2's limits on a line.
    static func lines(of listing: PackageListing, showDirectories: Bool, moves: MoveRules?) throws(DebdiffError) -> [String] {
        var lines = listing.entries.compactMap(TarListing.line(for:))
        if !showDirectories { lines.removeAll { $0.hasSuffix("/") } }
        if let moves, !moves.isEmpty { lines = try lines.map { (line) throws(DebdiffError) in try moves.apply(toLine: line) } }
        let control = listing.controlMembers
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .compactMap(TarListing.line(for:))
        return lines + control
    }

    /// The comparison's text and whether the lists differ.
    func compare(old: Side, new: Side) -> Outcome {
        // .deb pairs count lines (duplicates after --move count); .changes and --from/--to use sets.
        var counts: [String: Int] = [:]
        if kind == .deb {
            for (_, lines) in old.packages { for line in lines { counts[line, default: 0] -= 1 } }
            for (_, lines) in new.packages { for line in lines { counts[line, default: 0] += 1 } }
        } else {
            for line in Set(old.packages.flatMap(\.lines)) { counts[line, default: 0] -= 1 }
            for line in Set(new.packages.flatMap(\.lines)) { counts[line, default: 0] += 1 }
        }
        let losses = Self.sorted(counts.filter { $0.value < 0 }.map(\.key))
        let gains = Self.sorted(counts.filter { $0.value > 0 }.map(\.key))
        var text = ""
        if losses.isEmpty && gains.isEmpty {
            if !quiet { text += "File lists identical (after any substitutions)\n" }
            return (text, false, gains, losses)
        }
        text += Self.bracketHeader
        let noun = kind == .debs ? "set of .debs" : kind == .deb ? ".deb" : ".changes"
        if !gains.isEmpty {
            text += Self.heading("Files in second \(noun) but not in first")
            text += gains.joined(separator: "\n") + "\n"
        }
        if !losses.isEmpty {
            if !gains.isEmpty { text += "\n" }
            text += Self.heading("Files in first \(noun) but not in second")
            text += losses.joined(separator: "\n") + "\n"
        }
        return (text, true, gains, losses)
    }

    /// `--show-moved` for .changes and `--from/--to`: files grouped by the packages they left and joined.
    func compareMoved(old: Side, new: Side) -> Outcome {
        let owners1 = Self.owners(old)
        let owners2 = Self.owners(new)
        let names1 = Set(old.packages.map(\.name))
        let names2 = Set(new.packages.map(\.name))
        var text = ""
        let debGains = Self.sorted(Array(names2.subtracting(names1)))
        let debLosses = Self.sorted(Array(names1.subtracting(names2)))
        if !debGains.isEmpty {
            text += Self.heading("Warning: these package names were in the second list but not in the first:")
            text += debGains.joined(separator: "\n") + "\n\n"
        }
        if !debLosses.isEmpty {
            if !debGains.isEmpty { text += "\n" }
            text += Self.heading("Warning: these package names were in the first list but not in the second:")
            text += debLosses.joined(separator: "\n") + "\n\n"
        }
        let losses = Self.sorted(owners1.keys.filter { owners2[$0] == nil })
        let gains = Self.sorted(owners2.keys.filter { owners1[$0] == nil })
        let same = Self.sorted(owners1.keys.filter { owners2[$0] != nil })

        // changes[from][to]: files that left package `from` for package `to` ("-": appeared or vanished).
        var changes: [String: [String: [String]]] = [:]
        var funny: [(file: String, from: [String], to: [String])] = []
        for file in losses {
            for deb in owners1[file] ?? [] { changes[deb, default: [:]]["-", default: []].append(file) }
        }
        for file in gains {
            for deb in owners2[file] ?? [] { changes["-", default: [:]][deb, default: []].append(file) }
        }
        for file in same {
            let from = owners1[file] ?? []
            let to = owners2[file] ?? []
            if from == to { continue }
            if from.count == 1 && to.count == 1 {
                changes[from[0], default: [:]][to[0], default: []].append(file)
            } else {
                funny.append((file, from, to))
            }
        }
        var changed = false
        for deb1 in Self.sorted(Array(names1)) + ["-"] {
            guard let row = changes[deb1] else { continue }
            for deb2 in ["-"] + Self.sorted(Array(names2)) {
                guard let files = row[deb2] else { continue }
                if !changed { text += Self.bracketHeader }
                let message = deb1 == "-" ? "New files in second set of .debs, found in package \(deb2)"
                    : deb2 == "-" ? "Files only in first set of .debs, found in package \(deb1)"
                    : "Files moved from package \(deb1) to package \(deb2)"
                text += Self.heading(message)
                text += files.joined(separator: "\n") + "\n\n"
                changed = true
            }
        }
        if !funny.isEmpty {
            text += Self.heading("Files moved or copied from at least TWO packages or to at least TWO packages")
            for item in funny {
                text += item.file + "\n"
                text += "From package\(item.from.count > 1 ? "s" : ""): " + item.from.joined(separator: ", ") + "\n"
                text += "To package\(item.to.count > 1 ? "s" : ""): " + item.to.joined(separator: ", ") + "\n"
            }
            changed = true
        }
        if !quiet && !changed { text += "File lists identical on package level (after any substitutions)\n" }
        return (text, changed, gains, losses)
    }

    /// `%files1`/`%files2`: each line with the packages holding it, in reading order (`"a:b:"` in Perl).
    private static func owners(_ side: Side) -> [String: [String]] {
        var owners: [String: [String]] = [:]
        for (name, lines) in side.packages {
            for line in lines { owners[line, default: []].append(name) }
        }
        return owners
    }

    static let bracketHeader = """
        [The following lists of changes regard files as different if they have
        different names, permissions or owners.]


        """

    /// A heading with a line of dashes as long as it is (in bytes, as Perl counts).
    static func heading(_ message: String) -> String {
        message + "\n" + String(repeating: "-", count: message.utf8.count) + "\n"
    }

    /// Perl's default `sort`: byte order.
    static func sorted(_ strings: [String]) -> [String] {
        strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
