import QueryLanguage
import Testing

/// A condition at `position`, for building expected trees.
private func when(_ field: String, _ relation: QueryRelation, _ value: String, at position: Int) -> QueryExpression {
    .condition(QueryCondition(field: field, relation: relation, value: value, position: position))
}

@Suite struct QueryParserTests {
    static let trees: [(String, QueryExpression)] = [
        // Terms, default relation, every relation.
        ("Priority (optional)", when("Priority", .equal, "optional", at: 0)),
        ("Name (= nginx)", when("Name", .equal, "nginx", at: 0)),
        ("Name (% ngin*)", when("Name", .glob, "ngin*", at: 0)),
        ("Name (~ .*-dev$)", when("Name", .regex, ".*-dev$", at: 0)),
        ("$Version (>= 1.0)", when("$Version", .greaterOrEqual, "1.0", at: 0)),
        ("$Version (<= 1:2.0~rc1-1)", when("$Version", .lessOrEqual, "1:2.0~rc1-1", at: 0)),
        ("$Version (>> 1.0)", when("$Version", .greater, "1.0", at: 0)),
        ("$Version (<< 1.0)", when("$Version", .less, "1.0", at: 0)),
        ("$Version(>=1.0)", when("$Version", .greaterOrEqual, "1.0", at: 0)),
        // dpkg's legacy < and >.
        ("$Version (< 2)", when("$Version", .lessOrEqual, "2", at: 0)),
        ("$Version (> 2)", when("$Version", .greaterOrEqual, "2", at: 0)),
        // Every pseudo-field, case-insensitively.
        ("$Source (nginx)", when("$Source", .equal, "nginx", at: 0)),
        ("$sourceversion (1.0-1)", when("$SourceVersion", .equal, "1.0-1", at: 0)),
        ("$ARCHITECTURE (amd64)", when("$Architecture", .equal, "amd64", at: 0)),
        ("$packagetype (udeb)", when("$PackageType", .equal, "udeb", at: 0)),
        ("$Distribution (bookworm)", when("$Distribution", .equal, "bookworm", at: 0)),
        ("$version (1)", when("$Version", .equal, "1", at: 0)),
        // Field names are case-insensitive; known ones are canonicalised, others kept as written.
        ("priority (optional)", when("Priority", .equal, "optional", at: 0)),
        ("PRE-DEPENDS (% *dpkg*)", when("Pre-Depends", .glob, "*dpkg*", at: 0)),
        ("X-Custom-Field (yes)", when("X-Custom-Field", .equal, "yes", at: 0)),
        // A field alone: present and not empty.
        ("Essential", when("Essential", .glob, "?*", at: 0)),
        ("!essential", .not(when("Essential", .glob, "?*", at: 1))),
        // Bare package names and the version shorthand.
        ("nginx", when("Name", .equal, "nginx", at: 0)),
        ("  libc6  ", when("Name", .equal, "libc6", at: 2)),
        ("nginx (>= 1.0)", .and(when("Name", .equal, "nginx", at: 0), when("$Version", .greaterOrEqual, "1.0", at: 0))),
        ("g++ (1:2)", .and(when("Name", .equal, "g++", at: 0), when("$Version", .equal, "1:2", at: 0))),
        // Quoting and bare values.
        ("Description (% \"*a (b) c*\")", when("Description", .glob, "*a (b) c*", at: 0)),
        ("Maintainer ('O\\'Brien <ob@example.org>')", when("Maintainer", .equal, "O'Brien <ob@example.org>", at: 0)),
        ("Maintainer (\"say \\\"hi\\\" \\\\ ok\")", when("Maintainer", .equal, "say \"hi\" \\ ok", at: 0)),
        ("Maintainer (  Jane Doe <jd@example.org>  )", when("Maintainer", .equal, "Jane Doe <jd@example.org>", at: 0)),
        ("Depends (% *libc6 | libc7*)", when("Depends", .glob, "*libc6 | libc7*", at: 0)),
        ("Description (~ \"\")", when("Description", .regex, "", at: 0)),
        ("Name (ünïcødé)", when("Name", .equal, "ünïcødé", at: 0)),
        // Precedence: | < , < ! < primary; left-associative.
        ("a, b | c", .or(.and(when("Name", .equal, "a", at: 0), when("Name", .equal, "b", at: 3)),
                         when("Name", .equal, "c", at: 7))),
        ("a | b, c", .or(when("Name", .equal, "a", at: 0),
                         .and(when("Name", .equal, "b", at: 4), when("Name", .equal, "c", at: 7)))),
        ("a, (b | c)", .and(when("Name", .equal, "a", at: 0),
                            .or(when("Name", .equal, "b", at: 4), when("Name", .equal, "c", at: 8)))),
        ("!a, b", .and(.not(when("Name", .equal, "a", at: 1)), when("Name", .equal, "b", at: 4))),
        ("!(a | b)", .not(.or(when("Name", .equal, "a", at: 2), when("Name", .equal, "b", at: 6)))),
        ("!!a", .not(.not(when("Name", .equal, "a", at: 2)))),
        ("a | b | c", .or(.or(when("Name", .equal, "a", at: 0), when("Name", .equal, "b", at: 4)),
                          when("Name", .equal, "c", at: 8))),
        ("((a))", when("Name", .equal, "a", at: 2)),
        ("!Name (~ .*-dev), mail-transport, $Version (>= 3.5)",
         .and(.and(.not(when("Name", .regex, ".*-dev", at: 1)), when("Name", .equal, "mail-transport", at: 18)),
              when("$Version", .greaterOrEqual, "3.5", at: 34))),
    ]

