import DebianFormats
import JSONOutput

/// What the index forms of `debdiff --dry-run` found: the two .dsc files, or with `--binaries` the .debs of each
/// version (printed as the `--from … --to …` arguments that would compare them).
public enum LocatedPackages: Sendable, Equatable, CallOutput {
    case sources(old: String, new: String)
    case binaries(from: [String], to: [String])

    /// A path per line (`--from`/`--to` between the binaries' lists).
    public func renderText() -> HumanText {
        switch self {
        case .sources(let old, let new):
            .text("\(Printable.escaped(old))\n\(Printable.escaped(new))\n")
        case .binaries(let from, let to):
            .text((["--from"] + from + ["--to"] + to).map(Printable.escaped).joined(separator: "\n") + "\n")
        }
    }

    /// `{"schema": 1, "old", "new"}`, or `{"schema": 1, "from": […], "to": […]}`.
    public func renderJSON() -> JSONValue {
        switch self {
        case .sources(let old, let new):
            JSONValue.object([("old", .string(old)), ("new", .string(new))]).versioned()
        case .binaries(let from, let to):
            JSONValue.object([("from", .array(from.map(JSONValue.string))), ("to", .array(to.map(JSONValue.string)))]).versioned()
        }
    }
}
