import Index
import Query
import QueryLanguage
import SQLite
import Testing

/// `--where` queries compiled and run against an in-memory `candidates` table of realistic rows.
@Suite struct WhereCompilerTests {
    /// kind, type, package, version, architecture, source, source_version, distribution, fields.
    static let rows: [[SQLValue]] = [
        ["binary", "deb", "nginx", "1.22.1-9", "amd64", "nginx", "1.22.1-9", "bookworm",
         #"{"priority":"optional","section":"httpd","multi-arch":"foreign","maintainer":"Debian Nginx Maintainers <pkg-nginx-maintainers@alioth-lists.debian.net>","depends":"nginx-core (<< 1.22.1-9.1~) | nginx-full (<< 1.22.1-9.1~)"}"#],
        ["binary", "deb", "nginx", "1.18.0-6.1+deb11u3", "amd64", "nginx", "1.18.0-6.1+deb11u3", "bullseye",
         #"{"priority":"optional","section":"httpd"}"#],
        ["binary", "deb", "nginx-core", "1.22.1-9", "amd64", "nginx", "1.22.1-9", "bookworm",
         #"{"priority":"optional","section":"httpd","provides":"httpd, nginx-abi-1.22.1-7"}"#],
        ["binary", "deb", "libc6", "2.36-9+deb12u4", "amd64", "glibc", "2.36-9+deb12u4", "bookworm",
         #"{"priority":"optional","section":"libs","multi-arch":"same","protected":"yes","depends":"libgcc-s1"}"#],
        ["binary", "deb", "libc6-dev", "2.36-9+deb12u4", "amd64", "glibc", "2.36-9+deb12u4", "bookworm",
         #"{"priority":"optional","section":"libdevel","depends":"libc6 (= 2.36-9+deb12u4), linux-libc-dev"}"#],
        ["binary", "udeb", "libc6-udeb", "2.36-9+deb12u4", "amd64", "glibc", "2.36-9+deb12u4", "bookworm",
         #"{"priority":"optional","section":"debian-installer"}"#],
        ["binary", "deb", "dpkg", "1.21.22", "amd64", "dpkg", "1.21.22", "bookworm",
         #"{"essential":"yes","priority":"required","section":"admin"}"#],
        ["binary", "deb", "base-files", "12.4+deb12u5", "amd64", "base-files", "12.4+deb12u5", "bookworm",
         #"{"essential":"yes","priority":"required","section":"admin"}"#],
        ["binary", "deb", "python3-six", "1.16.0-4", "all", "six", "1.16.0-4", "bookworm",
         #"{"priority":"optional","section":"python","depends":"python3:any"}"#],
        ["binary", "ddeb", "nginx-dbgsym", "1.22.1-9", "amd64", "nginx", "1.22.1-9", nil,
         #"{"priority":"optional","section":"debug","auto-built-package":"debug-symbols"}"#],
        ["source", "source", "nginx", "1.22.1-9", "any all", "nginx", "1.22.1-9", "bookworm",
         #"{"format":"3.0 (quilt)","binary":"nginx, nginx-core","maintainer":"Debian Nginx Maintainers <pkg-nginx-maintainers@alioth-lists.debian.net>"}"#],
        ["source", "source", "dwhello", "1.0-1", "amd64 arm64", "dwhello", "1.0-1", nil,
         #"{"format":"3.0 (quilt)","priority":"optional"}"#],
        ["binary", "deb", "dwepoch", "1:0.9-1", "all", "dwepoch", "1:0.9-1", "sid", #"{"priority":"optional"}"#],
        ["binary", "deb", "dwtilde", "2.0~rc1-1", "all", "dwtilde", "2.0~rc1-1", "sid", #"{"priority":"extra"}"#],
        ["binary", "deb", "dwtilde", "2.0-1", "all", "dwtilde", "2.0-1", "sid",
         #"{"priority":"optional","maintainer":"Robert'); DROP TABLE candidates;-- <bobby@example.org>","description":"naïve café * % _ \"quoted\""}"#],
        ["binary", "deb", "dwtilde", "10.0", "arm64", "dwtilde", "10.0", "sid", "{}"],
    ]

    static let everything: Set<String> = [
        "nginx_1.22.1-9_amd64", "nginx_1.18.0-6.1+deb11u3_amd64", "nginx-core_1.22.1-9_amd64",
        "libc6_2.36-9+deb12u4_amd64", "libc6-dev_2.36-9+deb12u4_amd64", "libc6-udeb_2.36-9+deb12u4_amd64",
        "dpkg_1.21.22_amd64", "base-files_12.4+deb12u5_amd64", "python3-six_1.16.0-4_all",
        "nginx-dbgsym_1.22.1-9_amd64", "src:nginx_1.22.1-9", "src:dwhello_1.0-1", "dwepoch_1:0.9-1_all",
        "dwtilde_2.0~rc1-1_all", "dwtilde_2.0-1_all", "dwtilde_10.0_arm64",
    ]

    let database: Database

    init() throws {
        database = try Database(path: ":memory:")
        try registerDebworkFunctions(on: database)
        try database.execute("""
            CREATE TABLE candidates(kind TEXT NOT NULL, type TEXT NOT NULL, package TEXT NOT NULL,
                version TEXT NOT NULL, architecture TEXT, source TEXT, source_version TEXT, distribution TEXT,
                fields TEXT NOT NULL, owner INTEGER PRIMARY KEY);
            CREATE TABLE field_values(owner INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
                PRIMARY KEY(owner, name)) WITHOUT ROWID;
            """)
        // Owners as the index numbers them (a binary file id * 2, a source's + 1); the name tables the owners of a
        // name condition are read from, as views of the rows (no index-only stanzas here).
        for (id, row) in Self.rows.enumerated() {
            let owner = Int64(id + 1) * 2 + (row[0] == "source" ? 1 : 0)
            try database.run("INSERT INTO candidates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row + [.integer(owner)])
        }
        try database.execute("""
            CREATE VIEW binaries AS SELECT owner / 2 AS id, package, source FROM candidates WHERE owner % 2 = 0;
            CREATE VIEW sources AS SELECT owner / 2 AS id, package FROM candidates WHERE owner % 2 = 1;
            CREATE TABLE dist_binaries(id INTEGER PRIMARY KEY, package TEXT NOT NULL, source TEXT NOT NULL);
            CREATE TABLE dist_sources(id INTEGER PRIMARY KEY, package TEXT NOT NULL);
            CREATE VIRTUAL TABLE dist_binary_names_fts USING fts5(package, source, content = 'dist_binaries',
                content_rowid = 'id', tokenize = 'trigram case_sensitive 1', detail = 'none');
            CREATE VIRTUAL TABLE dist_source_names_fts USING fts5(package, content = 'dist_sources',
                content_rowid = 'id', tokenize = 'trigram case_sensitive 1', detail = 'none');
            """)
        // As the index's triggers fill it from the `fields` JSON.
        try database.execute("""
            INSERT INTO field_values SELECT c.owner, j.key, j.value FROM candidates c, json_each(c.fields) j
            WHERE j.type = 'text'
            """)
    }

    /// The labels (`package_version_arch`, `src:package_version`) of the rows `query` selects.
    func matches(_ query: String) throws -> Set<String> {
        let filter = try WhereCompiler.compile(query)
        let sql = """
            SELECT CASE kind WHEN 'source' THEN 'src:' || package || '_' || version
                   ELSE package || '_' || version || '_' || architecture END
            FROM candidates WHERE \(filter.sql)
            """
        return Set(try database.query(sql, filter.values) { $0.string(0) })
    }

    /// The same, with the candidates first narrowed by each of the filter's `ownerAlternatives` (as the index's
    /// search does with one of them, a scan also over the field's distinct values); empty when the filter has
    /// none.
    func matchesThroughOwners(_ query: String) throws -> [Set<String>] {
        let filter = try WhereCompiler.compile(query)
        #expect(filter.owners == filter.ownerAlternatives.first)
        let alternatives = filter.ownerAlternatives.flatMap { [$0] + ($0.scan.map { [$0.overDistinctValues] } ?? []) }
        return try alternatives.map { owners in
            let sql = """
                SELECT CASE kind WHEN 'source' THEN 'src:' || package || '_' || version
                       ELSE package || '_' || version || '_' || architecture END
                FROM candidates WHERE owner IN (\(owners.sql)) AND \(filter.sql)
                """
            return Set(try database.query(sql, owners.values + filter.values) { $0.string(0) })
        }
    }

    static let queries: [(String, Set<String>)] = [
        ("nginx", ["nginx_1.22.1-9_amd64", "nginx_1.18.0-6.1+deb11u3_amd64", "src:nginx_1.22.1-9"]),
        ("nginx (>= 1.20)", ["nginx_1.22.1-9_amd64", "src:nginx_1.22.1-9"]),
        ("Name (nginx), $PackageType (deb)", ["nginx_1.22.1-9_amd64", "nginx_1.18.0-6.1+deb11u3_amd64"]),
        ("$PackageType (source)", ["src:nginx_1.22.1-9", "src:dwhello_1.0-1"]),
        ("$PackageType (binary)", everything.subtracting(["src:nginx_1.22.1-9", "src:dwhello_1.0-1"])),
        ("$PackageType (udeb) | $PackageType (ddeb)", ["libc6-udeb_2.36-9+deb12u4_amd64", "nginx-dbgsym_1.22.1-9_amd64"]),
        ("$Source (glibc)", ["libc6_2.36-9+deb12u4_amd64", "libc6-dev_2.36-9+deb12u4_amd64",
                             "libc6-udeb_2.36-9+deb12u4_amd64"]),
        ("$Distribution (bookworm), !$PackageType (binary)", ["src:nginx_1.22.1-9"]),
        // NULL distribution (builds) does not match, but matches the negation.
        ("!$Distribution (bookworm)", ["nginx_1.18.0-6.1+deb11u3_amd64", "nginx-dbgsym_1.22.1-9_amd64",
                                       "src:dwhello_1.0-1", "dwepoch_1:0.9-1_all", "dwtilde_2.0~rc1-1_all",
                                       "dwtilde_2.0-1_all", "dwtilde_10.0_arm64"]),
        // Debian ordering: ~ sorts before everything, epochs win, digits compare numerically.
        ("dwtilde (>= 2.0~)", ["dwtilde_2.0~rc1-1_all", "dwtilde_2.0-1_all", "dwtilde_10.0_arm64"]),
        ("dwtilde (<< 2.0)", ["dwtilde_2.0~rc1-1_all"]),
        ("dwtilde (< 2.0-1)", ["dwtilde_2.0~rc1-1_all", "dwtilde_2.0-1_all"]),
        ("$Version (= 2.0-01), Name (dwtilde)", ["dwtilde_2.0-1_all"]),
        ("Version (0:2.0-1)", ["dwtilde_2.0-1_all"]),
        ("$Version (>= 1:0)", ["dwepoch_1:0.9-1_all"]),
        ("dwepoch (>> 5.0)", ["dwepoch_1:0.9-1_all"]),
        ("$Version (>> 10)", ["base-files_12.4+deb12u5_amd64", "dwtilde_10.0_arm64", "dwepoch_1:0.9-1_all"]),
        ("$SourceVersion (<< 2), $PackageType (binary), $Distribution (bookworm)",
         ["nginx_1.22.1-9_amd64", "nginx-core_1.22.1-9_amd64", "dpkg_1.21.22_amd64", "python3-six_1.16.0-4_all"]),
        // Globs are case-sensitive.
        ("Name (% libc6*)", ["libc6_2.36-9+deb12u4_amd64", "libc6-dev_2.36-9+deb12u4_amd64",
                             "libc6-udeb_2.36-9+deb12u4_amd64"]),
        ("Name (% LIBC6*)", []),
        ("$Source (% ng*)", ["nginx_1.22.1-9_amd64", "nginx_1.18.0-6.1+deb11u3_amd64", "nginx-core_1.22.1-9_amd64",
                             "nginx-dbgsym_1.22.1-9_amd64", "src:nginx_1.22.1-9"]),
        ("Name (~ dev) | $Source (six)", ["libc6-dev_2.36-9+deb12u4_amd64", "python3-six_1.16.0-4_all"]),
        ("Name (~ ^nginx-)", ["nginx-core_1.22.1-9_amd64", "nginx-dbgsym_1.22.1-9_amd64"]),
        (#"Name (~ "-(dev|udeb)$")"#, ["libc6-dev_2.36-9+deb12u4_amd64", "libc6-udeb_2.36-9+deb12u4_amd64"]),
        // Fields alone, control fields from JSON, absent fields.
        ("Essential", ["dpkg_1.21.22_amd64", "base-files_12.4+deb12u5_amd64"]),
        ("!Essential, $Distribution (bookworm), $PackageType (deb)",
         ["nginx_1.22.1-9_amd64", "nginx-core_1.22.1-9_amd64", "libc6_2.36-9+deb12u4_amd64",
          "libc6-dev_2.36-9+deb12u4_amd64", "python3-six_1.16.0-4_all"]),
        ("!Priority (optional)", ["dpkg_1.21.22_amd64", "base-files_12.4+deb12u5_amd64", "src:nginx_1.22.1-9",
                                  "dwtilde_2.0~rc1-1_all", "dwtilde_10.0_arm64"]),
        ("priority (required), essential (yes)", ["dpkg_1.21.22_amd64", "base-files_12.4+deb12u5_amd64"]),
        ("Depends (% *libc6 (=*)", ["libc6-dev_2.36-9+deb12u4_amd64"]),
        ("Provides (~ httpd)", ["nginx-core_1.22.1-9_amd64"]),
        ("Auto-Built-Package", ["nginx-dbgsym_1.22.1-9_amd64"]),
        ("Maintainer (~ Nginx), $PackageType (source)", ["src:nginx_1.22.1-9"]),
        // Architecture: plain equality (no `all` wildcard), or one word of a source's list.
        ("Architecture (arm64)", ["src:dwhello_1.0-1", "dwtilde_10.0_arm64"]),
        ("$Architecture (all)", ["python3-six_1.16.0-4_all", "src:nginx_1.22.1-9", "dwepoch_1:0.9-1_all",
                                 "dwtilde_2.0~rc1-1_all", "dwtilde_2.0-1_all"]),
        ("Architecture (amd64 arm64)", ["src:dwhello_1.0-1"]),
        ("Architecture (md64) | Architecture (% md64)", []),
        // Precedence.
        ("Section (% lib*) | Section (admin), Priority (required)",
         ["libc6_2.36-9+deb12u4_amd64", "libc6-dev_2.36-9+deb12u4_amd64", "dpkg_1.21.22_amd64",
          "base-files_12.4+deb12u5_amd64"]),
        ("(Section (% lib*) | Section (admin)), Priority (required)",
         ["dpkg_1.21.22_amd64", "base-files_12.4+deb12u5_amd64"]),
        ("!(nginx | $Source (glibc) | $PackageType (source)), $Distribution (bookworm)",
         ["nginx-core_1.22.1-9_amd64", "dpkg_1.21.22_amd64", "base-files_12.4+deb12u5_amd64",
          "python3-six_1.16.0-4_all"]),
        // Hostile values are data.
        (#"Maintainer ("Robert'); DROP TABLE candidates;-- <bobby@example.org>")"#, ["dwtilde_2.0-1_all"]),
        (#"Name ("'; DROP TABLE candidates; --")"#, []),
        (#"Name ("nginx' OR '1'='1")"#, []),
        (#"Name ("%")"#, []),
        ("Name (% *)", everything),
        ("Description (% *[*]*)", ["dwtilde_2.0-1_all"]),
        (#"Description (% *"quoted"*)"#, ["dwtilde_2.0-1_all"]),
        ("Description (~ café)", ["dwtilde_2.0-1_all"]),
        ("Description (~ \\*)", ["dwtilde_2.0-1_all"]),
        ("Name (ünïcødé) | Description (% *_*), !Description (% *%*)", []),
    ]

    @Test(arguments: queries)
    func selects(_ query: String, _ expected: Set<String>) throws {
        #expect(try matches(query) == expected)
        for narrowed in try matchesThroughOwners(query) { #expect(narrowed == expected) }
        #expect(try database.scalar("SELECT count(*) FROM candidates") == .integer(Int64(Self.rows.count)))
    }

    /// A query of one condition narrows by exactly the rows it selects: its owners alone (in each of their forms)
    /// give the filter's answer, so the search skips the filter. Any other query is applied after narrowing.
    @Test(arguments: queries)
    func exactOwnersSelectAlone(_ query: String, _ expected: Set<String>) throws {
        let filter = try WhereCompiler.compile(query)
        let isOneCondition = if case .condition = try QueryParser.parse(query) { true } else { false }
        #expect(filter.ownersAreExact == (isOneCondition && filter.owners != nil))
        guard filter.ownersAreExact, let owners = filter.owners else { return }
        for form in [owners] + (owners.scan.map { [$0.overDistinctValues] } ?? []) {
            let sql = """
                SELECT CASE kind WHEN 'source' THEN 'src:' || package || '_' || version
                       ELSE package || '_' || version || '_' || architecture END
                FROM candidates WHERE owner IN (\(form.sql))
                """
            #expect(Set(try database.query(sql, form.values) { $0.string(0) }) == expected)
        }
    }

    /// Which filters narrow the candidates through `field_values` or the name indices first: those every
    /// selected row needs a control field or a name for.
    @Test(arguments: [
        ("Priority (required)", true), ("Depends (% *libc6*), $PackageType (deb)", true),
        ("Priority (required) | Section (% lib*)", true), ("!Priority (optional)", false),
        ("Priority (required) | nginx", true), ("$Version (>= 1.0)", false), ("Architecture (all)", false),
        ("$Source (% *c*)", true), ("Name (~ x), !$Distribution (sid)", true), ("!Name (nginx)", false),
        ("Name (>= 1.0)", false), ("$Distribution (sid)", false),
        ("!!Essential (yes)", false), ("Priority (optional), Section (editors), $PackageType (deb)", true),
    ])
    func narrowsThroughOwners(_ query: String, _ narrows: Bool) throws {
        #expect((try WhereCompiler.compile(query).owners != nil) == narrows)
    }

    @Test func bindsEveryValue() throws {
        let filter = try WhereCompiler.compile(#"Maintainer ("x'y"), Name (~ a"b), X-Field (% 'q*')"#)
        #expect(!filter.sql.contains("x'y") && !filter.sql.contains("q*") && !filter.sql.contains("X-Field"))
        #expect(filter.sql.filter { $0 == "?" }.count == filter.values.count)
        #expect(filter.values == ["maintainer", "x'y", #"a"b"#, "x-field", "q*"])
    }

    @Test func refusesHandBuiltNonsense() {
        let badField = QueryExpression.condition(QueryCondition(field: #"X"]'"#, relation: .equal, value: "1", position: 0))
        #expect(throws: QueryError.invalidFieldName(#"X"]'"#)) { try WhereCompiler.compile(badField) }
        let badPseudo = QueryExpression.condition(QueryCondition(field: "$Nope", relation: .equal, value: "1", position: 0))
        #expect(throws: QueryError.unknownPseudoField("$Nope")) { try WhereCompiler.compile(badPseudo) }
    }

    /// Found by fuzzing (fuzz/where): 80 `!` made 80 nested `(NOT …)` and SQLite's "parser stack overflow";
    /// a chain of `|` or `,` nested as deep as it was long.
    @Test func deepQueriesGiveSQLThatSQLiteAccepts() throws {
        let alternatives = (0..<200).map { "n\($0)" }.joined(separator: " | ") + " | dpkg"
        #expect(try matches(alternatives) == ["dpkg_1.21.22_amd64"])
        let conjunction = Array(repeating: "Priority (required)", count: 200).joined(separator: ", ") + ", dpkg"
        #expect(try matches(conjunction) == ["dpkg_1.21.22_amd64"])
        #expect(try matches(String(repeating: "!", count: 24) + "dpkg") == ["dpkg_1.21.22_amd64"])
        #expect(try matches(String(repeating: "!", count: 23) + "dpkg").count == Self.rows.count - 1)
        var nested = "dpkg"
        for level in 0..<12 { nested = level % 2 == 0 ? "!(x\(level) | \(nested))" : "(x\(level), \(nested))" }
        #expect(try matches(nested).isEmpty)
        #expect(try matches("!" + nested) == Self.everything)
    }

    @Test func flattensChainsAndCancelsDoubleNegation() throws {
        #expect(try WhereCompiler.compile("a | b | c").sql
            == "(COALESCE(package = ?, 0) OR COALESCE(package = ?, 0) OR COALESCE(package = ?, 0))")
        #expect(try WhereCompiler.compile("!!a").sql == "COALESCE(package = ?, 0)")
        // `,` is associative: the parenthesised chain joins the outer one.
        #expect(try WhereCompiler.compile("!!!a, (b, c)").sql
            == "((NOT COALESCE(package = ?, 0)) AND COALESCE(package = ?, 0) AND COALESCE(package = ?, 0))")
        #expect(try WhereCompiler.compile("a, (b | c)").sql
            == "(COALESCE(package = ?, 0) AND (COALESCE(package = ?, 0) OR COALESCE(package = ?, 0)))")
    }

    @Test func passesSyntaxErrorsThrough() {
        #expect(throws: QuerySyntaxError(query: "Priority (>= ", position: 13, reason: "missing ')'")) {
            try WhereCompiler.compile("Priority (>= ")
        }
    }
}
