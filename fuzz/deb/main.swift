// libFuzzer target: the archive wrappers. The input is written to a file under /dev/shm (libarchive reads
// paths) and read as a .deb with `Artifacts.DebReader` (hashing every member), then with
// `LibArchive.ArchiveReader` as ar with each member opened as a nested tar, and as a plain tar.
// The decompression limits are small so that bombs stop within milliseconds.
@testable import Artifacts
import Glibc
import LibArchive

let limits = ArchiveReader.Limits(floor: 4 << 20, ratio: 20)
let path = "/dev/shm/debwork-fuzz-deb-\(getpid()).deb"

func write(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot create \(path)") }
    var done = 0
    while done < size {
        let n = Glibc.write(fd, data + done, size - done)
        guard n > 0 else { fatalError("cannot write \(path)") }
        done += n
    }
    close(fd)
}

/// Every entry of `reader`, reading at most 1 MiB of each; `depth` nested levels opened as tar.
func drain(_ reader: ArchiveReader, depth: Int) throws {
    var count = 0
    while let entry = try reader.nextEntry(), count < 256 {
        count += 1
        if depth > 0, entry.type == .regular {
            let child = try reader.nested(member: entry.path, formats: .tar, limits: limits)
            try drain(child, depth: depth - 1)
        } else if entry.size < 1 << 20 {
            _ = try reader.readAll(maximumSize: 1 << 20)
        } else {
            try reader.skipData()
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    write(data, size)
    defer { unlink(path) }
    if let package = try? DebReader(limits: limits, hashContents: true).read(path: path) {
        _ = package.control
    }
    if let outer = try? ArchiveReader(path: path, formats: .ar, limits: limits) {
        try? drain(outer, depth: 1)
    }
    if let tar = try? ArchiveReader(path: path, formats: .tar, limits: limits) {
        try? drain(tar, depth: 0)
    }
    return 0
}
