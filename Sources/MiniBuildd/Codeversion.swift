/// mini-buildd's codeversion of a codename: the release's major number (bookworm → 12; Debian up to
/// squeeze major+minor, squeeze → 60; Ubuntu YYMM, noble → 2404); a codename without a release number
/// (sid) gives `~` + the uppercased codename.
public enum Codeversion {
    /// Debian codenames, buzz to forky.
    public static let debian: [(codename: String, version: String)] = [
        ("buzz", "11"), ("rex", "12"), ("bo", "13"), ("hamm", "20"), ("slink", "21"), ("potato", "22"),
        ("woody", "30"), ("sarge", "31"), ("etch", "40"), ("lenny", "50"), ("squeeze", "60"), ("wheezy", "7"),
        ("jessie", "8"), ("stretch", "9"), ("buster", "10"), ("bullseye", "11"), ("bookworm", "12"),
        ("trixie", "13"), ("forky", "14"),
    ]

    /// Ubuntu codenames by YYMM.
    public static let ubuntu: [(codename: String, version: String)] = [
        ("warty", "410"), ("hoary", "505"), ("breezy", "510"), ("dapper", "606"), ("edgy", "610"),
        ("feisty", "704"), ("gutsy", "710"), ("hardy", "804"), ("intrepid", "810"), ("jaunty", "904"),
        ("karmic", "910"), ("lucid", "1004"), ("maverick", "1010"), ("natty", "1104"), ("oneiric", "1110"),
        ("precise", "1204"), ("quantal", "1210"), ("raring", "1304"), ("saucy", "1310"), ("trusty", "1404"),
        ("utopic", "1410"), ("vivid", "1504"), ("wily", "1510"), ("xenial", "1604"), ("yakkety", "1610"),
        ("zesty", "1704"), ("artful", "1710"), ("bionic", "1804"), ("cosmic", "1810"), ("disco", "1904"),
        ("eoan", "1910"), ("focal", "2004"), ("groovy", "2010"), ("hirsute", "2104"), ("impish", "2110"),
        ("jammy", "2204"), ("kinetic", "2210"), ("lunar", "2304"), ("mantic", "2310"), ("noble", "2404"),
        ("oracular", "2410"), ("plucky", "2504"), ("questing", "2510"),
    ]

    /// The codeversion of `codename`; `overrides` (from configuration) win over the built-in tables.
    public static func of(_ codename: String, overrides: [String: String] = [:]) -> String {
        if let override = overrides[codename] { return override }
        if let known = (debian + ubuntu).first(where: { $0.codename == codename }) { return known.version }
        return "~" + codename.uppercased()
    }
}
