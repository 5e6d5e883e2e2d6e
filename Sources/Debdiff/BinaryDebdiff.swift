import Artifacts

/// Compares binary packages as devscripts' debdiff does (two .debs, the .debs of two .changes, or
/// `--from … --to …` lists): file lists, then the control members word by word. With
/// ``DebdiffOptions/contents`` it also compares what is inside the files.
public struct BinaryDebdiff: Sendable {
    /// What is compared.
    public enum Input: Sendable, Hashable {
        /// Two .deb/.udeb files.
        case debs(old: String, new: String)
        /// Two .changes files: the .debs and .udebs they list.
        case changes(old: String, new: String)
        /// `--from A… --to B…`.
        case lists(old: [String], new: [String])
    }

    public var options: DebdiffOptions

    public init(options: DebdiffOptions) { self.options = options }

    /// Compares; the report's text is devscripts' (plus the `--contents` part when asked).
    /// - Throws: ``DebdiffError`` for unreadable, corrupt or missing packages.
    /// - Parameter index: where packages that are indexed (and unchanged on disk) are read from instead
    ///   of their archives.
    public func run(_ input: Input, index: IndexedListings? = nil) throws(DebdiffError) -> DebdiffReport {
        try compare(input, index: index).report
    }

    /// Reads the packages (from `index` where it can answer, else their archives) and compares them; the
    /// result is rendered by ``BinaryComparison/text`` and ``BinaryComparison/json()``.
    public func compare(_ input: Input, index: IndexedListings? = nil) throws(DebdiffError) -> BinaryComparison {
        let kind: FileListComparison.Kind
        let oldFiles: [String], newFiles: [String]
        switch input {
        case .debs(let old, let new):
            (kind, oldFiles, newFiles) = (.deb, [old], [new])
        case .changes(let old, let new):
            (kind, oldFiles, newFiles) = (.changes, try Self.debs(inChanges: old), try Self.debs(inChanges: new))
        case .lists(let old, let new):
            guard !old.isEmpty, !new.isEmpty else { throw DebdiffError("missing .deb names or missing --to") }
            (kind, oldFiles, newFiles) = (.debs, old, new)
        }
        let moves = try MoveRules(options.moves)
        let reader = PackageListingReader(hashContents: options.contents)
        let (listings, fromIndex) = try Self.listings(of: oldFiles + newFiles, index: index, reader: reader)
        let oldListings = Array(listings[..<oldFiles.count]), newListings = Array(listings[oldFiles.count...])

        var warnings: [String] = []
        func side(_ listings: [PackageListing], first: Bool) throws(DebdiffError) -> (FileListComparison.Side, [String: PackageListing]) {
            var packages: [(name: String, lines: [String])] = []
            var byName: [String: PackageListing] = [:]
            for listing in listings {
                var name = listing.nameFromFile
                if first, kind != .deb, let renamed = options.renames.last(where: { $0.from == name }) { name = renamed.to }
                if kind != .deb, byName[name] != nil {
                    warnings.append("Same package name appears more than once (possibly due to renaming): \(name)")
                }
                byName[name] = listing
                packages.append((name, try FileListComparison.lines(
                    of: listing, showDirectories: options.showDirectories, moves: first ? moves : nil)))
            }
            return (FileListComparison.Side(packages: packages), byName)
        }
        let (oldSide, oldByName) = try side(oldListings, first: true)
        let (newSide, newByName) = try side(newListings, first: false)

        let fileLists = FileListComparison(kind: kind, quiet: options.quiet)
        let listed = options.showMoved && kind != .deb
            ? fileLists.compareMoved(old: oldSide, new: newSide) : fileLists.compare(old: oldSide, new: newSide)

        // debdiff compares control files of one pair without naming it, else of every common package name.
        var pairs: [(name: String?, old: PackageListing, new: PackageListing)] = []
        if oldListings.count == 1 && newListings.count == 1 {
            pairs = [(nil, oldListings[0], newListings[0])]
        } else {
            for name in FileListComparison.sorted(Array(Set(oldByName.keys).intersection(newByName.keys))) {
                if let old = oldByName[name], let new = newByName[name] { pairs.append((name, old, new)) }
            }
        }
        let control = options.compareControl ? ControlComparison(
            controlFiles: options.controlFiles.flatMap { $0.split(separator: ",").map(String.init) },
            quiet: options.quiet, mode: options.wdiffMode, terminal: options.terminal) : nil
        var compared: [BinaryComparison.PackagePair] = []
        for pair in pairs {
            let members = control?.compare(old: pair.old, new: pair.new, package: pair.name)
            warnings += Array(repeating: "wdiff failed", count: members?.failures ?? 0)
            compared.append(BinaryComparison.PackagePair(
                name: pair.name, package: pair.name ?? pair.new.nameFromFile, oldFile: pair.old.file, newFile: pair.new.file,
                fieldChanges: ControlComparison.fieldChanges(old: pair.old, new: pair.new), control: members,
                contents: options.contents ? try ContentComparison(old: pair.old, new: pair.new, reader: reader) : nil))
        }
        return BinaryComparison(old: oldFiles, new: newFiles, fromIndex: fromIndex, fileList: listed, pairs: compared,
                                warnings: warnings)
    }

    /// Every package's listing, in the order of `files`: from the index first (no decompression at all), then from
    /// the archives the index cannot answer for, in parallel. Also the files the index answered for.
    static func listings(of files: [String], index: IndexedListings?, reader: PackageListingReader)
        throws(DebdiffError) -> (listings: [PackageListing], fromIndex: [String]) {
        var indexed: [PackageListing?] = []
        for file in files { indexed.append(try index?.listing(path: file)) }
        let unread = files.indices.filter { indexed[$0] == nil }
        let read = try orderedParallelMap(unread) { position throws(DebdiffError) in try reader.read(path: files[position]) }
        for (position, listing) in zip(unread, read) { indexed[position] = listing }
        return (indexed.compactMap { $0 }, files.indices.filter { !unread.contains($0) }.map { files[$0] })
    }

    /// The .debs and .udebs a .changes lists in `Files:`, next to it (debdiff's own parsing: a line
    /// ending in ` <name>.deb` or `.udeb` inside the `Files:` field).
    static func debs(inChanges path: String) throws(DebdiffError) -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, maximumSize: 64 << 20)
        } catch {
            throw DebdiffError(underlying: error)
        }
        let directory = FileSystem.directory(of: path)
        var debs: [String] = []
        var inFiles = false
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if inFiles && !line.hasPrefix(" ") { break }
            if line.hasPrefix("Files:") {
                inFiles = true
                continue
            }
            // / (\S*.u?deb)$/: the last word, ending in "deb" after at least one character.
            guard inFiles, let name = line.split(separator: " ").last,
                  line.hasSuffix(" " + name), name.hasSuffix("deb"), name.count >= 4
            else { continue }
            if name.contains("/") || name.contains("\u{0}") {
                throw DebdiffError("\(path): file name contains invalid characters: '\(name)'")
            }
            debs.append(directory + "/" + name)
        }
        return debs
    }
}
