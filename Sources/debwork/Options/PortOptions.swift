import ArgumentParser
import MiniBuildd

/// Flags `port` and `port_ext` share.
struct PortOptions: ParsableArguments {
    @Option(name: [.customShort("O"), .customLong("options")],
            help: "mini-buildd build options, '|'-separated.")
    var options: String = BuildOptions.defaultText

    @Option(name: .long, help: ArgumentHelp(
        "Output directory; one folder per target under it (default: ./ports/<source>_<version-without-epoch>).",
        valueName: "dir"))
    var outputDir: String?

    @Flag(name: .long, help: "Replace target folders that already exist.")
    var force = false

    @Option(name: .long, help: ArgumentHelp(
        "The porter, 'Name <email>' (default: DEBFULLNAME <DEBEMAIL>, else the configuration's port.maintainer).",
        valueName: "identity"))
    var maintainer: String?

    @Option(name: .long, help: ArgumentHelp(
        "Clearsign .dsc and .changes with this GnuPG key (default: the configuration's port.sign_key; GNUPGHOME is honoured).",
                                            valueName: "keyid"))
    var signKey: String?

    @Option(name: .long, help: ArgumentHelp("Run 'dput TARGET CHANGES' for every written upload.", valueName: "target"))
    var upload: String?
}
