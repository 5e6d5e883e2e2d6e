/// A deb822 control file (debian/control, .dsc, .changes, Release, Sources, Packages): paragraphs separated by
/// blank lines, optionally wrapped in an OpenPGP clearsign armour.
///
/// Parsing follows what dpkg accepts (lib/dpkg/parse.c and `Dpkg::Control::HashCore`):
/// - paragraphs are separated by lines that are empty or hold only white space;
/// - lines starting with `#` are comments and are skipped;
/// - a line starting with space or tab continues the previous field; one before any field is an error;
/// - every other line must be `Name: value`; the name must not start with `-` (or `#`, which makes a comment)
///   and a name may appear only once per paragraph (compared case-insensitively);
/// - **CRLF:** one carriage return directly before each line feed is removed, so files written on Windows
///   parse like their LF twins (dpkg would keep the `\r` in the value, which helps nobody). A lone `\r`
///   elsewhere is kept as text.
/// - a clearsigned file (`-----BEGIN PGP SIGNED MESSAGE-----` as the first non-blank line) is unwrapped: the
///   armour headers (`Hash: …`) up to the first blank line are dropped, dash-escaped lines (`- text`) are
///   unescaped, the signature block is dropped, and ``isSigned`` is set. The signature is not verified.
///   A signed message without a complete `BEGIN/END PGP SIGNATURE` block is an error, and so is text after
///   the signature (dpkg's Perl parser silently stops there; such text would look signed but is not).
///   Unlike `Dpkg::Control::HashCore`, which reads one paragraph from a signed file, the signed body may
///   hold several paragraphs; and dash-escaping is undone as RFC 4880 says (HashCore does not, but gpg
///   never escapes a valid deb822 line, as none starts with `-`).
/// - a line without a colon is an error, as in dpkg's C parser (HashCore would take a single word as an
///   empty field).
public struct Deb822Document: Sendable, Hashable {
    /// The paragraphs in file order (none for an empty file).
    public var paragraphs: [Deb822Paragraph]
    /// Whether the text was wrapped in `-----BEGIN PGP SIGNED MESSAGE-----` (not whether it verifies).
    public var isSigned: Bool

    /// Creates a document from paragraphs.
    public init(paragraphs: [Deb822Paragraph] = [], isSigned: Bool = false) {
        self.paragraphs = paragraphs
        self.isSigned = isSigned
    }

    /// The paragraphs serialised (see ``Deb822Paragraph/text``), separated by blank lines, without any
    /// signature.
    public var text: String {
        paragraphs.map(\.text).joined(separator: "\n")
    }
}
