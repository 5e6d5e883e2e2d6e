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

/// Prints a str result as mini-buildd-api does: `print(result)` (the text and one newline), or with `-J`
/// `json.dumps(result)`.
func printAPIString(_ result: String, json: Bool) throws {
    if json {
        try printJSON(JSONValue.string(result))
    } else {
        Console.out(result + "\n")
    }
}