    @Test(arguments: trees)
    func parses(_ query: String, _ expected: QueryExpression) throws {
        #expect(try QueryParser.parse(query) == expected)
    }

    static let errors: [(String, Int, String)] = [
        ("", 0, "empty query"),
        ("   ", 0, "empty query"),
        ("Priority (>= ", 13, "missing ')'"),
        ("Priority (optional", 18, "missing ')'"),
        ("(a | b", 6, "missing ')'"),
        ("Name (\"x\"", 9, "missing ')'"),
        ("a)", 1, "unmatched ')'"),
        ("(a))", 3, "unmatched ')'"),
        (")", 0, "expected a field or package name, found ')'"),
        ("a, )", 3, "expected a field or package name, found ')'"),
        ("a,", 2, "expected a field or package name, found end of query"),
        ("a |", 3, "expected a field or package name, found end of query"),
        ("!", 1, "expected a field or package name, found end of query"),
        ("()", 1, "expected a field or package name, found ')'"),
        ("\"nginx\"", 0, "expected a field or package name, found a quoted string"),
        ("Name (x) Name (y)", 9, "expected ',', '|' or end of query, found 'Name'"),
        ("nginx extra", 6, "expected ',', '|' or end of query, found 'extra'"),
        ("(a b)", 3, "expected ')', found 'b'"),
        ("Name ()", 6, "missing value"),
        ("Name (>=   )", 11, "missing value"),
        ("$Version (=> 1.0)", 10, "unknown relation '=>'"),
        ("Name (!= x)", 6, "unknown relation '!='"),
        ("$Version (<<= 1)", 10, "unknown relation '<<='"),
        ("Name (\"abc)", 6, "unterminated quoted string"),
        ("Name ('abc\\')", 6, "unterminated quoted string"),
        ("'abc", 0, "unterminated quoted string"),
        ("Name (\"a\" b)", 10, "expected ')' after the quoted value, found 'b'"),
        ("$Foo (x)", 0, "unknown pseudo-field '$Foo' (known: $Source, $SourceVersion, $Version, $Architecture, "
            + "$PackageType, $Distribution)"),
        ("a, $Nope", 3, "unknown pseudo-field '$Nope' (known: $Source, $SourceVersion, $Version, $Architecture, "
            + "$PackageType, $Distribution)"),
        ("Nginx:x (1)", 0, "invalid field name 'Nginx:x'"),
        ("a_1.0_amd64", 0, "invalid package name 'a_1.0_amd64'"),
        ("=foo", 0, "invalid package name '=foo'"),
        // Found by fuzzing (fuzz/where): SQLite cannot parse SQL nested this deep.
        (String(repeating: "!", count: 80) + "a", 24, "query nested too deeply (more than 24 levels of '(' and '!')"),
        (String(repeating: "(", count: 30) + "a" + String(repeating: ")", count: 30), 24,
         "query nested too deeply (more than 24 levels of '(' and '!')"),
        (String(repeating: "!(", count: 13) + "a" + String(repeating: ")", count: 13), 24, "query nested too deeply (more than 24 levels of '(' and '!')"),
        (Array(repeating: "a", count: 257).joined(separator: ","), 512, "query has more than 256 conditions"),
        (Array(repeating: "a (1)", count: 129).joined(separator: "|"), 768, "query has more than 256 conditions"),
        // Found by fuzzing (fuzz/where): SQLite cut the bound regex at the NUL, which then did not compile.
        ("$Version (~ \u{1}\\\u{0}\u{0})", 14, "NUL character in query"),
        ("a\u{0}", 1, "NUL character in query"),
    ]

    @Test(arguments: errors)
    func refuses(_ query: String, _ position: Int, _ reason: String) {
        #expect(throws: QuerySyntaxError(query: query, position: position, reason: reason)) {
            try QueryParser.parse(query)
        }
    }

    @Test func refusesInvalidRegexAtTheValue() throws {
        let error = try #require(throws: QuerySyntaxError.self) { try QueryParser.parse("Name (~ a(b)") }
        // The bare value ends at the first ')': "a(b" does not compile.
        #expect(error.position == 8)
        #expect(error.reason.hasPrefix("invalid regular expression 'a(b': "))
    }

    @Test func describesWithACaretUnderThePosition() {
        let error = QuerySyntaxError(query: "Priority (>= ", position: 13, reason: "missing ')'")
        #expect(error.description == "invalid query at position 13: missing ')'\nPriority (>= \n             ^")
        let tabbed = QuerySyntaxError(query: "a,\t)", position: 3, reason: "r")
        #expect(tabbed.description == "invalid query at position 3: r\na, )\n   ^")
    }

    @Test(arguments: ["<": QueryRelation.lessOrEqual, ">": .greaterOrEqual, "<<": .less, ">>": .greater,
                      "=": .equal, "%": .glob, "~": .regex, "<=": .lessOrEqual, ">=": .greaterOrEqual])
    func readsRelationSpellings(_ spelling: String, _ relation: QueryRelation) {
        #expect(QueryRelation(spelling: spelling) == relation)
    }
}
