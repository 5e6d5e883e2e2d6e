import SQLite

extension IndexSearch {
    /// The paths of indexed Contents files that match, as hits of kind `contents` (version "", the
    /// Contents file's architecture, its area path as the artifact), ordered by package, architecture, area,
    /// artifact, path. A package whose own .deb (of that architecture or `all`) is indexed in the same
    /// repository is left out: its file list answers for it.
    ///
    /// Paths are stored as directory (`/usr/bin/`) and base name (`ls`). A text every match contains
    /// (`literal`) narrows the rows through the two trigram indexes: it lies inside a directory, inside a
    /// name, or (when it holds a `/`) splits at its last `/` into "the directory ends with HEAD" and "the
    /// name starts with TAIL". Every candidate is then checked exactly against the whole path, in Swift
    /// (``ContentsPathTest``: SQLite's own GLOB matcher, byte search as `instr`, the `regexp` function's
    /// `Regex`), with each distinct directory and package read once: `gcc-12` (9,061 lines) 202 → 150 M
    /// instructions, `*.desktop` (8,339) 255 → 217 M, against SQLite joining and testing every row.
    ///
    /// - Parameters:
    ///   - match: the exact test on the path as shown (`/usr/bin/ls`); a `.glob` is matched against it whole.
    ///   - literals: texts of which every matching path contains one (one per alternative of a regular
    ///     expression; one text otherwise); [] scans every entry.
    ///   - runLength: hits held at most; more are sorted in runs of this many on a temporary file (``ContentsSpill``).
    ///   - secondReader: read the candidates on a second connection and thread where that is safe (``secondReader(wanted:)``).
    public func contentsFiles(matching match: PathMatch, anyOf literals: [String], limit: Int?, scope: Scope,
                              runLength: Int = ContentsSpill.defaultRunLength, secondReader wanted: Bool = true) throws -> ContentsHits {
        var values: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            values.append(value)
            return "?\(values.count)"
        }
        let lists = try contentsLists(scope: scope)
        guard !lists.isEmpty else { return .held([]) }
        var test = try ContentsPathTest(match)
        // A glob that ends in a literal without `/` (`*.desktop`) matches paths whose name ends with it: no
        // directory holding the literal needs reading (3,829 of the 12,702 candidates of `*.desktop`).
        let endsInName = { (literal: String) -> Bool in
            guard case .glob(let pattern) = match else { return false }
            return pattern.hasSuffix(literal) && !literal.contains(where: { "/*?[]".contains($0) })
        }
        // Rows of a list out of scope are left out as they are collected; narrowing them here spares reading their
        // directories, and costs a test per row (1.3 M of `*.desktop`'s instructions) when every list is in scope.
        let listTest = try db.scalar("SELECT count(*) FROM contents_lists")?.int == Int64(lists.count)
            ? nil : "+c.list_id IN (\(lists.keys.sorted().map(String.init).joined(separator: ", ")))"
        let sql: String
        if literals.count == 1, endsInName(literals[0]), let trigrams = Self.nameTrigramQuery(literals[0]) {
            // The glob is `*` and the literal: the SQL below is its whole test.
            if case .glob(let pattern) = match, pattern.utf8.elementsEqual(("*" + literals[0]).utf8) {
                test = .nameEndCheckedBySQL
            }
            // The glob's literal end is the name's (`*.desktop`): each name the trigrams admit is checked first, and
            // only a matching name's entries are read (one seek of `contents_by_name` each). A wrongly admitted
            // name then costs its look-up only, so fewer trigrams are asked for.
            sql = """
                SELECT c.list_id, c.dir_id, c.package_id, n.name
                FROM contents_name_fts f CROSS JOIN contents_names n ON n.id = f.rowid CROSS JOIN contents c ON c.name_id = n.id
                WHERE contents_name_fts MATCH \(bind(.text(trigrams)))
                AND substr(CAST(n.name AS BLOB), -\(bind(.integer(Int64(literals[0].utf8.count))))) = \(bind(.blob(Array(literals[0].utf8))))
                \(listTest.map { "AND " + $0 } ?? "")
                """
        } else {
            let candidates = literals.isEmpty || literals.contains("")
                ? try contentsCandidates("", bind: bind)
                : try literals.map { literal in
                    // A part may be a UNION ALL: wrapped, so that the UNION between parts applies to all its rows.
                    let part = try contentsCandidates(literal, inName: endsInName(literal), bind: bind)
                    return literals.count == 1 ? part : "SELECT * FROM (\(part))"
                }.joined(separator: " UNION ")
            // Only the names are joined here: a candidate's directory and package are read once per distinct id
            // below (a listing's thousands of rows share a few hundred directories and packages), and the path is
            // tested in Swift, not by SQLite on a concatenation made for every row.
            sql = """
                WITH candidates AS (\(candidates))
                SELECT c.list_id, c.dir_id, c.package_id, n.name
                FROM candidates c CROSS JOIN contents_names n ON n.id = c.name_id \(listTest.map { "WHERE " + $0 } ?? "")
                """
        }
        var collector = try ContentsCollector(db: db, lists: lists, test: test, limit: limit, runLength: runLength)
        // A second reader pays for its connection (about 1 ms) when there are many candidates: a scan, or a literal of
        // common trigrams (`.py`: 292,638 hits, 1.18 → 0.94 s; `^(/[a-z]+)+x$`, a scan: 3.9 → 3.3 s; `*.desktop`'s
        // 8,339 hits: no faster).
        let many = literals.isEmpty || literals.contains { Self.uncommonTrigramCount($0) < 2 }
        if let reader = try secondReader(wanted: wanted && many) {
            // The candidates are read on another connection and thread while this one builds and tests their paths.
            let values = values
            try withBackgroundProducer(produce: { emit in try reader.rows(sql, values, emit: emit) }, consume: { batch in
                try batch.forEach { try collector.add(list: $0, directoryID: $1, packageID: $2, name: $3) }
            })
        } else {
            let statement = try db.prepare(sql)
            try statement.bind(values)
            while try statement.step() {
                try statement.withBytes(at: 3) { name in
                    try collector.add(list: statement.int64(at: 0), directoryID: statement.int64(at: 1),
                                      packageID: statement.int64(at: 2), name: name)
                }
            }
        }
        return try collector.finish()
    }

    /// The Contents hits of a search, in order: the first few a `--limit` kept (or none), or the rest of them in a
    /// ``ContentsSpill`` (sorted runs on a temporary file, or held as gathered), read record by record and cut at
    /// `limit` when read.
    public enum ContentsHits {
        case held([FileMatch])
        case spilled(ContentsSpill, limit: Int?)
    }

    /// A Contents file in scope, and its place in the order of hits.
    struct ContentsList {
        var architecture: String
        var area: String
        var artifact: String
        var distribution: String
        var component: String
        /// Its position among the lists in scope by architecture, area and artifact (byte order, as SQLite
        /// sorts); lists that agree on all three share a rank, so their hits interleave by path.
        var rank = 0

        /// A line of this list as a hit: `package` ships `path`.
        func match(package: String, path: String) -> FileMatch {
            FileMatch(kind: "contents", package: package, version: "", architecture: architecture, area: area, path: path,
                      artifact: artifact, distribution: distribution, component: component)
        }
    }

    /// The Contents files in `scope` by their `contents_lists` id.
    func contentsLists(scope: Scope) throws -> [Int64: ContentsList] {
        var rows = try db.query("""
            SELECT l.id, l.architecture, f.area, f.area_path, l.distribution, l.component
            FROM contents_lists l JOIN files f ON f.id = l.file_id WHERE \(scope.contents)
            """) { row in
            (row.int(0), ContentsList(architecture: row.string(1), area: row.string(2), artifact: row.string(3),
                                      distribution: row.string(4), component: row.string(5)))
        }
        func key(_ list: ContentsList) -> [[UInt8]] { [Array(list.architecture.utf8), Array(list.area.utf8), Array(list.artifact.utf8)] }
        rows.sort { key($0.1).lexicographicallyPrecedes(key($1.1)) { $0.lexicographicallyPrecedes($1) } }
        var lists: [Int64: ContentsList] = [:]
        var rank = 0
        for (index, row) in rows.enumerated() {
            if index > 0 && key(rows[index - 1].1) != key(row.1) { rank += 1 }
            var list = row.1
            list.rank = rank
            lists[row.0] = list
        }
        return lists
    }

    /// The `contents` rows that may match a path containing `literal` (a superset; see
    /// ``contentsFiles(matching:anyOf:limit:scope:)``), as a SELECT of `list_id, dir_id, name_id, package_id`.
    ///
    /// For a literal that straddles a `/`, the side that admits fewer rows leads: the names starting with the
    /// tail when their entries are few (`python3` in `/usr/bin/python3`: a range of the names' unique index, then their
    /// entries through `contents_by_name`, each directory checked by its key), else the directories ending
    /// with the head (`/usr/bin/` through the trigram index: every directory holds `/us`, so this side reads
    /// long row lists, 8 ms against 1 on bookworm).
    /// With `inName`, the literal lies inside the name of every match (it holds no `/`): the directories are
    /// not searched.
    func contentsCandidates(_ literal: String, inName: Bool = false, bind: (SQLValue) -> String) throws -> String {
        let rows = "SELECT list_id, dir_id, name_id, package_id FROM contents"
        guard !literal.isEmpty else { return rows }
        func containing(_ text: String, table: String, fts: String, column: String) -> String {
            if let trigrams = Self.trigramQuery(text) {
                return "SELECT rowid FROM \(fts) WHERE \(fts) MATCH \(bind(.text(trigrams)))"
            }
            return "SELECT id FROM \(table) WHERE instr(\(column), \(bind(.text(text)))) > 0"
        }
        // A function: each call binds its text, and a statement's parameters must all be used.
        // The names' trigram query drives a join (FTS5 gives its rows in id order): `name_id IN (…)` first copied every
        // id into a temporary index (`*.desktop`: 7,350 names, 11.7 M instructions in SQLite).
        func byName() -> String {
            guard let trigrams = Self.trigramQuery(literal) else {
                return "\(rows) WHERE name_id IN (\(containing(literal, table: "contents_names", fts: "contents_name_fts", column: "name")))"
            }
            return """
                SELECT c.list_id, c.dir_id, c.name_id, c.package_id FROM contents_name_fts f CROSS JOIN contents c
                ON c.name_id = f.rowid WHERE contents_name_fts MATCH \(bind(.text(trigrams)))
                """
        }
        if inName && !literal.contains("/") { return byName() }
        // A directory's entries are a range of the primary key in each list.
        let lists = "list_id IN (SELECT id FROM contents_lists)"
        let directories = containing(literal, table: "contents_dirs", fts: "contents_dir_fts", column: "path")
        guard let slash = literal.lastIndex(of: "/") else {
            // Disjoint halves: no temporary B-tree to drop the rows both find (17 M of the 157 M instructions of
            // the statement of `search --path gcc-12`). The directories holding the literal are found once.
            return """
                WITH holding AS MATERIALIZED (\(directories))
                \(rows) WHERE \(lists) AND dir_id IN holding UNION ALL \(byName()) AND dir_id NOT IN holding
                """
        }
        var parts = ["\(rows) WHERE \(lists) AND dir_id IN (\(directories))"]
        let head = String(literal[...slash])
        let tail = String(literal[literal.index(after: slash)...])
        guard let last = tail.unicodeScalars.last else { return parts[0] }
        // Names starting with the tail: a range of the names' unique index, given as runs of ids when they are
        // few (``nameIDRuns(from:before:atMost:)``): a range of `contents_by_name` per run, not a seek per name.
        var next = String(tail.unicodeScalars.dropLast())
        next.unicodeScalars.append(Unicode.Scalar(last.value + 1) ?? last)
        let runs = try nameIDRuns(from: tail, before: next, atMost: Self.nameLedLimit)
        // The entries whose name starts with the tail, as a join that names them `c`: each run of ids a range of
        // `contents_by_name` (the runs are disjoint, so no row comes twice: an OR of the ranges made SQLite drop
        // duplicates through a temporary index, 60,000 rows for `__init__.py`), or each name of the range a seek. A
        // function: each call binds its values, and a statement's parameters must all be used.
        func startingWithTail() -> String {
            guard let runs else {
                return "contents_names n CROSS JOIN contents c ON c.name_id = n.id AND n.name >= \(bind(.text(tail))) AND n.name < \(bind(.text(next)))"
            }
            return Self.entries(inNameIDRuns: bind(.text(Self.json(runs))))
        }
        let entry = "SELECT c.list_id, c.dir_id, c.name_id, c.package_id"
        guard head != "/" else {
            parts.append("\(entry) FROM \(startingWithTail())")
            return parts.joined(separator: " UNION ")
        }
        let length = bind(.integer(Int64(head.unicodeScalars.count)))
        let headValue = bind(.text(head))
        func ending(_ column: String) -> String { "substr(\(column), -\(length)) = \(headValue)" }
        // More names than the limit have at least as many entries.
        if try runs.map({ try entries(inNameIDRuns: $0, fewerThan: Self.nameLedLimit) }) ?? false {
            parts.append("\(entry) FROM \(startingWithTail()) CROSS JOIN contents_dirs d ON d.id = c.dir_id WHERE \(ending("d.path"))")
        } else {
            let headDirectories = Self.trigramQuery(head).map {
                "SELECT id FROM contents_dirs WHERE id IN (SELECT rowid FROM contents_dir_fts WHERE contents_dir_fts MATCH \(bind(.text($0)))) AND \(ending("path"))"
            } ?? "SELECT id FROM contents_dirs WHERE \(ending("path"))"
            // Found once (a WITH inside a compound's part needs a subquery of its own).
            parts.append("SELECT * FROM (WITH ending AS MATERIALIZED (\(headDirectories)) \(entry) FROM \(startingWithTail()) WHERE c.dir_id IN ending)")
        }
        return parts.joined(separator: " UNION ")
    }

    /// The ids of the Contents names in [`start`, `end`) as runs of consecutive ids, in order; nil when there are
    /// more than `limit` names. Each Contents file adds its new names in (extension, name) order (``IndexStore``'s
    /// `writeContents`), so a range of names is about one run per extension and file that added some (`ls`…: 1,326
    /// names, 154 runs on bookworm main; 2 when the ids followed the names), and a run is one range of
    /// `contents_by_name`. Exact however the ids were given: a run holds only ids read here.
    func nameIDRuns(from start: String, before end: String, atMost limit: Int) throws -> [ClosedRange<Int64>]? {
        var ids = try db.query("SELECT id FROM contents_names WHERE name >= ?1 AND name < ?2 LIMIT ?3",
                               [.text(start), .text(end), .integer(Int64(limit) + 1)]) { $0.int(0) }
        guard ids.count <= limit else { return nil }
        ids.sort()
        var runs: [ClosedRange<Int64>] = []
        for id in ids {
            if let last = runs.last, last.upperBound + 1 == id {
                runs[runs.count - 1] = last.lowerBound...id
            } else {
                runs.append(id...id)
            }
        }
        return runs
    }

    /// Whether fewer than `limit` Contents entries have a name id in `runs` (read at most `limit` entries far).
    func entries(inNameIDRuns runs: [ClosedRange<Int64>], fewerThan limit: Int) throws -> Bool {
        let count = try db.scalar("SELECT count(*) FROM (SELECT 1 FROM \(Self.entries(inNameIDRuns: "?1")) LIMIT ?2)",
                                  [.text(Self.json(runs)), .integer(Int64(limit))])?.int ?? Int64(limit)
        return count < limit
    }

    /// The Contents entries whose name id lies in one of the runs that `runs` (a parameter) gives as a JSON array of
    /// `[first, last]` pairs, as a join that names them `c`: one range of `contents_by_name` per run, however many
    /// runs there are (`bin/ls`: 1,326 names in 154 runs, one per extension, ``ContentsNameGroup``).
    static func entries(inNameIDRuns runs: String) -> String {
        "json_each(\(runs)) r CROSS JOIN contents c ON c.name_id BETWEEN r.value ->> 0 AND r.value ->> 1"
    }

    /// `runs` as a JSON array of `[first, last]` pairs.
    static func json(_ runs: [ClosedRange<Int64>]) -> String {
        "[" + runs.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]"
    }

    /// Entries at most this many make the names lead a straddling literal.
    static let nameLedLimit = 5000

    /// An FTS5 expression requiring `text`'s rarest trigrams (each quoted, joined by AND: the detail=none indexes
    /// take no phrases), or nil when `text` is shorter than three characters. FTS5 reads every asked term's whole
    /// row list, and every name it admits costs a lookup per entry: a term is worth asking for when its list is
    /// not much longer than the rarest one's. Asked for: the trigrams whose weight class (``trigramClass(_:)``) is at
    /// most one above the rarest's, at least the two rarest, at most 8 (ties: nearer the end, a path's rare part).
    /// `sshd_config`: `shd`, `hd_`, `ssh` (4 M instructions, 16 names) instead of its 8 trigrams (28 M; `onf`
    /// alone 21 M, in 44,369 names); `*.desktop` keeps `.de` (24,819), which leaves 7,350 names of 9,965.
    static func trigramQuery(_ text: String) -> String? {
        let trigrams = distinctTrigrams(text).map(\.text)
        guard !trigrams.isEmpty else { return nil }
        let classes = trigrams.map(trigramClass)
        func weight(_ index: Int) -> Int { classes[index] }
        let ranked = trigrams.indices.sorted { (weight($0), $0) < (weight($1), $1) }
        let ceiling = weight(ranked[0]) + 1
        let chosen = ranked.enumerated().filter { $0.offset < 2 || weight($0.element) <= ceiling }.map { trigrams[$0.element] }
        return ftsConjunction(chosen.prefix(8))
    }

    /// An FTS5 expression for the names holding `text` when each name it admits is checked before its entries are
    /// read (the name-first plan of ``contentsFiles(matching:anyOf:limit:scope:runLength:)``): a wrongly admitted
    /// name then costs one look-up (about 2,400 instructions), while every asked trigram's row list costs about 340
    /// per name in it. Trigrams overlapping in one word admit nearly the same names (`skt`, `kto`, `top` of
    /// `desktop`), so at most two are asked for: the rarest, and the rarest not overlapping it when about as rare.
    /// `*.desktop`: `kto` and `.de` (FTS5 and the names 31 M instructions) instead of ``trigramQuery(_:)``'s five (40 M).
    static func nameTrigramQuery(_ text: String) -> String? {
        let trigrams = distinctTrigrams(text).map { (text: $0.text, start: $0.start, weight: trigramClass($0.text)) }
        guard !trigrams.isEmpty else { return nil }
        func lighter(_ a: Int, _ b: Int) -> Bool { (trigrams[a].weight, a) < (trigrams[b].weight, b) }
        let rarest = trigrams.indices.min(by: lighter)!
        let others = trigrams.indices.filter { $0 != rarest }
        // The second: the rarest not overlapping the first, else the rarest of all (a short literal: `grep`'s `gre` and
        // `rep` admit 2,400 names together, each alone many times that); asked for when it is about as rare.
        let apart = others.filter { abs(trigrams[$0].start - trigrams[rarest].start) >= 3 }.min(by: lighter)
        var chosen = [trigrams[rarest]]
        if let second = apart ?? others.min(by: lighter), trigrams[second].weight <= trigrams[rarest].weight + 1 {
            chosen.append(trigrams[second])
        }
        return ftsConjunction(chosen.map(\.text))
    }

    /// How many Contents entries lie in directories whose path holds `literal` (or share its trigrams), counted up
    /// to `limit`; nil when finding those directories would itself cost what the search costs: fewer than three of
    /// the literal's trigrams are uncommon, and a common trigram's row list is read whole (`/usr/bin/`). For choosing
    /// the literal a pattern is narrowed by: `/etc/apt/` holds 81 entries, `.conf` is in 14,603 names.
    public func contentsEntries(inDirectoriesHolding literal: String, limit: Int) throws -> Int? {
        guard Self.uncommonTrigramCount(literal) >= 3, let trigrams = Self.trigramQuery(literal) else { return nil }
        // The directories as FTS5 streams them, each one's entries a range of the key per list, until `limit`
        // (`dir_id IN (…)` first collected every directory: `/usr/bin/` 5.5 M instructions, this 3.7 M).
        return try db.scalar("""
            SELECT count(*) FROM (SELECT 1 FROM contents_dir_fts f CROSS JOIN contents_lists l
                CROSS JOIN contents c ON c.list_id = l.id AND c.dir_id = f.rowid WHERE contents_dir_fts MATCH ?1 LIMIT ?2)
            """, [.text(trigrams), .integer(Int64(limit))])?.int.map(Int.init)
    }

    /// How many of `text`'s distinct trigrams are not among Debian's most common (``isCommonTrigram(_:)``): with
    /// fewer than three, its trigram query reads a common trigram's long row list and admits many paths (`.conf`,
    /// `grep`).
    public static func uncommonTrigramCount(_ text: String) -> Int {
        distinctTrigrams(text).count { !isCommonTrigram($0.text) }
    }

    /// `text`'s trigrams (of Unicode scalars), each once at its last place (the scalar offset where it starts), from the end.
    private static func distinctTrigrams(_ text: String) -> [(text: String, start: Int)] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3 else { return [] }
        var seen: Set<String> = []
        var trigrams: [(text: String, start: Int)] = []
        for start in (0...(scalars.count - 3)).reversed() {
            let trigram = Self.trigram(scalars, at: start)
            if seen.insert(trigram).inserted { trigrams.append((trigram, start)) }
        }
        return trigrams
    }

    /// FTS5's expression requiring every one of `terms`, each quoted (the detail=none indexes take no phrases).
    private static func ftsConjunction(_ terms: some Sequence<String>) -> String {
        terms.map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
    }

    /// Whether `trigram` is among the most common in Debian's paths (``commonTrigramText``): a binary search of its
    /// 3-byte records (printable ASCII, in byte order). A set of them cost every search that asked 1.7 M
    /// instructions to build.
    static func isCommonTrigram(_ trigram: String) -> Bool {
        record(of: trigram, in: commonTrigramText, width: 3) != nil
    }

    /// The weight class of a trigram (``trigramClassText``): floor(log2(base names + 2 × directories holding it)) in
    /// bookworm main's Contents, 12 and up, or ``unweighedClass``. A binary search of the table's 4-byte records
    /// (in byte order): building a dictionary of it cost every search 3 M instructions.
    static func trigramClass(_ trigram: String) -> Int {
        guard let start = record(of: trigram, in: trigramClassText, width: 4) else { return unweighedClass }
        return trigramClassText.utf8.withContiguousStorageIfAvailable { Int($0[start + 3]) - Int(UInt8(ascii: "a")) }
            ?? unweighedClass
    }

    /// Where the record whose first three bytes are `trigram`'s UTF-8 starts in `table` (records of `width` bytes,
    /// sorted by those three), or nil.
    private static func record(of trigram: String, in table: String, width: Int) -> Int? {
        let key = Array(trigram.utf8)
        guard key.count == 3 else { return nil }
        return table.utf8.withContiguousStorageIfAvailable { table -> Int? in
            var low = 0, high = table.count / width
            while low < high {
                let middle = (low + high) / 2, start = middle * width
                let record = table[start..<(start + 3)]
                if record.elementsEqual(key) { return start }
                if record.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
            }
            return nil
        } ?? nil
    }

    /// The class of a trigram too rare to be weighed (fewer than 4,096).
    static let unweighedClass = 11

    /// The three scalars from `start` as a string.
    private static func trigram(_ scalars: [Unicode.Scalar], at start: Int) -> String {
        var trigram = ""
        trigram.unicodeScalars.append(contentsOf: scalars[start..<(start + 3)])
        return trigram
    }
}
