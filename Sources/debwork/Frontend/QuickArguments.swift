/// The quick lane of argument parsing: the common shapes of a read-only call's arguments, read without
/// ArgumentParser.
///
/// ArgumentParser builds a command's arguments by reflection (a `Mirror` over the command, a protocol-conformance
/// search per property wrapper type, metadata built from mangled names): 10.2 M of the 34.4 M instructions of
/// `search --path fstab` on bookworm's index (docs/BENCHMARKS.md, "Eleventh session"). The quick lane reads only
/// what it is sure of, as ArgumentParser would read it, and declines the rest:
///
/// - `--name`, `--name value`, `--name=value` and the exact short names a call declares (`-J`, `-l value`);
/// - one use of each flag or single-valued option, any number of a repeatable option's;
/// - at most the call's number of positional arguments, anywhere between the options.
///
/// It declines (nil) anything else that starts with `-` (unknown or combined short options, `--`, `-lDEBUG`, a
/// value that starts with `-`), a flag given a value, an option without one, an empty `=` value, and a name used
/// twice. A declined call goes through ArgumentParser, which parses it or reports the error in its own words; the
/// quick lane never reports one. `DEBWORK_ARGUMENTS=full` turns the lane off, and `=quick` makes a declined call
/// an error: how `QuickArgumentsTests` compares the two parsers' output on the same arguments.
struct QuickArguments {
    /// An option as the call declares it to ArgumentParser.
    struct Option {
        enum Kind { case flag, single, repeatable }
        /// Every spelling: `--path`, `-J`.
        var names: [String]
        var kind: Kind
        /// The name the values are kept under (the first spelling).
        var key: String { names[0] }
    }

    /// The flags given, by key.
    private(set) var flags: Set<String> = []
    /// The values of the options given, by key, in order.
    private(set) var values: [String: [String]] = [:]
    private(set) var positionals: [String] = []

    /// Reads `arguments` against `options`; nil when it declines.
    init?(_ arguments: ArraySlice<String>, options: [Option], positionals maximum: Int) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("-") else {
                guard positionals.count < maximum else { return nil }
                positionals.append(argument)
                continue
            }
            let (name, attached) = Self.split(argument)
            guard let option = options.first(where: { $0.names.contains(name) }) else { return nil }
            let used = flags.contains(option.key) || values[option.key] != nil
            if used && option.kind != .repeatable { return nil }
            switch option.kind {
            case .flag:
                guard attached == nil else { return nil }
                flags.insert(option.key)
            case .single, .repeatable:
                let value: String
                if let attached {
                    guard !attached.isEmpty else { return nil }
                    value = attached
                } else {
                    guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
                    value = next
                }
                values[option.key, default: []].append(value)
            }
        }
    }

    /// `--name=value` as (`--name`, `value`); anything else as itself and nil (a short name's joined forms, `-lDEBUG`
    /// and `-l=DEBUG`, then match no option and are declined).
    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    func flag(_ key: String) -> Bool { flags.contains(key) }

    /// The value of a single-valued option, nil when not given.
    func value(_ key: String) -> String? { values[key]?.last }

    /// Every value of an option (a single-valued one has at most one), each converted by `convert`; nil when one does
    /// not convert.
    func values<Value>(_ key: String, _ convert: (String) -> Value?) -> [Value]? {
        var converted: [Value] = []
        for value in values[key] ?? [] {
            guard let value = convert(value) else { return nil }
            converted.append(value)
        }
        return converted
    }

    /// Whether the quick lane may run (`DEBWORK_ARGUMENTS` is not `full`), and whether a declined call is an error
    /// (`quick`).
    enum Mode {
        case off, on, required

        static var current: Mode {
            switch Environment.get("DEBWORK_ARGUMENTS") {
            case "full": .off
            case "quick": .required
            default: .on
            }
        }
    }
}
