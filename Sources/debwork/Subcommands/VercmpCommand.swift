import ArgumentParser
import DebianFormats

struct VercmpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vercmp",
        _superCommandName: "debwork",  // parsed on its own by Debwork.runDirectly: no completion-request parse
        abstract: "Compare Debian versions exactly as dpkg does.",
        discussion: """
            'vercmp A B' prints <, = or >. 'vercmp A OP B' (OP: lt le eq ne ge gt lt-nl le-nl ge-nl gt-nl,
            or << <= = >= >>) exits 0 when the relation holds and 1 when not, like
            'dpkg --compare-versions'. An invalid version is an error (exit 2, as dpkg).
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "A B, or A OP B.")
    var words: [String]

    func validate() throws { try VercmpCall(json: global.json, words: words).validate() }

    func run() throws { try VercmpCall(json: global.json, words: words).run() }
}

/// A comparison's arguments as plain values: from ``VercmpCommand``, or read by the quick lane (``QuickArguments``;
/// scripts call `vercmp` in loops, as they call `dpkg --compare-versions`).
struct VercmpCall {
    var json: Bool
    var words: [String]

    func validate() throws {
        guard words.count == 2 || words.count == 3 else {
            throw ValidationError("expected 'A B' or 'A OP B'")
        }
        // `vercmp 1.0 lt`: a relation where a version belongs is a usage error, not a comparison with "lt".
        if words.count == 2, let word = words.first(where: { VersionRelation(operator: $0) != nil }) {
            throw ValidationError("'\(word)' is a relation, not a version: give 'A OP B' (or 'A B' to print <, = or >)")
        }
        if words.count == 3 && VersionRelation(operator: words[1]) == nil {
            throw ValidationError("unknown relation '\(words[1])'; use lt le eq ne ge gt lt-nl le-nl ge-nl gt-nl")
        }
    }

    func run() throws {
        do {
            if words.count == 3, let relation = VersionRelation(operator: words[1]) {
                let holds = try relation.holds(words[0], words[2])
                if json { printJSON(.bool(holds)) }
                throw ExitCode(holds ? 0 : 1)
            }
            let order = DebianVersion.compare(try DebianVersion(words[0]), try DebianVersion(words[1]))
            let symbol = order < 0 ? "<" : order > 0 ? ">" : "="
            Console.out(json ? "\"\(symbol)\"\n" : symbol + "\n")
        } catch let error as VersionError {
            Console.message("E", "\(error)")
            throw ExitCode(2)
        }
    }
}

extension VercmpCall {
    /// The comparison `arguments` (after the call's name) ask for, when the quick lane reads them all and they pass
    /// ``validate()``; nil otherwise.
    init?(quick arguments: ArraySlice<String>) {
        guard let parsed = QuickArguments(arguments, options: GlobalSettings.quickOptions, positionals: 3),
              let global = GlobalSettings(quick: parsed)
        else { return nil }
        self.init(json: global.json, words: parsed.positionals)
        guard (try? validate()) != nil else { return nil }
    }
}
