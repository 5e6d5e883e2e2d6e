import DebianFormats

/// An upload: a `.changes` file and the files it names (mini-buildd's "events").
public struct Upload: Sendable {
    public struct ListedFile: Sendable, Hashable {
        public var name: String
        public var size: Int64
        public var md5: String?
        public var sha1: String?
        public var sha256: String?
        public var section: String?
        public var priority: String?
    }

    public var fields: Deb822Paragraph
    public var text: String
    public var isSigned: Bool
    public var files: [ListedFile]

    public var source: String { fields["Source"] ?? "" }
    public var version: String { fields["Version"] ?? "" }
    public var distribution: String { fields["Distribution"] ?? "" }
    /// The `Changes` field decoded: the leading space of each line dropped, ` .` lines made empty.
    public var changesText: String {
        guard let value = fields["Changes"] else { return "" }
        return value.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let body = line.hasPrefix(" ") ? line.dropFirst() : line[...]
            return body == "." ? "" : String(body)
        }.joined(separator: "\n")
    }
}

/// Reads a `.changes` file and checks the files it names.
public struct ChangesReader: Sendable {
    public init() {}

    /// - Throws: ``ArtifactError``: malformed fields, a named file missing, a size or checksum mismatch.
    public func read(path: String) throws(ArtifactError) -> Upload {
        let control = try ControlFile.read(path: path, kind: "changes file")
        let fields = control.paragraph
        for required in ["Format", "Source", "Version", "Distribution", "Files"] where !fields.contains(required) {
            throw ArtifactError(file: path, reason: "missing required field '\(required)'")
        }
        try ControlIdentity.checkUpload(fields, file: path)
        let files = try ListedFiles.verify(fields, file: path, directory: FileSystem.directory(of: path), changesFiles: true)
        return Upload(
            fields: fields, text: control.text, isSigned: control.isSigned,
            files: files.map {
                Upload.ListedFile(name: $0.name, size: $0.size, md5: $0.md5, sha1: $0.sha1, sha256: $0.sha256,
                                  section: $0.section, priority: $0.priority)
            })
    }
}
