import Artifacts
import DebianFormats
import SystemCalls

/// One file the indexer will look at.
public struct WorkItem: Sendable, Hashable {
    public var path: String
    public var kind: ArtifactKind
    public var area: Area
    /// The repository root for repository files.
    public var repositoryRoot: String?
    /// The repository's identity (mini-buildd repo id), guessed from its distribution names.
    public var repositoryIdentity: String?
    /// The path relative to its area's root (repository root, or the scanned directory).
    public var areaPath: String
    public var size: Int64
    public var mtimeNanoseconds: Int64
    /// Status-change time and inode: part of the "unchanged on disk" test (``Indexer``).
    public var ctimeNanoseconds: Int64 = 0
    public var inode: Int64 = 0
}

/// Finds the artifacts under the paths given to `index` and decides their area.
///
/// - A directory holding `dists/` is an APT repository tree: each `dists/<dist>/Release` and
///   `dists/<dist>/snapshots/<name>/Release` is one distribution, every package under `pool/` is in
///   the `repositories` area.
/// - A directory holding apt's flattened `<site>_dists_<dist>_InRelease` (or `_Release`) files is apt's lists
///   directory: each is one distribution of a repository rooted there, with its Contents files; it has no
///   pool, so its packages are index-only.
/// - A `.changes` file, and every file a `.changes` in the same directory names, is in `events`.
/// - Any other `.deb`/`.udeb`/`.ddeb`/`.dsc` is in `builds`.
struct Scanner {
    private(set) var items: [WorkItem] = []
    /// Directories whose whole content was scanned: indexed files below them that were not seen are gone.
    private(set) var roots: [String] = []
    private(set) var errors: [ArtifactError] = []
    /// Directories that exist but could not be listed: what the index knows below them is kept (unreadable
    /// is not vanished), and each is reported.
    private(set) var unreadable: [String] = []
    /// Directories already walked, by device and inode: a symlink loop (`self -> .`) or two links to one
    /// folder are followed once.
    private var visited: Set<FileIdentity> = []

    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Folders not descended into, and why (README "How index decides"): reprepro's and mini-buildd's own
    /// state, and work in progress. `--include-skipped` walks them too (an `incoming/` `.changes` is then an
    /// event). Dot-folders (VCS metadata) are never walked.
    static let skippedDirectories: [String: String] = [
        "db": "reprepro's database",
        "conf": "reprepro's configuration",
        "lists": "reprepro's update lists",
        "logs": "log files",
        "tmp": "temporary files",
        "incoming": "an upload queue: packages not yet accepted",
    ]

    /// The folders apt keeps in its lists directory beside the lists, not walked there.
    static let aptListsFolders: [String: String] = [
        "partial": "apt's downloads in progress",
        "auxfiles": "apt's auxiliary files",
    ]

    /// Walk the folders of ``skippedDirectories`` too.
    var includeSkipped = false
    /// Stand for a distribution by its `InRelease` when it has one (signatures are checked: only signed content
    /// is read), else by its `Release`.
    var preferInRelease = false
    /// The folders left out, with the reason (reported in the summary).
    private(set) var skipped: [(path: String, reason: String)] = []
    /// Suite links under `dists/` (`stable -> bookworm-test-stable`): alias → the distribution folder's name.
    private(set) var aliases: [(repositoryRoot: String, alias: String, distribution: String)] = []

    mutating func scan(_ arguments: [String]) {
        for argument in arguments {
            guard let path = FileSystem.canonical(argument), let status = FileSystem.status(path) else {
                errors.append(ArtifactError(file: argument, reason: "no such file or directory"))
                continue
            }
            if status.isDirectory {
                roots.append(path)
                walk(path, root: path, status: status)
            } else if let other = status.otherKind {
                errors.append(ArtifactError(file: argument, reason: "not a regular file (\(other))"))
            } else if let kind = ArtifactKind(fileName: path) {
                let directory = FileSystem.directory(of: path)
                let named = kind == .changes ? [] : namedByChanges(in: directory, names: (try? FileSystem.list(directory)) ?? [])
                let area: Area = kind == .changes || named.contains(FileSystem.baseName(path)) ? .events : .builds
                add(path, kind: kind, area: area, areaPath: FileSystem.baseName(path), status: status)
            } else {
                errors.append(ArtifactError(file: path, reason: "not a .deb, .udeb, .ddeb, .dsc or .changes file, nor a directory"))
            }
        }
    }

