import Diff

/// `--wp`, `--wl`, `--wt` (or `DEBDIFF_WDIFF_OPT=-p|-l|-t`): the wdiff option debdiff passes along with `-n`
/// when it compares control files. With one of them debdiff prints wdiff's whole output under
/// "… files: wdiff output" instead of the lines holding `[-`/`{+`.
public enum WdiffMode: String, Sendable, Hashable {
    /// `-p`: overstrike as for printers.
    case printer = "p"
    /// `-l`: printer mode for `less` (white space inside a change overstruck too).
    case less = "l"
    /// `-t`: the terminal's underline and standout strings (termcap `us`/`ue`, `so`/`se`).
    case terminal = "t"

    /// The command-line option (`--wp`, `--wl`, `--wt`) or the configuration value (`-p`, `-l`, `-t`).
    public init?(option: String) {
        switch option {
        case "--wp", "-p": self = .printer
        case "--wl", "-l": self = .less
        case "--wt", "-t": self = .terminal
        default: return nil
        }
    }

    /// The control sequences this mode writes itself (backspace, the terminal's strings), which a
    /// terminal may receive as they are while the packages' own control characters are escaped.
    public func emphasisSequences(_ environment: TerminalEnvironment) -> [[UInt8]] {
        guard case .success(let style) = style(environment) else { return [] }
        return [style.terminalDeleteStart, style.terminalDeleteEnd, style.terminalInsertStart, style.terminalInsertEnd]
            .compactMap { $0 }.filter { !$0.isEmpty } + (style.overstrike ? [[0x08]] : [])
    }

    /// How wdiff would mark changes, or the message it fails with (`-t` without a usable `TERM`).
    func style(_ environment: TerminalEnvironment) -> Result<WordDiffStyle, WdiffFailure> {
        switch self {
        case .printer: return .success(.printer)
        case .less: return .success(.less)
        case .terminal:
            guard let term = environment.term else {
                return .failure(WdiffFailure(message: "wdiff: select a terminal through the TERM environment variable"))
            }
            guard let entry = Terminfo.load(name: term, environment: environment) else {
                return .failure(WdiffFailure(message: "wdiff: terminal type `\(term)' is not defined"))
            }
            return .success(.terminal(
                underline: (entry.string(.enterUnderlineMode), entry.string(.exitUnderlineMode)),
                standout: (entry.string(.enterStandoutMode), entry.string(.exitStandoutMode))))
        }
    }
}

/// What wdiff prints on stderr when it cannot start (debdiff copies it to stdout and warns "wdiff failed").
struct WdiffFailure: Error, Sendable {
    var message: String
}

/// The environment wdiff's `-t` reads: `TERM` and where ncurses looks for its description.
public struct TerminalEnvironment: Sendable, Hashable {
    public var term: String?
    public var terminfo: String?
    public var terminfoDirs: String?
    public var home: String?

    public init(term: String? = nil, terminfo: String? = nil, terminfoDirs: String? = nil, home: String? = nil) {
        self.term = term
        self.terminfo = terminfo
        self.terminfoDirs = terminfoDirs
        self.home = home
    }
}
