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

/// Prints a call's result on stdout: its JSON rendering when `json` (`-J`, or the mini-buildd-api form for dict
/// and list results), else its text. The one place a result becomes output.
func printOutput(_ output: some CallOutput, json: Bool) throws {
    if let streamed = output.streamed {
        var pending = ""
        func write(_ piece: String) {
            pending += piece
            if pending.utf8.count >= 1 << 20 {
                Console.out(pending)
                pending = ""
            }
        }
        if json {
            try streamed.writeJSON(python: OutputForm.current == .api, write)
            write("\n")
        } else {
            try streamed.writeText(write)
        }
        Console.out(pending)
        return
    }
    if json {
        try printJSON(output.renderJSON())
        return
    }
    switch output.renderText() {
    case .text(let text): Console.out(text)
    case .bytes(let bytes, let keeping): Console.out(bytes: bytes, keeping: keeping)
    }
}

/// Values left for the process's end to reclaim: a listing printed just before the call returns is not freed
/// string by string (9,061 hits of `search --path gcc-12`: 4.6 M of its 104.6 M instructions). Only for results a
/// call has printed and is about to return from.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) { values.append(value) }
}

/// Prints a JSON document on stdout (stable key order); in the mini-buildd-api form exactly as Python's
/// `json.dumps(indent=2)` prints it.
func printJSON(_ value: JSONValue) {
    // Written as it is serialized, a megabyte at a time: a long document is not also one string. The last piece goes
    // out with the newline, so a document shorter than a piece is one write, as before (`debwork-api ls x | head -1`
    // must not meet a closed pipe on a second write).
    var last: String?
    value.write(python: OutputForm.current == .api) { piece in
        if let last { Console.out(last) }
        last = piece
    }
    Console.out((last ?? "") + "\n")
}

/// Prints a str result as mini-buildd-api does: `print(result)` (the text and one newline), or with `-J`
/// `json.dumps(result)`.
func printAPIString(_ result: String, json: Bool) {
    if json {
        printJSON(JSONValue.string(result))
    } else {
        Console.out(result + "\n")
    }
}
