import DebianFormats
import JSONOutput

/// What `port`, `port_ext`, `port_plan --all` and the template packages wrote: one ``PortResult`` per upload.
public struct PortResults: Sendable, CallOutput {
    public var results: [PortResult]
    /// `--upload TARGET`: the uploads go there, so the text leaves out the dput line to run.
    public var uploadTarget: String?

    public init(_ results: [PortResult], uploadTarget: String?) {
        self.results = results
        self.uploadTarget = uploadTarget
    }

    /// A block per upload: folder, .changes, whether signed, and (without `--upload`) the dput command.
    public func renderText() -> HumanText {
        var out = ""
        for result in results {
            out += "\(result.source) \(result.version) -> \(result.distribution)\n"
            out += "  folder:  \(result.directory)\n"
            out += "  changes: \(result.changes)\n"
            out += result.signed ? "  signed:  yes\n" : "  signed:  no (unsigned upload; use --sign-key or debsign before uploading)\n"
            if uploadTarget == nil {
                out += "  upload:  " + PortUploader.command(target: "<target>", changes: result.changes).joined(separator: " ") + "\n"
            }
        }
        return .text(Printable.escapedKeepingLines(out))
    }

    /// mini-buildd's list (its keys first in each entry).
    public func renderJSON() throws -> JSONValue { try OrderedJSONEncoder.value(of: results) }
}
