import Artifacts
import Digest
import Foundation

/// One line per regular file (`f path size sha256 [x|-]`) and symlink (`l path -> target`), for comparing a
/// tree dpkg-source extracted with the tree debwork lists. `.pc/` (quilt's state) is left out.
enum TreeListing {
    /// The tree under `directory` on disk.
    static func onDisk(_ directory: String, modes: Bool) throws -> [String] {
        var lines: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasPrefix(".pc") { continue }
            let full = directory + "/" + relative
            let attributes = try FileManager.default.attributesOfItem(atPath: full)
            let type = attributes[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                lines.append("l \(relative) -> \(try FileManager.default.destinationOfSymbolicLink(atPath: full))")
            } else if type == .typeRegular {
                let digest = try FileDigest.compute(path: full, algorithms: [.sha256])
                let executable = ((attributes[.posixPermissions] as? Int ?? 0) & 0o100) != 0
                lines.append("f \(relative) \(digest.size) \(digest[.sha256] ?? "")" + (modes ? (executable ? " x" : " -") : ""))
            }
        }
        return lines.sorted()
    }

    /// The tree of a read source package.
    static func of(_ package: SourcePackage, modes: Bool) -> [String] {
        package.tree.compactMap { entry -> String? in
            switch entry.type {
            case .symlink: return "l \(entry.path) -> \(entry.linkTarget ?? "")"
            case .regular:
                return "f \(entry.path) \(entry.size) \(entry.sha256 ?? "")" + (modes ? (entry.mode & 0o100 != 0 ? " x" : " -") : "")
            default: return nil
            }
        }.sorted()
    }
}
