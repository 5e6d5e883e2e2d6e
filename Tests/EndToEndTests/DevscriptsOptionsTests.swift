import DebworkTestSupport
import Foundation
import Testing

/// Every option devscripts' `debdiff --help` lists (read from the installed debdiff at test time) is
/// accepted by `debwork debdiff` with devscripts' meaning: on a pair of .debs both give the same stdout and
/// exit status; `--help`/`-h`, `--version`/`-v` print something and exit 0.
@Suite struct DevscriptsOptionsTests {
    static let hasOracle = Fixtures.hasTool("debdiff") && Fixtures.hasTool("wdiff")
    static func p(_ name: String) -> String { Fixtures.path("packages/" + name) }

    /// One option of the help text and the number of values it takes (its upper-case placeholders).
    struct HelpOption: Sendable, CustomStringConvertible {
        var name: String
        var values: Int
        var description: String { "\(name)/\(values)" }
    }

    /// The options in `debdiff --help`: in each line whose first word starts with '-', the option column
    /// (up to the first run of two spaces), split at commas and spaces; all-capital words (FROM, TO, PATTERN) are placeholders.
    static func helpOptions(_ help: String) -> [HelpOption] {
        var options: [HelpOption] = []
        for line in help.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-") else { continue }
            let column = trimmed.range(of: "  ").map { trimmed[..<$0.lowerBound] } ?? trimmed
            for item in column.split(separator: ",") {
                let words = item.split(separator: " ")
                guard let first = words.first, first.hasPrefix("-") else { continue }
                let placeholders = words.dropFirst().filter { $0.allSatisfy { $0.isUppercase } }
                options.append(HelpOption(name: String(first), values: placeholders.count))
            }
        }
        return options
    }

    static let options: [HelpOption] = {
        guard hasOracle, let help = try? runCommand("debdiff", ["--help"]) else { return [] }
        return helpOptions(help.stdout)
    }()

    @Test(.enabled(if: hasOracle)) func theHelpTextIsRead() {
        let names = Set(Self.options.map(\.name))
        // A sample of what devscripts 2.23.4 lists, so a parser that finds nothing fails here.
        for name in ["--no-conf", "--noconf", "-h", "--move", "-m", "--controlfiles", "--wp", "--wl", "--wt",
                     "--renamed", "--exclude", "-w", "--no-apply-patches"] {
            #expect(names.contains(name), "\(name) not found in debdiff --help")
        }
        #expect(Self.options.first { $0.name == "--move" }?.values == 2)
        #expect(Self.options.first { $0.name == "--controlfiles" }?.values == 1)
        #expect(Self.options.count >= 35)
    }

    /// Values for an option's placeholders that mean something on the dwhello pair.
    static func values(for option: HelpOption) -> [String] {
        switch option.name {
        case "--move", "-m", "--move-regex": return ["/usr/bin", "/usr/sbin"]
        case "--renamed": return ["dwhello", "dwhello2"]
        case "--controlfiles": return ["control,postinst"]
        case "--exclude": return ["changelog"]
        default: return Array(repeating: "x", count: option.values)
        }
    }

    @Test(.enabled(if: hasOracle)) func everyHelpOptionIsAcceptedWithDevscriptsMeaning() throws {
        let pair = [Self.p("dwhello_1.0-1_amd64.deb"), Self.p("dwhello_1.1-1_amd64.deb")]
        let environment = ["HOME": "/nonexistent", "TERM": "xterm", "LC_ALL": "C"]
        var compared = 0
        for option in Self.options {
            let arguments = [option.name] + Self.values(for: option)
            let mine = try runCommand(Fixtures.debworkBinary, ["debdiff"] + arguments + pair,
                                      environment: environment.merging(["XDG_CACHE_HOME": "/nonexistent"]) { $1 })
            #expect(!mine.stderr.contains("unrecognised"), "\(option): \(mine.stderr)")
            switch option.name {
            case "--help", "-h", "--version", "-v":
                #expect(mine.status == 0, "\(option)")
                #expect(!mine.stdout.isEmpty, "\(option)")
            default:
                // --no-conf must come first, and is then the same as giving nothing.
                let devscriptsArguments = option.name.hasPrefix("--no") && option.name.hasSuffix("conf")
                    ? arguments : ["--no-conf"] + arguments
                let theirs = try runCommand("debdiff", devscriptsArguments + pair, environment: environment)
                #expect(mine.status == theirs.status, "\(option): \(mine.stderr)")
                #expect(mine.stdout == theirs.stdout, "\(option)")
                compared += 1
            }
        }
        #expect(compared >= 30)
    }
}
