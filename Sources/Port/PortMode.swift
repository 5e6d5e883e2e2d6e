/// How the new version is derived (mini-buildd's three kinds of port).
public enum PortMode: Sendable, Hashable {
    /// `port` from another distribution of the instance: that distribution's appendix is replaced.
    case internalPort(from: String)
    /// `port` with FROM == TO: `+rebuilt<UTC stamp>` is put on the version.
    case rebuild
    /// `port_ext`: the target's default appendix is appended; `from` (the .dsc URL or path) goes into the
    /// changelog.
    case external(from: String)
}