    /// Lists a directory once (by device and inode); nil when it was already walked or cannot be listed
    /// (then it is recorded as unreadable and reported).
    private mutating func enter(_ directory: String, status: FileSystem.Status) -> [String]? {
        guard visited.insert(FileIdentity(device: status.device, inode: status.inode)).inserted else { return nil }
        do {
            let listing = try FileSystem.listing(directory)
            for name in listing.invalid {
                errors.append(ArtifactError(file: FileSystem.join(directory, name), reason: "file name is not valid UTF-8; skipped"))
            }
            return listing.names
        } catch {
            unreadable.append(directory)
            errors.append(ArtifactError(file: directory, reason: error.reason + " (what the index holds below it is kept)"))
            return nil
        }
    }

    private mutating func walk(_ directory: String, root: String, status: FileSystem.Status) {
        guard var names = enter(directory, status: status) else { return }
        if names.contains("dists") && FileSystem.status(FileSystem.join(directory, "dists"))?.isDirectory == true
            || names.contains("conf") && !Self.configurationFiles(of: directory).isEmpty {
            scanRepository(directory)
            return
        }
        if names.contains(where: { Self.aptListsRelease($0) != nil }) {
            let listed = scanAptLists(directory, names: names)
            // The lists-named files are the lists repository's; anything else here is walked as in any folder: a
            // file named like apt's copy of a Release (`x_dists_y_Release`, which anyone who can drop a file can
            // make) must not hide the packages beside it. apt's own folders are skipped, and said so.
            names = names.filter { name in
                guard !listed.contains(name) else { return false }
                guard let reason = Self.aptListsFolders[name], !includeSkipped else { return true }
                let path = FileSystem.join(directory, name)
                if FileSystem.status(path)?.isDirectory == true { skipped.append((path, reason)) }
                return false
            }
        }
        let named = namedByChanges(in: directory, names: names)
        for name in names where !name.hasPrefix(".") {
            let path = FileSystem.join(directory, name)
            guard let status = FileSystem.status(path) else {
                // Vanished since the listing (fine), or unreachable: a path longer than PATH_MAX is not silence.
                if path.utf8.count >= 4096 {
                    errors.append(ArtifactError(file: String(path.prefix(200)) + "…", reason: "path longer than 4096 bytes; not walked"))
                }
                continue
            }
            if status.isDirectory {
                if let reason = Self.skippedDirectories[name], !includeSkipped {
                    skipped.append((path, reason))
                } else if let outside = Self.leavesRoot(path, root: root) {
                    skipped.append((path, "a symlink to \(outside), outside \(root)"))
                } else {
                    walk(path, root: root, status: status)
                }
                continue
            }
            guard let kind = ArtifactKind(fileName: name) else { continue }
            if let other = status.otherKind {
                errors.append(ArtifactError(file: path, reason: "not a regular file (\(other)); skipped"))
                continue
            }
            let area: Area = kind == .changes || named.contains(name) ? .events : .builds
            add(path, kind: kind, area: area, areaPath: String(path.dropFirst(root.count + 1)), status: status)
        }
    }

