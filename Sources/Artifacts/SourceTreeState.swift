import LibArchive

/// The paths of a tree being unpacked, with what the checks need (type, link target, mtime, mode):
/// kept by ``SourceUnpacker`` whatever the sink stores.
struct SourceTreeState {
    struct Node {
        var type: ArchiveEntry.FileType
        var linkTarget: String?
        var mtime: Int64
        var permissions: UInt32
    }

    private(set) var nodes: [String: Node] = [:]
    /// Whether any path is a symlink (most trees: none, and then no member needs its parents looked up).
    private(set) var hasSymlinks = false
    /// Directories implied by deeper paths, built when first asked for and kept up to date by ``add``.
    private var directories: Set<String> = []
    private var directoriesBuilt = false

    mutating func add(_ path: String, type: ArchiveEntry.FileType, linkTarget: String?, mtime: Int64, permissions: UInt32) {
        nodes[path] = Node(type: type, linkTarget: linkTarget, mtime: mtime, permissions: permissions)
        if type == .symlink { hasSymlinks = true }
        if directoriesBuilt { Self.insertParents(of: path, into: &directories) }
    }

    mutating func remove(under directory: String) {
        for key in nodes.keys where key == directory || key.hasPrefix(directory + "/") { nodes[key] = nil }
        directories = []
        directoriesBuilt = false
    }

    private static func insertParents(of path: String, into set: inout Set<String>) {
        var current = Substring(path)
        while let slash = current.lastIndex(of: "/") {
            current = current[..<slash]
            if !set.insert(String(current)).inserted { break }
        }
    }

    /// Whether `path` exists (a member, or a directory implied by one).
    private mutating func exists(_ path: String) -> Bool {
        if nodes[path] != nil { return true }
        if !directoriesBuilt {
            for key in nodes.keys { Self.insertParents(of: key, into: &directories) }
            directoriesBuilt = true
        }
        return directories.contains(path)
    }

    /// Where `path` leads once symlinks inside the tree are followed.
    enum Resolution: Equatable {
        case inside(String)
        /// Out of the tree: the target as dpkg would print it.
        case outside(String)
        /// A loop or too many links (realpath's ELOOP).
        case loop
    }

    func resolve(_ path: String) -> Resolution {
        var pending = path.split(separator: "/").map(String.init)
        var done: [String] = []
        var hops = 0
        var lastTarget = path
        while !pending.isEmpty {
            let part = pending.removeFirst()
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if done.isEmpty { return .outside(lastTarget) }
                done.removeLast()
                continue
            }
            let candidate = (done + [part]).joined(separator: "/")
            guard let node = nodes[candidate], node.type == .symlink, let target = node.linkTarget else {
                done.append(part)
                continue
            }
            hops += 1
            if hops > 40 { return .loop }
            lastTarget = target
            if target.hasPrefix("/") {
                return .outside(([target] + pending).joined(separator: "/"))
            }
            pending = target.split(separator: "/").map(String.init) + pending
        }
        return .inside(done.joined(separator: "/"))
    }

    /// The regular file `path` leads to inside the tree (dpkg's `-f`), if any.
    func regularFile(_ path: String) -> String? {
        guard case .inside(let resolved) = resolve(path), nodes[resolved]?.type == .regular else { return nil }
        return resolved
    }

    /// `Dpkg::Path::check_directory_traversal` on `debian/`: no path under it may lead out of the tree.
    /// - Throws: ``ArtifactError`` naming the .dsc, in dpkg's words.
    func checkDebianTraversal(dsc: String) throws(ArtifactError) {
        for (path, node) in nodes where node.type == .symlink && (path == "debian" || path.hasPrefix("debian/")) {
            if node.linkTarget == "/dev/null" { continue }
            switch resolve(path) {
            case .inside: continue
            case .outside(let target):
                throw ArtifactError(file: dsc, reason: "pathname '\(path)' points outside source root (to '\(target)')")
            case .loop:
                throw ArtifactError(file: dsc, reason: "pathname '\(path)' cannot be canonicalized (too many levels of symbolic links)")
            }
        }
    }

    /// `Dpkg::Source::Patch::analyze` for one section: the file it patches (`-p1`), checked against the tree.
    /// - Throws: ``ArtifactError`` naming the patch: a file patched through a symlink, something patched
    ///   that is not a plain file.
    mutating func analyze(_ section: PatchFile.Section, patch: String) throws(ArtifactError) -> String {
        func normalized(_ path: String?) -> String? {
            path.map { $0.split(separator: "/").filter { $0 != "." }.joined(separator: "/") }
        }
        let oldPath = normalized(section.oldPath), newPath = normalized(section.newPath)
        for path in [oldPath, newPath].compactMap({ $0 }) {
            var prefix = Substring(path)
            while true {
                if nodes[String(prefix)]?.type == .symlink {
                    throw ArtifactError(file: patch, reason: "the diff modifies the file '\(path)' through a symlink: '\(prefix)'")
                }
                guard let slash = prefix.lastIndex(of: "/") else { break }
                prefix = prefix[..<slash]
            }
        }
        let file = intuitFilePatched(old: oldPath, new: newPath)
        guard !file.isEmpty else {
            throw ArtifactError(file: patch, reason: "none of the file names in ---/+++ is valid: '\(section.oldName)', '\(section.newName)'")
        }
        if exists(file) && nodes[file]?.type != .regular {
            throw ArtifactError(file: patch, reason: "the diff patches something which is not a plain file ('\(file)')")
        }
        return file
    }

    /// dpkg's `_intuit_file_patched`, which decides as `patch` does.
    private mutating func intuitFilePatched(old: String?, new: String?) -> String {
        guard let old else { return new ?? "" }
        guard let new else { return old }
        let oldExists = exists(old), newExists = exists(new)
        if newExists && !oldExists { return new }
        if oldExists && !newExists { return old }
        let oldComponents = old.split(separator: "/", omittingEmptySubsequences: false).count
        let newComponents = new.split(separator: "/", omittingEmptySubsequences: false).count
        if oldComponents != newComponents { return oldComponents < newComponents ? old : new }
        let oldBase = old.split(separator: "/").last?.utf8.count ?? 0, newBase = new.split(separator: "/").last?.utf8.count ?? 0
        if oldBase != newBase { return oldBase < newBase ? old : new }
        if old.utf8.count != new.utf8.count { return old.utf8.count < new.utf8.count ? old : new }
        return old
    }
}
