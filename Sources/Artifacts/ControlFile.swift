import DebianFormats
import Digest

/// A single-paragraph control file read from disk (.dsc, .changes), signature wrapper stripped.
struct ControlFile {
    var paragraph: Deb822Paragraph
    var text: String
    var isSigned: Bool

    static func read(path: String, kind: String) throws(ArtifactError) -> ControlFile {
        let bytes = try FileSystem.read(path, maximumSize: 64 << 20)
        let document: Deb822Document
        do {
            document = try Deb822Document.parse(bytes: bytes, file: path)
        } catch {
            throw ArtifactError(file: path, error)
        }
        guard let paragraph = document.paragraphs.first else {
            throw ArtifactError(file: path, reason: "empty \(kind)")
        }
        return ControlFile(paragraph: paragraph, text: String(decoding: bytes, as: UTF8.self), isSigned: document.isSigned)
    }
}

/// The values of a control file that become file names or paths, checked against policy's grammar before
/// anything uses them (``ControlNames``): a `Source: ../x` or `Version: 1/../../2` is an error naming the file.
enum ControlIdentity {
    /// A `.dsc`: `Source`, `Version`, `Binary`, `Architecture`.
    static func checkSource(_ paragraph: Deb822Paragraph, file: String) throws(ArtifactError) {
        try check(file) { () throws(FieldError) in
            try ControlNames.checkPackage(paragraph["Source"] ?? "", field: "Source", file: file)
            try ControlNames.checkVersion(paragraph["Version"] ?? "", file: file)
            if let binary = paragraph["Binary"] { try ControlNames.checkPackageList(binary, field: "Binary", file: file) }
            if let architecture = paragraph["Architecture"] { try ControlNames.checkArchitectures(architecture, file: file) }
        }
    }

    /// A `.changes`: `Source` (optionally `name (version)`), `Version`, `Binary`, `Architecture`, and each
    /// `Distribution` word as a plain name.
    static func checkUpload(_ paragraph: Deb822Paragraph, file: String) throws(ArtifactError) {
        try check(file) { () throws(FieldError) in
            try checkSourceField(paragraph["Source"] ?? "", file: file)
            try ControlNames.checkVersion(paragraph["Version"] ?? "", file: file)
            if let binary = paragraph["Binary"] {
                for word in binary.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }) {
                    try ControlNames.checkPackage(String(word), field: "Binary", file: file)
                }
            }
            if let architecture = paragraph["Architecture"] { try ControlNames.checkArchitectures(architecture, file: file) }
            for word in (paragraph["Distribution"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                guard ControlNames.isPlainComponent(String(word)) else {
                    throw FieldError(file: file, field: "Distribution", reason: "'\(Printable.escaped(String(word)))' is not a distribution name")
                }
            }
        }
    }

    /// A binary package's control file: `Package`, `Version`, `Architecture`, `Source`.
    static func checkBinary(_ paragraph: Deb822Paragraph, file: String) throws(ArtifactError) {
        try check(file) { () throws(FieldError) in
            try ControlNames.checkPackage(paragraph["Package"] ?? "", field: "Package", file: file)
            try ControlNames.checkVersion(paragraph["Version"] ?? "", file: file)
            try ControlNames.checkArchitecture(paragraph["Architecture"] ?? "", file: file)
            if let source = paragraph["Source"] { try checkSourceField(source, file: file) }
        }
    }

    /// `name` or `name (version)` (binNMUs and binaries whose version differs from their source's).
    private static func checkSourceField(_ value: String, file: String) throws(FieldError) {
        let words = value.split(separator: " ", maxSplits: 1)
        try ControlNames.checkPackage(words.first.map(String.init) ?? "", field: "Source", file: file)
        if words.count == 2 {
            let rest = words[1]
            guard rest.hasPrefix("("), rest.hasSuffix(")") else {
                throw FieldError(file: file, field: "Source", reason: "'\(Printable.escaped(value))' is not 'name (version)'")
            }
            try ControlNames.checkVersion(String(rest.dropFirst().dropLast()), field: "Source", file: file)
        }
    }

    private static func check(_ file: String, _ body: () throws(FieldError) -> Void) throws(ArtifactError) {
        do { try body() } catch { throw ArtifactError(file: file, error) }
    }
}

/// The files a .dsc or .changes lists, checked against the disk.
enum ListedFiles {
    struct Verified: Sendable, Hashable {
        var name: String
        var size: Int64
        var md5: String?
        var sha1: String?
        var sha256: String?
        var section: String?
        var priority: String?
    }

    /// Parses the checksum fields and checks that every named file exists next to the control file
    /// with the declared size and every declared digest.
    static func verify(_ paragraph: Deb822Paragraph, file: String, directory: String, changesFiles: Bool,
                       requirePresent: Bool = true) throws(ArtifactError) -> [Verified] {
        let fields: [ChecksumAlgorithm: [ChecksumEntry]]
        do {
            fields = try ChecksumField.parse(paragraph, file: file, changesFiles: changesFiles)
        } catch {
            throw ArtifactError(file: file, error)
        }
        var byName: [String: Verified] = [:]
        var order: [String] = []
        for algorithm in [ChecksumAlgorithm.md5, .sha1, .sha256] {
            for entry in fields[algorithm] ?? [] {
                do { try ControlNames.checkFileName(entry.name, field: algorithm.dscField, file: file) } catch {
                    throw ArtifactError(file: file, error)
                }
                var verified = byName[entry.name] ?? Verified(name: entry.name, size: entry.size)
                if byName[entry.name] == nil { order.append(entry.name) }
                if verified.size != entry.size {
                    throw ArtifactError(file: file, reason: "'\(entry.name)' is listed with sizes \(verified.size) and \(entry.size)")
                }
                switch algorithm {
                case .md5: verified.md5 = entry.hash.lowercased(); verified.section = entry.section; verified.priority = entry.priority
                case .sha1: verified.sha1 = entry.hash.lowercased()
                case .sha256: verified.sha256 = entry.hash.lowercased()
                default: break
                }
                byName[entry.name] = verified
            }
        }
        var result: [Verified] = []
        for name in order {
            guard let listed = byName[name] else { continue }
            let path = FileSystem.join(directory, name)
            guard let status = FileSystem.status(path) else {
                if requirePresent { throw ArtifactError(file: file, reason: "listed file '\(name)' is missing") }
                result.append(listed)
                continue
            }
            guard status.size == listed.size else {
                throw ArtifactError(file: file, reason: "size mismatch for '\(name)': listed \(listed.size), found \(status.size)")
            }
            let digest: FileDigest
            do {
                digest = try FileDigest.compute(path: path)
            } catch {
                throw ArtifactError(file: file, underlying: error)
            }
            for (algorithm, expected) in [(DigestAlgorithm.md5, listed.md5), (.sha1, listed.sha1), (.sha256, listed.sha256)] {
                if let expected, digest[algorithm] != expected {
                    throw ArtifactError(file: file, reason: "\(algorithm.rawValue) mismatch for '\(name)': listed \(expected), found \(digest[algorithm] ?? "?")")
                }
            }
            result.append(listed)
        }
        return result
    }
}