    private mutating func scanRepository(_ root: String) {
        let dists = FileSystem.join(root, "dists")
        let configuration = Self.configurationFiles(of: root)
        let configurationPath = FileSystem.join(root, "conf/distributions")
        if let outside = Self.leavesRoot(configurationPath, root: root) ?? Self.leavesRoot(FileSystem.join(root, "conf"), root: root) {
            skipped.append((configurationPath, "a symlink to \(outside), outside \(root)"))
        }
        var distEntries: [String] = []
        if let distsStatus = FileSystem.status(dists), distsStatus.isDirectory {
            guard let entries = enter(dists, status: distsStatus) else { return }
            distEntries = entries
        }
        // A symlink to a sibling folder is a suite link (`stable -> bookworm-test-stable`, as on every Debian
        // mirror): an alias of that distribution, not a second one. Real folders first, then the links.
        var seen: [FileIdentity: String] = [:]
        var distNames: [String] = []
        let ordered = distEntries.sorted { !FileSystem.isSymlink(FileSystem.join(dists, $0)) && FileSystem.isSymlink(FileSystem.join(dists, $1)) }
        for name in ordered {
            guard let status = FileSystem.status(FileSystem.join(dists, name)), status.isDirectory else { continue }
            let identity = FileIdentity(device: status.device, inode: status.inode)
            if let target = seen[identity] {
                aliases.append((root, name, target))
                continue
            }
            seen[identity] = name
            distNames.append(name)
        }
        distNames.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let identity = Self.identity(of: root, distributions: distNames + Self.configuredCodenames(configuration))
        for path in configuration {
            guard let status = FileSystem.status(path) else { continue }
            add(path, kind: .configuration, area: .repositories, areaPath: String(path.dropFirst(root.count + 1)),
                status: status, repositoryRoot: root, identity: identity)
        }
        for dist in distNames {
            let directory = FileSystem.join(dists, dist)
            if addRelease(directory, root: root, identity: identity) {
                addContents(directory, root: root, identity: identity)
            }
            let snapshots = FileSystem.join(directory, "snapshots")
            guard let status = FileSystem.status(snapshots), status.isDirectory,
                  let names = enter(snapshots, status: status) else { continue }
            for snapshot in names {
                addRelease(FileSystem.join(snapshots, snapshot), root: root, identity: identity)
            }
        }
        let pool = FileSystem.join(root, "pool")
        if let status = FileSystem.status(pool), status.isDirectory {
            walkPool(pool, root: root, identity: identity, status: status)
        }
    }

    /// The distribution in `directory`: its `Release`, else its `InRelease` (clearsigned; the signature is
    /// stripped, or checked with `--keyring`, and then the `InRelease` is preferred).
    /// - Returns: whether the distribution has one.
    @discardableResult
    private mutating func addRelease(_ directory: String, root: String, identity: String) -> Bool {
        var path = FileSystem.join(directory, "Release")
        let inRelease = FileSystem.join(directory, "InRelease")
        if FileSystem.status(inRelease) != nil, preferInRelease || FileSystem.status(path) == nil {
            path = inRelease
        }
        guard let status = FileSystem.status(path) else { return false }
        if let other = status.otherKind {
            errors.append(ArtifactError(file: path, reason: "not a regular file (\(other)); skipped"))
            return false
        }
        guard status.isRegular else { return false }
        add(path, kind: .release, area: .repositories, areaPath: String(path.dropFirst(root.count + 1)), status: status,
            repositoryRoot: root, identity: identity)
        return true
    }

    /// A distribution's Contents files: `dists/<dist>/<component>/Contents-[udeb-]<arch>` (a mirror's layout
    /// since 2013) and `dists/<dist>/Contents-<arch>` (older, for all components), each in one variant (the
    /// first of ``ContentsList/suffixes`` present). Snapshots carry none.
    private mutating func addContents(_ directory: String, root: String, identity: String) {
        guard let names = try? FileSystem.list(directory) else { return }
        var folders = [directory]
        // Components one or two folders deep (`main`; `updates/main`, Debian security's, where a mirror made its
        // `updates -> .` link a folder), each folder once (through that link, `updates/main` is `main` again).
        var seen: Set<String> = [FileSystem.canonical(directory) ?? directory]
        func addFolders(in parent: String, names: [String], depth: Int) {
            for name in names.sorted() where !Self.notComponent(name) {
                let path = FileSystem.join(parent, name)
                guard FileSystem.status(path)?.isDirectory == true, Self.leavesRoot(path, root: root) == nil,
                      seen.insert(FileSystem.canonical(path) ?? path).inserted else { continue }
                folders.append(path)
                if depth < 2, let inner = try? FileSystem.list(path) { addFolders(in: path, names: inner, depth: depth + 1) }
            }
        }
        addFolders(in: directory, names: names, depth: 1)
        for folder in folders {
            let listing = folder == directory ? names : ((try? FileSystem.list(folder)) ?? [])
            for name in Self.oneVariantEach(listing.filter { ContentsList.architecture(ofFileName: $0) != nil }, stem: { $0 }) {
                addContentsFile(FileSystem.join(folder, name), root: root, identity: identity)
            }
        }
    }

