import SystemCalls

extension Subprocess {
    /// ``Subprocess/run(_:environment:inheritOutput:)`` for Port's callers: a program that cannot be started is
    /// a ``PortError`` (keeping the system call's error).
    static func port(_ arguments: [String], environment: [String: String] = [:],
                     inheritOutput: Bool = false) throws(PortError) -> Result {
        do {
            return try run(arguments, environment: environment, inheritOutput: inheritOutput)
        } catch {
            throw PortError("cannot run '\(arguments.first ?? "")': \(error.message)")
        }
    }
}
