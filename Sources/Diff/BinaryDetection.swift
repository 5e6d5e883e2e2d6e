/// GNU diff's test for binary files (`sip` and `binary_file_p` in io.c): a file is binary when the
/// first buffer read from it holds a NUL byte. The buffer is the file system's block size
/// (`st_blksize`), 4096 bytes on ext4, tmpfs and overlayfs here.
public enum BinaryDetection {
    /// The size of diff's first read on this machine's file systems.
    public static let defaultProbeSize = 4096

    /// Whether diff would treat `bytes` as binary.
    public static func isBinary(_ bytes: [UInt8], probeSize: Int = defaultProbeSize) -> Bool {
        bytes.prefix(max(0, probeSize)).contains(0)
    }

    /// The line diff prints for two differing binary files, e.g. `Binary files a/x and b/x differ\n`.
    public static func message(oldName: String, newName: String) -> String {
        "Binary files \(oldName) and \(newName) differ\n"
    }
}
