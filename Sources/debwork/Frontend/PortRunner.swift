import MiniBuildd
import Port

/// What `port` and `port_ext` do after their arguments are resolved: build the request, write, report.
enum PortRunner {
    static func run(dscPath: String, targets: [String], mode: PortMode, source: String, version: String,
                    options portOptions: PortOptions, codeversions: [String: String], service: PortService,
                    global: GlobalOptions) throws {
        let results = try write(dscPath: dscPath, targets: targets, mode: mode, source: source, version: version,
                                options: portOptions, codeversions: codeversions, service: service)
        try report(results, options: portOptions, global: global)
    }

    /// Plans (warnings on stderr) and writes every target's upload; prints nothing else.
    static func write(dscPath: String, targets: [String], mode: PortMode, source: String, version: String,
                      options portOptions: PortOptions, codeversions: [String: String], service: PortService,
                      outputDirectory: String? = nil) throws -> [PortResult] {
        let options = try BuildOptions(portOptions.options)
        for warning in options.warnings { Console.err("W: \(warning)\n") }
        let request = PortRequest(
            dscPath: dscPath, targets: targets, mode: mode, options: options,
            porter: try Porter.identity(environment: Environment.get),
            timestamp: try Porter.timestamp(environment: Environment.get),
            outputDirectory: outputDirectory ?? portOptions.outputDir ?? PortRequest.defaultOutputDirectory(source: source, version: version),
            force: portOptions.force, signKey: portOptions.signKey, codeversions: codeversions)
        let plans = try service.plan(request)
        for plan in plans {
            for warning in plan.warnings { Console.err("W: \(warning)\n") }
        }
        return try service.run(request).results
    }

    /// Prints the results (text or JSON) and uploads them when `--upload` was given.
    static func report(_ results: [PortResult], options portOptions: PortOptions, global: GlobalOptions) throws {
        if global.json {
            try printJSON(results)
        } else {
            Console.out(text(results, uploadTarget: portOptions.upload))
        }
        if let target = portOptions.upload {
            for result in results { try PortUploader.upload(target: target, changes: result.changes) }
        }
    }

    static func text(_ results: [PortResult], uploadTarget: String?) -> String {
        var out = ""
        for result in results {
            out += "\(result.source) \(result.version) -> \(result.distribution)\n"
            out += "  folder:  \(result.directory)\n"
            out += "  changes: \(result.changes)\n"
            out += result.signed ? "  signed:  yes\n" : "  signed:  no (unsigned upload; use --sign-key or debsign before uploading)\n"
            if uploadTarget == nil {
                out += "  upload:  " + PortUploader.command(target: "<target>", changes: result.changes).joined(separator: " ") + "\n"
            }
        }
        return out
    }
}
