import Foundation

/// Builds a small source package `hx_1.0-1` with the real `dpkg-source -b` (format `3.0 (quilt)` with
/// one patch, or `1.0` with a `.diff.gz`), then tampers with it the way an attacker would: members added
/// to a tarball (symlinks, FIFOs, devices, hard links, hostile paths) or a file replaced, with the .dsc's
/// sizes and checksums fixed so that only the tampering is wrong.
public struct HostileSource {
    public enum Format: String, Sendable, CustomStringConvertible {
        case quilt = "3.0 (quilt)"
        case v1 = "1.0"
        public var description: String { rawValue }
    }

    /// One change to a tarball or file of the package (`file` names it: `orig` or `debian` for the
    /// tarballs, `diff` for the `.diff.gz`).
    public enum Tamper: Sendable, CustomStringConvertible {
        case addFile(tarball: String, path: String, contents: String)
        case addSymlink(tarball: String, path: String, target: String)
        case addHardLink(tarball: String, path: String, target: String)
        case addFIFO(tarball: String, path: String)
        case addCharacterDevice(tarball: String, path: String)
        /// Replaces the decompressed contents of `diff` (the `.diff.gz`).
        case replaceDiff(String)

        var json: [String] {
            switch self {
            case let .addFile(tarball, path, contents): return [tarball, "file", path, contents]
            case let .addSymlink(tarball, path, target): return [tarball, "symlink", path, target]
            case let .addHardLink(tarball, path, target): return [tarball, "hardlink", path, target]
            case let .addFIFO(tarball, path): return [tarball, "fifo", path, ""]
            case let .addCharacterDevice(tarball, path): return [tarball, "chr", path, ""]
            case let .replaceDiff(text): return ["diff", "raw", "", text]
            }
        }

        public var description: String { json.prefix(3).joined(separator: " ") }
    }

    /// The .dsc of the untouched package and of the tampered copy.
    public let good: String
    public let hostile: String

    /// Builds both packages under `directory` (`good/` and `hostile/`).
    public init(format: Format, tamper: [Tamper], in directory: String) throws {
        let good = directory + "/good", hostile = directory + "/hostile"
        try Self.build(format: format, in: good)
        try FileManager.default.copyItem(atPath: good, toPath: hostile)
        let operations = try JSONSerialization.data(withJSONObject: tamper.map(\.json))
        let result = try runCommand("python3", ["-c", Self.tamperScript, hostile + "/hx_1.0-1.dsc",
                                                String(decoding: operations, as: UTF8.self)])
        guard result.status == 0 else { throw TestSupportError("tampering failed: \(result.stderr)") }
        self.good = good + "/hx_1.0-1.dsc"
        self.hostile = hostile + "/hx_1.0-1.dsc"
    }

    private static func build(format: Format, in directory: String) throws {
        let tree = directory + "/hx-1.0"
        let files: [String: String] = [
            "hello.txt": "hello\n",
            "sub/file": "a\nb\nc\n",
            "debian/source/format": "\(format)\n",
            "debian/control": "Source: hx\nMaintainer: T <t@example.org>\n\nPackage: hx\nArchitecture: all\nDescription: x\n x\n",
            "debian/changelog": "hx (1.0-1) unstable; urgency=low\n\n  * x\n\n -- T <t@example.org>  Mon, 30 Nov 2026 12:00:00 +0000\n",
            "debian/rules": "#!/usr/bin/make -f\n%:\n\tdh $@\n",
        ]
        for (path, contents) in files {
            let full = tree + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(toFile: full, atomically: false, encoding: .utf8)
        }
        let orig = try runCommand("tar", ["--sort=name", "--mtime=@1700000000", "--owner=0", "--group=0", "--exclude=debian",
                                          "-czf", "hx_1.0.orig.tar.gz", "hx-1.0"], directory: directory)
        guard orig.status == 0 else { throw TestSupportError("tar: \(orig.stderr)") }
        if format == .quilt {
            try "--- a/sub/file\n+++ b/sub/file\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
                .write(toFile: tree + "/debian/patches/fix.patch", atomically: false, encoding: .utf8, creatingDirectory: true)
            try "fix.patch\n".write(toFile: tree + "/debian/patches/series", atomically: false, encoding: .utf8)
        } else {
            // A 1.0 diff changes an upstream file too.
            try "a\nB\nc\n".write(toFile: tree + "/sub/file", atomically: false, encoding: .utf8)
        }
        let build = try runCommand("dpkg-source", ["-b", "hx-1.0"], directory: directory)
        guard build.status == 0 else { throw TestSupportError("dpkg-source -b: \(build.stderr)") }
    }

    /// Rewrites the tarballs and the .diff.gz, then the .dsc's checksum lines of the files it changed.
    static let tamperScript = #"""
        import sys, json, tarfile, io, hashlib, os, gzip, glob
        dsc, ops = sys.argv[1], json.loads(sys.argv[2])
        d = os.path.dirname(dsc)
        def find(kind):
            pattern = {"orig": "*.orig.tar.*", "debian": "*.debian.tar.*", "diff": "*.diff.gz"}[kind]
            return glob.glob(os.path.join(d, pattern))[0]
        changed = {}
        for kind, op, name, value in ops:
            path = find(kind)
            if op == "raw":
                with gzip.GzipFile(path, "wb", mtime=0) as f: f.write(value.encode())
                changed[path] = True
                continue
            with tarfile.open(path) as old:
                members = [(m, old.extractfile(m).read() if m.isfile() else None) for m in old.getmembers()]
            if kind == "orig": name = members[0][0].name.split("/")[0] + "/" + name
            t = tarfile.TarInfo(name); t.mtime = 1700000000; data = None
            if op == "file": data = value.encode(); t.size = len(data); t.mode = 0o644
            elif op == "symlink": t.type = tarfile.SYMTYPE; t.linkname = value
            elif op == "hardlink": t.type = tarfile.LNKTYPE; t.linkname = value
            elif op == "fifo": t.type = tarfile.FIFOTYPE
            elif op == "chr": t.type = tarfile.CHRTYPE; t.devmajor = 1; t.devminor = 3
            members = [(m, b) for m, b in members if m.name != name] + [(t, data)]
            mode = "w:xz" if path.endswith(".xz") else "w:gz"
            with tarfile.open(path, mode, format=tarfile.GNU_FORMAT) as new:
                for m, b in members: new.addfile(m, io.BytesIO(b) if b is not None else None)
            changed[path] = True
        text = open(dsc).read().split("\n"); out = []; field = None
        algos = {"Files": "md5", "Checksums-Sha1": "sha1", "Checksums-Sha256": "sha256"}
        for line in text:
            if line and not line.startswith(" "): field = line.split(":")[0]
            for path in changed:
                name = os.path.basename(path)
                if line.startswith(" ") and line.endswith(" " + name) and field in algos:
                    data = open(path, "rb").read()
                    line = " %s %d %s" % (hashlib.new(algos[field], data).hexdigest(), len(data), name)
            out.append(line)
        open(dsc, "w").write("\n".join(out))
        """#
}

extension String {
    func write(toFile path: String, atomically: Bool, encoding: String.Encoding, creatingDirectory: Bool) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try write(toFile: path, atomically: atomically, encoding: encoding)
    }
}
