import Artifacts
import DebianFormats
import LibArchive
import SystemCalls
import Testing

/// `ArtifactError.wrapping` names the file once: a lower layer's error that names the same file first gives only
/// what it says after the name, read from its fields (not from its text).
@Suite struct ArtifactErrorTests {
    @Test func theFileIsNamedOnce() {
        let nested = ArchiveError(file: "a.deb", members: ["data.tar.xz"], kind: .malformed, message: "truncated")
        #expect(nested.description == "a.deb:data.tar.xz: truncated")
        #expect(ArtifactError.wrapping(nested, file: "a.deb").description == "a.deb: data.tar.xz: truncated")
        let control = Deb822Error(file: "x.dsc", line: 3, reason: "no colon")
        #expect(ArtifactError.wrapping(control, file: "x.dsc").description == "x.dsc: 3: no colon")
        let open = SystemCallError(path: "x.dsc", reason: "not a regular file (fifo)")
        #expect(ArtifactError.wrapping(open, file: "x.dsc").description == "x.dsc: not a regular file (fifo)")
    }

    @Test func anotherFileIsKept() {
        // A name that only starts like the file is another file: the text-based check dropped its prefix.
        let other = ArchiveError(file: "a.deb.orig", kind: .malformed, message: "truncated")
        #expect(ArtifactError.wrapping(other, file: "a.deb").description == "a.deb: a.deb.orig: truncated")
    }
}
