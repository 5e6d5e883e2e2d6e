import Foundation

/// A fresh directory under the system temp dir, removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "debwork-test") throws {
        let base = (NSTemporaryDirectory() as NSString).standardizingPath
        var template = Array((base + "/\(label).XXXXXX").utf8CString)
        guard let result = mkdtemp(&template) else {
            throw TestSupportError("mkdtemp failed for \(label)")
        }
        path = URL(fileURLWithPath: String(cString: result)).resolvingSymlinksInPath().path
    }

    private var kept = false

    deinit {
        if !kept { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Leaves the directory in place after this value is gone (for fixtures shared by a whole suite).
    public func keep() { kept = true }

    /// `path/name`.
    public func appending(_ name: String) -> String { path + "/" + name }

    /// Writes `contents` to `name` (creating parent folders) and returns the full path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Array(contents.utf8))
    }

    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let full = appending(name)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw TestSupportError("cannot write \(full)")
        }
        return full
    }

    /// Copies a file into the directory under `name` (default: its base name).
    @discardableResult
    public func copy(_ source: String, as name: String? = nil) throws -> String {
        let target = appending(name ?? (source as NSString).lastPathComponent)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return target
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
