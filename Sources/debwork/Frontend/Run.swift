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

/// Prints an output value as JSON (stable key order) on stdout; in the mini-buildd-api form exactly as
/// Python's `json.dumps(indent=2)` prints it.
func printJSON(_ value: some Encodable) throws {
    if OutputForm.current == .api {
        Console.out(try OrderedJSONEncoder.value(of: value).serializedAsPython() + "\n")
    } else {
        Console.out(try OrderedJSONEncoder().encode(value) + "\n")
    }
}

/// Prints a call's text result as mini-buildd-api prints a str result: as it is (`print` adds the newline the
/// text already ends with in debwork), or JSON-quoted with `-J`.
func printText(_ text: String, json: Bool) throws {
    if json {
        var body = text
        if body.hasSuffix("\n") { body.removeLast() }
        try printJSON(JSONValue.string(body))
    } else {
        Console.out(text)
    }
}
