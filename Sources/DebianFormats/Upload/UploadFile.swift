/// A file of a source upload with the checksums .dsc and .changes files list.
public struct UploadFile: Sendable, Hashable {
    public var name: String
    public var size: Int64
    public var md5: String
    public var sha1: String
    public var sha256: String

    public init(name: String, size: Int64, md5: String, sha1: String, sha256: String) {
        self.name = name
        self.size = size
        self.md5 = md5
        self.sha1 = sha1
        self.sha256 = sha256
    }
}
