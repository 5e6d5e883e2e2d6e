import DebianFormats
#if canImport(Glibc)
import Glibc
#endif

/// Process environment and terminal facts, without Foundation (it costs start-up time).
enum Environment {
    static func get(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Colour only on a terminal, and never with `NO_COLOR` set.
    static var useColour: Bool { stderrIsTerminal && get("NO_COLOR") == nil }
}

/// Writes to stdout/stderr directly.
enum Console {
    static func out(_ text: String) {
        write(1, text)
    }

    static func err(_ text: String) {
        write(2, text)
    }

    /// One `E:`/`W:`/`I:` line on stderr. The message names files and quotes values from packages, so
    /// control characters (ESC sequences, CR, a newline forging a second line) are escaped
    /// (``DebianFormats/Printable``): one message is always one line.
    static func message(_ prefix: String, _ text: String) {
        write(2, prefix + ": " + Printable.escaped(text) + "\n")
    }

    /// Writes bytes as they are (debdiff output may hold any encoding: a pipe or a file gets devscripts'
    /// bytes exactly). On a terminal, control characters from the packages (ESC sequences, CR) are escaped
    /// first, lines and tabs kept (``DebianFormats/Printable``).
    /// `keeping`: sequences debwork wrote itself on purpose (debdiff `--wt`'s terminal strings, `--wp`'s
    /// backspaces), passed through to a terminal unescaped.
    static func out(bytes: [UInt8], keeping sequences: [[UInt8]] = []) {
        if isatty(1) == 1, bytes.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 }) {
            var text = "", segment: [UInt8] = [], index = 0
            while index < bytes.count {
                if let kept = sequences.first(where: { bytes[index...].starts(with: $0) }) {
                    text += Printable.escapedKeepingLines(String(decoding: segment, as: UTF8.self))
                    text += String(decoding: kept, as: UTF8.self)
                    segment = []
                    index += kept.count
                } else {
                    segment.append(bytes[index])
                    index += 1
                }
            }
            out(text + Printable.escapedKeepingLines(String(decoding: segment, as: UTF8.self)))
            return
        }
        bytes.withUnsafeBufferPointer { write(1, UnsafeRawBufferPointer($0)) }
    }

    private static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { write(fd, UnsafeRawBufferPointer($0)) }
    }

    /// Writes all of `buffer`. Output that cannot be written (a full disk, `>/dev/full`, an I/O error) ends the call
    /// with an `E:` line and status 1: a listing cut short must not look like a whole one. A closed pipe
    /// (`| head`) ends it quietly, as SIGPIPE would have, had it not been ignored.
    private static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let failure = written < 0 ? errno : EIO
                guard fd == 1 else { return }
                if failure != EPIPE {
                    let reason = String(cString: strerror(failure))
                    write(2, "E: cannot write the output: " + Printable.escaped(reason) + "\n")
                }
                exit(1)
            }
            offset += written
        }
    }
}