    /// Folders of a distribution that hold no Contents file: hidden ones, snapshots, by-hash copies, the indices'
    /// own folders.
    static func notComponent(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("binary-") || name.hasPrefix("installer-")
            || ["snapshots", "by-hash", "source", "i18n", "dep11", "cnf", "debian-installer"].contains(name)
    }

    /// Of several compressions of one file, the one ``ContentsList/suffixes`` ranks first: `names` grouped by
    /// what `stem` gives for a name stripped of its suffix.
    static func oneVariantEach(_ names: [String], stem: (String) -> String) -> [String] {
        var chosen: [String: (name: String, rank: Int)] = [:]
        for name in names {
            let suffix = ContentsList.suffixes.firstIndex { !$0.isEmpty && name.hasSuffix($0) } ?? (ContentsList.suffixes.count - 1)
            let key = stem(String(name.dropLast(ContentsList.suffixes[suffix].count)))
            if let current = chosen[key], current.rank <= suffix { continue }
            chosen[key] = (name, suffix)
        }
        return chosen.keys.sorted().compactMap { chosen[$0]?.name }
    }

    private mutating func addContentsFile(_ path: String, root: String, identity: String) {
        guard let status = FileSystem.status(path), Self.leavesRoot(path, root: root) == nil else { return }
        if let other = status.otherKind {
            errors.append(ArtifactError(file: path, reason: "not a regular file (\(other)); skipped"))
            return
        }
        guard status.isRegular else { return }
        add(path, kind: .contents, area: .repositories, areaPath: String(path.dropFirst(root.count + 1)),
            status: status, repositoryRoot: root, identity: identity)
    }

    /// The lists-name of apt's copy of a distribution's Release or InRelease (`…_dists_bookworm_InRelease`).
    static func aptListsRelease(_ name: String) -> AptListsName? {
        guard let parsed = AptListsName(name), parsed.relative == "InRelease" || parsed.relative == "Release" else { return nil }
        return parsed
    }

    /// apt's lists directory (`/var/lib/apt/lists`): one repository rooted at `directory` whose distributions are
    /// the flattened Release files (the InRelease when there is no Release, or with `--keyring`), each with its
    /// Contents files (`…_dists_<dist>_<component>_Contents-<arch>.lz4`, one variant each). Nothing below it
    /// (apt's `partial/`, `auxfiles/`) is walked.
    /// - Returns: the names it read as apt's (every `<site>_dists_<distribution>_<path>`), which are the lists
    ///   repository's whether or not it indexed them.
    private mutating func scanAptLists(_ directory: String, names: [String]) -> Set<String> {
        let parsed = names.filter { !$0.hasPrefix(".") }.compactMap { name in AptListsName(name).map { (name, $0) } }
        let releases = Dictionary(grouping: parsed.filter { Self.aptListsRelease($0.0) != nil }, by: \.1.prefix)
        let identity = Self.identity(of: directory, distributions: releases.values.compactMap { $0.first?.1.distribution })
        for prefix in releases.keys.sorted() {
            let files = DistributionFiles(directory: directory, aptListsPrefix: prefix)
            var path = files.path("Release")
            if FileSystem.status(files.path("InRelease")) != nil, preferInRelease || FileSystem.status(path) == nil {
                path = files.path("InRelease")
            }
            guard let status = FileSystem.status(path) else { continue }
            if let other = status.otherKind {
                errors.append(ArtifactError(file: path, reason: "not a regular file (\(other)); skipped"))
                continue
            }
            guard status.isRegular else { continue }
            add(path, kind: .release, area: .repositories, areaPath: FileSystem.baseName(path), status: status,
                repositoryRoot: directory, identity: identity)
            let contents = parsed.filter { name, listsName in
                listsName.prefix == prefix && listsName.relative.split(separator: "/").count <= 3
                    && ContentsList.architecture(ofFileName: FileSystem.baseName(listsName.relative)) != nil
            }.map(\.0)
            for name in Self.oneVariantEach(contents, stem: { $0 }) {
                addContentsFile(FileSystem.join(directory, name), root: directory, identity: identity)
            }
        }
        return Set(parsed.map(\.0))
    }

