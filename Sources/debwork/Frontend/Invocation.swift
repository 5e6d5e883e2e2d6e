/// How debwork was invoked, read before ArgumentParser sees the arguments: mini-buildd-api's synopsis
/// `[-J] [-l LEVEL]… [--auto-confirm] [--auto-save-passwords] [--script-mode] <call> [ENDPOINT] [call options]`
/// becomes debwork's `<call> [global options] [call options]`.
///
/// - Global options before the call name are moved after it (they are accepted there too, as before).
/// - An ENDPOINT right after the call name (`http(s)://[user@]host[:port]`, `file://PATH`, or a path: anything
///   with a `/`, which no source name, version or distribution has) is taken out: a URL names the instance
///   (`--host`/`--http-port` for the calls that print it), a path the index (`--index`). With an ENDPOINT, or
///   when the program is run as `debwork-api`, output takes the mini-buildd-api form (``OutputForm/api``).
/// - An unknown call is an error naming the nearest known one (exit 64), not the help with exit 0.
struct Invocation {
    /// The arguments for ArgumentParser (without the program name).
    var arguments: [String]
    var form: OutputForm
    /// Why the arguments cannot be run, with the exit status.
    var failure: (message: String, status: Int32)?

    /// Every call name, and the ones that take the instance options (`--host`, `--http-port`).
    static let calls = [
        "index", "status", "ls", "show", "search", "sources_list", "dput_conf", "debdiff", "port", "port_ext",
        "port_plan", "test_packages", "keyring_packages", "pub_key", "vercmp", "migrate", "remove", "snapshot_ls",
        "snapshot_create", "snapshot_delete", "snapshot_diff", "check",
    ]
    static let instanceCalls: Set<String> = ["status", "dput_conf", "sources_list", "keyring_packages", "test_packages"]
    /// Global flags without a value, and options that take one.
    static let globalFlags: Set<String> = ["-J", "--json", "--auto-confirm", "--auto-save-passwords", "--script-mode"]
    static let globalOptions: Set<String> = ["-l", "--log-level", "--index"]

    init(_ argv: [String]) {
        let program = argv.first.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "debwork"
        form = program == "debwork-api" ? .api : .debwork
        var rest = Array(argv.dropFirst())
        var globals: [String] = []
        // Leading global options (mini-buildd-api puts them before the call).
        while let first = rest.first, first.hasPrefix("-") {
            if Self.globalFlags.contains(first) {
                globals.append(rest.removeFirst())
            } else if Self.globalOptions.contains(first), rest.count >= 2 {
                globals += [rest.removeFirst(), rest.removeFirst()]
            } else if let equals = first.firstIndex(of: "="), Self.globalOptions.contains(String(first[..<equals])) {
                globals.append(rest.removeFirst())
            } else if first.hasPrefix("-l"), first.count > 2 {
                globals += ["-l", String(rest.removeFirst().dropFirst(2))]
            } else {
                break // --help, --version, or something ArgumentParser reports
            }
        }
        guard let call = rest.first, !call.hasPrefix("-") else {
            arguments = globals + rest
            return
        }
        guard Self.calls.contains(call) || call == "help" else {
            arguments = []
            let hint = Self.nearest(to: call).map { " (did you mean '\($0)'?)" } ?? ""
            failure = ("unknown call '\(call)'\(hint); 'debwork --help' lists them", 64)
            return
        }
        rest.removeFirst()
        var endpointOptions: [String] = []
        if let candidate = rest.first, call != "help", let endpoint = Endpoint(candidate, call: call) {
            rest.removeFirst()
            form = .api
            switch endpoint {
            case .instance(let host, let port):
                if Self.instanceCalls.contains(call) {
                    endpointOptions = ["--host", host] + (port.map { ["--http-port", String($0)] } ?? [])
                }
            case .index(let path):
                endpointOptions = ["--index", path]
            }
        }
        arguments = [call] + globals + endpointOptions + rest
    }

    /// The known call closest to `word` (edit distance ≤ 3), for the unknown-call message.
    static func nearest(to word: String) -> String? {
        let scored = calls.map { ($0, distance(Array(word.utf8), Array($0.utf8))) }.min { $0.1 < $1.1 }
        guard let (name, score) = scored, score <= 3 else { return nil }
        return name
    }

    /// Levenshtein distance.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// mini-buildd-api's ENDPOINT, as debwork reads it offline.
enum Endpoint: Equatable {
    /// `http(s)://[user@]host[:port]`: the instance whose identity, host and ports the calls print.
    case instance(host: String, port: Int?)
    /// A path or `file://` URL: the index file.
    case index(String)

    init?(_ text: String, call: String) {
        if text.hasPrefix("http://") || text.hasPrefix("https://") {
            let rest = text.drop { $0 != "/" }.dropFirst(2)
            var authority = rest.prefix { $0 != "/" }
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]) {
                self = .instance(host: String(authority[..<colon]), port: port)
            } else {
                self = .instance(host: String(authority), port: nil)
            }
            return
        }
        // These calls' first word is itself a file, a version or a snapshot path: an ENDPOINT there must be an
        // http(s) URL.
        guard !["debdiff", "port_ext", "index", "vercmp", "snapshot_diff", "check"].contains(call) else { return nil }
        if text.hasPrefix("file://") {
            self = .index(String(text.dropFirst("file://".count)))
            return
        }
        // A path: no source name, distribution or option value that comes first in the other calls has a '/'. An
        // option is never an ENDPOINT (`search --index=/srv/x.sqlite dw`).
        guard text.contains("/"), !text.hasPrefix("-") else { return nil }
        self = .index(text)
    }
}

/// Which output a call prints: debwork's own (readable tables, `-J` JSON), or exactly what `mini-buildd-api`
/// prints (dict and list results as Python's `json.dumps(indent=2)`, str results raw; `-J` quotes those).
enum OutputForm: Sendable {
    case debwork, api

    /// Set once in `main` before any call runs.
    nonisolated(unsafe) static var current: OutputForm = .debwork
}
