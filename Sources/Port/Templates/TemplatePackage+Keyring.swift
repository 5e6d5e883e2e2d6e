extension TemplatePackage {
    /// Where the keyring package installs its files.
    public enum KeyringPaths {
        /// `/usr/share/keyrings/<identity>-archive-keyring.gpg` (the key, dearmored: APT's `signed-by`).
        public static func key(_ identity: String) -> String { "/usr/share/keyrings/\(identity)-archive-keyring.gpg" }
        /// `/usr/share/<identity>-archive-keyring/sources.list.d/<identity>.list`: an example, not enabled.
        public static func sourcesList(_ identity: String) -> String {
            "/usr/share/\(identity)-archive-keyring/sources.list.d/\(identity).list"
        }
        /// `/etc/dput.d/profiles/<target>.json` (dput-ng reads profiles from there).
        public static func dputProfile(_ target: String) -> String { "/etc/dput.d/profiles/\(target).json" }
    }

    /// `<identity>-archive-keyring`: the instance's public key (dearmored), the APT lines of its repositories
    /// and its dput-ng profile, installed under ``KeyringPaths``.
    /// - Parameters:
    ///   - key: the OpenPGP public key, binary (`gpg --export`, or `gpg --dearmor` of the armored export).
    ///   - sourcesList: the `sources.list` text (`debwork sources_list`).
    ///   - dputTarget: the dput-ng profile's name; `dputProfile` its JSON.
    public static func keyring(identity: String, key: [UInt8], sourcesList: String, dputTarget: String,
                               dputProfile: String) -> TemplatePackage {
        let name = "\(identity)-archive-keyring"
        func directory(_ path: String) -> String { String(path.dropFirst().split(separator: "/").dropLast().joined(separator: "/")) + "/" }
        let install = [
            "\(name).gpg \(directory(KeyringPaths.key(identity)))",
            "\(identity).list \(directory(KeyringPaths.sourcesList(identity)))",
            "\(dputTarget).json \(directory(KeyringPaths.dputProfile(dputTarget)))",
        ].joined(separator: "\n") + "\n"
        return TemplatePackage(
            name: name, architecture: "all",
            synopsis: "archive keyring of the \(identity) mini-buildd instance",
            longDescription: "The OpenPGP key that signs the \(identity) repositories (\(KeyringPaths.key(identity))), "
                + "example APT lines using it and the dput-ng profile '\(dputTarget)'.",
            // mini-buildd: `debchange --create --package <name> --newversion <stamp> "Automatic keyring package for archive '<id>'."`
            changelogItem: "Automatic keyring package for archive '\(identity)'.",
            files: [
                File("debian/install", install),
                File("\(name).gpg", key),
                File("\(identity).list", sourcesList),
                File("\(dputTarget).json", dputProfile.hasSuffix("\n") ? dputProfile : dputProfile + "\n"),
            ])
    }
}
