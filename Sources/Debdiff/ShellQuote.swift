/// Quotes a word for the `diff` header line as GNU diff does for its own arguments (shell style).
enum ShellQuote {
    static func quote(_ word: String) -> String {
        let safe = word.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "%+,-./:=@_^".utf8.contains(byte)
        }
        if safe && !word.isEmpty { return word }
        var quoted = "'"
        for character in word {
            quoted += character == "'" ? "'\\''" : String(character)
        }
        return quoted + "'"
    }
}
