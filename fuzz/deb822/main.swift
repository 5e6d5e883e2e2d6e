// libFuzzer target: deb822 parsing (Deb822Document.parse), plain and clearsigned.
//
// Besides "never trap", it checks three properties and traps when one fails:
// - wrapping a document in a clearsign armour (dash-escaping as RFC 4880 does) gives the same fields;
// - serialising a parsed document (`text`) and parsing it again gives the same fields;
// - the byte entry point agrees with the text entry point on valid UTF-8.
import DebianFormats

func fields(_ document: Deb822Document) -> [[String]] {
    document.paragraphs.map { $0.fields.flatMap { [$0.name, $0.value] } }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let fromBytes = try? Deb822Document.parse(bytes: bytes, file: "fuzz")
    let text = String(decoding: bytes, as: UTF8.self)
    let plain = try? Deb822Document.parse(text, file: "fuzz")
    if let fromBytes {
        check(plain.map(fields) == fields(fromBytes), "bytes and text parse differently")
    }
    guard let plain else { return 0 }

    if !plain.isSigned {
        var armoured = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            armoured += (line.hasPrefix("-") ? "- " : "") + line + "\n"
        }
        armoured += "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----\n"
        do {
            let signed = try Deb822Document.parse(armoured, file: "fuzz")
            check(signed.isSigned, "armoured document not marked signed")
            check(fields(signed) == fields(plain), "armoured document parses differently")
        } catch {
            check(false, "armoured document fails to parse: \(error)")
        }
    }

    do {
        let again = try Deb822Document.parse(plain.text, file: "fuzz")
        check(fields(again) == fields(plain), "serialised document parses differently")
    } catch {
        check(false, "serialised document fails to parse: \(error)")
    }
    return 0
}
