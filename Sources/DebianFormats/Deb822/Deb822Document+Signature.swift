extension Deb822Document {
    static let signedMessageHeader = "-----BEGIN PGP SIGNED MESSAGE-----"
    static let signatureHeader = "-----BEGIN PGP SIGNATURE-----"
    static let signatureFooter = "-----END PGP SIGNATURE-----"

    /// Removes an OpenPGP clearsign wrapper (RFC 4880 §7) if the first non-blank line opens one.
    ///
    /// - Returns: the body lines with their 1-based line numbers in the file, and whether a wrapper was found.
    /// - Throws: ``Deb822Error`` when the armour headers never end or the signature block is missing or
    ///   unfinished, or when text follows the signature.
    static func unwrapSignature(
        _ lines: [Substring], file: String
    ) throws(Deb822Error) -> (body: [(Int, Substring)], signed: Bool) {
        func isBlank(_ s: Substring) -> Bool { s.utf8.allSatisfy(Deb822Text.isSpace) }
        func isArmour(_ s: Substring, _ marker: String) -> Bool {
            s.hasPrefix(marker) && s.utf8.dropFirst(marker.utf8.count).allSatisfy { $0 == 0x20 || $0 == 0x09 }
        }
        let numbered = lines.enumerated().map { ($0.offset + 1, $0.element) }
        guard let start = lines.firstIndex(where: { !isBlank($0) }), isArmour(lines[start], signedMessageHeader) else {
            return (numbered, false)
        }
        guard let headersEnd = lines[(start + 1)...].firstIndex(where: isBlank) else {
            throw Deb822Error(file: file, line: start + 1,
                              reason: "openpgp signed message without a blank line after its armour headers")
        }
        guard let signature = lines[(headersEnd + 1)...].firstIndex(where: { isArmour($0, signatureHeader) }) else {
            throw Deb822Error(file: file, line: start + 1,
                              reason: "openpgp signed message without '\(signatureHeader)'")
        }
        guard let end = lines[(signature + 1)...].firstIndex(where: { isArmour($0, signatureFooter) }) else {
            throw Deb822Error(file: file, line: signature + 1,
                              reason: "unfinished openpgp signature: '\(signatureFooter)' missing")
        }
        if let trailing = lines[(end + 1)...].firstIndex(where: { !isBlank($0) }) {
            throw Deb822Error(file: file, line: trailing + 1,
                              reason: "text after the openpgp signature: '\(lines[trailing])'")
        }
        let body = numbered[(headersEnd + 1)..<signature].map { number, line in
            (number, line.hasPrefix("- ") ? line.dropFirst(2) : line)
        }
        return (body, true)
    }
}
