// libFuzzer target: APT repository indices (`Artifacts.RepositoryReader`). Release, Sources and Packages are
// read from files, so the input, `Release NUL Sources NUL Packages`, is written as a repository under
// /dev/shm (dists/fuzz/Release, dists/fuzz/main/source/Sources, dists/fuzz/main/binary-amd64/Packages) and
// read with `RepositoryReader().read(releasePath:root:)`, which parses the Release, verifies the indices it
// lists (SHA256) and parses them.
@testable import Artifacts
import DebianFormats
import Glibc

let root = "/dev/shm/debwork-fuzz-repository-\(getpid())"
let distribution = root + "/dists/fuzz"

let directories = [root, root + "/dists", distribution, distribution + "/main",
                   distribution + "/main/source", distribution + "/main/binary-amd64"]
let files = [distribution + "/Release", distribution + "/main/source/Sources",
             distribution + "/main/binary-amd64/Packages"]

func makeDirectories() {
    for directory in directories {
        if mkdir(directory, 0o700) != 0, errno != EEXIST { fatalError("cannot create \(directory)") }
    }
}

/// Removes the repository when libFuzzer exits (it calls `exit`).
func removeRepository() {
    for file in files { unlink(file) }
    for directory in directories.reversed() { rmdir(directory) }
}

func write(_ bytes: ArraySlice<UInt8>, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot create \(path)") }
    bytes.withUnsafeBufferPointer { buffer in
        var done = 0
        while done < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
            guard n > 0 else { fatalError("cannot write \(path)") }
            done += n
        }
    }
    close(fd)
}

// libFuzzer calls the target on one thread only.
nonisolated(unsafe) var registered = false

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if !registered {
        registered = true
        atexit { removeRepository() }
    }
    makeDirectories()
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    while parts.count < 3 { parts.append([]) }
    write(parts[0], to: distribution + "/Release")
    write(parts[1], to: distribution + "/main/source/Sources")
    write(parts[2], to: distribution + "/main/binary-amd64/Packages")
    if let read = try? RepositoryReader().read(releasePath: distribution + "/Release", root: root) {
        _ = read.sources.count + read.binaries.count
    }
    // The pure helpers, on the Release text directly.
    if let release = try? Deb822Document.parse(String(decoding: parts[0], as: UTF8.self), file: "fuzz").paragraphs.first {
        _ = RepositoryReader.listedIndices(release)
        _ = RepositoryReader.withoutEpoch(release["Version"] ?? "")
    }
    return 0
}
