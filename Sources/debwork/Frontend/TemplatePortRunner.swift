import Port

/// What `test_packages` and `keyring_packages` share: generate each template with a date-stamp version,
/// then port_ext it (unsigned input: debwork wrote it) to every target.
enum TemplatePortRunner {
    static func run(_ templates: [TemplatePackage], targets: [String], settings: ConfigurationOptions,
                    port: PortOptions, global: GlobalOptions) throws {
        let configuration = try settings.load()
        let timestamp = try Porter.timestamp(environment: Environment.get)
        let writer = TemplateWriter(version: TemplateWriter.dateVersion(timestamp),
                                    maintainer: try Porter.identity(flag: port.maintainer, environment: Environment.get,
                                                                    configured: configuration.maintainer),
                                    timestamp: timestamp)
        var results: [PortResult] = []
        for template in templates {
            let folder = "\(template.name)_\(writer.version)"
            results += try writer.withGenerated(template) { dsc in
                try PortRunner.port(dscPath: dsc, targets: targets, mode: .external(from: "file://" + dsc), source: template.name,
                                    version: writer.version, options: port,
                                    outputDirectory: (port.outputDir ?? "ports") + "/" + folder,
                                    configuration: configuration, service: PortService(layout: configuration.layout))
            }
        }
        // One report (one JSON list) for every package.
        try PortRunner.report(results, options: port, global: global)
    }
}