    private mutating func walkPool(_ directory: String, root: String, identity: String, status: FileSystem.Status) {
        guard let names = enter(directory, status: status) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = FileSystem.join(directory, name)
            guard let status = FileSystem.status(path) else { continue }
            if status.isDirectory {
                if let outside = Self.leavesRoot(path, root: root) {
                    skipped.append((path, "a symlink to \(outside), outside \(root)"))
                    continue
                }
                walkPool(path, root: root, identity: identity, status: status)
            } else if let kind = ArtifactKind(fileName: name), kind != .changes {
                if let other = status.otherKind {
                    errors.append(ArtifactError(file: path, reason: "not a regular file (\(other)); skipped"))
                    continue
                }
                add(path, kind: kind, area: .repositories, areaPath: String(path.dropFirst(root.count + 1)),
                    status: status, repositoryRoot: root, identity: identity)
            }
        }
    }

    private mutating func add(_ path: String, kind: ArtifactKind, area: Area, areaPath: String, status: FileSystem.Status,
                              repositoryRoot: String? = nil, identity: String? = nil) {
        items.append(WorkItem(path: path, kind: kind, area: area, repositoryRoot: repositoryRoot,
                              repositoryIdentity: identity, areaPath: areaPath, size: status.size,
                              mtimeNanoseconds: status.mtimeNanoseconds, ctimeNanoseconds: status.ctimeNanoseconds,
                              inode: Int64(bitPattern: status.inode)))
    }

    /// Where a symlinked folder leads when that is outside `root` (`root -> /`, `up -> ../..`): `index DIR`
    /// indexes what is in DIR, never the rest of the machine. nil for a plain folder or a link inside `root`.
    static func leavesRoot(_ path: String, root: String) -> String? {
        guard FileSystem.isSymlink(path), let target = FileSystem.canonical(path) else { return nil }
        let base = root.hasSuffix("/") ? root : root + "/"
        return target == root || target.hasPrefix(base) ? nil : target
    }

    /// reprepro's distribution configuration under `root`: `conf/distributions`, or the `*.conf` files of a
    /// `conf/distributions/` folder (reprepro reads either). Only regular files; a symlink leaving the tree is
    /// not followed.
    static func configurationFiles(of root: String) -> [String] {
        let path = FileSystem.join(root, "conf/distributions")
        guard let status = FileSystem.status(path), leavesRoot(path, root: root) == nil,
              leavesRoot(FileSystem.join(root, "conf"), root: root) == nil else { return [] }
        if status.isRegular { return [path] }
        guard status.isDirectory, let names = try? FileSystem.list(path) else { return [] }
        return names.filter { $0.hasSuffix(".conf") && !$0.hasPrefix(".") }.sorted().map { FileSystem.join(path, $0) }
            .filter { FileSystem.status($0)?.isRegular == true && leavesRoot($0, root: root) == nil }
    }

    /// The `Codename`s a configuration declares (for the repository's identity only; the workers read the
    /// files again as artifacts).
    static func configuredCodenames(_ files: [String]) -> [String] {
        files.flatMap { path in
            (try? RepositoryConfiguration.read(path: path, root: ""))?.distributions.map(\.codename) ?? []
        }
    }

    /// The files named by the `.changes` files of a directory (their `Files` field).
    private func namedByChanges(in directory: String, names: [String]) -> Set<String> {
        var named: Set<String> = []
        for name in names where name.hasSuffix(".changes") {
            guard FileSystem.status(FileSystem.join(directory, name))?.isRegular == true,
                  let bytes = try? FileSystem.read(FileSystem.join(directory, name), maximumSize: 16 << 20),
                  let document = try? Deb822Document.parse(bytes: bytes, file: name),
                  let paragraph = document.paragraphs.first else { continue }
            for line in paragraph.lines(of: "Files") {
                if let file = line.split(separator: " ").last { named.insert(String(file)) }
            }
        }
        return named
    }

    /// The mini-buildd repository id shared by the distribution names, or the folder's name.
    static func identity(of root: String, distributions: [String]) -> String {
        let ids = Set(distributions.compactMap { try? Distribution($0).repository })
        if ids.count == 1, let id = ids.first { return id }
        return FileSystem.baseName(root)
    }
}
