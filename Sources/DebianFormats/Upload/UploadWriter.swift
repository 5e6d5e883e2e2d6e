/// Writes the .dsc and source-only .changes of an upload the way dpkg-source and dpkg-genchanges do.
public enum UploadWriter {
    /// The .dsc of a rebuilt source package: `original`'s fields in their order (a signature already
    /// stripped by the parser), `Version` replaced, and the checksum fields (`Checksums-Sha1`,
    /// `Checksums-Sha256`, `Files`) listing `files` in the given order; other `Checksums-*` fields dropped.
    public static func dsc(from original: Deb822Paragraph, version: String, files: [UploadFile]) -> String {
        var paragraph = Deb822Paragraph()
        for field in original.fields {
            let name = field.name
            if Deb822Text.equalIgnoringASCIICase(name, "Version") {
                paragraph.fields.append(Deb822Field(name: name, value: version, line: 0))
            } else if Deb822Text.equalIgnoringASCIICase(name, "Checksums-Sha1") {
                paragraph.fields.append(Deb822Field(name: "Checksums-Sha1", value: lines(files) { "\($0.sha1) \($0.size) \($0.name)" }, line: 0))
            } else if Deb822Text.equalIgnoringASCIICase(name, "Checksums-Sha256") {
                paragraph.fields.append(Deb822Field(name: "Checksums-Sha256", value: lines(files) { "\($0.sha256) \($0.size) \($0.name)" }, line: 0))
            } else if Deb822Text.equalIgnoringASCIICase(name, "Files") {
                paragraph.fields.append(Deb822Field(name: "Files", value: lines(files) { "\($0.md5) \($0.size) \($0.name)" }, line: 0))
            } else if name.lowercased().hasPrefix("checksums-") {
                continue
            } else {
                paragraph.fields.append(field)
            }
        }
        return paragraph.text
    }

    /// What a source-only `.changes` (`dpkg-genchanges -S`) needs beyond the files.
    public struct SourceChanges: Sendable {
        public var source: String
        public var version: String
        public var distribution: String
        public var urgency: String
        /// `Date`: the top changelog block's trailer date.
        public var date: String
        /// `Maintainer` of the source stanza (the .dsc's).
        public var maintainer: String
        /// `Changed-By`: the top changelog block's author.
        public var changedBy: String
        /// The changelog blocks the upload covers, newest first (`-v` semantics: `Changelog.entries(since:)`).
        public var entries: [ChangelogEntry]
        /// Section and priority of the source stanza (`Files` lines).
        public var section: String
        public var priority: String
        /// Extra fields appended after `Files`, in order (dpkg-genchanges `-D`).
        public var extraFields: [(name: String, value: String)]

        public init(source: String, version: String, distribution: String, urgency: String, date: String,
                    maintainer: String, changedBy: String, entries: [ChangelogEntry], section: String,
                    priority: String, extraFields: [(name: String, value: String)] = []) {
            self.source = source
            self.version = version
            self.distribution = distribution
            self.urgency = urgency
            self.date = date
            self.maintainer = maintainer
            self.changedBy = changedBy
            self.entries = entries
            self.section = section
            self.priority = priority
            self.extraFields = extraFields
        }
    }

    /// A source-only `.changes` (`Format: 1.8`) listing `files` in the given order (the .dsc first).
    public static func changes(_ upload: SourceChanges, files: [UploadFile]) -> String {
        var paragraph = Deb822Paragraph()
        func add(_ name: String, _ value: String) { paragraph.fields.append(Deb822Field(name: name, value: value, line: 0)) }
        add("Format", "1.8")
        add("Date", upload.date)
        add("Source", upload.source)
        add("Architecture", "source")
        add("Version", upload.version)
        add("Distribution", upload.distribution)
        add("Urgency", upload.urgency)
        add("Maintainer", upload.maintainer)
        add("Changed-By", upload.changedBy)
        let closes = Set(upload.entries.flatMap(\.closes)).sorted()
        if !closes.isEmpty { add("Closes", closes.map(String.init).joined(separator: " ")) }
        add("Changes", changesField(upload.entries))
        add("Checksums-Sha1", lines(files) { "\($0.sha1) \($0.size) \($0.name)" })
        add("Checksums-Sha256", lines(files) { "\($0.sha256) \($0.size) \($0.name)" })
        add("Files", lines(files) { "\($0.md5) \($0.size) \(upload.section) \(upload.priority) \($0.name)" })
        for field in upload.extraFields { add(field.name, field.value) }
        return paragraph.text
    }

    /// The `Changes` field value: each block's header, a blank line and its body, blocks separated by a
    /// blank line; every line indented one space and blank lines written as ` .`.
    static func changesField(_ entries: [ChangelogEntry]) -> String {
        let text = entries.map { entry in
            entry.header.isEmpty ? entry.render().split(separator: "\n", maxSplits: 1).first.map(String.init) ?? "" : entry.header
        }
        var lines: [String] = []
        for (index, entry) in entries.enumerated() {
            if index > 0 { lines.append("") }
            lines.append(text[index])
            lines.append("")
            lines += entry.changes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        while lines.last == "" { lines.removeLast() }
        return "\n" + lines.map { $0.isEmpty ? " ." : " " + $0 }.joined(separator: "\n")
    }

    private static func lines(_ files: [UploadFile], _ format: (UploadFile) -> String) -> String {
        "\n" + files.map { " " + format($0) }.joined(separator: "\n")
    }
}
