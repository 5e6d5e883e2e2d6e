import ArgumentParser
import JSONOutput

/// Runs a call's body, turning any error into one `E: <message>` line on stderr and exit status 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Console.message("E", "\(error)")
        throw ExitCode(1)
    }
}

/// Prints an output value as JSON (stable key order) on stdout.
func printJSON(_ value: some Encodable) throws {
    Console.out(try OrderedJSONEncoder().encode(value) + "\n")
}
