import ConfigurationFile
import MiniBuildd
import Port
import Query

/// What `port` and `port_ext` do after their arguments are resolved: build the request, write, report.
enum PortRunner {
    static func run(dscPath: String, targets: [String], mode: PortMode, source: String, version: String,
                    options portOptions: PortOptions, configuration: Configuration, service: PortService,
                    global: GlobalOptions) throws {
        let results = try port(dscPath: dscPath, targets: targets, mode: mode, source: source, version: version,
                               options: portOptions, outputDirectory: portOptions.outputDir,
                               configuration: configuration, service: service)
        try report(results, options: portOptions, global: global)
    }

    /// Builds the request, prints the target warnings on stderr, writes every target's upload.
    static func port(dscPath: String, targets: [String], mode: PortMode, source: String, version: String,
                     options portOptions: PortOptions, outputDirectory: String?, configuration: Configuration,
                     service: PortService) throws -> [PortResult] {
        let options = try BuildOptions(portOptions.options)
        for warning in options.warnings { Console.message("W", "\(warning)") }
        let request = PortRequest(
            dscPath: dscPath, targets: targets, mode: mode, options: options,
            porter: try Porter.identity(flag: portOptions.maintainer, environment: Environment.get,
                                        configured: configuration.maintainer),
            timestamp: try Porter.timestamp(environment: Environment.get),
            outputDirectory: outputDirectory ?? PortRequest.defaultOutputDirectory(source: source, version: version),
            force: portOptions.force, signKey: portOptions.signKey ?? configuration.signKey,
            codeversions: configuration.codeversions)
        let plans = try service.plan(request)
        for plan in plans {
            for warning in plan.warnings { Console.message("W", "\(warning)") }
        }
        return try service.run(request).results
    }

    /// Prints the results (JSON list or summary) and runs dput when `--upload` asks for it.
    static func report(_ results: [PortResult], options portOptions: PortOptions, global: GlobalOptions) throws {
        try printOutput(PortResults(results, uploadTarget: portOptions.upload), json: global.wantsJSON)
        if let target = portOptions.upload {
            for result in results { try PortUploader.upload(target: target, changes: result.changes) }
        }
    }
}
