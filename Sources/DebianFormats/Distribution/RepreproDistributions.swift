/// reprepro's `conf/distributions`: one stanza per distribution the repository is configured to hold,
/// exported (`dists/<Codename>/`) or not yet.
///
/// The file is deb822-like (reprepro's own reader): stanzas separated by blank lines, `Field: value`,
/// continuation lines start with a space or tab, lines starting with `#` are comments. reprepro also accepts
/// `!include: FILE`; debwork never follows it (the file it names could be anywhere) and says so.
///
/// Every value that becomes a folder name or an APT line is checked with Debian's grammars
/// (``ControlNames``): a stanza that fails is left out with a warning naming the line, the others are kept.
public struct RepreproDistributions: Sendable, Hashable {
    /// One `Codename:` stanza.
    public struct Stanza: Sendable, Hashable {
        /// `Codename`: the folder under `dists/` and the name APT uses.
        public var codename: String
        /// `Suite` (reprepro links `dists/<Suite>` to the codename when they differ).
        public var suite: String?
        public var label: String?
        public var origin: String?
        public var description: String?
        public var version: String?
        /// `Components`, in the file's order.
        public var components: [String]
        /// `UDebComponents`: the components that also hold `.udeb` indices.
        public var udebComponents: [String]
        /// `Architectures` without `source` (see ``hasSources``).
        public var architectures: [String]
        /// Whether `Architectures` lists `source`.
        public var hasSources: Bool
        /// `NotAutomatic: yes`.
        public var notAutomatic: Bool
        /// `ButAutomaticUpgrades: yes`.
        public var butAutomaticUpgrades: Bool
        /// The stanza's first line in the file.
        public var line: Int
    }

    public var stanzas: [Stanza]
    /// Stanzas left out and directives not followed, each naming its line.
    public var warnings: [String]

    /// Parses the text of one `conf/distributions` file (or one `conf/distributions/*.conf`).
    /// - Throws: ``Deb822Error`` when the text is not deb822 at all (the whole file is then unusable).
    public static func parse(_ text: String, file: String) throws(Deb822Error) -> RepreproDistributions {
        parse(try Deb822Document.parse(text, file: file), file: file)
    }

    /// The stanzas of an already parsed document (see ``parse(_:file:)-(String,_)``).
    public static func parse(_ document: Deb822Document, file: String) -> RepreproDistributions {
        var result = RepreproDistributions(stanzas: [], warnings: [])
        var seen: Set<String> = []
        for paragraph in document.paragraphs {
            if paragraph.fields.contains(where: { $0.name.hasPrefix("!") }) {
                result.warnings.append("line \(paragraph.line): '!include' is not followed (it may name any file); the stanza's other fields are read")
            }
            do throws(FieldError) {
                let stanza = try Self.stanza(paragraph, file: file)
                guard seen.insert(stanza.codename).inserted else {
                    result.warnings.append("line \(paragraph.line): Codename '\(stanza.codename)' configured twice; the first is used")
                    continue
                }
                result.stanzas.append(stanza)
            } catch {
                result.warnings.append("line \(paragraph.line): field '\(error.field)': \(error.reason); stanza left out")
            }
        }
        return result
    }

    static func stanza(_ paragraph: Deb822Paragraph, file: String) throws(FieldError) -> Stanza {
        guard let codename = paragraph["Codename"] else {
            throw FieldError(file: file, field: "Codename", reason: "no Codename field")
        }
        try ControlNames.checkDistributionName(codename, field: "Codename", file: file)
        let suite = paragraph["Suite"]
        if let suite { try ControlNames.checkDistributionName(suite, field: "Suite", file: file) }
        let components = words(paragraph["Components"])
        for component in components { try ControlNames.checkComponent(component, file: file) }
        let udebComponents = words(paragraph["UDebComponents"])
        for component in udebComponents { try ControlNames.checkComponent(component, field: "UDebComponents", file: file) }
        let listed = words(paragraph["Architectures"])
        for architecture in listed where architecture != "source" {
            try ControlNames.checkArchitecture(architecture, field: "Architectures", file: file)
        }
        for name in ["Label", "Origin", "Description", "Version"] {
            if let value = paragraph[name], value.unicodeScalars.contains(where: Printable.needsEscape) {
                throw FieldError(file: file, field: name, reason: "'\(Printable.escaped(value))' holds control characters")
            }
        }
        return Stanza(
            codename: codename, suite: suite, label: paragraph["Label"], origin: paragraph["Origin"],
            description: paragraph["Description"], version: paragraph["Version"], components: components,
            udebComponents: udebComponents, architectures: listed.filter { $0 != "source" },
            hasSources: listed.contains("source"), notAutomatic: yes(paragraph["NotAutomatic"]),
            butAutomaticUpgrades: yes(paragraph["ButAutomaticUpgrades"]), line: paragraph.line)
    }

    /// The words of a field value (space, tab or line separated), as reprepro splits its lists.
    public static func words(_ value: String?) -> [String] {
        (value ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    static func yes(_ value: String?) -> Bool {
        value?.lowercased() == "yes"
    }
}
